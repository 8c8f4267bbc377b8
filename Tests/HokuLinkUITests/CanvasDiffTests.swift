import HokuLinkUI
import Testing

/// The frame-to-frame diff without a terminal: what is painted, and that no half of a wide character is left.
@Suite struct CanvasDiffTests {
  func canvas(_ text: String, width: Int = 6) -> Canvas {
    var canvas = Canvas(width: width, height: 1)
    canvas.put(text, x: 0, y: 0)
    return canvas
  }

  func painted(_ diff: CanvasDiff) -> [String] {
    diff.changes.map { "\($0.x):\($0.cell.text)" }
  }

  @Test func theFirstFrameClearsAndPaintsOnlyWhatIsNotBlank() {
    let diff = CanvasDiff(from: nil, to: canvas("a山"))
    #expect(diff.clear)
    #expect(painted(diff) == ["0:a", "1:山"])
  }

  @Test func aFrameOfAnotherSizeStartsAgain() {
    let diff = CanvasDiff(from: canvas("ab", width: 5), to: canvas("ab"))
    #expect(diff.clear)
  }

  @Test func anUnchangedFramePaintsNothing() {
    let diff = CanvasDiff(from: canvas("a山b"), to: canvas("a山b"))
    #expect(!diff.clear)
    #expect(diff.changes.isEmpty)
  }

  @Test func aWideCharacterReplacedByTwoNarrowOnesPaintsBoth() {
    let diff = CanvasDiff(from: canvas("山"), to: canvas("ab"))
    #expect(painted(diff) == ["0:a", "1:b"])
  }

  @Test func twoNarrowCharactersReplacedByAWideOnePaintItOnce() {
    let diff = CanvasDiff(from: canvas("ab"), to: canvas("山"))
    #expect(painted(diff) == ["0:山"])
  }

  @Test func aWideCharacterMovedByOneCellLeavesNoStaleHalf() {
    // 「山」 at 0–1 becomes 「川」 at 1–2: cell 0 is repainted blank, 川 once, and nothing at 2.
    let diff = CanvasDiff(from: canvas("山"), to: canvas(" 川"))
    #expect(painted(diff) == ["0: ", "1:川"])
  }

  @Test func aWideCharacterNeverLandsInTheLastColumnAlone() {
    var last = Canvas(width: 6, height: 1)
    last.put("abcde山", x: 0, y: 0)  // 山 would need columns 5 and 6: it is not drawn
    #expect(last.rowText(0) == "abcde ")
    #expect(painted(CanvasDiff(from: canvas("abcde"), to: last)).isEmpty)
    var fits = Canvas(width: 6, height: 1)
    fits.put("abcd山", x: 0, y: 0)  // the last two columns
    #expect(painted(CanvasDiff(from: canvas("abcde"), to: fits)) == ["4:山"])
  }

  @Test func combiningMarksTravelWithTheirCharacter() {
    let diff = CanvasDiff(from: canvas("cafe"), to: canvas("cafe\u{301}"))
    #expect(painted(diff) == ["3:e\u{301}"])
    #expect(CanvasDiff(from: canvas("cafe\u{301}"), to: canvas("cafe\u{301}")).changes.isEmpty)
    // A base with its mark replaced by a wide character: one change, the mark gone with the base.
    #expect(painted(CanvasDiff(from: canvas("e\u{301}x"), to: canvas("山"))) == ["0:山"])
  }

  @Test func aStyleChangeAloneRepaintsTheCell() {
    let old = canvas("ab")
    var new = old
    new.restyle(x: 1, y: 0, width: 1, height: 1) { $0.bold = true }
    #expect(painted(CanvasDiff(from: old, to: new)) == ["1:b"])
  }
}
