import HokuLinkCore
import HokuLinkUI

/// Step 12 (walkthrough B step 10): the password for from now on, twice. It must follow the password rules
/// and differ from the initial password; the flow checks again.
public struct NewPasswordScreen: Screen {
  let session: LoginFlow
  public let frame: ScreenFrame
  var fields = FieldValues()
  var problem: NewPasswordProblem?

  public init(session: LoginFlow, frame: ScreenFrame = .phone) {
    self.session = session
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "パスワード再設定", en: "Set your password") }
  public var stage: SignUpStage? { .complete }
  public var address: String { "https://www.rikuden.example/hokulink/password" }

  public var guide: GuideNote? {
    GuideNote(
      step: frame == .phone ? "12" : "10",
      text: Localized(
        ja: "これから使うパスワードを2回入力して「設定する」を押します。初回ログインパスワードとは別のものにします。",
        en: "Type the password you will use from now on twice, then press “Set”. It must differ from the initial one."),
      target: "newpw.submit")
  }

  static let fieldIDs: [ControlID] = ["newpw.password", "newpw.confirm"]

  public func page(_ env: AppEnvironment) -> Page {
    NewPasswordForm.controls(
      fields: fields, problem: problem,
      intro: Localized(
        ja: "今後ご使用いただくパスワードを設定してください。",
        en: "Set the password you will use from now on."), env: env)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    guard event == .activated("newpw.submit") else { return .stay }
    var session = self.session
    do {
      problem = try Logins(store: env.store).setNewPassword(
        &session, password: fields.text("newpw.password"), confirmation: fields.text("newpw.confirm"), now: env.now)
    } catch {
      return .reset(LoginRoute.problem(error, frame: frame))
    }
    fields = FieldValues()
    if problem != nil { return .stay }
    return LoginRoute.advance(session, env, frame: frame)
  }
}

/// The two new-password fields and 「設定する」, shared by step 12 and the reset from a mailed link.
enum NewPasswordForm {
  static func controls(
    fields: FieldValues, problem: NewPasswordProblem?, intro: Localized, env: AppEnvironment
  ) -> Page {
    let l = env.language
    let error = problem.map { Localized(ja: $0.reason.ja, en: $0.reason.en)(l) }
    return Page([
      .text(intro(l)),
      .field(
        FieldSpec(
          id: "newpw.password", label: Localized(ja: "新しいパスワード", en: "New password")(l),
          state: fields["newpw.password"], masked: true, maxLength: Password.maxLength,
          normalize: { Password.normalize($0) },
          hint: Localized(ja: "8〜64文字。利用者IDやメールアドレスと同じものは使えません", en: "8–64 characters; not your user ID or e-mail")(l),
          error: problem?.field == .password ? error : nil, required: true)),
      .field(
        FieldSpec(
          id: "newpw.confirm", label: Localized(ja: "新しいパスワード(確認用)", en: "New password (again)")(l),
          state: fields["newpw.confirm"], masked: true, maxLength: Password.maxLength,
          normalize: { Password.normalize($0) }, error: problem?.field == .confirmation ? error : nil,
          required: true)),
      .button(id: "newpw.submit", label: Localized(ja: "設定する", en: "Set")(l)),
    ])
  }
}
