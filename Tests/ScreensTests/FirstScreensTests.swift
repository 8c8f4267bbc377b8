import Foundation
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

  @Test func insideQuotesOnlyQuoteBackslashAndNAreEscapesAndAnyOtherBackslashIsKept() throws {
    let lines = try PlayScript.parse(
      #"""
      capture ID "利用者ID: ([A-Z0-9]+)\s*(\d+)"
      type "a\\b\"c\nd\te"
      """#)
    #expect(lines[0].command == .capture(name: "ID", pattern: #"利用者ID: ([A-Z0-9]+)\s*(\d+)"#))
    #expect(lines[1].command == .type("a\\b\"c\nd\\te"))
  }
}

/// Goldens for the screens around the flows: the STEP1 checklist, the PC top, the phone's home screen,
/// the mail app and the letterbox.
@Suite struct AroundTheFlowsGoldenTests {
  /// From the checklist: step 3 with the registered address hakusan.jiro@example.jp, sent, then the mail opened.
  static func sendAndOpenTheMail(_ app: App, _ language: Language) throws {
    app.apply(.activated("checklist.next"))
    for (id, text) in [("terms.email", "hakusan.jiro@example.jp"), ("terms.confirm", "hakusan.jiro@example.jp")] {
      app.focus(ControlID(id))
      for character in text { app.handle(.character(character)) }
    }
    app.apply(.toggled("terms.agree", true))
    app.apply(.activated("terms.send"))
    app.apply(.activated(try app.page.find(label: language == .ja ? "メールを確認する" : "Check mail").get()))
  }

  @Test(arguments: [Language.ja, .en])
  func checklistPCTopHomeAndLetterbox(language: Language) throws {
    let suffix = language.rawValue
    let app = try TestWorld.app({ _ in AppTopScreen() }, language: language)
    app.apply(.activated("top.signup"))
    Golden.check("step01-checklist-\(suffix)", app.render(width: 80, height: 24))
    app.handle(.function(4))
    Golden.check("phone-home-\(suffix)", app.render(width: 80, height: 24))
    app.apply(.activated("home.letterbox"))
    Golden.check("letterbox-empty-\(suffix)", app.render(width: 80, height: 24))
    let pc = try TestWorld.app({ _ in PCTopScreen() }, language: language, pc: true)
    Golden.check("pc-top-\(suffix)", pc.render(width: 80, height: 24))
    Golden.check("pc-top-wide-\(suffix)", pc.render(width: 120, height: 30))
  }

  /// An address that already has an account gets a mail without a link: its text is the same every time,
  /// so the mail list and the reader can have golden files.
  @Test(arguments: [Language.ja, .en])
  func theMailAppListsAndShowsAMail(language: Language) throws {
    let suffix = language.rawValue
    let app = try TestWorld.app({ _ in AppTopScreen() }, language: language)
    app.apply(.activated("top.signup"))
    try Self.sendAndOpenTheMail(app, language)
    Golden.check("mail-list-\(suffix)", app.render(width: 80, height: 24))
    // Under the subject: who sent it and when, not the recipient (the phone's own address).
    let sent = try #require(try app.env.mailbox.messages(for: "hakusan.jiro@example.jp").first)
    let senderName = String(sent.from.split(separator: "<").first ?? "").trimmingCharacters(in: .whitespaces)
    let dateLines = app.render(width: 80, height: 24).text.split(separator: "\n").filter {
      $0.contains("2026/11/27 10:00")
    }
    #expect(dateLines.count == 1)
    #expect(dateLines.allSatisfy { $0.contains(senderName) && !$0.contains("hakusan.jiro") })
    app.apply(.activated("mail.0"))
    Golden.check("mail-reader-registered-\(suffix)", app.render(width: 80, height: 24))
    #expect(!app.render(width: 80, height: 24).text.contains("hokulink://"))
  }

  /// On the PC, mail is a webmail page and the letterbox a page in the same browser; F4 opens the bookmarks,
  /// never a phone (issue 9).
  @Test(arguments: [Language.ja, .en])
  func thePCReadsMailInWebmailAndF4OpensBookmarks(language: Language) throws {
    let suffix = language.rawValue
    let app = try TestWorld.app({ _ in PCTopScreen() }, language: language, pc: true)
    app.apply(.activated("pc.signup"))
    try Self.sendAndOpenTheMail(app, language)
    let phone = ["このスマホ", "This phone", "╭"]
    func noPhone(_ text: String, _ screen: String) {
      for word in phone { #expect(!text.contains(word), "\(screen) draws a phone (\(word))") }
    }
    let list = app.render(width: 80, height: 24)
    // Keys scroll the viewport of the frame that is drawn: the browser's, not a phone's.
    #expect(app.viewport == app.drawn(width: 80, height: 24).body)
    Golden.check("pc-webmail-list-\(suffix)", list)
    #expect(list.text.contains(WebMail.host + "inbox") && list.text.contains(WebMail.siteTitle(language)))
    noPhone(list.text, "the webmail's inbox")
    app.apply(.activated("mail.0"))
    let message = app.render(width: 80, height: 24)
    #expect(app.viewport == app.drawn(width: 80, height: 24).body)
    Golden.check("pc-webmail-message-\(suffix)", message)
    noPhone(message.text, "the webmail's message")
    app.handle(.function(4))
    #expect(app.screen is BookmarksScreen)
    let bookmarks = app.render(width: 80, height: 24)
    Golden.check("pc-bookmarks-\(suffix)", bookmarks)
    noPhone(bookmarks.text, "F4 on the PC")
    #expect(bookmarks.text.contains("F4:" + UIText.bookmarks(language)))
    let depth = app.depth
    app.handle(.function(4))
    #expect(app.screen is BookmarksScreen && app.depth == depth, "a second F4 stays on the bookmarks")
    app.apply(.activated("bookmarks.letterbox"))
    let letterbox = app.render(width: 80, height: 24)
    Golden.check("pc-letterbox-empty-\(suffix)", letterbox)
    noPhone(letterbox.text, "the letterbox on the PC")
    // F1 says what F4 does here.
    app.handle(.function(1))
    #expect(app.render(width: 80, height: 24).text.contains(String(UIText.pcBookmarksKey(language).prefix(8))))
  }
}

/// A screen that counts how often its page is built.
final class PageCounter: @unchecked Sendable {
  var builds = 0
}

struct CountingScreen: Screen {
  let counter: PageCounter
  var name = TextFieldState()

  var title: Localized { Localized(ja: "テスト", en: "Test") }

  func page(_ env: AppEnvironment) -> Page {
    counter.builds += 1
    return Page([
      .field(FieldSpec(id: "name", label: "ご契約名義", state: name)),
      .button(id: "ok", label: "OK"),
    ])
  }

  mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if case .edited("name", let state) = event { name = state }
    return .stay
  }
}

@Suite struct PageBuildingTests {
  /// A page may read the store, so a key that is handled and drawn builds it once, not once per use.
  @Test func aTypedCharacterBuildsThePageOnce() throws {
    let counter = PageCounter()
    let app = try TestWorld.app({ _ in CountingScreen(counter: counter) })
    _ = app.render(width: 80, height: 24)
    let before = counter.builds
    for character in "山田太郎" {
      app.handle(.character(character))
      _ = app.render(width: 80, height: 24)
    }
    #expect(counter.builds - before == 4)
    app.handle(.tab)
    _ = app.render(width: 80, height: 24)
    #expect(counter.builds - before == 4, "moving the focus changes no page")
    app.refresh()
    _ = app.render(width: 80, height: 24)
    #expect(counter.builds - before == 5)
    #expect(app.render(width: 80, height: 24).text.contains("山田太郎"))
  }
}
