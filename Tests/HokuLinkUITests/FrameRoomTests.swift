import Testing

@testable import HokuLinkUI

/// Room for the guide's red frame (issue 9): a cell between the frame and the border, a row under its control at the
/// page's end, the frame's rows scrolled into view with its control, and a whole frame or none.
@Suite struct FrameRoomTests {
  static let viewport = Rect(x: 1, y: 1, width: 46, height: 8)

  /// Lines of text, then a checkbox and a button: `lines` rows of text decide where they fall.
  static func page(lines: Int, error: String? = nil) -> Page {
    Page(
      (0..<lines).map { Control.text("行\($0)") } + [
        .checkbox(id: "agree", label: "利用規約に同意します", checked: false, error: error),
        .button(id: "next", label: "次へ"),
      ])
  }

  @Test func aControlAtTheLeftLeavesAColumnForTheFrameAndABlankOneBeforeTheBorder() throws {
    let layout = Form.layout(Self.page(lines: 0), state: FormState(), rect: Self.viewport)
    let agree = try #require(layout.rect(of: "agree"))
    #expect(agree.x == Self.viewport.x + 2)
    // The right: the frame's column, then the scrollbar's, then the border.
    #expect(layout.items.allSatisfy { $0.rect.maxX <= Self.viewport.maxX - 2 })
  }

  @Test func scrolledToTheEndTheFramedLastButtonHasABlankRowUnderIt() throws {
    let page = Self.page(lines: 6).framing("next")
    var state = FormState()
    _ = Form.handle(.pageDown, page: page, state: &state, viewport: Self.viewport)
    _ = Form.handle(.pageDown, page: page, state: &state, viewport: Self.viewport)
    let layout = Form.layout(page, state: state, rect: Self.viewport)
    let next = try #require(layout.rect(of: "next"))
    #expect(next.maxY == Self.viewport.maxY - 1, "the row under 次へ is the page's last")
  }

  @Test func focusOnTheFramedControlShowsTheRowsOfItsFrame() throws {
    let page = Self.page(lines: 3).framing("next")
    let layout = Form.layout(page, state: FormState(focus: "next"), rect: Self.viewport)
    let next = try #require(layout.rect(of: "next"))
    #expect(next.y - 1 >= Self.viewport.y && next.maxY + 1 <= Self.viewport.maxY)
  }

  @Test func theFramedControlIsNotLeftAgainstTheKeyBarWhenAnotherHasFocus() throws {
    // At the top, with 行0 … 行2 and the checkbox in view, 次へ would sit on the last row with no room under it.
    let page = Self.page(lines: 2).framing("next")
    let layout = Form.layout(page, state: FormState(focus: "agree"), rect: Rect(x: 1, y: 1, width: 46, height: 7))
    let next = try #require(layout.rect(of: "next"))
    let viewport = layout.viewport
    #expect(next.y >= viewport.maxY || next.maxY + 1 <= viewport.maxY, "次へ at \(next) in \(viewport)")
  }

  @Test func pagingStopsShortOfCuttingAControl() throws {
    // A checkbox whose label takes three lines, where a plain page down (9 rows) would cut it at the bottom.
    let page = Page(
      (0..<9).map { Control.text("行\($0)") } + [
        .checkbox(
          id: "long", label: "とても長い同意の文言で、二行に折り返されるほどの長さがあります。", checked: false),
        .button(id: "next", label: "次へ"),
      ])
    let viewport = Rect(x: 1, y: 1, width: 30, height: 10)
    var state = FormState()
    _ = Form.handle(.pageDown, page: page, state: &state, viewport: viewport)
    let layout = Form.layout(page, state: state, rect: viewport)
    let long = try #require(layout.rect(of: "long"))
    #expect(long.height == 3)
    let visible = long.intersection(viewport)
    #expect(visible.isEmpty || visible == long, "the checkbox at \(long) is cut by \(viewport)")
    #expect(state.scroll == 8, "one row short of the page asked for")
  }

  @Test func anErrorUnderTheCheckboxIsInsideTheFrameNotOverItsEdge() throws {
    var canvas = Canvas(width: 48, height: 10)
    let page = Self.page(lines: 1, error: "利用規約に同意してください")
    let layout = Form.render(
      page, state: FormState(), into: &canvas, rect: Self.viewport, language: .ja, theme: .standard)
    let mark = GuideHighlight.mark("agree", layout: layout, in: &canvas, theme: .standard)
    let box = try #require(mark.box)
    #expect(mark.outcome == .framed && box.isWhole)
    let block = try #require(layout.item("agree")?.block)
    #expect(box.rect == Rect(x: block.x - 1, y: block.y - 1, width: block.width + 2, height: block.height + 2))
    #expect(canvas.rowText(box.rect.maxY - 1).contains("└"))
  }

  @Test func aFrameTheKeyBarWouldCutIsNotDrawnTheControlTurnsRedInstead() throws {
    var canvas = Canvas(width: 48, height: 10)
    let viewport = Rect(x: 1, y: 1, width: 46, height: 5)
    // 行0, gap, 行1, gap, 次へ on the viewport's last row.
    let page = Page([.text("行0"), .text("行1"), .button(id: "next", label: "次へ")])
    let layout = Form.render(page, state: FormState(), into: &canvas, rect: viewport, language: .ja, theme: .standard)
    let next = try #require(layout.rect(of: "next"))
    #expect(next.maxY == viewport.maxY)
    let mark = GuideHighlight.mark("next", layout: layout, in: &canvas, theme: .standard)
    #expect(mark.outcome == .restyled && mark.box == nil)
    #expect(!canvas.rowText(next.y).contains("│"))
    #expect(canvas[next.x, next.y].style.foreground == Theme.standard.guideFrame.foreground)
  }
}
