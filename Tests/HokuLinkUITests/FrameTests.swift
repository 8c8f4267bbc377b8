import Testing

@testable import HokuLinkUI

@Suite struct FrameTests {
  @Test func thePhoneAt80x24LeavesABodyOfAtLeast12Rows() {
    var canvas = Canvas(width: 80, height: 24)
    let split = Layout.split(width: 80, height: 24, guide: true)
    let body = PhoneFrame(title: "会員規約に同意", step: StepProgress(.email)).draw(
      into: &canvas, area: split.phone, language: .ja, theme: .standard)
    #expect(body.height >= 12)
    #expect((44...48).contains(body.width))
    #expect(canvas.text.contains("9:41"))
    #expect(canvas.text.contains("hokulink"))
    #expect(canvas.text.contains("会員規約に同意"))
    #expect(canvas.text.contains("F4"))
    #expect(split.phone.maxX <= 80)
  }

  @Test func theGuideSitsBesideThePhoneFrom80Columns() throws {
    let wide = Layout.split(width: 80, height: 24, guide: true)
    let guide = try #require(wide.guide)
    #expect(wide.phone.width == 48)
    #expect(guide.x >= wide.phone.maxX)
    #expect(guide.maxX <= 80)
    #expect(guide.width >= 28)
    #expect(Layout.split(width: 80, height: 24, guide: false).guide == nil)
    #expect(Layout.split(width: 70, height: 24, guide: true).guide == nil)
    let centred = Layout.split(width: 120, height: 30, guide: false).phone
    #expect(centred.x == 36)
  }

  @Test func theStepHeaderHighlightsTheStageAndCheers() {
    var canvas = Canvas(width: 46, height: 2)
    StepProgress(.prepare).draw(into: &canvas, x: 0, y: 0, width: 46, language: .ja, theme: .standard)
    #expect(canvas.text.contains("STEP1 → STEP2 → STEP3 → 登録完了"))
    #expect(canvas.text.contains("登録前のご用意"))
    #expect(canvas.text.contains("準備はできた?"))
    // The current stage is drawn in its own style.
    let column = canvas.rowText(0).prefix { $0 != "S" }.count
    #expect(canvas[column, 0].style == Theme.standard.stepCurrent)
    #expect(StepProgress(.email).lines(language: .ja)[1].contains("がんばって!"))
    #expect(StepProgress(.details).lines(language: .ja)[1].contains("あともう少し!"))
    #expect(StepProgress(.details).lines(language: .en)[1].contains("Almost there!"))
    #expect(StepProgress(.email).lines(language: .en)[1].contains("Keep going!"))
  }

  @Test func theEnlargeScreenAt60x20SaysSoInBothLanguages() {
    var canvas = Canvas(width: 60, height: 20)
    #expect(Layout.isTooSmall(width: 60, height: 20))
    #expect(!Layout.isTooSmall(width: 80, height: 24))
    EnlargeScreen.draw(into: &canvas, theme: .monochrome)
    #expect(canvas.text.contains("画面を大きくしてください (80×24 以上)"))
    #expect(canvas.text.contains("Please enlarge the window to at least 80×24"))
    #expect(canvas.text.contains("60×20"))
  }

  @Test func theRedFrameSurroundsTheButtonToPress() throws {
    var canvas = Canvas(width: 80, height: 24)
    let body = PhoneFrame(title: "ログイン").draw(
      into: &canvas, area: Layout.split(width: 80, height: 24, guide: true).phone, language: .ja, theme: .standard)
    var state = FormState()
    let page = Page([.text("ようこそ"), .button(id: "login", label: "ログイン")])
    let layout = Form.render(page, state: state, into: &canvas, rect: body, language: .ja, theme: .standard)
    #expect(GuideHighlight.draw("login", layout: layout, in: &canvas, theme: .standard) == .framed)
    let button = try #require(layout.rect(of: "login"))
    #expect(canvas[button.x - 1, button.y].text == "│")
    #expect(canvas[button.x - 1, button.y].style == Theme.standard.guideFrame)
    #expect(canvas[button.maxX, button.y].text == "│")
    #expect(canvas.rowText(button.y - 1).contains("┌"))
    #expect(canvas.rowText(button.y).contains("［ ログイン ］"))
  }

  @Test func withoutRoomTheControlItselfTurnsRed() throws {
    var canvas = Canvas(width: 20, height: 3)
    canvas.put("山田山田山田山田山田", x: 0, y: 0)
    canvas.put("山田山田山田山田山田", x: 0, y: 1)
    canvas.put("山田山田山田山田山田", x: 0, y: 2)
    let target = Rect(x: 2, y: 1, width: 4, height: 1)
    #expect(
      !GuideHighlight.frame(target, within: Rect(x: 0, y: 0, width: 20, height: 3), in: &canvas, theme: .standard))
    GuideHighlight.restyle(target, in: &canvas, theme: .standard)
    #expect(canvas.rowText(1) == "山田山田山田山田山田")
    #expect(canvas[2, 1].style.foreground == .red)
    #expect(canvas[2, 1].style.bold)
  }

  @Test func theGuidePanelShowsTheStepAndTheKey() {
    var canvas = Canvas(width: 30, height: 20)
    GuidePanel(step: "2", instructions: "「新規会員登録はこちら」を選びます。", key: "Enter").draw(
      into: &canvas, area: Rect(x: 0, y: 0, width: 30, height: 20), language: .ja, theme: .standard)
    #expect(canvas.text.contains("ガイド 手順 2"))
    #expect(canvas.text.contains("Enter"))
    #expect(canvas.text.contains("新規会員登録"))
  }

  /// 「入力内容を確定する」 once split as 「入力内容を確定す / る」: the label goes whole to the next line instead.
  @Test func theGuidePanelKeepsTheKeyLabelWhole() {
    var canvas = Canvas(width: 28, height: 12)
    GuidePanel(step: "7", instructions: "確かめて「入力内容を確定する」を押します。", key: "入力内容を確定する").draw(
      into: &canvas, area: Rect(x: 0, y: 0, width: 28, height: 12), language: .ja, theme: .standard)
    let rows = (0..<12).map { canvas.rowText($0) }
    #expect(rows.contains { $0.contains("押すキー:") && !$0.contains("入力") })
    #expect(rows.filter { $0.contains("入力内容を確定する") }.count == 2)
  }

  @Test func aQuotedLabelStaysOnOneLineWhenItFits() {
    let lines = TextWrap.wrap("はじめての方は「新規会員登録はこちら」を押します。", width: 24, keepingQuotes: true)
    #expect(lines.contains { $0.contains("「新規会員登録はこちら」") })
    let loose = TextWrap.wrap("はじめての方は「新規会員登録はこちら」を押します。", width: 24)
    #expect(!loose.contains { $0.contains("「新規会員登録はこちら」") })
  }

  @Test func helpListsTheKeysAndTheSupportLine() {
    var canvas = Canvas(width: 80, height: 24)
    let support = "「ほくリンク」に関する各種ご相談・お問い合わせ 0120-896950 月~金曜日/9時~18時受付(祝日・年末年始除く)"
    HelpOverlay(supportLine: support).draw(
      into: &canvas, area: Rect(x: 0, y: 0, width: 80, height: 24), language: .ja, theme: .standard)
    for key in ["Tab", "Shift-Tab", "Enter", "Space", "Esc", "F1", "F3", "F4", "Ctrl-C", "0120-896950"] {
      #expect(canvas.text.contains(key), "\(key)")
    }
  }

  @Test func theBrowserShowsTheAddressAndABody() {
    var canvas = Canvas(width: 80, height: 24)
    let split = Layout.splitBrowser(width: 80, height: 24, guide: true)
    #expect(split.guide == nil)
    let body = BrowserFrame(tabTitle: "ほくリンク", step: StepProgress(.details)).draw(
      into: &canvas, area: split.browser, language: .ja, theme: .standard)
    #expect(canvas.text.contains("https://www.hokuriku-denryoku.example/hokulink/"))
    #expect(canvas.text.contains("あともう少し!"))
    #expect(body.height >= 12)
    #expect(body.width >= 70)
  }

  @Test func theMonochromeThemeUsesNoColour() {
    let theme = Theme.forEnvironment(noColor: true)
    var canvas = Canvas(width: 80, height: 24)
    let body = PhoneFrame(title: "ほくリンク", step: StepProgress(.email)).draw(
      into: &canvas, area: Rect(x: 0, y: 0, width: 80, height: 24), language: .en, theme: theme)
    var state = FormState()
    Form.render(
      Page([.field(FieldSpec(id: "mail", label: "E-mail", error: "Wrong")), .link(id: "l", label: "Terms")]),
      state: state, into: &canvas, rect: body, language: .en, theme: theme)
    #expect(canvas.cells.allSatisfy { $0.style.foreground == .standard && $0.style.background == .standard })
    // English marks an error with !, not ※ (issue 9): still visible without colour.
    #expect(canvas.text.contains("! Wrong"))
  }
}

@Suite struct FrameShortcutTests {
  @Test func theOneCallFormsDrawTheSameAsTheStructs() {
    var viaStruct = Canvas(width: 80, height: 24)
    var viaShortcut = Canvas(width: 80, height: 24)
    let rect = Layout.split(width: 80, height: 24, guide: true).phone
    let a = PhoneFrame(title: "ログイン", step: StepProgress(.email)).draw(
      into: &viaStruct, area: rect, language: .en, theme: .standard)
    let b = PhoneFrame.render(
      into: &viaShortcut, rect: rect, title: "ログイン", step: .email, language: .en, theme: .standard)
    #expect(a == b)
    #expect(viaStruct == viaShortcut)
  }

  @Test func frameControlFallsBackToRestylingWithoutRoom() {
    var canvas = Canvas(width: 10, height: 1)
    canvas.put("ＡＢＣＤＥ", x: 0, y: 0)
    let outcome = GuidePanel.frameControl(
      Rect(x: 2, y: 0, width: 4, height: 1), in: &canvas, clip: Rect(x: 0, y: 0, width: 10, height: 1),
      theme: .standard)
    #expect(outcome == .restyled)
    #expect(canvas.rowText(0) == "ＡＢＣＤＥ")
  }
}

@Suite struct WholeScreenTests {
  /// One frame drawn the way the app loop draws it: frame, page, guide with its red frame, help on top.
  @Test func aWholeScreenDrawsWithTheGuideAndHelp() throws {
    var canvas = Canvas(width: 80, height: 24)
    let theme = Theme.standard
    let split = Layout.split(width: 80, height: 24, guide: true)
    let body = PhoneFrame.render(
      into: &canvas, rect: split.phone, time: "9:41", title: "ほくリンク", step: nil, language: .ja, theme: theme)
    var state = FormState()
    let page = Page([
      .text("ようこそ", style: .title), .button(id: "top.signup", label: "新規会員登録はこちら"),
      .button(id: "top.login", label: "会員ログイン", kind: .secondary),
    ])
    let layout = Form.render(page, state: state, into: &canvas, rect: body, language: .ja, theme: theme)
    let guide = try #require(split.guide)
    GuidePanel.render(into: &canvas, rect: guide, step: "2", text: "「新規会員登録はこちら」を押します。", language: .ja, theme: theme)
    let target = try #require(layout.rect(of: "top.signup"))
    #expect(GuidePanel.frameControl(target, in: &canvas, clip: body, theme: theme) == .framed)
    #expect(canvas.text.contains("［ 新規会員登録はこちら ］"))
    #expect(canvas.text.contains("ガイド 手順 2"))
    HelpOverlay.render(into: &canvas, language: .en, supportLine: "0120-896950", theme: theme)
    #expect(canvas.text.contains("0120-896950"))
    #expect(canvas.cursor == nil)

    var browser = Canvas(width: 80, height: 24)
    let browserBody = BrowserFrame.render(
      into: &browser, rect: Layout.splitBrowser(width: 80, height: 24, guide: false).browser,
      address: BrowserFrame.siteURL, title: "ほくリンク", step: .prepare, language: .ja, theme: theme)
    #expect(browserBody.width > 70)
    var small = Canvas(width: 79, height: 24)
    EnlargeScreen.render(into: &small, language: .ja, theme: theme)
    #expect(small.text.contains("79×24"))
  }
}
