import HokuLinkCore
import HokuLinkUI

/// After step 11's 「ログイン」 on a device this member has not used: 「ご利用端末から初めてのログインです」, 「次へ」.
public struct FirstLoginNoticeScreen: Screen {
  let session: LoginFlow
  public let frame: ScreenFrame
  static let next: ControlID = "notice.next"

  public init(session: LoginFlow, frame: ScreenFrame = .phone) {
    self.session = session
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "ログイン", en: "Log in") }
  public var address: String { "https://www.rikuden.example/hokulink/login/device" }

  public var guide: GuideNote? {
    GuideNote(
      steps: frame == .phone ? [.a: "11", .c: "4"] : [.b: "9"],
      text: Localized(
        ja: "この端末で初めてログインしたときのお知らせです。「次へ」を押して進みます。",
        en: "A notice shown the first time you log in on this device. Press “Next” to go on."),
      target: Self.next)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(
        Localized(ja: "ご利用端末から初めてのログインです", en: "This is your first login from this device")(l),
        style: .emphasis),
      .text(
        Localized(
          ja: "安全のため、この端末を登録します。続けて必要な設定や確認を行います。",
          en: "For your safety, this device will be registered. A few settings or checks follow.")(l)),
      .button(id: Self.next, label: Localized(ja: "次へ", en: "Next")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.next) else { return .stay }
    var session = self.session
    do {
      try env.logins.acknowledgeNotice(&session, now: env.now)
    } catch {
      return .reset(LoginRoute.problem(error, frame: frame))
    }
    return LoginRoute.advance(session, env, frame: frame)
  }
}
