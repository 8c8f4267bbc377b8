import Testing

@testable import HokuLinkUI

/// A minimal screen: owns the values, builds the page, applies the form's events, renders into a canvas.
private struct Screen {
  var name = TextFieldState()
  var password = TextFieldState()
  var agreed = false
  var kind: Int? = 0
  var family: Int?
  var state = FormState(focus: "name")
  var canvas = Canvas(width: 48, height: 40)
  var viewport = Rect(x: 1, y: 1, width: 46, height: 14)
  var activated: [ControlID] = []

  var page: Page {
    Page([
      .text("ご契約名義を入力してください。"),
      .field(FieldSpec(id: "name", label: "ご契約名義", state: name, maxLength: 10, required: true)),
      .field(FieldSpec(id: "pw", label: "パスワード", state: password, masked: true)),
      .checkbox(id: "agree", label: "利用規約に同意します", checked: agreed),
      .choice(ChoiceSpec(id: "kind", label: "照会区分", options: ["個人", "法人"], selected: kind)),
      .choice(ChoiceSpec(id: "family", label: "ご家族人数", options: ["1人", "2人", "3人"], selected: family, style: .list)),
      .button(id: "send", label: "送信する"),
      .link(id: "terms", label: "ほくリンク会員規約"),
    ])
  }

  @discardableResult
  mutating func render() -> FormLayout {
    Form.render(page, state: state, into: &canvas, rect: viewport, language: .ja, theme: .standard)
  }

  @discardableResult
  mutating func press(_ key: Key) -> FormEvent {
    let event = Form.handle(key, page: page, state: &state, viewport: viewport)
    switch event {
    case .edited("name", let value): name = value
    case .edited("pw", let value): password = value
    case .toggled("agree", let value): agreed = value
    case .chose("kind", let value): kind = value
    case .chose("family", let value): family = value
    case .activated(let id): activated.append(id)
    default: break
    }
    render()
    return event
  }

  mutating func type(_ text: String) {
    for character in text { press(.character(character)) }
  }
}

@Suite struct FormTests {
  @Test func typingJapaneseMovesTheRealCursorTwoCellsPerCharacter() throws {
    var screen = Screen()
    let start = try #require(screen.render().rect(of: "name"))
    #expect(screen.canvas.cursor == Point(x: start.x, y: start.y))
    screen.type("山田太郎")
    #expect(screen.name.text == "山田太郎")
    #expect(screen.canvas.cursor == Point(x: start.x + 8, y: start.y))
    #expect(screen.canvas.rowText(start.y).contains("山田太郎"))
    screen.press(.backspace)
    #expect(screen.canvas.cursor == Point(x: start.x + 6, y: start.y))
  }

  @Test func halfWidthKatakanaMovesTheCursorOneCellEach() throws {
    var screen = Screen()
    let start = try #require(screen.render().rect(of: "name"))
    screen.type("ｱｲｳ")
    #expect(screen.canvas.cursor == Point(x: start.x + 3, y: start.y))
  }

  @Test func aPastedNewlineNeverPressesAnything() {
    var screen = Screen()
    screen.render()
    let event = screen.press(.paste("a\nb"))
    #expect(event == .edited("name", TextFieldState(text: "a b")))
    #expect(screen.activated.isEmpty)
    #expect(screen.state.focus == "name")
  }

  @Test func theFieldRefusesTheEleventhCharacter() {
    var screen = Screen()
    screen.render()
    screen.type("0123456789")
    #expect(screen.press(.character("X")) == .none)
    #expect(screen.name.text == "0123456789")
  }

  @Test func tabAndShiftTabCycleFocus() {
    var screen = Screen()
    screen.render()
    var seen: [ControlID] = []
    for _ in 0..<7 {
      screen.press(.tab)
      seen.append(screen.state.focus ?? "nil")
    }
    #expect(seen == ["pw", "agree", "kind", "family", "send", "terms", "name"])
    screen.press(.backTab)
    #expect(screen.state.focus == "terms")
    screen.press(.backTab)
    #expect(screen.state.focus == "send")
  }

  @Test func enterOnAButtonActivatesItAndOnAFieldMovesOn() {
    var screen = Screen()
    screen.render()
    #expect(screen.press(.enter) == .none)
    #expect(screen.state.focus == "pw")
    screen.state.focus = "send"
    #expect(screen.press(.enter) == .activated("send"))
    screen.state.focus = "terms"
    #expect(screen.press(.enter) == .activated("terms"))
  }

  @Test func spaceTogglesACheckbox() {
    var screen = Screen(state: FormState(focus: "agree"))
    screen.render()
    #expect(screen.press(.character(" ")) == .toggled("agree", true))
    #expect(screen.canvas.text.contains("[x] 利用規約に同意します"))
    #expect(screen.press(.character(" ")) == .toggled("agree", false))
    #expect(screen.canvas.text.contains("[ ] 利用規約に同意します"))
  }

  @Test func leftAndRightChangeAChoice() {
    var screen = Screen(state: FormState(focus: "kind"))
    screen.render()
    #expect(screen.press(.right) == .chose("kind", 1))
    #expect(screen.canvas.text.contains("( ) 個人  (●) 法人"))
    #expect(screen.press(.right) == .none)
    #expect(screen.press(.left) == .chose("kind", 0))
    screen.state.focus = "family"
    #expect(screen.press(.right) == .chose("family", 0))
    #expect(screen.press(.right) == .chose("family", 1))
    #expect(screen.canvas.text.contains("2人"))
  }

  @Test func upAndDownMoveFocusNotTheChoice() {
    var screen = Screen(state: FormState(focus: "kind"))
    screen.render()
    screen.press(.down)
    #expect(screen.state.focus == "family")
    screen.press(.up)
    #expect(screen.state.focus == "kind")
    #expect(screen.kind == 0)
  }

  @Test func escapeGoesBack() {
    var screen = Screen()
    screen.render()
    #expect(screen.press(.escape) == .back)
  }

  @Test func aClickOnAButtonActivatesIt() throws {
    var screen = Screen()
    screen.viewport.height = 36
    let button = try #require(screen.render().visibleRect(of: "send"))
    #expect(screen.press(.click(x: button.x + 1, y: button.y)) == .activated("send"))
    #expect(screen.state.focus == "send")
  }

  @Test func aClickOnARadioOptionPicksIt() throws {
    var screen = Screen(state: FormState(focus: "kind"))
    let item = try #require(screen.render().item("kind"))
    let corporate = item.options[1]
    #expect(screen.press(.click(x: corporate.x, y: corporate.y)) == .chose("kind", 1))
  }

  @Test func aClickOnACheckboxTicksIt() throws {
    var screen = Screen(state: FormState(focus: "agree"))
    let box = try #require(screen.render().rect(of: "agree"))
    screen.state.focus = "name"
    #expect(screen.press(.click(x: box.x + 5, y: box.y)) == .toggled("agree", true))
  }

  @Test func aMaskedFieldShowsDotsAndNeverTheSecret() throws {
    var screen = Screen(state: FormState(focus: "pw"))
    let field = try #require(screen.render().rect(of: "pw"))
    screen.type("hakusan-2026")
    #expect(!screen.canvas.text.contains("hakusan"))
    #expect(!screen.canvas.text.contains("2026"))
    #expect(screen.canvas.rowText(field.y).contains(String(repeating: "●", count: 12)))
    #expect(screen.canvas.cursor == Point(x: field.x + 12, y: field.y))
  }

  @Test func theFocusedControlIsScrolledIntoView() throws {
    var screen = Screen(state: FormState(focus: "terms"))
    let layout = screen.render()
    #expect(layout.contentHeight > screen.viewport.height)
    #expect(layout.visibleRect(of: "terms") != nil)
    #expect(layout.scroll > 0)
    #expect(screen.canvas.text.contains("ほくリンク会員規約"))
    #expect(screen.canvas.text.contains("▲"))
    // No field has focus, so no cursor is shown.
    #expect(screen.canvas.cursor == nil)
  }

  @Test func pageDownScrollsAndLetsGoOfAFocusThatLeavesTheScreen() {
    var screen = Screen()
    screen.render()
    screen.press(.pageDown)
    #expect(screen.state.scroll > 0)
    #expect(screen.state.focus == nil)
    #expect(screen.canvas.cursor == nil)
    screen.press(.pageUp)
    #expect(screen.state.scroll == 0)
  }

  @Test func aLongFieldScrollsSoTheCursorStaysInside() throws {
    var screen = Screen()
    screen.render()
    screen.name = TextFieldState(text: String(repeating: "山", count: 40))
    let field = try #require(screen.render().rect(of: "name"))
    let cursor = try #require(screen.canvas.cursor)
    #expect(cursor.x < field.maxX)
    #expect(cursor.y == field.y)
  }
}

@Suite struct ScrollingTests {
  private let page = Page(
    [.text(String(repeating: "ほくリンク会員規約の本文です。", count: 30)), .checkbox(id: "agree", label: "同意します", checked: false)]
  )
  private let viewport = Rect(x: 0, y: 0, width: 30, height: 10)

  @Test func downReadsALongTextAPageAtATimeThenFocusesTheCheckbox() {
    var state = FormState()
    var pages = 0
    while state.focus == nil && pages < 50 {
      Form.handle(.down, page: page, state: &state, viewport: viewport)
      pages += 1
    }
    #expect(pages > 3)
    #expect(state.focus == "agree")
    #expect(Form.layout(page, state: state, rect: viewport).visibleRect(of: "agree") != nil)
  }

  @Test func theWheelScrollsAwayFromAFocusWithoutBeingPulledBack() {
    var state = FormState(focus: "agree")
    var canvas = Canvas(width: 30, height: 10)
    let bottom = Form.render(page, state: state, into: &canvas, rect: viewport, language: .ja, theme: .standard).scroll
    Form.handle(.scrollUp, page: page, state: &state, viewport: viewport)
    Form.render(page, state: state, into: &canvas, rect: viewport, language: .ja, theme: .standard)
    #expect(state.scroll == bottom - 3)
    #expect(state.focus == nil)
  }
}

/// huh's feel: Enter in the form's last input presses its main button; an example sits beside its field.
@Suite struct FormEnterAndExampleTests {
  let viewport = Rect(x: 0, y: 0, width: 40, height: 20)

  @Test func enterInTheLastFieldPressesTheMainButtonAndInAnEarlierOneMovesOn() {
    let page = Page([
      .field(FieldSpec(id: "id", label: "利用者ID")),
      .field(FieldSpec(id: "pw", label: "パスワード", masked: true)),
      .button(id: "help", label: "ヘルプ", kind: .secondary),
      .button(id: "login", label: "ログイン"),
    ])
    var state = FormState(focus: "id")
    #expect(Form.handle(.enter, page: page, state: &state, viewport: viewport) == FormEvent.none)
    #expect(state.focus == "pw")
    #expect(Form.handle(.enter, page: page, state: &state, viewport: viewport) == .activated("login"))
  }

  @Test func enterInAFieldWithACheckboxAfterItMovesOn() {
    let page = Page([
      .field(FieldSpec(id: "mail", label: "メール")), .checkbox(id: "agree", label: "同意", checked: false),
      .button(id: "send", label: "送信する"),
    ])
    var state = FormState(focus: "mail")
    #expect(Form.handle(.enter, page: page, state: &state, viewport: viewport) == FormEvent.none)
    #expect(state.focus == "agree")
  }

  @Test func anExampleIsBesideTheFieldNeverInsideIt() {
    let page = Page([.field(FieldSpec(id: "birth", label: "誕生年月", placeholder: "1985/04", width: 10))])
    var canvas = Canvas(width: 40, height: 20)
    Form.render(page, state: FormState(), into: &canvas, rect: viewport, language: .ja, theme: .monochrome)
    let row = canvas.text.split(separator: "\n").first { $0.contains("1985/04") } ?? ""
    #expect(row.contains("例: 1985/04"))
    // The input line itself (its first 10 cells after the padding) is empty.
    #expect(row.prefix(11).allSatisfy { $0 == " " })
  }
}
