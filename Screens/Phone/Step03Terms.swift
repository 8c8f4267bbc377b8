import HokuLinkCore
import HokuLinkUI

/// Step 3 会員規約に同意: the e-mail address twice, the two terms, the agreement and 「送信する」.
public struct TermsScreen: Screen {
  public let frame: ScreenFrame
  var email: TextFieldState
  var confirmation: TextFieldState
  var agreed: Bool
  var notification: Bool
  var errors: [RegistrationField: Reason] = [:]

  /// Opens step 3 with what this device's sign-up already holds.
  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    let entries = (try? env.registrations.flow(device: env.deviceName))?.entries ?? RegistrationFlow.Entries()
    email = TextFieldState(text: entries.email)
    confirmation = TextFieldState(text: entries.emailConfirmation)
    agreed = entries.agreed
    notification = entries.notificationMail
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
      target: "terms.send")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(
        Localized(
          ja: "ご登録いただくメールアドレスに、会員情報登録用のURLをお送りします。",
          en: "We will mail a link for entering your details to this address.")(l)),
      ruleField(
        EmailAddress.self, id: "terms.email", label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
        state: email,
        hint: Localized(ja: "半角英数字と . - _ @、100文字以内", en: "Letters, digits, . - _ @; up to 100")(l),
        error: errors[.email], language: l),
      ruleField(
        EmailAddress.self, id: "terms.confirm",
        label: Localized(ja: "確認用メールアドレス", en: "E-mail address (again)")(l), state: confirmation,
        error: errors[.emailConfirmation], language: l),
      .text(Localized(ja: "規約をご確認ください:", en: "Please read the terms:")(l), style: .note),
      .link(id: "terms.member", label: Localized(ja: "ほくリンク会員規約", en: "ほくリンク member terms")(l)),
      .link(
        id: "terms.points",
        label: Localized(ja: "ほくリンクポイントサービス利用規約", en: "ほくリンク point service terms")(l)),
      .checkbox(
        id: "terms.agree",
        label: Localized(ja: "上記の規約に同意する", en: "I agree to the terms above")(l), checked: agreed,
        error: errors[.agreement].map { $0(l) }),
      .checkbox(
        id: "terms.notify",
        label: Localized(ja: "検針結果更新通知メールを受け取る", en: "Mail me when a new meter reading is in")(l),
        checked: notification),
      .button(id: "terms.send", label: Localized(ja: "送信する", en: "Send")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .edited("terms.email", let state): email = state
    case .edited("terms.confirm", let state): confirmation = state
    case .toggled("terms.agree", let on): agreed = on
    case .toggled("terms.notify", let on): notification = on
    case .activated("terms.member"): return .push(TermsViewerScreen(document: .memberTerms, frame: frame))
    case .activated("terms.points"): return .push(TermsViewerScreen(document: .pointTerms, frame: frame))
    case .activated("terms.send"): return send(env)
    default: break
    }
    return .stay
  }

  private mutating func send(_ env: AppEnvironment) -> Navigation {
    do {
      let flow = try env.registrations.submitTerms(
        device: env.deviceName, email: email.text, confirmation: confirmation.text, agreed: agreed,
        notificationMail: notification, now: env.now)
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

  public func saveDraft(_ env: AppEnvironment) {
    let (email, confirmation, agreed, notification) = (email.text, confirmation.text, agreed, notification)
    try? env.registrations.saveDraft(device: env.deviceName, at: .terms, now: env.now) { entries in
      entries.email = email
      entries.emailConfirmation = confirmation
      entries.agreed = agreed
      entries.notificationMail = notification
    }
  }
}
