import CNcursesw
import HokuLinkUI

/// Turns what `get_wch` returned into a `Key`. Pure, so it is tested without a terminal.
public enum KeyDecoder {
  /// `isKeyCode` is true when get_wch returned KEY_CODE_YES (a function key), else `value` is a character.
  public static func decode(isKeyCode: Bool, value: UInt32) -> Key? {
    if isKeyCode { return decodeCode(Int32(bitPattern: value)) }
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 96)))
    case 0, 28...31, 0x80...0x9F: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .character(Character(scalar))
    }
  }

  static func decodeCode(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
    default: return nil
    }
  }
}

/// Escape sequences that reach the app undecoded: ncurses knows only the keys of the terminfo entry TERM names,
/// but tmux, screen, PuTTY, rxvt and the Linux console each send their own Home, End, Delete, PageUp and
/// PageDown. Pure, so each encoding is tested without a terminal. A whole sequence the app does not know
/// (ESC[99~, F13) is swallowed: it must never read as Esc followed by typing.
public enum EscapeSequence {
  /// The longest sequence read; anything longer is dropped as noise.
  public static let maximumLength = 16

  /// Whether `body`, what followed ESC so far, is a whole sequence (or plainly not one, when it does not start
  /// with `[` or `O`).
  public static func isComplete(_ body: [Unicode.Scalar]) -> Bool {
    guard let first = body.first else { return false }
    switch first {
    case "[":
      // The Linux console's F1–F5 are ESC [ [ A … E: one letter after the second bracket.
      if body.count >= 2 && body[1] == "[" { return body.count >= 3 }
      guard body.count >= 2, let last = body.last else { return false }
      return (0x40...0x7E).contains(last.value)
    case "O":
      return body.count >= 2
    default:
      return true
    }
  }

  /// Whether `body` starts a sequence at all (else ESC was the Esc key, and what follows is typed on its own).
  public static func isSequence(_ body: [Unicode.Scalar]) -> Bool {
    body.first == "[" || body.first == "O"
  }

  /// The key a whole sequence stands for, or nil when the app does not know it (it then does nothing).
  public static func decode(_ body: [Unicode.Scalar]) -> Key? {
    guard isSequence(body), isComplete(body), let final = body.last else { return nil }
    if body.first == "O" {
      switch final {
      case "A": return .up
      case "B": return .down
      case "C": return .right
      case "D": return .left
      case "H": return .home
      case "F": return .end
      case "M": return .enter
      case "P": return .function(1)
      case "Q": return .function(2)
      case "R": return .function(3)
      case "S": return .function(4)
      default: return nil
      }
    }
    let parameters = String(String.UnicodeScalarView(body.dropFirst().dropLast()))
    if parameters == "[" {
      // Linux console F1–F5.
      guard let index = "ABCDE".unicodeScalars.firstIndex(of: final) else { return nil }
      return .function("ABCDE".unicodeScalars.distance(from: "ABCDE".unicodeScalars.startIndex, to: index) + 1)
    }
    // Parameters are digits and `;` only; a modifier (`1;5H`, Ctrl-Home) does not change what the key does here.
    guard parameters.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") }) else { return nil }
    let fields = parameters.split(separator: ";", omittingEmptySubsequences: false)
    let number = fields.first.flatMap { Int($0) }
    switch final {
    case "A": return .up
    case "B": return .down
    case "C": return .right
    case "D": return .left
    case "H": return .home
    case "F": return .end
    case "Z": return .backTab
    case "~":
      switch number {
      case 1, 7: return .home  // VT220 / tmux / screen / PuTTY / Linux; rxvt
      case 4, 8: return .end
      case 3: return .delete
      case 5: return .pageUp
      case 6: return .pageDown
      case 11, 12, 13, 14, 15: return .function(number.map { $0 - 10 } ?? 1)  // rxvt, PuTTY F1–F5
      case 17, 18, 19, 20, 21: return .function(number.map { $0 - 11 } ?? 6)  // F6–F10
      case 23, 24: return .function(number.map { $0 - 12 } ?? 11)  // F11, F12
      default: return nil  // Insert, F13 and beyond, and whatever else: nothing
      }
    default:
      return nil
    }
  }

  /// The sequences handed to ncurses' `define_key` at start, so that it decodes them whatever TERM says.
  public static let common: [(sequence: String, key: Key)] = [
    ("\u{1B}[1~", .home), ("\u{1B}[7~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home),
    ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end),
    ("\u{1B}[3~", .delete), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
  ]
}
