import Foundation

/// The character-level clean-ups the rules share. Each works on Unicode scalars, because half-width
/// voiced marks (ﾞﾟ) join the previous scalar into one Swift `Character`.
enum TextCleaning {
  /// The length a limit counts: what is seen (Characters) and what is stored (Unicode scalars after NFC), whichever
  /// is larger, so 北 followed by hundreds of combining marks is one character seen but far too long stored.
  static func limitLength(_ text: String) -> Int {
    max(text.count, text.precomposedStringWithCanonicalMapping.unicodeScalars.count)
  }

  /// Removes C0 controls, DEL, C1 controls, bidi controls and whole terminal escape sequences, so none of
  /// them reaches the store or the screen. Removing the whole sequence keeps "\e[31m" from leaving "[31m".
  static func removingUnsafe(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      switch scalar.value {
      case 0x1B:
        skipEscapeSequence(&scalars)
      case 0x9B:
        skipControlSequenceBody(&scalars)
      case 0x90, 0x9D, 0x9E, 0x9F:
        skipStringBody(&scalars)
      default:
        if !isUnsafe(scalar) { out.append(scalar) }
      }
    }
    return String(out)
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
    default: return false
    }
  }

  /// After ESC: CSI (ESC [), OSC/DCS/PM/APC strings (ESC ] P ^ _), or a single following character.
  private static func skipEscapeSequence(_ scalars: inout ArraySlice<Unicode.Scalar>) {
    guard let next = scalars.popFirst() else { return }
    switch next {
    case "[": skipControlSequenceBody(&scalars)
    case "]", "P", "^", "_", "X": skipStringBody(&scalars)
    default:
      // Intermediate bytes (0x20–0x2F) precede the final byte of a two-character escape.
      var current = next
      while (0x20...0x2F).contains(current.value), let following = scalars.popFirst() { current = following }
    }
  }

  /// CSI parameters and intermediates up to and including the final byte (0x40–0x7E).
  private static func skipControlSequenceBody(_ scalars: inout ArraySlice<Unicode.Scalar>) {
    // Peek first: a character that cannot be part of the sequence ends it and is kept.
    while let scalar = scalars.first, (0x20...0x7E).contains(scalar.value) {
      scalars.removeFirst()
      if (0x40...0x7E).contains(scalar.value) { return }
    }
  }

  /// Strings end with BEL, ST (ESC \) or C1 ST.
  private static func skipStringBody(_ scalars: inout ArraySlice<Unicode.Scalar>) {
    while let scalar = scalars.popFirst() {
      switch scalar.value {
      case 0x07, 0x9C: return
      case 0x1B:
        if scalars.first == "\\" { scalars.removeFirst() }
        return
      default: continue
      }
    }
  }

  /// Maps every scalar through `transform`; a nil result keeps the scalar.
  static func mappingScalars(_ text: String, _ transform: (Unicode.Scalar) -> Unicode.Scalar?) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { out.append(transform(scalar) ?? scalar) }
    return String(out)
  }

  /// ０-９ to 0-9.
  static func halfWidthDigits(_ text: String) -> String {
    mappingScalars(text) { scalar in
      (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30) : nil
    }
  }

  /// Full-width ASCII (！ to ～) to ASCII, and the ideographic space to a space.
  static func halfWidthASCII(_ text: String) -> String {
    mappingScalars(text) { scalar in
      switch scalar.value {
      case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFF01 + 0x21)
      case 0x3000: return " "
      default: return nil
      }
    }
  }

  /// ASCII (! to ~) to full-width, and a space to the ideographic space.
  static func fullWidthASCII(_ text: String) -> String {
    mappingScalars(text) { scalar in
      switch scalar.value {
      case 0x21...0x7E: return Unicode.Scalar(scalar.value - 0x21 + 0xFF01)
      case 0x20: return "\u{3000}"
      default: return nil
      }
    }
  }

  /// An ASCII space to the ideographic space (names typed with a half-width space between family and given name).
  static func fullWidthSpaces(_ text: String) -> String {
    mappingScalars(text) { $0 == " " ? "\u{3000}" : nil }
  }

  /// Dash look-alikes people type in numbers (full-width hyphen, minus, long-vowel mark, dashes) to "-".
  static func asciiHyphens(_ text: String) -> String {
    mappingScalars(text) { scalar in
      switch scalar.value {
      case 0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFF70: return "-"
      default: return nil
      }
    }
  }

  static func isASCIIDigit(_ character: Character) -> Bool {
    character.isASCII && character.isNumber
  }

  /// A character that takes one terminal cell: what the full-width-only fields refuse.
  static func isHalfWidth(_ character: Character) -> Bool {
    character.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x20...0x7E: return true  // ASCII
      case 0xA0...0x24F: return true  // Latin-1 and Latin Extended letters and signs
      case 0xFF61...0xFFDC, 0xFFE8...0xFFEE: return true  // half-width katakana, hangul and forms
      default: return false
      }
    }
  }

  /// Spaces (half and full width) removed from both ends.
  static func trimmingSpaces(_ text: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" }
    guard let first = text.firstIndex(where: { !isSpace($0) }),
      let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[first...last])
  }
}
