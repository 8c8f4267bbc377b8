import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

@Suite struct FirstScreensTests {
  @Test(arguments: [Language.ja, .en])
  func goldenScreensOfTheStorePageAndTheAppTop(language: Language) throws {
    let app = try TestWorld.app({ $0.startScreen() }, language: language)
    Golden.check("step01-store-\(language.rawValue)", app.render(width: 80, height: 24))
    app.apply(.activated("store.action"))
    Golden.check("step01-store-installed-\(language.rawValue)", app.render(width: 80, height: 24))
    app.apply(.activated("store.action"))
    Golden.check("step02-app-top-\(language.rawValue)", app.render(width: 80, height: 24))
  }

  @Test func installingOpensTheAppOnTheNextStart() throws {
    let env = try TestWorld.environment()
    #expect(env.startScreen() is AppStoreScreen)
    env.installApp()
    let again = try AppEnvironment(store: env.store, device: "default")
    #expect(again.startScreen() is AppTopScreen)
    let otherPhone = try AppEnvironment(store: env.store, device: "second-phone")
    #expect(otherPhone.startScreen() is AppStoreScreen)
  }

  @Test func theGuideFramesTheSignUpButtonInRed() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    let canvas = app.render(width: 80, height: 24)
    #expect(canvas.text.contains("新規会員登録はこちら"))
    #expect(canvas.text.contains("ガイド"))
    let red = canvas.cells.filter { $0.style.foreground == .red && ($0.text == "┌" || $0.text == "│") }
    #expect(!red.isEmpty)
  }

  @Test func aSmallTerminalAsksToBeEnlarged() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    let small = app.render(width: 60, height: 20)
    #expect(small.text.contains("80×24"))
    #expect(!small.text.contains("新規会員登録はこちら"))
    #expect(app.render(width: 100, height: 30).text.contains("新規会員登録はこちら"))
  }

  @Test func f4OpensThePhonesHomeScreenAndEscGoesBack() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    app.handle(.function(4))
    let home = app.render(width: 80, height: 24).text
    for label in ["App Store", "ほくリンク", "メール", "郵便受け"] { #expect(home.contains(label)) }
    app.handle(.escape)
    #expect(app.render(width: 80, height: 24).text.contains("新規会員登録はこちら"))
  }

  @Test func f1ShowsHelpWithTheSupportLine() throws {
    let app = try TestWorld.app({ _ in AppTopScreen() })
    app.handle(.function(1))
    #expect(app.render(width: 80, height: 24).text.contains("0120-896950"))
  }
}

@Suite struct PlayTests {
  @Test func aScriptThatHoldsPasses() throws {
    try Scripts.run("first-screens.play")
  }

  @Test func aScriptExpectingMissingTextFailsWithTheLineAndTheScreen() throws {
    let env = try TestWorld.environment()
    let app = App(env: env, root: env.startScreen())
    let lines = try PlayScript.parse(
      """
      press "入手"
      press "開く"
      expect "この文字はどこにもない"
      """)
    do {
      try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(lines)
      Issue.record("the script should have failed")
    } catch {
      #expect(error.line.number == 3)
      #expect(error.screen.contains("新規会員登録はこちら"))
      #expect(error.description.contains("expect \"この文字はどこにもない\""))
    }
  }

  @Test func parsingQuotesEscapesAndComments() throws {
    let lines = try PlayScript.parse(
      """
      # a comment
      fill "メールアドレス" "a\\"b@example.jp"  # trailing comment
      key Ctrl-U
      if "2番目" fill "秘密のキーワード" "ますずし"
      """)
    #expect(lines.count == 3)
    #expect(lines[0].command == .fill(label: "メールアドレス", text: "a\"b@example.jp"))
    #expect(lines[2].command == .ifShown("2番目", .fill(label: "秘密のキーワード", text: "ますずし")))
    #expect(throws: PlayScriptError.self) { try PlayScript.parse("fill \"unclosed") }
    #expect(throws: PlayScriptError.self) { try PlayScript.parse("dance \"x\"") }
  }
}
