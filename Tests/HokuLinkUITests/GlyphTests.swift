import Testing

@testable import HokuLinkUI

/// A cell keeps its text as a compact `Glyph`: every text comes back exactly, and equality stays `String`'s.
@Suite struct GlyphTests {
  static let texts: [String] = [
    "", " ", "a", "~", "é", "e\u{301}", "山", "ｶ", "ア", "─", "╭", "\u{FFFD}",
    "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}",  // 15 bytes: the most kept inline
    "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}",  // 17 bytes: kept in the table
    "👍", "👍🏽", "🇯🇵", "1️⃣", "👩‍💻", "❤️",
    "👨‍👩‍👧‍👦", "👩🏽‍❤️‍💋‍👨🏻", "🏳️‍🌈", "🧑🏻‍🤝‍🧑🏿",
  ]

  @Test func everyTextComesBackExactly() {
    for text in Self.texts {
      let cell = Cell(text: text, style: Style(foreground: .red))
      #expect(Array(cell.text.utf8) == Array(text.utf8), "\(text.unicodeScalars.map { $0.value })")
      #expect(Array(cell.text.unicodeScalars) == Array(text.unicodeScalars))
      var changed = Cell()
      changed.text = text
      #expect(Array(changed.text.utf8) == Array(text.utf8))
    }
  }

  @Test func equalityIsTheTextsAndTheHashAgrees() {
    for a in Self.texts {
      for b in Self.texts {
        #expect((Cell(text: a) == Cell(text: b)) == (a == b), "\(a) \(b)")
        if a == b { #expect(Cell(text: a).hashValue == Cell(text: b).hashValue) }
      }
    }
    // Canonically equivalent texts are equal, as `String` has them, though each keeps its own bytes.
    #expect(Cell(text: "é") == Cell(text: "e\u{301}"))
    #expect(Cell(text: "e\u{301}").text.unicodeScalars.count == 2)
    #expect(Cell(text: "a") != Cell(text: "a", style: Style(bold: true)))
    #expect(Cell(text: "", isContinuation: true) != Cell(text: ""))
    #expect(Set(Self.texts.map { Cell(text: $0) }).count == Set(Self.texts).count)
  }

  @Test func wideCharactersMarksAndEmojiSequencesGoThroughACanvas() {
    var canvas = Canvas(width: 30, height: 1)
    let text = "山a\u{301}👨‍👩‍👧‍👦🇯🇵e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}x"
    let used = canvas.put(text, x: 0, y: 0)
    #expect(used == 8)  // 山 2, á 1, the family 2, the flag 1 (as wcwidth), the e with marks 1, x 1
    #expect(canvas.rowText(0).hasPrefix(text))
    #expect(canvas[0, 0].text == "山")
    #expect(canvas[1, 0].isContinuation && canvas[1, 0].text.isEmpty)
    #expect(canvas[3, 0].text == "👨‍👩‍👧‍👦")
    #expect(canvas[4, 0].isContinuation)
    #expect(Array(canvas[6, 0].text.unicodeScalars.map(\.value)) == [0x65] + Array(0x301...0x308))
    // A zero-width character of its own joins the cell before it, which may then need the table.
    canvas.put("o\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{200B}", x: 10, y: 0)
    #expect(Array(canvas[10, 0].text.unicodeScalars.map(\.value)) == [0x6F] + Array(0x301...0x307) + [0x200B])
    #expect(canvas[11, 0] == .blank)
  }
}
