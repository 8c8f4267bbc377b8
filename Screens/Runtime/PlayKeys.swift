import HokuLinkUI

/// The key names a script may use with `key NAME`.
public enum PlayKeys {
  public static func key(named name: String) -> Key? {
    switch name.lowercased() {
    case "tab": return .tab
    case "shift-tab", "backtab": return .backTab
    case "enter", "return": return .enter
    case "esc", "escape": return .escape
    case "up": return .up
    case "down": return .down
    case "left": return .left
    case "right": return .right
    case "home": return .home
    case "end": return .end
    case "space": return .character(" ")
    case "backspace": return .backspace
    case "delete": return .delete
    case "pageup": return .pageUp
    case "pagedown": return .pageDown
    default: break
    }
    let lower = name.lowercased()
    if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
      return .function(number)
    }
    if lower.hasPrefix("ctrl-"), lower.count == 6, let letter = lower.last, letter >= "a", letter <= "z" {
      return .control(letter)
    }
    return nil
  }
}
