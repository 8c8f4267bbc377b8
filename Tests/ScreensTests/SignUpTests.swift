import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

@Suite struct SignUpScriptTests {
  @Test func walkthroughAImmediateCourseByBankTransfer() throws {
    try Scripts.run("signup-a-immediate-bank.play")
  }
}

extension SignUpScriptTests {
  @Test func walkthroughAImmediateCourseByCard() throws {
    try Scripts.run("signup-a-immediate-card.play")
  }

  @Test func walkthroughAPostcardCourseForAPaymentSlipCustomer() throws {
    try Scripts.run("signup-a-postcard.play")
  }

  @Test func walkthroughBOnThePCSite() throws {
    try Scripts.run("signup-b-pc.play", pc: true)
  }
}

extension SignUpScriptTests {
  @Test func everyFieldErrorOfSteps3And5IsShownUnderItsField() throws {
    try Scripts.run("signup-field-errors.play")
  }
}

/// Quitting at a step (the app calls `saveDraft` on every open screen) and starting again returns to it.
@Suite struct SignUpResumeTests {
  static let toStep5 = """
    press "入手"
    press "開く"
    press "新規会員登録はこちら"
    press "次へ"
    fill "メールアドレス" "resume@example.jp"
    fill "確認用メールアドレス" "resume@example.jp"
    check "同意"
    press "送信する"
    press "メールを確認する"
    press "会員情報登録用URLのご案内"
    press "hokulink://register?token="
    """

  func run(_ script: String, env: AppEnvironment) throws -> App {
    let app = App(env: env, root: env.startScreen())
    try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(PlayScript.parse(script))
    return app
  }

  func restart(_ env: AppEnvironment) throws -> App {
    let again = try AppEnvironment(store: env.store, device: env.deviceName, realNow: { TestWorld.fixedNow })
    return App(env: again, root: again.startScreen())
  }

  @Test func quittingAtStep3KeepsTheAddressTyped() throws {
    let env = try TestWorld.environment()
    let app = try run(
      """
      press "入手"
      press "開く"
      press "新規会員登録はこちら"
      press "次へ"
      fill "メールアドレス" "half@example.jp"
      """, env: env)
    app.saveProgress()
    let next = try restart(env)
    #expect(next.screen is TermsScreen)
    #expect(next.page.field("terms.email")?.state.text == "half@example.jp")
  }

  @Test func quittingAtStep5KeepsEveryEntryButNeverThePasswords() throws {
    let env = try TestWorld.environment()
    let app = try run(
      Self.toStep5 + "\n"
        + """
        choose "照会区分" "個人"
        fill "ご契約名義" "北陸 太郎"
        fill "お客さま番号" "410012345678"
        """, env: env)
    app.saveProgress()
    var next = try restart(env)
    #expect(next.screen is CustomerInfoScreen)
    #expect(next.page.field("info.name")?.state.text == "北陸　太郎")
    #expect(next.page.field("info.number")?.state.text == "410012345678")
    #expect(next.page.choice("info.kind")?.selected == 0)

    let rest = """
      fill "フリガナ" "ホクリク タロウ"
      fill "郵便番号" "9200981"
      fill "住所" "石川県金沢市片町１丁目２番３号"
      fill "電話番号" "0762201234"
      press "STEP2へ"
      choose "会員申請コース" "いますぐ会員コース"
      press "STEP3へ"
      choose "お支払方法" "口座振替"
      fill "口座番号" "1234567"
      fill "初回ログインパスワード" "kanazawa-kenrokuen"
      """
    try PlayRunner(app: next, baseDirectory: TestWorld.folder()).run(PlayScript.parse(rest))
    next.saveProgress()
    next = try restart(env)
    #expect(next.screen is CourseDetailsScreen)
    #expect(next.page.choice("details.method")?.selected == 0)
    #expect(next.page.field("details.number")?.state.text == "")
    #expect(next.page.field("details.password")?.state.text == "")
    let files = try FileManager.default.subpathsOfDirectory(atPath: env.store.folder.path)
    for file in files where file.hasSuffix(".json") && file != "customers.json" {
      let text = (try? String(contentsOf: env.store.folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
      #expect(!text.contains("kanazawa-kenrokuen"), "\(file) holds the password")
      #expect(!text.contains("\"1234567\""), "\(file) holds the account number")
    }
  }

  @Test func aUsedLinkShowsAClearScreenAndTheSameLinkNeverWorksTwice() throws {
    let env = try TestWorld.environment()
    let app = try run(Self.toStep5, env: env)
    #expect(app.screen is CustomerInfoScreen)
    let link = try #require(try env.mailbox.messages(for: "resume@example.jp").first?.links.first)
    app.follow(env.open(link: link))
    let text = app.render(width: 80, height: 24).text
    #expect(text.contains("すでに使われた"))
    #expect(app.page.find(label: "もう一度申し込む", kinds: [.button]) != nil)
  }
}

extension SignUpResumeTests {
  @Test func aSignUpBegunOnThePCReopensThereInTheBrowserFrame() throws {
    let env = try TestWorld.environment(pc: true)
    let app = App(env: env, root: env.startScreen())
    try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(
      PlayScript.parse(
        """
        press "新規会員登録(無料)"
        press "次へ"
        fill "メールアドレス" "pc.user@example.jp"
        """))
    app.saveProgress()
    let pc = try AppEnvironment(store: env.store, device: env.deviceName, pc: true, realNow: { TestWorld.fixedNow })
    let resumed = pc.startScreen()
    #expect(resumed is TermsScreen && resumed.frame == .browser)
    let phone = try AppEnvironment(store: env.store, device: env.deviceName, realNow: { TestWorld.fixedNow })
    phone.installApp()
    #expect(phone.startScreen() is AppTopScreen)
  }
}
