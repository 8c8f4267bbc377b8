import HokuLinkCore
import HokuLinkUI

/// Step 10 (walkthrough C step 3): 「ほくリンクアプリ利用規約」 in a scrollable viewer, the agreement
/// checkbox and 「次へ」. Agreed once per device.
public struct AppTermsScreen: Screen {
  var agreed = false
  var showError = false

  static let openTerms: ControlID = "terms.open"
  static let agree: ControlID = "terms.agree"
  static let next: ControlID = "terms.next"

  public init() {}

  public var title: Localized { Localized(ja: "ほくリンクアプリ利用規約", en: "App terms of use") }

  public var guide: GuideNote? {
    GuideNote(
      steps: [.a: "10", .c: "3"],
      text: Localized(
        ja: "アプリの利用規約を読み、「利用規約に同意します」にチェックを入れて「次へ」を押します。",
        en: "Read the app's terms, tick “I agree to the terms of use”, then press “Next”."),
      target: agreed ? Self.next : Self.agree)
  }

  /// Simulated terms, in the project's own words: short, plain, and honest that this is a practice app.
  static let terms = Localized(
    ja: """
      第1条(このアプリについて)
      ほくリンクアプリ(以下「本アプリ」)は、ほくリンク会員が電気料金・使用量・ポイントを確認するためのアプリです。この画面は練習用のシミュレーションで、実際の北陸電力のサービスには接続しません。

      第2条(ログイン情報の管理)
      利用者ID、パスワード、秘密のキーワードはご自身で大切に管理し、他の人に教えないでください。

      第3条(端末の登録)
      初めて使う端末でログインすると、その端末を本人の端末として記録します。

      第4条(表示される情報)
      料金や使用量の表示は目安です。正式な金額は検針票や請求書でご確認ください。

      第5条(変更)
      本規約は、必要に応じて変更することがあります。変更後はアプリ内でお知らせします。
      """,
    en: """
      1. About this app
      The HokuLink app (“the app”) lets HokuLink members check their electricity bill, usage and points. This screen is a practice simulation and does not connect to Hokuriku Electric Power's real service.

      2. Your login details
      Keep your user ID, password and secret keywords to yourself; do not tell them to anyone.

      3. Devices
      When you log in on a device for the first time, it is recorded as one of your devices.

      4. What is shown
      Bills and usage shown here are a guide; the meter reading slip and the bill are authoritative.

      5. Changes
      These terms may change; the app will tell you when they do.
      """)

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(
        Localized(
          ja: "アプリをご利用いただく前に、利用規約をお読みください。",
          en: "Before using the app, please read its terms of use.")(l)),
      .link(id: Self.openTerms, label: Localized(ja: "ほくリンクアプリ利用規約", en: "HokuLink app terms of use")(l)),
      .checkbox(
        id: Self.agree, label: Localized(ja: "利用規約に同意します", en: "I agree to the terms of use")(l),
        checked: agreed,
        error: showError && !agreed
          ? Localized(ja: "利用規約に同意してください", en: "Please agree to the terms to go on")(l) : nil),
      .button(id: Self.next, label: Localized(ja: "次へ", en: "Next")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .toggled(Self.agree, let value):
      agreed = value
      return .stay
    case .activated(Self.openTerms):
      return .push(AppTermsViewerScreen())
    case .activated(Self.next):
      guard agreed else {
        showError = true
        return .stay
      }
      env.acceptAppTerms()
      return .replace(LoginScreen(frame: .phone))
    default:
      return .stay
    }
  }
}

/// 「ほくリンクアプリ利用規約」 itself: text only, so it opens at its top; ↓ and PageDown scroll, Esc goes back.
public struct AppTermsViewerScreen: Screen {
  public init() {}

  public var title: Localized { Localized(ja: "ほくリンクアプリ利用規約", en: "App terms of use") }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "ほくリンクアプリ利用規約", en: "HokuLink app terms of use")(l), style: .emphasis),
      .text(AppTermsScreen.terms(l)),
      .text(Localized(ja: "Esc で同意の画面に戻ります。", en: "Esc goes back to the agreement.")(l), style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation { .stay }
}
