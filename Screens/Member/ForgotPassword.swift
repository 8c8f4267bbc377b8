import HokuLinkCore
import HokuLinkUI

/// 「パスワードを忘れた方」: 利用者ID + メールアドレス. When both match, a single-use reset link valid for 24
/// simulated hours is mailed; the screen answers the same either way. Open while the login is locked.
public struct ForgotPasswordScreen: Screen {
  public let frame: ScreenFrame
  var errors: [ControlID: Reason] = [:]

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  static let userID: ControlID = "forgotpw.id"
  static let email: ControlID = "forgotpw.email"
  static let send: ControlID = "forgotpw.send"

  static func control(of field: RecoveryProblem.Field) -> ControlID { field == .email ? email : userID }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [Self.userID: \.member.forgotPasswordUserID, Self.email: \.member.forgotPasswordEmail]
  }

  public var title: Localized { Localized(ja: "パスワードを忘れた方", en: "Forgot your password") }
  public var address: String { "https://www.rikuden.example/hokulink/forgot-password" }

  static func problems(_ typed: MemberDraft) -> [ControlID: Reason] {
    let found = Recoveries.passwordResetRequestProblems(
      userID: typed.forgotPasswordUserID, email: typed.forgotPasswordEmail)
    return Dictionary(uniqueKeysWithValues: found.map { (control(of: $0.key), $0.value) })
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let typed = env.memberDraft
    return Page([
      .text(
        Localized(
          ja: "利用者IDとご登録のメールアドレスを入力してください。パスワード再設定用のURLをメールでお送りします。",
          en: "Type your user ID and registered e-mail address; a link to set a new password is mailed.")(l)),
      .field(
        FieldSpec(
          id: Self.userID, label: Localized(ja: "利用者ID", en: "User ID")(l),
          state: TextFieldState(text: typed.forgotPasswordUserID), maxLength: 20,
          normalize: { UserIDGenerator.normalise($0) }, error: errors[Self.userID].map { $0(l) }, required: true)),
      .field(
        FieldSpec(
          id: Self.email, label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
          state: TextFieldState(text: typed.forgotPasswordEmail), maxLength: EmailAddress.maxLength,
          normalize: { EmailAddress.normalize($0) }, error: errors[Self.email].map { $0(l) }, required: true)),
      .button(id: Self.send, label: Localized(ja: "送信する", en: "Send")(l)),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    guard id == Self.userID || id == Self.email else { return false }
    let before = errors[id]
    errors[id] = Self.problems(env.memberDraft)[id]
    return errors[id] != before
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.send) else { return .stay }
    let typed = env.memberDraft
    errors = Self.problems(typed)
    guard errors.isEmpty else { return .stay }
    let problem: RecoveryProblem?
    do {
      problem = try env.recoveries.requestPasswordReset(
        userID: typed.forgotPasswordUserID, email: typed.forgotPasswordEmail, now: env.now, language: env.mailLanguage)
    } catch {
      return .push(DeadEndScreen(title: title, message: RecoverySentScreen.failed, frame: frame))
    }
    if let problem {
      errors[Self.control(of: problem.field)] = problem.reason
      return .stay
    }
    env.rememberMailAddress(EmailAddress.normalize(typed.forgotPasswordEmail))
    return .replace(RecoverySentScreen(kind: .password, frame: frame))
  }
}
