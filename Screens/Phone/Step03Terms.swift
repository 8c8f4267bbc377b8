import HokuLinkCore
import HokuLinkUI

/// Step 3 会員規約に同意: the e-mail address twice, the two terms, the agreement and 「送信する」.
public struct TermsScreen: Screen {
  public let frame: ScreenFrame
  var errors: [RegistrationField: Reason] = [:]

  static let email: ControlID = "terms.email"
  static let emailConfirmation: ControlID = "terms.confirm"
  static let agree: ControlID = "terms.agree"
  static let notify: ControlID = "terms.notify"
  static let memberTerms: ControlID = "terms.member"
  static let pointTerms: ControlID = "terms.points"
  static let send: ControlID = "terms.send"

  /// Step 3 shows this device's sign-up draft (`env.draft`); it keeps no copy of its own.
  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [Self.email: \.signUp.entries.email, Self.emailConfirmation: \.signUp.entries.emailConfirmation]
  }
  public var toggleBindings: [ControlID: WritableKeyPath<DeviceDrafts, Bool>] {
    [Self.agree: \.signUp.entries.agreed, Self.notify: \.signUp.entries.notificationMail]
  }

  public var title: Localized { Localized(ja: "ほくリンク会員規約に同意", en: "Agree to the member terms") }
  public var stage: SignUpStage? { .email }
  public var address: String { signUpAddress("terms") }

  public var guide: GuideNote? {
    GuideNote(
      step: "3",
      text: Localized(
        ja: "同じメールアドレスを2か所に入れ、2つの規約を読みます。同意できたらチェックを入れて「送信する」。",
        en: "Type the same address twice and read both terms. If you agree, tick the box and press “Send”."),
      target: Self.send)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let e = env.draft.entries
    return Page([
      .text(
        Localized(
          ja: "ご登録いただくメールアドレスに、会員情報登録用のURLをお送りします。",
          en: "We will mail a link for entering your details to this address.")(l)),
      ruleField(
        EmailAddress.self, id: Self.email, label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
        state: TextFieldState(text: e.email),
        hint: Localized(ja: "半角英数字と . - _ @、100文字以内", en: "Letters, digits, . - _ @; up to 100")(l),
        error: errors[.email], language: l),
      ruleField(
        EmailAddress.self, id: Self.emailConfirmation,
        label: Localized(ja: "確認用メールアドレス", en: "E-mail address (again)")(l),
        state: TextFieldState(text: e.emailConfirmation),
        error: errors[.emailConfirmation], language: l),
      .text(Localized(ja: "規約をご確認ください:", en: "Please read the terms:")(l), style: .note),
      .link(id: Self.memberTerms, label: Localized(ja: "ほくリンク会員規約", en: "HokuLink member terms")(l)),
      .link(
        id: Self.pointTerms,
        label: Localized(ja: "ほくリンクポイントサービス利用規約", en: "HokuLink point service terms")(l)),
      .checkbox(
        id: Self.agree,
        label: Localized(ja: "上記の規約に同意する", en: "I agree to the terms above")(l), checked: e.agreed,
        error: errors[.agreement].map { $0(l) }),
      .checkbox(
        id: Self.notify,
        label: Localized(ja: "検針結果更新通知メールを受け取る", en: "Mail me when a new meter reading is in")(l),
        checked: e.notificationMail),
      .button(id: Self.send, label: Localized(ja: "送信する", en: "Send")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.memberTerms): return .push(TermsViewerScreen(document: .memberTerms, frame: frame))
    case .activated(Self.pointTerms): return .push(TermsViewerScreen(document: .pointTerms, frame: frame))
    case .activated(Self.send): return send(env)
    default: break
    }
    return .stay
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    let before = errors
    check(id, env)
    return errors != before
  }

  private mutating func check(_ id: ControlID, _ env: AppEnvironment) {
    let e = env.draft.entries
    let problems = Registrations.termsProblems(email: e.email, confirmation: e.emailConfirmation, agreed: e.agreed)
    switch id {
    case Self.email:
      errors[.email] = problems[.email]
      // The copy is checked against the address again once it has been typed.
      if !e.emailConfirmation.isEmpty { errors[.emailConfirmation] = problems[.emailConfirmation] }
    case Self.emailConfirmation: errors[.emailConfirmation] = problems[.emailConfirmation]
    case Self.agree: errors[.agreement] = problems[.agreement]
    default: break
    }
  }

  private mutating func send(_ env: AppEnvironment) -> Navigation {
    let e = env.draft.entries
    do {
      let flow = try env.signUpStep {
        try $0.submitTerms(
          device: env.deviceName, email: e.email, confirmation: e.emailConfirmation, agreed: e.agreed,
          notificationMail: e.notificationMail, now: env.now, language: env.mailLanguage)
      }
      env.rememberMailAddress(flow.entries.email)
      errors = [:]
      return .replace(MailSentScreen(email: flow.entries.email, frame: frame))
    } catch let refusal as RegistrationRefusal {
      errors = refusal.fieldReasons
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      errors = [.email: Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")]
      return .stay
    }
  }
}
