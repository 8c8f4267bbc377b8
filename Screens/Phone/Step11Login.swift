import HokuLinkCore
import HokuLinkUI

/// Step 11 (walkthrough B step 9, walkthrough C step 4): 「利用者ID」, 「パスワード」, 「ログイン」, and the two
/// recovery links. Wrong and locked answers read the same for every typed ID.
public struct LoginScreen: Screen {
  public let frame: ScreenFrame
  var fields = FieldValues()
  var message: Localized?
  /// Lockout and an expired initial password are dead ends here: the support line shows.
  var deadEnd = false

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "ログイン", en: "Log in") }
  public var address: String { "https://www.rikuden.example/hokulink/login" }

  public var guide: GuideNote? {
    GuideNote(
      step: frame == .phone ? "11" : "9",
      text: Localized(
        ja: "利用者IDとパスワード(はじめての方は初回ログインパスワード)を入力して「ログイン」を押します。",
        en: "Type your user ID and password (the initial password the first time), then press “Log in”."),
      target: "login.submit")
  }

  static let fieldIDs: [ControlID] = ["login.id", "login.password"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = []
    if let message {
      controls.append(.text(message(l), style: .error))
      if deadEnd { controls.append(.text(env.supportLine, style: .note)) }
    }
    controls += [
      .field(
        FieldSpec(
          id: "login.id", label: Localized(ja: "利用者ID", en: "User ID")(l), state: fields["login.id"],
          maxLength: 20, normalize: { UserIDGenerator.normalise($0) }, required: true)),
      .field(
        FieldSpec(
          id: "login.password", label: Localized(ja: "パスワード", en: "Password")(l), state: fields["login.password"],
          masked: true, maxLength: Password.maxLength, normalize: { Password.normalize($0) }, required: true)),
      .button(id: "login.submit", label: Localized(ja: "ログイン", en: "Log in")(l)),
      .link(id: "login.forgotID", label: Localized(ja: "利用者IDを忘れた方", en: "Forgot your user ID?")(l)),
      .link(id: "login.forgotPassword", label: Localized(ja: "パスワードを忘れた方", en: "Forgot your password?")(l)),
    ]
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    switch event {
    case .activated("login.forgotID"): return .push(ForgotUserIDScreen(frame: frame))
    case .activated("login.forgotPassword"): return .push(ForgotPasswordScreen(frame: frame))
    case .activated("login.submit"): return logIn(env)
    default: return .stay
    }
  }

  private mutating func logIn(_ env: AppEnvironment) -> Navigation {
    let id = fields.text("login.id")
    let password = fields.text("login.password")
    // The password never stays on screen after an attempt, right or wrong.
    fields["login.password"] = TextFieldState()
    if id.isEmpty || password.isEmpty {
      message = Localized(
        ja: "利用者IDとパスワードを入力してください", en: "Enter your user ID and password")
      deadEnd = false
      return .stay
    }
    let result: LoginResult
    do {
      result = try Logins(store: env.store).logIn(
        userID: id, password: password, deviceToken: env.deviceToken, channel: LoginRoute.channel(for: frame),
        now: env.now)
    } catch {
      return .push(LoginRoute.problem(error, frame: frame))
    }
    if let words = LoginWords.words(for: result) {
      message = Localized(ja: words.ja, en: words.en)
      deadEnd = result != .wrong
      return .stay
    }
    guard case .loggedIn(let session) = result else { return .stay }
    message = nil
    deadEnd = false
    let next = LoginRoute.screen(after: session, env, frame: frame)
    guard next is MemberHomeScreen else { return .push(next) }
    // Straight home: a known device, so the member stays logged in here across restarts.
    env.rememberLogin(userID: session.userID, onPC: frame == .browser)
    return .reset(next)
  }
}
