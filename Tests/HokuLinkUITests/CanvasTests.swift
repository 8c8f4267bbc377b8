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
  }
}
