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
