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
  /// SPEC §6: Esc from 5-3 back to 5-1 with every entry, the link again, 修正する, and on to step 8.
  @Test func escGoesBackThroughTheStepsWithEveryEntryAndTheSignUpStillEnds() throws {
    try Scripts.run("signup-back-and-forth.play")
  }

  /// An error goes as soon as it is put right; after a failed submit typing goes into the first wrong field.
  @Test func correctionsClearTheirErrorsAndAFailedSubmitFocusesTheFirstWrongField() throws {
    try Scripts.run("signup-corrections.play")
  }

  @Test func everyFieldErrorOfSteps3And5IsShownUnderItsField() throws {
    try Scripts.run("signup-field-errors.play")
  }
}

/// Quitting at a step and starting again returns to it: entries are written as they are typed, so nothing
/// needs saving on the way out.
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

  /// Killed (nothing runs on the way out) at step 6 and started again: steps 5-1 to 6 come back with what was
  /// typed, Esc goes back through them, and no secret was ever written to the data folder.
  @Test func entriesTypedAt5And6AreBackAfterAKillAndTheSecretsNeverOnDisk() throws {
    let env = try TestWorld.environment()
    _ = try run(
      Self.toStep5 + "\n"
        + #"""
        choose "照会区分" "個人"
        fill "ご契約名義" "北陸 太郎"
        fill "フリガナ" "ホクリク タロウ"
        fill "お客さま番号" "410012345678"
        fill "郵便番号" "9200981"
        fill "住所" "石川県金沢市片町１丁目２番３号"
        fill "電話番号" "0762201234"
        press "STEP2へ"
        choose "会員申請コース" "いますぐ会員コース"
        press "STEP3へ"
        choose "お支払方法" "口座振替"
        fill "口座番号" "1234567"
        fill "初回ログインパスワード" "kanazawa-kenrokuen"
        fill "初回ログインパスワード(確認用)" "kanazawa-kenrokuen"
        press "次へ"
        choose "ご契約の用途" "ご家庭(戸建住宅)"
        choose "ご家族人数" "3人"
        """#, env: env)
    let again = try AppEnvironment(store: env.store, device: env.deviceName, realNow: { TestWorld.fixedNow })
    let app = App(env: again, screens: again.startScreens())
    #expect(app.screen is QuestionsScreen)
    #expect(app.page.choice("questions.use")?.selected == 0)
    #expect(app.page.choice("questions.family")?.selected == 2)
    app.handle(.escape)
    #expect(app.screen is CourseDetailsScreen)
    #expect(app.page.choice("details.method")?.selected == 0)
    app.handle(.escape)
    app.handle(.escape)
    #expect(app.screen is CustomerInfoScreen)
    #expect(app.page.field("info.name")?.state.text == "北陸　太郎")
    #expect(app.page.field("info.phone")?.state.text == "0762201234")
    #expect(app.page.choice("info.kind")?.selected == 0)
    let files = try FileManager.default.subpathsOfDirectory(atPath: env.store.folder.path)
    for file in files where !file.hasPrefix("customers.json") {
      let data = (try? Data(contentsOf: env.store.folder.appendingPathComponent(file))) ?? Data()
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains("kanazawa-kenrokuen"), "\(file) holds the password")
      // (Quoted: the customer number 410012345678 contains the digits.)
      #expect(!text.contains("\"1234567\"") && !text.contains(": 1234567"), "\(file) holds the account number")
    }
  }

  /// SPEC §6: the same link again on the same phone goes back into its flow (going back never uses it up);
  /// on another phone it is used, and says so clearly.
  @Test func theSameLinkAgainGoesBackIntoTheFlowOnThisPhoneAndIsUsedOnAnother() throws {
    let env = try TestWorld.environment()
    let app = try run(Self.toStep5 + "\n" + #"fill "ご契約名義" "北陸 太郎""#, env: env)
    #expect(app.screen is CustomerInfoScreen)
    let link = try #require(try env.mailbox.messages(for: "resume@example.jp").first?.links.first)
    app.follow(env.open(link: link))
    #expect(app.screen is CustomerInfoScreen)
    #expect(app.page.field("info.name")?.state.text == "北陸　太郎")

    let other = try TestWorld.environment(device: "another-phone", folder: env.store.folder)
    let elsewhere = App(env: other, root: AppTopScreen())
    elsewhere.follow(other.open(link: link))
    // The phone's lines joined, so that a phrase wrapped from one line to the next still reads whole.
    let phone = Layout.split(width: 80, height: 24, guide: true).phone
    let text = GuideWalk.crop(elsewhere.render(width: 80, height: 24), phone).map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
    }.joined()
    #expect(text.contains("すでに使われた"))
    #expect(elsewhere.page.find(label: "もう一度申し込む", kinds: [.button]) != nil)
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

    let pc = try AppEnvironment(store: env.store, device: env.deviceName, pc: true, realNow: { TestWorld.fixedNow })
    let resumed = pc.startScreen()
    #expect(resumed is TermsScreen && resumed.frame == .browser)
    let phone = try AppEnvironment(store: env.store, device: env.deviceName, realNow: { TestWorld.fixedNow })
    phone.installApp()
    #expect(phone.startScreen() is AppTopScreen)
  }
}
