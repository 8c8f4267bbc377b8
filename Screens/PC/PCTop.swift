import HokuLinkCore
import HokuLinkUI

/// The PC site's top page (walkthrough B step 2), in the browser frame.
public struct PCTopScreen: Screen {
  static let signUp: ControlID = "pc.signup"
  static let logIn: ControlID = "pc.login"

  public init() {}

  public var title: Localized { Localized(ja: "ほくリンク｜北陸電力", en: "HokuLink | Hokuriku Electric Power") }
  public var frame: ScreenFrame { .browser }

  /// Step 2 of B; after step 8, step 9 (「ログイン」 with the user ID the mail brought).
  public func guide(_ env: AppEnvironment) -> GuideNote? {
    guard env.guideProgress == .signedUp else {
      return GuideNote(
        steps: [.b: "2"],
        text: Localized(ja: "「新規会員登録(無料)」をクリックします。", en: "Click “Sign up (free)”."),
        target: Self.signUp)
    }
    return GuideNote(
      steps: [.b: "9"],
      text: Localized(
        ja: "届いた利用者IDでログインします。「ログイン」をクリックします。",
        en: "Log in with the user ID the mail brought: click “Log in”."),
      target: Self.logIn)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "ほくリンク", en: "HokuLink")(l), style: .title),
      .text(
        Localized(
          ja: "電気料金・使用量の確認やポイントの交換ができる、北陸電力の会員サービスです。",
          en: "Hokuriku Electric Power's member service: your bill, your usage and your points.")(l)),
      .button(id: Self.signUp, label: Localized(ja: "新規会員登録(無料)", en: "Sign up (free)")(l)),
      .button(id: Self.logIn, label: Localized(ja: "ログイン", en: "Log in")(l), kind: .secondary),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.signUp): return .push(SignUpChecklistScreen(frame: .browser))
    case .activated(Self.logIn): return .push(LoginScreen(frame: .browser))
    default: return .stay
    }
  }
}
