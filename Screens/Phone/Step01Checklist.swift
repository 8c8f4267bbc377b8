import HokuLinkCore
import HokuLinkUI

/// STEP1 登録前のご用意: what to have at hand before signing up. Its 「次へ」 leads to step 3.
public struct SignUpChecklistScreen: Screen {
  public let frame: ScreenFrame

  static let next: ControlID = "checklist.next"

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "新規会員登録", en: "Sign up") }
  public var stage: SignUpStage? { .prepare }

  public var guide: GuideNote? {
    GuideNote(
      step: "2",
      text: Localized(
        ja: "登録の前に、お客さま番号とメールアドレスを手元に用意します。いますぐ会員コースなら口座番号かカード番号も。",
        en:
          "Before you start, have your customer number and e-mail address ready; for the instant course, also your account or card number."
      ),
      target: Self.next)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "事前にご準備いただくもの", en: "Have these ready")(l), style: .emphasis),
      .text(Localized(ja: "・お客さま番号（検針票や領収書に記載）", en: "• Customer number (on your meter reading slip or receipt)")(l)),
      .text(Localized(ja: "・メールアドレス", en: "• E-mail address")(l)),
      .text(
        Localized(
          ja: "・電気料金のお支払いに使っている口座番号またはクレジットカード番号（いますぐ会員コースの場合）",
          en: "• The bank account or credit card number you pay your bill with (for the instant course)")(l)),
      .text(
        Localized(
          ja: "使えるメールアドレス: 「*****@*****」の形式で、半角英数字と . - _ @ のみ、100文字以内。",
          en:
            "Usable e-mail addresses: the form *****@*****, only letters, digits, . - _ and @, at most 100 characters.")(
            l),
        style: .note),
      .button(id: Self.next, label: Localized(ja: "次へ", en: "Next")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(Self.next) = event else { return .stay }
    env.beginSignUp(frame: frame)
    return .push(TermsScreen(frame: frame))
  }
}
