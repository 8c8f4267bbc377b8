import HokuLinkCore
import HokuLinkUI

/// The PC site's top page (walkthrough B step 2), in the browser frame.
public struct PCTopScreen: Screen {
  public init() {}

  public var title: Localized { Localized(ja: "ほくリンク｜北陸電力", en: "ほくリンク | Hokuriku Electric Power") }
  public var frame: ScreenFrame { .browser }

  public var guide: GuideNote? {
    GuideNote(
      step: "2",
      text: Localized(
        ja: "「新規会員登録(無料)」をクリックします。",
        en: "Click “Sign up (free)”."),
      target: "pc.signup")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text("ほくリンク", style: .title),
      .text(
        Localized(
          ja: "電気料金・使用量の確認やポイントの交換ができる、北陸電力の会員サービスです。",
          en: "Hokuriku Electric Power's member service: your bill, your usage and your points.")(l)),
      .button(id: "pc.signup", label: Localized(ja: "新規会員登録(無料)", en: "Sign up (free)")(l)),
      .button(id: "pc.login", label: Localized(ja: "ログイン", en: "Log in")(l), kind: .secondary),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated("pc.signup"): return .push(SignUpChecklistScreen(frame: .browser))
    case .activated("pc.login"): return .push(LoginScreen(frame: .browser))
    default: return .stay
    }
  }
}
