import HokuLinkCore
import HokuLinkUI

/// Where a login goes next: the flow says which required action is due, this picks its screen.
/// Shared by the phone (steps 11–14, walkthrough C) and the PC site (steps 9–11).
enum LoginRoute {
  static func channel(for frame: ScreenFrame) -> LoginChannel { frame == .phone ? .app : .web }

  /// The screen for what is due after `session`; home (or the my-page) once nothing is.
  static func screen(after session: LoginFlow, _ env: AppEnvironment, frame: ScreenFrame) -> any Screen {
    do {
      switch try env.logins.next(session) {
      case .firstLoginNotice: return FirstLoginNoticeScreen(session: session, frame: frame)
      case .newPassword: return NewPasswordScreen(session: session, frame: frame)
      case .keywordSetup: return KeywordSetupScreen(session: session, frame: frame)
      case .keywordChallenge(let index): return KeywordChallengeScreen(session: session, index: index, frame: frame)
      case .profile: return ProfileScreen(session: session)
      case nil: return MemberHomeScreen(userID: session.userID, frame: frame)
      }
    } catch {
      return problem(error, frame: frame)
    }
  }

  /// After a step: the next screen replaces the whole stack once home is reached (Esc must not go back into
  /// the login), and replaces the current screen otherwise.
  static func advance(_ session: LoginFlow, _ env: AppEnvironment, frame: ScreenFrame) -> Navigation {
    let next = screen(after: session, env, frame: frame)
    guard next is MemberHomeScreen else { return .replace(next) }
    // Home reached on a device the login now knows: the member stays logged in here across restarts.
    env.rememberLogin(userID: session.userID)
    return .reset(next)
  }

  /// A login that cannot go on (out of time, account gone, the data folder failing): start again, with the support line.
  static func problem(_ error: any Error, frame: ScreenFrame) -> any Screen {
    let message: Localized
    switch error {
    case LoginError.expired:
      message = Localized(
        ja: "ログインの有効時間が過ぎました。お手数ですが、もう一度ログインしてください。",
        en: "This login took too long. Please log in again.")
    default:
      message = Localized(
        ja: "ログインを続けられませんでした。お手数ですが、もう一度ログインしてください。",
        en: "The login could not go on. Please log in again.")
    }
    return DeadEndScreen(title: Localized(ja: "ログイン", en: "Log in"), message: message, frame: frame)
  }
}

/// A stop the person cannot get past here (lockout, an expired link, an unknown customer): what happened,
/// the support line, and a way back to the start.
struct DeadEndScreen: Screen {
  let title: Localized
  let message: Localized
  let frame: ScreenFrame
  static let login: ControlID = "deadend.login"

  func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(message(l), style: .error),
      .text(env.supportLine, style: .note),
      .button(id: Self.login, label: Localized(ja: "ログイン画面へ", en: "To the login")(l), kind: .secondary),
    ])
  }

  mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.login) else { return .stay }
    return .reset(LoginStart.screen(env, frame: frame))
  }
}

/// The way into the login: the app's terms first (once per device), then the login form.
enum LoginStart {
  /// Acceptance is remembered per device, so a way back to the login (a dead end, 「戻る」) shows the terms
  /// only to a device that never agreed to them.
  static func screen(_ env: AppEnvironment, frame: ScreenFrame) -> any Screen {
    if frame == .phone && !env.appTermsAccepted { return AppTermsScreen() }
    return LoginScreen(frame: frame)
  }
}
