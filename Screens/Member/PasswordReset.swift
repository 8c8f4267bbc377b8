import HokuLinkCore
import HokuLinkUI

/// A used, expired, voided or unknown reset link: one answer for all.
enum ResetLinkInvalid {
  static func screen(frame: ScreenFrame) -> any Screen {
    DeadEndScreen(
      title: Localized(ja: "パスワード再設定", en: "Reset your password"),
      message: Localized(
        ja: "このURLは有効期限が切れているか、すでに使われています。お手数ですが「パスワードを忘れた方」からもう一度お手続きください。",
        en: "This link has expired or has already been used. Please ask again through “Forgot your password?”."),
      frame: frame)
  }
}

/// The form a reset link opens: 「新しいパスワード」 twice and 「設定する」. Setting it ends any lockout.
public struct PasswordResetScreen: Screen {
  let token: String
  public let frame: ScreenFrame
  var errors: [ControlID: Reason] = [:]

  public init(token: String, frame: ScreenFrame = .phone) {
    self.token = token
    self.frame = frame
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] { NewPasswordForm.bindings }
  public var title: Localized { Localized(ja: "パスワード再設定", en: "Reset your password") }
  public var address: String { "https://www.rikuden.example/hokulink/reset" }

  public func page(_ env: AppEnvironment) -> Page {
    NewPasswordForm.controls(
      typed: env.memberDraft, errors: errors,
      intro: Localized(ja: "新しいパスワードを設定してください。", en: "Set a new password."), env: env)
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    NewPasswordForm.recheck(id, &errors, env.memberDraft, userID: nil)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(NewPasswordForm.submit) else { return .stay }
    let typed = env.memberDraft
    errors = NewPasswordForm.problems(typed, userID: nil)
    guard errors.isEmpty else { return .stay }
    let result: Result<String, ResetProblem>
    do {
      result = try env.recoveries.resetPassword(
        token: token, password: typed.newPassword, confirmation: typed.newPasswordConfirmation, now: env.now)
    } catch {
      return .replace(ResetLinkInvalid.screen(frame: frame))
    }
    switch result {
    case .success:
      NewPasswordForm.forget(env)
      return .reset(PasswordResetDoneScreen(frame: frame))
    case .failure(.linkInvalid):
      return .replace(ResetLinkInvalid.screen(frame: frame))
    case .failure(.password(let problem)):
      errors[NewPasswordForm.control(of: problem.field)] = problem.reason
      return .stay
    }
  }
}

/// The new password is set: on to the login.
public struct PasswordResetDoneScreen: Screen {
  public let frame: ScreenFrame
  static let login: ControlID = "resetdone.login"

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "パスワード再設定", en: "Reset your password") }
  public var address: String { "https://www.rikuden.example/hokulink/reset/done" }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "パスワードを再設定しました", en: "Your password has been reset")(l), style: .emphasis),
      .text(
        Localized(
          ja: "新しいパスワードでログインしてください。",
          en: "Log in with the new password.")(l)),
      .button(id: Self.login, label: Localized(ja: "ログイン画面へ", en: "To the login")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.login) else { return .stay }
    return .reset(LoginStart.screen(env, frame: frame))
  }
}
