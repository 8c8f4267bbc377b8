import Glibc
import Testing

@testable import HokuLinkUI

/// glibc's `wcwidth` in the C.UTF-8 locale, the width ncurses and tmux count with.
private func glibcWidth(_ scalars: [Unicode.Scalar]) -> [Int32] {
  typealias WCWidth = @convention(c) (Int32) -> Int32
  // `uselocale` is `setlocale(LC_ALL, "C.UTF-8")` for this thread only (wcwidth reads LC_CTYPE alone),
  // so tests running beside this one keep their locale.
  guard let locale = newlocale(1 << LC_CTYPE, "C.UTF-8", nil), let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth")
  else { return [] }
  let previous = uselocale(locale)
  defer {
    uselocale(previous)
    freelocale(locale)
  }
  let wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
  return scalars.map { wcwidth(Int32(bitPattern: $0.value)) }
}

@Suite struct DisplayWidthTests {
  @Test func sampleCharactersMeasureAsGlibcDoes() throws {
    let sample: [Unicode.Scalar] = [
      "山", "田", "あ", "ア", "ー", "ｱ", "ﾞ", "\u{301}", "\u{3099}", "😀", "👍", "Ａ", "Ｂ", "１", "─", "│", "╭",
      "a", "Z", "1", "●", "※", "×", "\u{3000}", "、", "。", "\u{200B}", "\u{AD}", "€", "ㇰ", "가", "\u{1160}",
    ]
    let expected = glibcWidth(sample)
    try #require(expected.count == sample.count)
    for (scalar, width) in zip(sample, expected) {
      #expect(DisplayWidth.of(scalar) == Int(width), "U+\(String(scalar.value, radix: 16, uppercase: true))")
    }
  }

  @Test func everyAssignedCharacterOfTheBlocksWeDrawMeasuresAsGlibcDoes() throws {
    let blocks: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0xA0...0x2FF, 0x300...0x36F, 0x2000...0x206F, 0x2190...0x21FF, 0x2500...0x25FF,
      0x2600...0x27BF, 0x3000...0x30FF, 0x3400...0x3500, 0x4E00...0x5000, 0xAC00...0xAD00, 0xFF00...0xFFEF,
      0x1F300...0x1F64F, 0x1F900...0x1F9FF,
    ]
    let scalars = blocks.flatMap { $0 }.compactMap(Unicode.Scalar.init).filter {
      $0.properties.generalCategory != .unassigned
    }
    let expected = glibcWidth(scalars)
    try #require(expected.count == scalars.count)
    let wrong = zip(scalars, expected).filter { $1 >= 0 && DisplayWidth.of($0) != Int($1) }
    #expect(wrong.isEmpty, "\(wrong.prefix(5).map { String($0.0.value, radix: 16) })")
  }

  @Test func fullWidthLettersAndKanjiTakeTwoCells() {
    #expect(DisplayWidth.of("ＡＢ") == 4)
    #expect(DisplayWidth.of("山田太郎") == 8)
    #expect(DisplayWidth.of("ｱｲｳ") == 3)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("😀") == 2)
  }

  /// `isWide` binary-searches the table, which holds only while it is sorted and its ranges do not overlap.
  @Test func theWideRangesAreSortedAndDisjoint() {
    let ranges = DisplayWidth.wideRanges
    for (earlier, later) in zip(ranges, ranges.dropFirst()) {
      #expect(earlier.lower <= earlier.upper && earlier.upper < later.lower, "\(earlier) then \(later)")
    }
    #expect(ranges.first.map { $0.lower >= 0x1100 } == true)
  }
}
