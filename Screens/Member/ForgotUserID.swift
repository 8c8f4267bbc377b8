import HokuLinkCore
import HokuLinkUI

/// 「利用者IDを忘れた方」: お客さま番号 + メールアドレス. When both match a member, the ID is mailed; the screen
/// answers the same either way.
public struct ForgotUserIDScreen: Screen {
  public let frame: ScreenFrame
  var fields = FieldValues()
  var problem: RecoveryProblem?

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "利用者IDを忘れた方", en: "Forgot your user ID") }
  public var address: String { "https://www.rikuden.example/hokulink/forgot-id" }

  static let fieldIDs: [ControlID] = ["forgotid.customer", "forgotid.email"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    func error(_ field: RecoveryProblem.Field) -> String? {
      guard let problem, problem.field == field else { return nil }
      return problem.reason(l)
    }
    return Page([
      .text(
        Localized(
          ja: "ご登録のお客さま番号とメールアドレスを入力してください。一致する会員の方に、利用者IDをメールでお知らせします。",
          en: "Type your customer number and registered e-mail address. If they match a member, the user ID is mailed.")(
            l)),
      .field(
        FieldSpec(
          id: "forgotid.customer", label: Localized(ja: "お客さま番号", en: "Customer number")(l),
          state: fields["forgotid.customer"], maxLength: CustomerNumber.maxLength,
          normalize: { CustomerNumber.normalize($0) }, placeholder: "XX-XXXX-XXXX-XX",
          error: error(.customerNumber), required: true)),
      .field(
        FieldSpec(
          id: "forgotid.email", label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
          state: fields["forgotid.email"], maxLength: EmailAddress.maxLength,
          normalize: { EmailAddress.normalize($0) }, error: error(.email), required: true)),
      .button(id: "forgotid.send", label: Localized(ja: "送信する", en: "Send")(l)),
      .text(
        Localized(
          ja: "お客さま番号がわからない場合は、お問い合わせください。", en: "If you do not know your customer number, contact us.")(l),
        style: .small),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    guard event == .activated("forgotid.send") else { return .stay }
    let email = fields.text("forgotid.email")
    do {
      problem = try Recoveries(store: env.store).requestUserID(
        customerNumber: fields.text("forgotid.customer"), email: email, now: env.now)
    } catch {
      return .push(DeadEndScreen(title: title, message: RecoverySentScreen.failed, frame: frame))
    }
    if problem != nil { return .stay }
    env.rememberMailAddress(EmailAddress.normalize(email))
    return .replace(RecoverySentScreen(kind: .userID, frame: frame))
  }
}

/// The answer to either recovery form: the same words whether or not anything was sent.
public struct RecoverySentScreen: Screen {
  public enum Kind: Sendable {
    case userID, password
  }
  let kind: Kind
  public let frame: ScreenFrame

  public init(kind: Kind, frame: ScreenFrame = .phone) {
    self.kind = kind
    self.frame = frame
  }

  static let failed = Localized(
    ja: "ただいま受け付けできませんでした。時間をおいてお試しください。",
    en: "This could not be done just now. Please try again later.")

  public var title: Localized {
    kind == .userID
      ? Localized(ja: "利用者IDを忘れた方", en: "Forgot your user ID")
      : Localized(ja: "パスワードを忘れた方", en: "Forgot your password")
  }
  public var address: String { "https://www.rikuden.example/hokulink/sent" }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let what =
      kind == .userID
      ? Localized(
        ja: "入力された内容がご登録と一致した場合、「利用者IDのお知らせ」をメールでお送りしました。",
        en: "If the details match a member, we have mailed “利用者IDのお知らせ” (your user ID).")
      : Localized(
        ja: "入力された内容がご登録と一致した場合、「パスワード再設定のご案内」をメールでお送りしました。メールのURLから24時間以内に再設定してください。",
        en: "If the details match a member, we have mailed “パスワード再設定のご案内” (a reset link). Use its link within 24 hours."
      )
    return Page([
      .text(Localized(ja: "受け付けました", en: "Request received")(l), style: .emphasis),
      .text(what(l)),
      .text(
        Localized(
          ja: "メールが届かない場合は、入力内容をご確認のうえ、お問い合わせください。",
          en: "If no mail arrives, check what you typed, or contact us.")(l), style: .small),
      .text(env.supportLine, style: .small),
      .button(id: "sent.mail", label: Localized(ja: "メールを確認する", en: "Check mail")(l)),
      .button(id: "sent.login", label: Localized(ja: "ログイン画面へ", en: "To the login")(l), kind: .secondary),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated("sent.mail"): return .push(MailListScreen())
    case .activated("sent.login"): return .pop
    default: return .stay
    }
  }
}
