import HokuLinkCore
import HokuLinkUI

/// Step 4: the mail 「会員情報登録用URLのご案内」 is on its way; its URL continues at step 5.
public struct MailSentScreen: Screen {
  let email: String
  public let frame: ScreenFrame

  static let checkMail: ControlID = "sent.mail"
  static let askAgain: ControlID = "sent.again"

  public init(email: String, frame: ScreenFrame = .phone) {
    self.email = email
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "メール送信完了", en: "Mail sent") }
  public var stage: SignUpStage? { .email }
  public var address: String { signUpAddress("sent") }

  public var guide: GuideNote? {
    GuideNote(
      step: "4",
      text: Localized(
        ja: "届いたメール「会員情報登録用URLのご案内」を開き、本文のURLを押します。",
        en: "Open the mail “Your HokuLink registration link” and press the link in it."),
      target: Self.checkMail)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "メールを送信しました", en: "We have sent you a mail")(l), style: .title),
      .text(email, style: .emphasis),
      .text(
        Localized(
          ja: "このアドレスに「会員情報登録用URLのご案内」をお送りしました。メールのURLから、ご利用者情報の登録にお進みください。URLの有効期限は24時間で、一度だけ使えます。",
          en:
            "We sent “Your HokuLink registration link” to this address. Follow the link in it to enter your details. The link works once, for 24 hours."
        )(l)),
      .text(
        Localized(
          ja: "メールが届かないときは、アドレスを確かめてもう一度お申し込みください（前のURLは使えなくなります）。",
          en: "No mail? Check the address and ask again (the earlier link then stops working).")(l),
        style: .note),
      .button(id: Self.checkMail, label: Localized(ja: "メールを確認する", en: "Check mail")(l)),
      .button(id: Self.askAgain, label: Localized(ja: "もう一度申し込む", en: "Ask again")(l), kind: .secondary),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.checkMail):
      env.rememberMailAddress(email)
      return .push(MailListScreen())
    case .activated(Self.askAgain):
      env.beginSignUp(frame: frame)
      return .replace(TermsScreen(frame: frame))
    default:
      return .stay
    }
  }
}
