import HokuLinkCore
import HokuLinkUI

/// 「利用者IDを忘れた方」: お客さま番号 + メールアドレス. When both match a member, the ID is mailed; the screen
/// answers the same either way.
public struct ForgotUserIDScreen: Screen {
  public let frame: ScreenFrame
  var errors: [ControlID: Reason] = [:]

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  static let customerNumber: ControlID = "forgotid.customer"
  static let email: ControlID = "forgotid.email"
  static let send: ControlID = "forgotid.send"

  static func control(of field: RecoveryProblem.Field) -> ControlID { field == .email ? email : customerNumber }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [Self.customerNumber: \.member.forgotIDCustomerNumber, Self.email: \.member.forgotIDEmail]
  }

  public var title: Localized { Localized(ja: "利用者IDを忘れた方", en: "Forgot your user ID") }
  public var address: String { "https://www.rikuden.example/hokulink/forgot-id" }

  static func problems(_ typed: MemberDraft) -> [ControlID: Reason] {
    let found = Recoveries.userIDRequestProblems(
      customerNumber: typed.forgotIDCustomerNumber, email: typed.forgotIDEmail)
    return Dictionary(uniqueKeysWithValues: found.map { (control(of: $0.key), $0.value) })
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let typed = env.memberDraft
    return Page([
      .text(
        Localized(
          ja: "ご登録のお客さま番号とメールアドレスを入力してください。一致する会員の方に、利用者IDをメールでお知らせします。",
          en: "Type your customer number and registered e-mail address. If they match a member, the user ID is mailed.")(
            l)),
      .field(
        FieldSpec(
          id: Self.customerNumber, label: Localized(ja: "お客さま番号", en: "Customer number")(l),
          state: TextFieldState(text: typed.forgotIDCustomerNumber), maxLength: CustomerNumber.maxLength,
          normalize: { CustomerNumber.normalize($0) }, placeholder: "XX-XXXX-XXXX-XX",
          error: errors[Self.customerNumber].map { $0(l) }, required: true)),
      .field(
        FieldSpec(
          id: Self.email, label: Localized(ja: "メールアドレス", en: "E-mail address")(l),
          state: TextFieldState(text: typed.forgotIDEmail), maxLength: EmailAddress.maxLength,
          normalize: { EmailAddress.normalize($0) }, error: errors[Self.email].map { $0(l) }, required: true)),
      .button(id: Self.send, label: Localized(ja: "送信する", en: "Send")(l)),
      .text(
        Localized(
          ja: "お客さま番号がわからない場合は、お問い合わせください。", en: "If you do not know your customer number, contact us.")(l),
        style: .small),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    guard id == Self.customerNumber || id == Self.email else { return false }
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
      problem = try env.recoveries.requestUserID(
        customerNumber: typed.forgotIDCustomerNumber, email: typed.forgotIDEmail, now: env.now,
        language: env.mailLanguage)
    } catch {
      return .push(DeadEndScreen(title: title, message: RecoverySentScreen.failed, frame: frame))
    }
    if let problem {
      errors[Self.control(of: problem.field)] = problem.reason
      return .stay
    }
    env.rememberMailAddress(EmailAddress.normalize(typed.forgotIDEmail))
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
  static let mail: ControlID = "sent.mail"
  static let login: ControlID = "sent.login"

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
        en: "If the details match a member, we have mailed “Your HokuLink user ID”.")
      : Localized(
        ja: "入力された内容がご登録と一致した場合、「パスワード再設定のご案内」をメールでお送りしました。メールのURLから24時間以内に再設定してください。",
        en:
          "If the details match a member, we have mailed “Resetting your HokuLink password” (a reset link). Use its link within 24 hours."
      )
    return Page([
      .text(Localized(ja: "受け付けました", en: "Request received")(l), style: .emphasis),
      .text(what(l)),
      .text(
        Localized(
          ja: "メールが届かない場合は、入力内容をご確認のうえ、お問い合わせください。",
          en: "If no mail arrives, check what you typed, or contact us.")(l), style: .small),
      .text(env.supportLine, style: .small),
      .button(id: Self.mail, label: Localized(ja: "メールを確認する", en: "Check mail")(l)),
      .button(id: Self.login, label: Localized(ja: "ログイン画面へ", en: "To the login")(l), kind: .secondary),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.mail): return .push(MailListScreen())
    case .activated(Self.login): return .pop
    default: return .stay
    }
  }
}
