import HokuLinkCore
import HokuLinkUI

/// Step 12 (walkthrough B step 10): the password for from now on, twice. It must follow the password rules
/// and differ from the initial password; the flow checks again.
public struct NewPasswordScreen: Screen {
  let session: LoginFlow
  public let frame: ScreenFrame
  var errors: [ControlID: Reason] = [:]

  public init(session: LoginFlow, frame: ScreenFrame = .phone) {
    self.session = session
    self.frame = frame
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] { NewPasswordForm.bindings }
  public var title: Localized { Localized(ja: "パスワード再設定", en: "Set your password") }
  public var address: String { "https://www.rikuden.example/hokulink/password" }

  public var guide: GuideNote? {
    GuideNote(
      steps: frame == .phone ? [.a: "12"] : [.b: "10"],
      text: Localized(
        ja: "これから使うパスワードを2回入力して「設定する」を押します。初回ログインパスワードとは別のものにします。",
        en: "Type the password you will use from now on twice, then press “Set”. It must differ from the initial one."),
      target: NewPasswordForm.submit)
  }

  public func page(_ env: AppEnvironment) -> Page {
    NewPasswordForm.controls(
      typed: env.memberDraft, errors: errors,
      intro: Localized(
        ja: "今後ご使用いただくパスワードを設定してください。",
        en: "Set the password you will use from now on."), env: env)
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    NewPasswordForm.recheck(id, &errors, env.memberDraft, userID: session.userID)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(NewPasswordForm.submit) else { return .stay }
    let typed = env.memberDraft
    errors = NewPasswordForm.problems(typed, userID: session.userID)
    guard errors.isEmpty else { return .stay }
    var session = self.session
    let problem: NewPasswordProblem?
    do {
      problem = try env.logins.setNewPassword(
        &session, password: typed.newPassword, confirmation: typed.newPasswordConfirmation, now: env.now)
    } catch {
      return .reset(LoginRoute.problem(error, frame: frame))
    }
    if let problem {
      errors[NewPasswordForm.control(of: problem.field)] = problem.reason
      return .stay
    }
    NewPasswordForm.forget(env)
    return LoginRoute.advance(session, env, frame: frame)
  }
}

/// The two new-password fields and 「設定する」, shared by step 12 and the reset from a mailed link: bound to
/// the member draft, checked as huh does (on leaving a field, every field on submit).
enum NewPasswordForm {
  static let password: ControlID = "newpw.password"
  static let confirmation: ControlID = "newpw.confirm"
  static let submit: ControlID = "newpw.submit"

  static var bindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [password: \.member.newPassword, confirmation: \.member.newPasswordConfirmation]
  }

  static func control(of field: NewPasswordProblem.Field) -> ControlID {
    field == .password ? password : confirmation
  }

  static func problems(_ typed: MemberDraft, userID: String?) -> [ControlID: Reason] {
    let found = NewPasswordProblem.problems(
      password: typed.newPassword, confirmation: typed.newPasswordConfirmation, userID: userID)
    return Dictionary(uniqueKeysWithValues: found.map { (control(of: $0.key), $0.value) })
  }

  /// Checks one field again; returns whether its error changed.
  static func recheck(
    _ id: ControlID, _ errors: inout [ControlID: Reason], _ typed: MemberDraft, userID: String?
  ) -> Bool {
    guard bindings[id] != nil else { return false }
    let before = errors[id]
    errors[id] = problems(typed, userID: userID)[id]
    return errors[id] != before
  }

  /// A password once set leaves memory too.
  static func forget(_ env: AppEnvironment) {
    env.editMemberDraft {
      $0.newPassword = ""
      $0.newPasswordConfirmation = ""
    }
  }

  static func controls(
    typed: MemberDraft, errors: [ControlID: Reason], intro: Localized, env: AppEnvironment
  ) -> Page {
    let l = env.language
    return Page([
      .text(intro(l)),
      .field(
        FieldSpec(
          id: password, label: Localized(ja: "新しいパスワード", en: "New password")(l),
          state: TextFieldState(text: typed.newPassword), masked: true, maxLength: Password.maxLength,
          normalize: { Password.normalize($0) },
          hint: Localized(ja: "8〜64文字。利用者IDやメールアドレスと同じものは使えません", en: "8–64 characters; not your user ID or e-mail")(l),
          error: errors[password].map { $0(l) }, required: true)),
      .field(
        FieldSpec(
          id: confirmation, label: Localized(ja: "新しいパスワード(確認用)", en: "New password (again)")(l),
          state: TextFieldState(text: typed.newPasswordConfirmation), masked: true, maxLength: Password.maxLength,
          normalize: { Password.normalize($0) }, error: errors[confirmation].map { $0(l) }, required: true)),
      .button(id: submit, label: Localized(ja: "設定する", en: "Set")(l)),
    ])
  }
}
