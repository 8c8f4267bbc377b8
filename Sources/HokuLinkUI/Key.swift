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

extension Key {
  /// The key a script's `key NAME` line names (case-insensitive): Tab, Shift-Tab, Enter, Esc, Up, Down, Left,
  /// Right, Home, End, PageUp, PageDown, Backspace, Delete, Space, F1…F12, Ctrl-A…Ctrl-Z. Nil for anything else.
  public init?(scriptName: String) {
    let name = scriptName.lowercased()
    let named: [String: Key] = [
      "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "enter": .enter, "return": .enter, "esc": .escape,
      "escape": .escape, "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
      "pageup": .pageUp, "pagedown": .pageDown, "backspace": .backspace, "delete": .delete, "space": .character(" "),
    ]
    if let key = named[name] {
      self = key
    } else if name.hasPrefix("f"), let number = Int(name.dropFirst()), (1...12).contains(number) {
      self = .function(number)
    } else if name.hasPrefix("ctrl-"), name.count == 6, let letter = name.last, ("a"..."z").contains(letter) {
      self = .control(letter)
    } else {
      return nil
    }
  }
}
