import Testing

@testable import HokuLinkUI

@Suite struct WidgetTests {
  private func draw(_ page: Page, width: Int = 40, height: Int = 30) -> (Canvas, FormLayout) {
    var canvas = Canvas(width: width, height: height)
    let state = FormState()
    let layout = Form.render(
      page, state: state, into: &canvas, rect: Rect(x: 0, y: 0, width: width, height: height), language: .ja,
      theme: .standard)
    return (canvas, layout)
  }

  @Test func theSummaryShowsEachLabelBesideItsValue() {
    let (canvas, _) = draw(Page([.summary([(label: "ご契約名義", value: "北陸 太郎"), (label: "電話番号", value: "0762000000")])]))
    let rows = canvas.text.split(separator: "\n")
    #expect(rows.contains { $0.contains("ご契約名義") && $0.contains("北陸 太郎") })
    #expect(rows.contains { $0.contains("電話番号") && $0.contains("0762000000") })
  }

  @Test func barsAreScaledToTheWidth() {
    let bars = [(label: "1月", value: 400), (label: "2月", value: 200), (label: "3月", value: 0)]
    let (canvas, _) = draw(Page([.barChart(title: "使用量", bars: bars, unit: "kWh")]), width: 40)
    let rows = canvas.text.split(separator: "\n").map(String.init)
    let january = rows.first { $0.contains("1月") } ?? ""
    let february = rows.first { $0.contains("2月") } ?? ""
    let march = rows.first { $0.contains("3月") } ?? ""
    let full = january.filter { $0 == "█" }.count
    #expect(full > 10)
    #expect(DisplayWidth.of(january) <= 40)
    #expect(abs(february.filter { $0 == "█" }.count * 2 - full) <= 1)
    #expect(!march.contains("█"))
    #expect(january.contains("400kWh"))
  }

  @Test func anErrorIsShownUnderItsFieldInRed() throws {
    let (canvas, layout) = draw(
      Page([.field(FieldSpec(id: "tel", label: "電話番号", error: "10桁か11桁の数字で入力してください", required: true))]))
    let field = try #require(layout.rect(of: "tel"))
    #expect(canvas.rowText(field.y - 1).hasPrefix("  電話番号 *"))
    #expect(canvas.rowText(field.y + 1).contains("※ 10桁か11桁の数字で入力してください"))
    #expect(canvas[field.x, field.y + 1].style == Theme.standard.error)
  }

  @Test func aListChoiceShowsThePickedOptionAndItsPosition() {
    let page = Page([
      .choice(
        ChoiceSpec(
          id: "use", label: "ご契約の用途", options: ["ご家庭(戸建住宅)", "ご家庭(集合住宅)", "店舗・事務所", "その他"], selected: 2, style: .list))
    ])
    let (canvas, _) = draw(page)
    #expect(canvas.text.contains("< 店舗・事務所"))
    #expect(canvas.text.contains("3/4 >"))
  }

  @Test func theLayoutWithoutDrawingMatchesTheDrawnOne() {
    let page = Page((0..<8).map { .button(id: ControlID("b\($0)"), label: "ボタン\($0)") })
    var canvas = Canvas(width: 40, height: 10)
    let state = FormState(focus: "b7")
    let rect = Rect(x: 0, y: 0, width: 40, height: 10)
    let drawn = Form.render(page, state: state, into: &canvas, rect: rect, language: .en, theme: .monochrome)
    #expect(Form.layout(page, state: state, rect: rect) == drawn)
    #expect(drawn.visibleRect(of: "b0") == nil)
    #expect(drawn.hit(x: drawn.rect(of: "b7")?.x ?? -1, y: drawn.rect(of: "b7")?.y ?? -1) == "b7")
  }

  @Test func scriptKeyNamesAreUnderstood() {
    #expect(Key(scriptName: "Tab") == .tab)
    #expect(Key(scriptName: "esc") == .escape)
    #expect(Key(scriptName: "Space") == .character(" "))
    #expect(Key(scriptName: "F12") == .function(12))
    #expect(Key(scriptName: "Ctrl-U") == .control("u"))
    #expect(Key(scriptName: "F13") == nil)
    #expect(Key(scriptName: "Hyper") == nil)
  }

  @Test func aLabelWithEscapeSequencesCannotReachTheTerminal() {
    let (canvas, _) = draw(Page([.text("名前\u{1B}]0;pwned\u{7}です")]))
    #expect((0..<canvas.height).allSatisfy { !canvas.rowText($0).unicodeScalars.contains(where: SafeText.isUnsafe) })
    #expect(canvas.text.contains("\u{FFFD}"))
  }
}

@Suite struct SpacingTests {
  private func rows(_ controls: [Control]) -> [String] {
    var canvas = Canvas(width: 20, height: 8)
    let state = FormState()
    Form.render(
      Page(controls), state: state, into: &canvas, rect: Rect(x: 0, y: 0, width: 20, height: 8), language: .ja,
      theme: .monochrome)
    return canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test func controlsAreOneBlankRowApartAndASpacerAddsOne() {
    #expect(Array(rows([.text("あ"), .text("い")]).prefix(3)) == ["  あ", "", "  い"])
    #expect(Array(rows([.text("あ"), .spacer, .text("い")]).prefix(4)) == ["  あ", "", "", "  い"])
  }
}
