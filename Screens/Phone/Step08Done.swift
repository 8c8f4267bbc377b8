import HokuLinkCore
import HokuLinkUI

/// Step 8 受付完了: what happens next. The 利用者ID is not shown here; it comes by mail.
public struct SignUpDoneScreen: Screen {
  let course: Account.Course
  let customerNumber: String
  public let frame: ScreenFrame

  static let checkMail: ControlID = "done.mail"
  static let checkLetterbox: ControlID = "done.postcard"
  static let backToTop: ControlID = "done.top"

  public init(course: Account.Course, customerNumber: String, frame: ScreenFrame = .phone) {
    self.course = course
    self.customerNumber = customerNumber
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "受付完了", en: "Received") }
  public var stage: SignUpStage? { .complete }
  public var address: String { signUpAddress("done") }

  public var guide: GuideNote? {
    GuideNote(
      step: "8",
      text: Localized(
        ja: "北陸電力から「利用者IDのお知らせ」がメールで届きます。「メールを確認する」で見てみましょう。",
        en: "The mail “Your HokuLink user ID” brings your user ID. Press “Check mail” to see it."),
      target: Self.checkMail)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = [
      .text(Localized(ja: "お申し込みを受け付けました", en: "Your application is received")(l), style: .title),
      .text(
        Localized(
          ja: "ご登録のメールアドレスに「利用者IDのお知らせ」をお送りしました。",
          en: "We have mailed “Your HokuLink user ID” to your address.")(l)),
    ]
    if course == .immediate {
      controls.append(
        .text(
          Localized(
            ja: "次に、アプリの「会員ログイン」から、利用者IDと初回ログインパスワードでログインしてください。",
            en: "Next, log in from “Member login” with that user ID and the first password you chose.")(l)))
    } else {
      controls.append(
        .text(
          Localized(
            ja: "初回ログインパスワードは1週間程度でハガキで届きます。届いたら、利用者IDとハガキのパスワードでログインしてください。",
            en:
              "Your first password comes by postcard in about a week. Then log in with the user ID and the password on it."
          )(
            l)))
    }
    controls.append(.button(id: Self.checkMail, label: Localized(ja: "メールを確認する", en: "Check mail")(l)))
    if course == .postcard {
      controls.append(
        .button(id: Self.checkLetterbox, label: Localized(ja: "ハガキを確認する", en: "Check the letterbox")(l)))
    }
    controls.append(
      .button(id: Self.backToTop, label: Localized(ja: "トップへ戻る", en: "Back to the top")(l), kind: .secondary))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    // Step 8 is behind: the app top (the PC top) now guides to step 9.
    env.guideProgress = .signedUp
    switch event {
    case .activated(Self.checkMail): return .push(MailListScreen())
    case .activated(Self.checkLetterbox):
      env.rememberLetterbox(customerNumber)
      return .push(LetterboxScreen())
    case .activated(Self.backToTop): return .reset(frame == .browser ? PCTopScreen() : AppTopScreen())
    default: return .stay
    }
  }
}
