/// What may reach the screen. Text from a person, a mail or the store is drawn through this, so control
/// characters (C0, C1, DEL), escape sequences and bidi overrides can never move or recolour the terminal.
public enum SafeText {
  /// The character as it may be drawn: controls become U+FFFD, bidi controls vanish into a visible mark.
  public static func displayable(_ character: Character) -> Character {
    for scalar in character.unicodeScalars where isUnsafe(scalar) {
      return "\u{FFFD}"
    }
    return character
  }

  /// The whole string made safe to draw.
  public static func displayable(_ text: String) -> String {
    String(text.map { displayable($0) })
  }

  /// Control characters, DEL, C1 controls, the bidi embedding/override/isolate controls and the Unicode
  /// line/paragraph separators.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
    case 0x2028, 0x2029: return true  // line and paragraph separators: a line break in disguise
    default: return false
    }
  }
}
