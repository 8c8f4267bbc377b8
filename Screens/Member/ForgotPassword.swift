import HokuLinkCore
import HokuLinkUI

/// 「パスワードを忘れた方」: 利用者ID + メールアドレス. When both match, a single-use reset link valid for 24
/// simulated hours is mailed; the screen answers the same either way. Open while the login is locked.
public struct ForgotPasswordScreen: Screen {
  public let frame: ScreenFrame
  var fields = FieldValues()
  var problem: RecoveryProblem?

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "パスワードを忘れた方", en: "Forgot your password") }
  public var address: String { "https://www.rikuden.example/hokulink/forgot-password" }

  static let fieldIDs: [ControlID] = ["forgotpw.id", "forgotpw.email"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    func error(_ field: RecoveryProblem.Field) -> String? {
      guard let problem, problem.field == field else { return nil }
      return problem.reason(l)
    }
    return Page([
      .text(
        Localized(
          ja: "利用者IDとご登録のメールアドレスを入力してください。パスワード再設定用のURLをメールでお送りします。",
          en: "Type your user ID and registered e-mail address; a link to set a new password is mailed.")(l)),
      .field(
        FieldSpec(
          id: "forgotpw.id", label: Localized(ja: "利用者ID", en: "User ID")(l), state: fields["forgotpw.id"],
          maxLength: 20, normalize: { UserIDGenerator.normalise($0) }, error: error(.userID), required: true)),
      .field(
        FieldSpec(
          id: "forgotpw.email", label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
          state: fields["forgotpw.email"], maxLength: EmailAddress.maxLength,
          normalize: { EmailAddress.normalize($0) }, error: error(.email), required: true)),
      .button(id: "forgotpw.send", label: Localized(ja: "送信する", en: "Send")(l)),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    guard event == .activated("forgotpw.send") else { return .stay }
    let email = fields.text("forgotpw.email")
    do {
      problem = try Recoveries(store: env.store).requestPasswordReset(
        userID: fields.text("forgotpw.id"), email: email, now: env.now)
    } catch {
      return .push(DeadEndScreen(title: title, message: RecoverySentScreen.failed, frame: frame))
    }
    if problem != nil { return .stay }
    env.rememberMailAddress(EmailAddress.normalize(email))
    return .replace(RecoverySentScreen(kind: .password, frame: frame))
  }
}
