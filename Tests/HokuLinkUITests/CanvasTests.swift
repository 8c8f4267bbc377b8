import Testing

@testable import HokuLinkUI

@Suite struct CanvasTests {
  @Test func aWideCharacterOwnsTwoCells() {
    var canvas = Canvas(width: 10, height: 1)
    let used = canvas.put("山田", x: 0, y: 0)
    #expect(used == 4)
    #expect(canvas[1, 0].isContinuation)
    #expect(canvas.rowText(0) == "山田      ")
  }

  @Test func overwritingHalfAWideCharacterLeavesNoStaleInk() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.put("山", x: 0, y: 0)
    canvas.put("a", x: 1, y: 0)
    #expect(canvas.rowText(0) == " a  ")
    #expect(!canvas[1, 0].isContinuation)
  }

  @Test func overwritingTheFirstHalfOfAWideCharacterClearsItsSecondHalf() {
    var canvas = Canvas(width: 4, height: 1)
    canvas.put("山", x: 1, y: 0)
    canvas.put("a", x: 1, y: 0)
    #expect(canvas.rowText(0) == " a  ")
    #expect(!canvas[2, 0].isContinuation)
  }

  @Test func halfWidthKatakanaTakesOneCellEach() {
    var canvas = Canvas(width: 10, height: 1)
    #expect(canvas.put("ｱｲｳ", x: 0, y: 0) == 3)
    #expect(!canvas[1, 0].isContinuation)
    #expect(canvas.rowText(0) == "ｱｲｳ       ")
  }

  @Test func aCombiningMarkTakesNoExtraCell() {
    var canvas = Canvas(width: 4, height: 1)
    #expect(canvas.put("e\u{301}x", x: 0, y: 0) == 2)
    #expect(canvas[0, 0].text == "e\u{301}")
    #expect(canvas[1, 0].text == "x")
  }

  @Test func anEmojiTakesTwoCells() {
    var canvas = Canvas(width: 4, height: 1)
    #expect(canvas.put("😀a", x: 0, y: 0) == 3)
    #expect(canvas[1, 0].isContinuation)
    #expect(canvas[2, 0].text == "a")
  }

  @Test func aWideCharacterThatWouldNotFitIsNotHalfDrawn() {
    var canvas = Canvas(width: 3, height: 1)
    #expect(canvas.put("a山田", x: 0, y: 0) == 3)
    #expect(canvas.rowText(0) == "a山")
    #expect(canvas.put("山", x: 2, y: 0) == 0)
  }

  @Test func controlCharactersAndBidiOverridesAreNeutralised() {
    var canvas = Canvas(width: 12, height: 1)
    canvas.put("a\u{1B}[31mb\u{202E}c\u{9B}", x: 0, y: 0)
    let row = canvas.rowText(0)
    #expect(!row.unicodeScalars.contains { SafeText.isUnsafe($0) })
    #expect(row.hasPrefix("a\u{FFFD}[31mb\u{FFFD}c\u{FFFD}"))
  }

  @Test func boxesDoNotCutWideCharacters() {
    var canvas = Canvas(width: 6, height: 3)
    canvas.put("山田太", x: 0, y: 1)
    canvas.drawBox(Rect(x: 1, y: 0, width: 4, height: 3), style: .plain)
    // The sides land on the second half of 山 and the first half of 太: both go whole, 田 inside stays.
    #expect(canvas.rowText(1) == " │田│ ")
    #expect(canvas[0, 1] == Cell(text: " ", style: .plain))
    #expect(!canvas[5, 1].isContinuation)
  }
}

@Suite struct CanvasEdgeTests {
  @Test func fillingOrRestylingOutsideTheCanvasDrawsNothing() {
    var canvas = Canvas(width: 4, height: 2)
    canvas.fill(x: 3, y: 0, width: -5, height: 1, style: Style(bold: true))
    canvas.fill(x: 10, y: 10, width: 2, height: 2, style: Style(bold: true))
    canvas.restyle(x: -3, y: 5, width: 2, height: -1) { $0.bold = true }
    #expect(canvas.cells.allSatisfy { $0 == .blank })
  }
}
