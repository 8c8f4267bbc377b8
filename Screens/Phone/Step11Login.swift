import HokuLinkCore
import HokuLinkUI

/// Step 11 (walkthrough B step 9, walkthrough C step 4): 「利用者ID」, 「パスワード」, 「ログイン」, and the two
/// recovery links. Wrong and locked answers read the same for every typed ID.
public struct LoginScreen: Screen {
  public let frame: ScreenFrame
  var message: Localized?
  /// Lockout and an expired initial password are dead ends here: the support line shows.
  var deadEnd = false
  var errors: [ControlID: Reason] = [:]
  /// After a wrong answer the emptied password is where typing goes next.
  public private(set) var refusedFocus: ControlID?

  static let userID: ControlID = "login.id"
  static let password: ControlID = "login.password"
  static let submit: ControlID = "login.submit"
  static let forgotID: ControlID = "login.forgotID"
  static let forgotPassword: ControlID = "login.forgotPassword"

  /// The login shows the member side of this device's draft (`env.memberDraft`), in memory only.
  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [Self.userID: \.member.loginUserID, Self.password: \.member.loginPassword]
  }

  public var title: Localized { Localized(ja: "ログイン", en: "Log in") }
  public var address: String { "https://www.rikuden.example/hokulink/login" }

  public var guide: GuideNote? {
    GuideNote(
      steps: frame == .phone ? [.a: "11", .c: "4"] : [.b: "9"],
      text: Localized(
        ja: "利用者IDとパスワード(はじめての方は初回ログインパスワード)を入力して「ログイン」を押します。",
        en: "Type your user ID and password (the initial password the first time), then press “Log in”."),
      target: Self.submit)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let typed = env.memberDraft
    var controls: [Control] = []
    if let message {
      controls.append(.text(message(l), style: .error))
      if deadEnd { controls.append(.text(env.supportLine, style: .note)) }
    }
    controls += [
      .field(
        FieldSpec(
          id: Self.userID, label: Localized(ja: "利用者ID", en: "User ID")(l),
          state: TextFieldState(text: typed.loginUserID), maxLength: 20, normalize: { UserIDGenerator.normalise($0) },
          error: errors[Self.userID].map { $0(l) }, required: true)),
      .field(
        FieldSpec(
          id: Self.password, label: Localized(ja: "パスワード", en: "Password")(l),
          state: TextFieldState(text: typed.loginPassword), masked: true, maxLength: Password.maxLength,
          normalize: { Password.normalize($0) }, error: errors[Self.password].map { $0(l) }, required: true)),
      .button(id: Self.submit, label: Localized(ja: "ログイン", en: "Log in")(l)),
      .link(id: Self.forgotID, label: Localized(ja: "利用者IDを忘れた方", en: "Forgot your user ID?")(l)),
      .link(id: Self.forgotPassword, label: Localized(ja: "パスワードを忘れた方", en: "Forgot your password?")(l)),
    ]
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(let id) = event else { return .stay }
    switch id {
    case Self.forgotID: return .push(ForgotUserIDScreen(frame: frame))
    case Self.forgotPassword: return .push(ForgotPasswordScreen(frame: frame))
    case Self.submit: return logIn(env)
    default: return .stay
    }
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    let before = errors
    if let problem = Self.problems(env.memberDraft)[id] { errors[id] = problem } else { errors[id] = nil }
    return errors != before
  }

  /// What is missing, by field: the only thing the login checks before asking the flow.
  static func problems(_ typed: MemberDraft) -> [ControlID: Reason] {
    var problems: [ControlID: Reason] = [:]
    if UserIDGenerator.normalise(typed.loginUserID).isEmpty {
      problems[userID] = Reason(ja: "利用者IDを入力してください", en: "Enter your user ID")
    }
    if typed.loginPassword.isEmpty {
      problems[password] = Reason(ja: "パスワードを入力してください", en: "Enter your password")
    }
    return problems
  }

  private mutating func logIn(_ env: AppEnvironment) -> Navigation {
    let id = env.memberDraft.loginUserID
    let password = env.memberDraft.loginPassword
    refusedFocus = nil
    errors = Self.problems(env.memberDraft)
    if !errors.isEmpty {
      message = nil
      deadEnd = false
      return .stay
    }
    // The password never stays on screen after an attempt, right or wrong.
    env.editMemberDraft { $0.loginPassword = "" }
    let result: LoginResult
    do {
      result = try env.logins.logIn(
        userID: id, password: password, deviceToken: env.deviceToken, channel: LoginRoute.channel(for: frame),
        now: env.now)
    } catch {
      return .push(LoginRoute.problem(error, frame: frame))
    }
    if let words = LoginWords.words(for: result) {
      message = Localized(ja: words.ja, en: words.en)
      deadEnd = result != .wrong
      if !deadEnd { refusedFocus = Self.password }
      return .stay
    }
    guard case .loggedIn(let session) = result else { return .stay }
    message = nil
    deadEnd = false
    let next = LoginRoute.screen(after: session, env, frame: frame)
    guard next is MemberHomeScreen else { return .push(next) }
    // Straight home: a known device, so the member stays logged in here across restarts.
    env.rememberLogin(userID: session.userID)
    return .reset(next)
  }
}
