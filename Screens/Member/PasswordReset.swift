import HokuLinkCore
import HokuLinkUI

extension AppEnvironment {
  /// `hokulink://reset?token=…` from the mail 「パスワード再設定のご案内」: the new-password form while the link
  /// is valid, else a dead end with the support line. Nil for any other link.
  func openPasswordResetLink(_ link: String) -> Navigation? {
    guard let token = Recoveries.resetToken(fromLink: link) else { return nil }
    let frame: ScreenFrame = pc ? .browser : .phone
    let valid = (try? Recoveries(store: store).linkState(token: token, now: now)) == .valid
    return .push(valid ? PasswordResetScreen(token: token, frame: frame) : ResetLinkInvalid.screen(frame: frame))
  }
}

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
  var fields = FieldValues()
  var problem: NewPasswordProblem?

  public init(token: String, frame: ScreenFrame = .phone) {
    self.token = token
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "パスワード再設定", en: "Reset your password") }
  public var address: String { "https://www.rikuden.example/hokulink/reset" }

  public func page(_ env: AppEnvironment) -> Page {
    NewPasswordForm.controls(
      fields: fields, problem: problem,
      intro: Localized(ja: "新しいパスワードを設定してください。", en: "Set a new password."), env: env)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: NewPasswordScreen.fieldIDs) { return .stay }
    guard event == .activated("newpw.submit") else { return .stay }
    let result: Result<String, ResetProblem>
    do {
      result = try Recoveries(store: env.store).resetPassword(
        token: token, password: fields.text("newpw.password"), confirmation: fields.text("newpw.confirm"),
        now: env.now)
    } catch {
      return .replace(ResetLinkInvalid.screen(frame: frame))
    }
    fields = FieldValues()
    switch result {
    case .success:
      return .reset(PasswordResetDoneScreen(frame: frame))
    case .failure(.linkInvalid):
      return .replace(ResetLinkInvalid.screen(frame: frame))
    case .failure(.password(let problem)):
      self.problem = problem
      return .stay
    }
  }
}

/// The new password is set: on to the login.
public struct PasswordResetDoneScreen: Screen {
  public let frame: ScreenFrame

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
      .button(id: "resetdone.login", label: Localized(ja: "ログイン画面へ", en: "To the login")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated("resetdone.login") else { return .stay }
    return .reset(LoginStart.screen(env, frame: frame))
  }
}
