import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// A scripted person at a line terminal: the lines they will type, and everything the session said.
final class LineTerminal {
  private var input: [String]
  private(set) var output: [String] = []
  private(set) var secretReads = 0

  init(_ input: [String]) { self.input = input }

  func read() -> String? { input.isEmpty ? nil : input.removeFirst() }

  func readSecret() -> String? {
    secretReads += 1
    return read()
  }

  func write(_ line: String) { output.append(line) }

  var text: String { output.joined(separator: "\n") }

  static func run(_ app: App, _ input: [String], hidingSecrets: Bool = false) -> LineTerminal {
    let terminal = LineTerminal(input)
    let session = AccessibleSession(
      app: app, read: { terminal.read() }, readSecret: hidingSecrets ? { terminal.readSecret() } : nil,
      write: { terminal.write($0) })
    session.run()
    return terminal
  }
}

/// A small form with one of each kind of control, to drive the session without depending on the real
/// sign-up screens.
struct AccessibleFormScreen: Screen {
  var kana = TextFieldState()
  var secret = TextFieldState()
  var agreed = false
  var gender: Int?
  var sent = false
  /// Stands for text from the store or a person, which may hold anything.
  var note = ""

  var title: Localized { Localized(ja: "テスト入力", en: "Test form") }
  var stage: SignUpStage? { .details }

  func page(_ env: AppEnvironment) -> Page {
    Page([
      .text(sent ? "送信しました" : "入力してください"),
      .text(note),
      .field(
        FieldSpec(
          id: "kana", label: "フリガナ", state: kana, maxLength: 6, normalize: Furigana.normalize,
          error: kana.text.isEmpty ? "入力してください" : nil, required: true)),
      .field(FieldSpec(id: "secret", label: "パスワード", state: secret, masked: true)),
      .checkbox(id: "agree", label: "同意する", checked: agreed),
      .choice(ChoiceSpec(id: "gender", label: "性別", options: ["男性", "女性", "回答しない"], selected: gender)),
      .button(id: "send", label: "送信"),
    ])
  }

  mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .edited("kana", let state): kana = state
    case .edited("secret", let state): secret = state
    case .toggled("agree", let value): agreed = value
    case .chose("gender", let index): gender = index
    case .activated("send"): sent = true
    default: break
    }
    return .stay
  }
}

@Suite struct AccessibleTests {
  @Test func theStorePageLeadsToTheAppTopWithNumberedButtons() throws {
    let app = try TestWorld.app({ $0.startScreen() })
    let terminal = LineTerminal.run(app, ["1", "1"])
    let text = terminal.text
    #expect(text.contains("画面: App Store"))
    #expect(text.contains("1. [ボタン] 入手"))
    #expect(text.contains("1. [ボタン] 開く"))
    #expect(text.contains("STEP1 登録前のご用意 — 準備はできた?"))
    #expect(text.contains("1. [ボタン] 新規会員登録はこちら"))
    #expect(text.contains("2. [ボタン] 会員ログイン"))
    #expect(app.screen is AppTopScreen)
    #expect(app.env.appInstalled)
  }

  @Test func aFieldValueGoesThroughTheFieldsOwnNormalisation() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["1", "ほくりく"])
    #expect(app.page.field("kana")?.state.text == "ホクリク")
    #expect(terminal.text.contains("1. フリガナ (必須): ホクリク"))
    #expect(terminal.text.contains("エラー: 入力してください"))
  }

  @Test func aFieldKeepsItsLengthLimitAndSaysSo() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["1", "あいうえおかきく"])
    #expect(app.page.field("kana")?.state.text == "アイウエオカ")
    #expect(terminal.text.contains("6 文字までしか入りません"))
  }

  @Test func theLengthHintComesBeforeThePrompt() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["1", "ほく"])
    let hint = try #require(terminal.output.firstIndex { $0.contains("(6 文字まで)") })
    let prompt = try #require(terminal.output.firstIndex { $0.contains("「フリガナ」を入力して Enter") })
    #expect(hint < prompt)
    #expect(terminal.output[prompt].hasSuffix(">"))
  }

  /// After an entry only the field's new line is printed, not the whole screen (`r` reprints it).
  @Test func anEntryPrintsOnlyTheFieldsNewValue() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["1", "ほく", "r"])
    let prompt = try #require(terminal.output.firstIndex { $0.contains("「フリガナ」を入力して Enter") })
    let next = try #require(terminal.output[(prompt + 1)...].firstIndex { $0.hasSuffix(">") })
    #expect(Array(terminal.output[(prompt + 1)..<next]) == ["1. フリガナ (必須): ホク"])
    // `r` prints the whole screen again.
    #expect(terminal.output[next...].contains { $0.contains("4. 性別") })
  }

  @Test func theWordsNameThisModesKeys() throws {
    let app = try TestWorld.app({ _ in ComingNextScreen(what: Localized(ja: "リンク先", en: "Link")) })
    let lines = AccessibleSession(app: app, read: { nil }, write: { _ in }).screenLines()
    #expect(lines.contains { $0.contains("b で戻ります") })
    #expect(!lines.contains { $0.contains("Esc") })
  }

  /// Found by the pipe walk on CI: a mailed 利用者ID with F3 inside (`FWL5F3Y5`) was read out as `FWL5gY5`. Only a
  /// key name standing alone is translated; inside an ID, a token or a word it is data.
  @Test(arguments: [
    ("利用者ID: FWL5F3Y5", "利用者ID: FWL5F3Y5"), ("F3XYZ234 EscE F4", "F3XYZ234 EscE m"),
    ("hokulink://register?token=ab-F3_Esc.F4", "hokulink://register?token=ab-F3_Esc.F4"),
    ("Escで戻ります。F3:ガイド (F4)", "bで戻ります。g:ガイド (m)"), ("Press Esc to go back.", "Type b to go back."),
  ])
  func onlyAKeyNameStandingAloneIsTranslated(text: String, said: String) throws {
    var screen = AccessibleFormScreen()
    screen.note = text
    let app = try TestWorld.app({ _ in screen })
    let lines = AccessibleSession(app: app, read: { nil }, write: { _ in }).screenLines()
    #expect(lines.contains(said), "\(lines)")
  }

  @Test func enterAloneLeavesAFieldAndADashEmptiesIt() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    _ = LineTerminal.run(app, ["1", "ほく", "1", ""])
    #expect(app.page.field("kana")?.state.text == "ホク")
    _ = LineTerminal.run(app, ["1", "-"])
    #expect(app.page.field("kana")?.state.text == "")
  }

  @Test func aMaskedFieldShowsDotsAndUsesTheHiddenReaderWhenThereIsOne() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let hidden = LineTerminal.run(app, ["2", "abc123"], hidingSecrets: true)
    #expect(hidden.secretReads == 1)
    #expect(app.page.field("secret")?.state.text == "abc123")
    // A fixed mark: the secret's length is not read out either.
    #expect(hidden.text.contains("2. パスワード: ●●●● (入力済み)"))
    #expect(!hidden.text.contains("●●●●●●"))
    #expect(!hidden.text.contains("abc123"))
    #expect(hidden.text.contains("入力した文字は表示されません"))
    let shown = LineTerminal.run(app, ["2", "xyz"])
    #expect(shown.secretReads == 0)
    #expect(shown.text.contains("入力した文字が画面に残ります"))
  }

  /// Issue 9's show/hide switch in this mode: `s` (like F2) reads secrets out and takes them visibly, off by default.
  @Test func sShowsAndHidesSecretsLikeF2() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["2", "abc12345", "s", "2", "abc12346", "s"], hidingSecrets: true)
    #expect(app.page.field("secret")?.state.text == "abc12346")
    // The first entry hidden (the hidden reader, the fixed mark), the second shown, and hidden again after.
    #expect(terminal.secretReads == 1)
    #expect(terminal.text.contains("表示するには、先に s を入力します"))
    // Hidden until `s`; then the value typed before reads out too (that is what the switch is for).
    let showing = try #require(terminal.output.firstIndex { $0.contains("パスワードと秘密のキーワードを表示します") })
    #expect(!terminal.output[..<showing].contains { $0.contains("abc12345") })
    #expect(terminal.output[showing...].contains("2. パスワード: abc12345"))
    #expect(terminal.text.contains("入力した文字が画面に残ります"))
    let shownAt = try #require(terminal.output.lastIndex { $0 == "2. パスワード: abc12346" })
    let hiddenAt = try #require(terminal.output.lastIndex { $0.contains("パスワードと秘密のキーワードを隠しました") })
    #expect(shownAt < hiddenAt)
    #expect(terminal.output[hiddenAt...].contains("2. パスワード: ●●●● (入力済み)"))
    let help = LineTerminal.run(app, ["h"])
    #expect(help.text.contains("s: パスワードと秘密のキーワードの表示・非表示 (F2 と同じ)"))
  }

  @Test func aCheckboxTogglesAndAChoiceIsPickedByNumberOrWords() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["3", "4", "2"])
    #expect(app.page.isChecked("agree") == true)
    #expect(app.page.choice("gender")?.selected == 1)
    #expect(terminal.text.contains("3. [x] 同意する (チェックあり)"))
    #expect(terminal.text.contains("(2) 女性 ← 選択中"))
    _ = LineTerminal.run(app, ["4", "回答", "3"])
    #expect(app.page.choice("gender")?.selected == 2)
    #expect(app.page.isChecked("agree") == false)
  }

  @Test func aWrongOptionOrNumberChangesNothing() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    let terminal = LineTerminal.run(app, ["4", "9", "42", "xyz"])
    #expect(app.page.choice("gender")?.selected == nil)
    #expect(terminal.text.contains("その選択肢はありません。"))
    #expect(terminal.text.contains("その番号の項目はありません。"))
    #expect(terminal.text.contains("番号か、h・b・m・g・s・r・q のどれかを入力してください。"))
  }

  @Test func fullWidthDigitsWork() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    _ = LineTerminal.run(app, ["５"])
    #expect(app.page.controls.contains { if case .text("送信しました", _) = $0 { true } else { false } })
  }

  @Test func theScreenIsNotPrintedAgainAfterANoOp() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    let terminal = LineTerminal.run(app, ["h", "b", ""])
    #expect(terminal.output.filter { $0 == "画面: ほくリンク" }.count == 1)
    #expect(terminal.text.contains("0120-896950"))
    #expect(terminal.text.contains("画面は変わりませんでした"))
    let again = LineTerminal.run(app, ["r"])
    // Printed once at the start, once more on request.
    #expect(again.output.filter { $0 == "画面: ほくリンク" }.count == 2)
  }

  @Test func qQuitsAndTheRestOfTheInputIsNotRead() throws {
    let app = try TestWorld.app({ $0.startScreen() })
    let terminal = LineTerminal.run(app, ["q", "1"])
    #expect(app.finished)
    #expect(!app.env.appInstalled)
    #expect(terminal.output.last == "終了しました。")
  }

  @Test func theEndOfInputEndsTheSessionCleanly() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen() })
    // Input ends in the middle of the field's question: nothing is typed, the session just ends.
    let terminal = LineTerminal.run(app, ["1"])
    #expect(app.page.field("kana")?.state.text == "")
    #expect(terminal.output.last == "終了しました。")
  }

  @Test func homeAndBackWorkLikeF4AndEsc() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    _ = LineTerminal.run(app, ["m"])
    #expect(app.screen is HomeScreen)
    _ = LineTerminal.run(app, ["b"])
    #expect(app.screen is AppTopScreen)
  }

  @Test func englishModeSpeaksEnglish() throws {
    let app = try TestWorld.app({ $0.startScreen() }, language: .en)
    let terminal = LineTerminal.run(app, ["1", "1", "h"])
    let text = terminal.text
    #expect(text.contains("Screen: App Store"))
    #expect(text.contains("1. [Button] Get"))
    #expect(text.contains("1. [Button] Sign up here"))
    #expect(text.contains("2. [Button] Member login"))
    #expect(text.contains("Type a number (h: help, q: quit) >"))
    #expect(text.contains("b: back to the previous screen"))
    #expect(text.contains("Questions about HokuLink (ほくリンク): 0120-896950"))
    #expect(!text.contains("番号を入力"))
  }

  @Test func storedAndTypedTextCannotReachTheTerminalAsControlCharacters() throws {
    let app = try TestWorld.app({ _ in AccessibleFormScreen(note: "x\u{1B}[2Jy\u{202E}z\u{7}") })
    let terminal = LineTerminal.run(app, ["1", "ほ\u{1B}[31mく"])
    #expect(terminal.text.contains("x\u{FFFD}[2Jy\u{FFFD}z\u{FFFD}"))
    #expect(!terminal.output.contains { line in line.unicodeScalars.contains { SafeText.isUnsafe($0) } })
  }

  @Test func theGuideNamesTheNumberToPress() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    let terminal = LineTerminal.run(app, [])
    #expect(terminal.text.contains("(番号 1: 新規会員登録はこちら)"))
    let hidden = LineTerminal.run(app, ["g"])
    // The screen is printed again without the guide.
    let reprinted = hidden.output.split(separator: "画面: ほくリンク").last ?? []
    #expect(hidden.output.filter { $0 == "画面: ほくリンク" }.count == 2)
    #expect(!reprinted.contains { $0.hasPrefix("ガイド 手順") })
  }
}
