import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// Runs a shipped script against an environment the test made, so the test can look at its data folder after.
private func run(_ name: String, in env: AppEnvironment) throws {
  let url = Scripts.directory.appendingPathComponent(name)
  let lines = try PlayScript.parse(String(contentsOf: url, encoding: .utf8))
  let app = App(env: env, root: env.startScreen())
  try PlayRunner(app: app, baseDirectory: Scripts.directory).run(lines)
}

/// Every regular file under a folder.
private func files(under folder: URL) -> [URL] {
  guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
  else { return [] }
  return enumerator.compactMap { $0 as? URL }.filter {
    (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
  }
}

@Suite struct LoginScriptTests {
  @Test func walkthroughCForTheDemoMemberReachesHome() throws {
    try Scripts.run("member-c-demo.play")
  }

  /// SPEC §6: logged in on a known device, a member starting the app again is home, until ログアウト.
  @Test func aLoggedInMemberStartingAgainIsHomeUntilLogout() throws {
    let env = try TestWorld.environment(device: "new-phone")
    try run("member-c-demo.play", in: env)
    let again = try AppEnvironment(store: env.store, device: "new-phone", realNow: { TestWorld.fixedNow })
    let app = App(env: again, screens: again.startScreens())
    #expect(app.screen is MemberHomeScreen)
    let lines = try PlayScript.parse(
      String(contentsOf: Scripts.directory.appendingPathComponent("member-home-after-restart.play"), encoding: .utf8))
    try PlayRunner(app: app, baseDirectory: Scripts.directory).run(lines)
    let afterLogout = try AppEnvironment(store: env.store, device: "new-phone", realNow: { TestWorld.fixedNow })
    #expect(afterLogout.startScreen() is AppTopScreen)
  }

  @Test func aMemberSessionEndsAfterItsLifetime() throws {
    let env = try TestWorld.environment(device: "new-phone")
    try run("member-c-demo.play", in: env)
    let later = try AppEnvironment(
      store: env.store, device: "new-phone",
      realNow: { TestWorld.fixedNow.addingTimeInterval(Assumptions.memberSessionLifetime + 60) })
    #expect(later.startScreen() is AppTopScreen)
    let sooner = try AppEnvironment(
      store: env.store, device: "new-phone",
      realNow: { TestWorld.fixedNow.addingTimeInterval(Assumptions.memberSessionLifetime - 60) })
    #expect(sooner.startScreen() is MemberHomeScreen)
  }

  @Test func walkthroughCInEnglishReachesHome() throws {
    let env = try TestWorld.environment(language: .en)
    let app = App(env: env, root: AppTopScreen())
    let lines = try PlayScript.parse(
      """
      press "Member login"
      check "I agree"
      press "Next"
      fill "User ID" "HKDEMU27"
      fill "Password" "hakusan-2026"
      press "Log in"
      expect "first login from this device"
      press "Next"
      if "(number 1)" fill "Secret keyword" "ノドグロ"
      if "(number 2)" fill "Secret keyword" "ﾏｽｽﾞｼ"
      if "(number 3)" fill "Secret keyword" "ハクサン"
      press "Verify"
      fill "Nickname" "Jiro"
      fill "Month of birth" "1985/04"
      choose "Gender" "Prefer not to say"
      fill "Postal code" "9200981"
      press "Start"
      expect "Electricity bill"
      expect "Usage"
      expect "Points"
      """)
    try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(lines)
  }

  @Test func aForgottenIDComesByMail() throws {
    try Scripts.run("forgot-id.play")
  }

  @Test func aForgottenPasswordIsResetThroughTheMailedLink() throws {
    try Scripts.run("forgot-password.play")
  }

  @Test func aFailedLoginAndStep14MarkEveryWrongFieldAndTypingGoesIntoTheFirst() throws {
    try Scripts.run("login-corrections.play")
  }

  /// After a wrong password the focus and the real cursor stand in the emptied password row, and a key typed
  /// goes into it (it was thrown away while focus stayed on 「ログイン」).
  @Test func afterAWrongPasswordTypingGoesIntoThePasswordField() throws {
    let app = try TestWorld.app { _ in LoginScreen() }
    app.handle(.resize(width: 80, height: 24))
    app.apply(.edited("login.id", TextFieldState(text: DemoMember.userID)))
    app.apply(.edited("login.password", TextFieldState(text: "not-the-password")))
    app.apply(.activated("login.submit"))
    #expect(app.form.focus == "login.password")
    #expect(app.env.memberDraft.loginPassword.isEmpty)
    #expect(app.env.memberDraft.loginUserID == DemoMember.userID)
    #expect(app.render(width: 80, height: 24).cursor != nil)
    app.handle(.character("h"))
    #expect(app.env.memberDraft.loginPassword == "h")
  }

  /// Step 14 shows every error of the screen at once, not one at a time, and focus goes to the first.
  @Test func step14ShowsEveryErrorAtOnce() throws {
    let env = try TestWorld.environment()
    let session = try LoginGoldenTests.demoSession(env)
    let app = App(env: env, root: ProfileScreen(session: session))
    app.apply(.activated("profile.start"))
    let page = app.page
    for id: ControlID in ["profile.nickname", "profile.birth", "profile.gender", "profile.postal"] {
      #expect(page.error(of: id) != nil, "no error under \(id)")
    }
    #expect(app.form.focus == "profile.nickname")
  }

  /// Steps 12 and 13 too: every wrong field at once, focus on the first, each error gone as it is put right, and
  /// what was typed kept through the refusal.
  @Test func steps12And13ShowEveryErrorAtOnceAndKeepWhatWasTyped() throws {
    let env = try TestWorld.environment()
    let session = try LoginGoldenTests.newMemberSession(env)
    let password = App(env: env, root: NewPasswordScreen(session: session))
    password.apply(.edited("newpw.confirm", TextFieldState(text: "x")))
    password.apply(.activated("newpw.submit"))
    #expect(password.page.error(of: "newpw.password") != nil)
    #expect(password.page.error(of: "newpw.confirm") != nil)
    #expect(password.form.focus == "newpw.password")
    #expect(password.page.field("newpw.confirm")?.state.text == "x")
    password.apply(.edited("newpw.password", TextFieldState(text: "tsurugi-2026")))
    #expect(password.page.error(of: "newpw.password") == nil)

    let keywords = App(env: env, root: KeywordSetupScreen(session: session))
    keywords.apply(.edited("keywords.2", TextFieldState(text: "ますずし")))
    keywords.apply(.activated("keywords.submit"))
    #expect(keywords.page.error(of: "keywords.1") != nil)
    #expect(keywords.page.error(of: "keywords.2") == nil)
    #expect(keywords.page.error(of: "keywords.3") != nil)
    #expect(keywords.form.focus == "keywords.1")
    #expect(keywords.page.field("keywords.2")?.state.text == "ますずし")
  }

  /// What is typed on the member side lives in memory only: nothing of it reaches the data folder.
  @Test func memberEntriesNeverReachTheDataFolder() throws {
    let folder = TestWorld.folder()
    let env = try TestWorld.environment(folder: folder)
    let app = App(env: env, root: LoginScreen())
    app.apply(.edited("login.id", TextFieldState(text: DemoMember.userID)))
    app.apply(.edited("login.password", TextFieldState(text: "secret-typed-1")))
    app.focus("login.submit")
    let session = try LoginGoldenTests.demoSession(env)
    let keywords = App(env: env, root: KeywordSetupScreen(session: session))
    keywords.apply(.edited("keywords.1", TextFieldState(text: "ひみつのことば")))
    keywords.focus("keywords.2")
    keywords.close()
    let files =
      FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL } ?? []
    for file in files {
      guard let data = try? Data(contentsOf: file) else { continue }
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains("secret-typed-1"), "\(file.lastPathComponent) holds the typed password")
      #expect(!text.contains("ひみつのことば"), "\(file.lastPathComponent) holds the typed keyword")
    }
  }

  @Test func fiveWrongPasswordsLockUntilThirtySimulatedMinutesHavePassed() throws {
    try Scripts.run("lockout.play")
  }

  @Test
  func walkthroughAFromTheStoreToHome() throws {
    try Scripts.run("signup-a-to-home.play")
  }

  @Test
  func walkthroughBFromThePCTopToTheMyPage() throws {
    try Scripts.run("signup-b-to-mypage.play", pc: true)
  }

  /// The words above the form after five misses and then the right password, for a real and an unknown ID.
  @Test func aLockedRealIDAndAnUnknownIDReadTheSame() throws {
    func wordsAfterLockout(_ id: String, password: String) throws -> String {
      let env = try TestWorld.environment()
      let app = App(env: env, root: LoginScreen())
      for attempt in 0..<5 {
        app.apply(.edited("login.id", TextFieldState(text: id)))
        app.apply(.edited("login.password", TextFieldState(text: "wrong-\(attempt)")))
        app.apply(.activated("login.submit"))
      }
      app.apply(.edited("login.password", TextFieldState(text: password)))
      app.apply(.activated("login.submit"))
      let lines = app.render(width: 80, height: 24).text.split(separator: "\n")
      return lines.prefix { !$0.contains("利用者ID *") }.joined(separator: "\n")
    }
    let real = try wordsAfterLockout(DemoMember.userID, password: DemoMember.password)
    let unknown = try wordsAfterLockout("HKZZZZ99", password: DemoMember.password)
    #expect(real.contains("ログインが一時的に制限されています"))
    #expect(real.contains("0120-896950"))
    #expect(real == unknown)
  }

  @Test func theSignUpScriptsAtLeastParse() throws {
    for name in ["signup-a-to-home.play", "signup-b-to-mypage.play"] {
      let source = try String(contentsOf: Scripts.directory.appendingPathComponent(name), encoding: .utf8)
      #expect(try PlayScript.parse(source).count > 40)
    }
  }

  /// Walkthrough B's login for an existing member: the browser frame, no app terms, no profile.
  @Test func theDemoMemberLogsInOnThePCAndReachesTheMyPage() throws {
    let env = try TestWorld.environment(pc: true)
    let app = App(env: env, root: env.startScreen())
    try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(
      try PlayScript.parse(
        """
        press "ログイン"
        expect "https://www.rikuden.example/hokulink/login"
        fill "利用者ID" "hkdemu27"
        fill "パスワード" "hakusan-2026"
        press "ログイン"
        expect "ご利用端末から初めてのログインです"
        press "次へ"
        if "1番目" fill "秘密のキーワード" "のどぐろ"
        if "2番目" fill "秘密のキーワード" "ますずし"
        if "3番目" fill "秘密のキーワード" "はくさん"
        press "認証する"
        expect "マイページ"
        expect "電気料金"
        expect "ポイント"
        press "ログアウト"
        expect "新規会員登録(無料)"
        """))
    #expect(try env.store.account(userID: DemoMember.userID)?.profile == nil)
  }

  /// One member, two phones: the notice and the keyword check on each new phone only, and straight home
  /// after the password on a phone that already passed them.
  @Test func aSecondDeviceAsksForAKeywordAndAKnownOneGoesStraightHome() throws {
    let folder = TestWorld.folder()
    let phoneA = try TestWorld.environment(device: "a", folder: folder)
    try run("member-c-demo.play", in: phoneA)

    let again = App(env: try TestWorld.environment(device: "a", folder: folder), root: AppTopScreen())
    try PlayRunner(app: again, baseDirectory: folder).run(
      try PlayScript.parse(
        """
        press "会員ログイン"
        fill "利用者ID" "HKDEMU27"
        fill "パスワード" "hakusan-2026"
        press "ログイン"
        expect-not "ご利用端末から初めてのログインです"
        expect "電気料金"
        """))
    #expect(again.screen is MemberHomeScreen)

    let phoneB = try TestWorld.environment(device: "b", folder: folder)
    let second = App(env: phoneB, root: phoneB.startScreen())
    try PlayRunner(app: second, baseDirectory: folder).run(
      try PlayScript.parse(
        """
        press "入手"
        press "開く"
        press "会員ログイン"
        check "利用規約に同意します"
        press "次へ"
        fill "利用者ID" "HKDEMU27"
        fill "パスワード" "hakusan-2026"
        press "ログイン"
        expect "ご利用端末から初めてのログインです"
        press "次へ"
        expect "番目"
        fill "秘密のキーワード" "かに"
        press "認証する"
        expect "秘密のキーワードが正しくありません"
        if "1番目" fill "秘密のキーワード" "ﾉﾄﾞｸﾞﾛ"
        if "2番目" fill "秘密のキーワード" "マスズシ"
        if "3番目" fill "秘密のキーワード" "はくさん"
        press "認証する"
        expect "電気料金"
        """))
    // The profile was set on phone a, so phone b goes straight home after the keyword.
    #expect(second.screen is MemberHomeScreen)
    let account = try #require(try phoneB.store.account(userID: DemoMember.userID))
    #expect(account.knownDeviceDigests.count == 2)
    #expect(account.knowsDevice(token: phoneA.deviceToken))
    #expect(account.knowsDevice(token: phoneB.deviceToken))
    #expect(phoneA.deviceToken != phoneB.deviceToken)
  }

  /// After the scripts, no file of the data folder holds a password, keyword or token they typed or followed.
  /// The mail folder is the person's inbox (the link must be in it), so it is left out.
  @Test func theDataFolderHoldsNoSecretInClear() throws {
    let folder = TestWorld.folder()
    for name in ["member-c-demo.play", "lockout.play", "forgot-password.play"] {
      try run(name, in: try TestWorld.environment(device: name, folder: folder))
    }
    let env = try TestWorld.environment(folder: folder)
    let tokens = try env.mailbox.messages(for: DemoMember.email).flatMap(\.links).compactMap(
      Recoveries.resetToken(fromLink:))
    #expect(!tokens.isEmpty)
    let deviceTokens = ["member-c-demo.play", "forgot-password.play", "lockout.play"].map {
      (try? TestWorld.environment(device: $0, folder: folder).deviceToken) ?? ""
    }
    let secrets =
      ["hakusan-2026", "tsurugi-2026", "wrong-pass-1", "wrong-pass-5"] + DemoMember.keywords + tokens
    let dataFiles = files(under: env.store.folder).filter { !$0.path.contains("/mail/") }
    #expect(dataFiles.count > 5)
    for file in dataFiles {
      let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
      for secret in secrets {
        #expect(!text.contains(secret), "\(file.path) holds a secret in clear")
      }
      // A device's own record holds its token (like a cookie); every other file holds only digests.
      if !file.path.contains("/devices/") {
        for token in deviceTokens where !token.isEmpty {
          #expect(!text.contains(token), "\(file.path) holds a device token in clear")
        }
      }
    }
  }

  @Test func aResetLinkWorksOnlyOnce() throws {
    let env = try TestWorld.environment()
    let app = App(env: env, root: LoginScreen())
    _ = try Recoveries(store: env.store).requestPasswordReset(
      userID: DemoMember.userID, email: DemoMember.email, now: env.now)
    let link = try #require(try env.mailbox.messages(for: DemoMember.email).first?.links.first)
    app.follow(env.open(link: link))
    #expect(app.screen is PasswordResetScreen)
    try PlayRunner(app: app, baseDirectory: TestWorld.folder()).run(
      try PlayScript.parse(
        """
        fill "新しいパスワード" "tsurugi-2026"
        fill "新しいパスワード(確認用)" "tsurugi-2026"
        press "設定する"
        expect "パスワードを再設定しました"
        """))
    app.follow(env.open(link: link))
    let text = app.render(width: 80, height: 24).text
    #expect(text.contains("0120-896950"))
    #expect(!(app.screen is PasswordResetScreen))
  }
}

/// Golden screens of this issue, in both languages, with fixed content.
@Suite struct LoginGoldenTests {
  static func render(_ env: AppEnvironment, _ screen: any Screen) -> Canvas {
    App(env: env, root: screen).render(width: 80, height: 24)
  }

  /// The demo member logged in on this environment's device, the keyword check fixed to the second keyword.
  static func demoSession(_ env: AppEnvironment, channel: LoginChannel = .app) throws -> LoginFlow {
    let flow = env.logins
    guard
      case .loggedIn(let session) = try flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: env.deviceToken, channel: channel,
        now: env.now)
    else { throw LoginError.accountMissing }
    return session
  }

  /// A new member just logged in with the initial password, past the notice.
  static func newMemberSession(_ env: AppEnvironment, channel: LoginChannel = .app) throws -> LoginFlow {
    let account = try env.store.createAccount(
      email: "kaga.hanako@example.jp", customerNumber: "410012345678", initialPassword: "kari-pass-2026",
      course: .immediate, notificationMail: false, now: env.now)
    let flow = Logins(store: env.store)
    guard
      case .loggedIn(var session) = try flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: env.deviceToken, channel: channel,
        now: env.now)
    else { throw LoginError.accountMissing }
    try flow.acknowledgeNotice(&session, now: env.now)
    return session
  }

  @Test(arguments: [Language.ja, .en])
  func phoneScreensOfStepsTenToFourteen(language: Language) throws {
    let env = try TestWorld.environment(language: language)
    let l = language.rawValue
    Golden.check("step10-app-terms-\(l)", Self.render(env, AppTermsScreen()))
    Golden.check("step10-app-terms-text-\(l)", Self.render(env, AppTermsViewerScreen()))
    Golden.check("step11-login-\(l)", Self.render(env, LoginScreen()))
    let demo = try Self.demoSession(env)
    Golden.check("step11-first-login-notice-\(l)", Self.render(env, FirstLoginNoticeScreen(session: demo)))
    Golden.check("c5-keyword-check-\(l)", Self.render(env, KeywordChallengeScreen(session: demo, index: 1)))
    Golden.check("step14-profile-\(l)", Self.render(env, ProfileScreen(session: demo)))
    Golden.check("home-\(l)", Self.render(env, MemberHomeScreen(userID: DemoMember.userID)))
    let newMember = try Self.newMemberSession(env)
    Golden.check("step12-new-password-\(l)", Self.render(env, NewPasswordScreen(session: newMember)))
    Golden.check("step13-keywords-\(l)", Self.render(env, KeywordSetupScreen(session: newMember)))
  }

  @Test(arguments: [Language.ja, .en])
  func pcScreensOfStepsNineToElevenAndTheMyPage(language: Language) throws {
    let env = try TestWorld.environment(language: language, pc: true)
    let l = language.rawValue
    Golden.check("pc09-login-\(l)", Self.render(env, LoginScreen(frame: .browser)))
    let demo = try Self.demoSession(env, channel: .web)
    Golden.check(
      "pc09-first-login-notice-\(l)", Self.render(env, FirstLoginNoticeScreen(session: demo, frame: .browser)))
    let newMember = try Self.newMemberSession(env, channel: .web)
    Golden.check("pc10-new-password-\(l)", Self.render(env, NewPasswordScreen(session: newMember, frame: .browser)))
    Golden.check("pc11-keywords-\(l)", Self.render(env, KeywordSetupScreen(session: newMember, frame: .browser)))
    Golden.check("pc-mypage-\(l)", Self.render(env, MemberHomeScreen(userID: DemoMember.userID, frame: .browser)))
  }

  @Test(arguments: [Language.ja, .en])
  func recoveryScreensAndDeadEnds(language: Language) throws {
    let env = try TestWorld.environment(language: language)
    let l = language.rawValue
    Golden.check("forgot-id-\(l)", Self.render(env, ForgotUserIDScreen()))
    Golden.check("forgot-password-\(l)", Self.render(env, ForgotPasswordScreen()))
    Golden.check("forgot-id-sent-\(l)", Self.render(env, RecoverySentScreen(kind: .userID)))
    Golden.check("forgot-password-sent-\(l)", Self.render(env, RecoverySentScreen(kind: .password)))
    Golden.check("password-reset-\(l)", Self.render(env, PasswordResetScreen(token: "fixed-token-for-golden")))
    Golden.check("password-reset-done-\(l)", Self.render(env, PasswordResetDoneScreen()))
    let invalid = App(env: env, root: LoginScreen())
    invalid.follow(env.open(link: "hokulink://reset?token=no-such-token"))
    Golden.check("password-reset-link-invalid-\(l)", invalid.render(width: 80, height: 24))

    let locked = App(env: env, root: LoginScreen())
    for attempt in 0..<5 {
      locked.apply(.edited("login.id", TextFieldState(text: "HKDEMU27")))
      locked.apply(.edited("login.password", TextFieldState(text: "wrong-\(attempt)")))
      locked.apply(.activated("login.submit"))
    }
    Golden.check("step11-login-locked-\(l)", locked.render(width: 80, height: 24))
  }

  /// A dead end's 「ログイン画面へ」 must not let a phone that never agreed to the app terms past them; a phone
  /// that agreed once is not asked again.
  @Test func aDeadEndLeadsToTheAppTermsOnlyOnAPhoneThatNeverAcceptedThem() throws {
    func afterDeadEnd(_ env: AppEnvironment) -> String {
      let app = App(env: env, root: LoginScreen())
      app.follow(env.open(link: "hokulink://reset?token=gone"))
      app.apply(.activated("deadend.login"))
      return app.render(width: 80, height: 24).text
    }
    let fresh = try TestWorld.environment()
    let never = afterDeadEnd(fresh)
    #expect(never.contains("ほくリンクアプリ利用規約"))
    #expect(!never.contains("利用者IDを忘れた方"))
    let agreed = try TestWorld.environment()
    agreed.acceptAppTerms()
    let again = afterDeadEnd(agreed)
    #expect(again.contains("利用者IDを忘れた方"))
    #expect(!again.contains("ほくリンクアプリ利用規約"))
  }

  @Test func everyDeadEndShowsTheSupportLine() throws {
    let env = try TestWorld.environment()
    let invalid = App(env: env, root: LoginScreen())
    invalid.follow(env.open(link: "hokulink://reset?token=gone"))
    #expect(invalid.render(width: 80, height: 24).text.contains("0120-896950"))
    let account = try env.store.createAccount(
      email: "late@example.jp", customerNumber: "410012345678", initialPassword: "kari-pass-2026", course: .immediate,
      notificationMail: false, now: env.now)
    try env.advanceClock("8d")
    let expired = App(env: env, root: LoginScreen())
    expired.apply(.edited("login.id", TextFieldState(text: account.userID)))
    expired.apply(.edited("login.password", TextFieldState(text: "kari-pass-2026")))
    expired.apply(.activated("login.submit"))
    let text = expired.render(width: 80, height: 24).text
    #expect(text.contains("有効期限"))
    #expect(text.contains("0120-896950"))
  }
}
