import Synchronization

/// A cell's text as a plain value with no reference to count: up to 15 bytes of UTF-8 inline (every kana and kanji,
/// most emoji, a letter with several marks), a longer grapheme cluster (an emoji ZWJ family, say) as its number in
/// a table kept for the process. So a canvas of them copies as plain memory, and two cells compare as two words
/// unless their texts differ.
///
/// Equality is the text's (`String`'s, canonical equivalence included): identical bits are equal at once, and
/// only two texts that differ in their bytes and are not both ASCII are compared as strings.
struct Glyph: Hashable, Sendable {
  /// Bytes 0 to 7 of the UTF-8, little end first; for a long text, its number in `Glyph.long`.
  private var low: UInt64
  /// Bytes 8 to 14 in the low 56 bits; the top byte is the count (0...15), or `Glyph.longMark` for a long text.
  private var high: UInt64

  private static let longMark: UInt64 = 0xFF
  private static let asciiMask: UInt64 = 0x8080_8080_8080_8080

  static let space = Glyph(" ")
  static let empty = Glyph("")

  init(_ text: String) {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count: UInt64 = 0
    for byte in text.utf8 {
      if count == 15 {
        self = Glyph.interned(text)
        return
      }
      if count < 8 { low |= UInt64(byte) << (count * 8) } else { high |= UInt64(byte) << ((count - 8) * 8) }
      count += 1
    }
    self.low = low
    self.high = high | count << 56
  }

  init(_ character: Character) {
    self.init(String(character))
  }

  private init(low: UInt64, high: UInt64) {
    self.low = low
    self.high = high
  }

  private var isLong: Bool { high >> 56 == Glyph.longMark }

  /// Inline and nothing but ASCII: two such glyphs are equal exactly when their bits are.
  private var isASCII: Bool { !isLong && (low | high & 0x00FF_FFFF_FFFF_FFFF) & Glyph.asciiMask == 0 }

  /// The text, as it was given.
  var string: String {
    if isLong { return Glyph.long.withLock { $0.texts[Int(low)] } }
    let count = Int(high >> 56)
    if count == 0 { return "" }
    var words = (low, high)
    return withUnsafeBytes(of: &words) { String(decoding: $0.prefix(count), as: UTF8.self) }
  }

  /// A single space, the commonest text of all.
  var isSpace: Bool { low == 0x20 && high == 1 << 56 }

  static func == (lhs: Glyph, rhs: Glyph) -> Bool {
    if lhs.low == rhs.low && lhs.high == rhs.high { return true }
    if lhs.isASCII && rhs.isASCII { return false }
    return lhs.string == rhs.string
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(string)
  }

  /// The texts too long to keep inline, each once (a screen shows few, and the same ones again and again), found
  /// by their bytes so that each comes back exactly as it was given.
  private struct LongTexts {
    var texts: [String] = []
    var numbers: [[UInt8]: Int] = [:]
  }

  private static let long = Mutex(LongTexts())

  private static func interned(_ text: String) -> Glyph {
    let bytes = Array(text.utf8)
    let number = long.withLock { table -> Int in
      if let number = table.numbers[bytes] { return number }
      table.texts.append(text)
      table.numbers[bytes] = table.texts.count - 1
      return table.texts.count - 1
    }
    return Glyph(low: UInt64(number), high: longMark << 56)
  }
}
