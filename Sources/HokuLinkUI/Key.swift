/// One input event, as the terminal layer (or a script) delivers it to the app.
public enum Key: Hashable, Sendable {
  /// A printable character that was typed.
  case character(Character)
  /// Text that arrived between bracketed-paste markers: never a command, even when it holds a newline.
  case paste(String)
  case enter, tab, backTab, escape, backspace, delete
  case up, down, left, right, home, end, pageUp, pageDown
  /// F1…F12.
  case function(Int)
  /// Ctrl-A…Ctrl-Z, as the lowercase letter.
  case control(Character)
  /// A mouse button press at a cell of the screen.
  case click(x: Int, y: Int)
  case scrollUp, scrollDown
  /// The terminal changed size; the new size is in the event.
  case resize(width: Int, height: Int)
}
