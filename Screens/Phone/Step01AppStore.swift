import HokuLinkCore
import HokuLinkUI

/// Step 1: the App Store page of 「ほくリンクアプリ」. 「入手」 installs it on this (simulated) phone;
/// 「開く」 then launches the app.
public struct AppStoreScreen: Screen {
  static let getOrOpen: ControlID = "store.action"

  public init() {}

  public var title: Localized { Localized(ja: "App Store", en: "App Store") }
  public var stage: SignUpStage? { .prepare }

  public var guide: GuideNote? {
    GuideNote(
      steps: [.a: "1", .c: "1"],
      text: Localized(
        ja: "ストアで「ほくリンクアプリ」を入手して、開きます。",
        en: "Get the HokuLink app from the store, then open it."),
      target: Self.getOrOpen)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let installed = env.appInstalled
    let l = env.language
    return Page([
      .text(Localized(ja: "検索: ほくリンクアプリ", en: "Search: HokuLink (ほくリンク)")(l), style: .note),
      .divider,
      .text(Localized(ja: "⚡ ほくリンクアプリ", en: "⚡ HokuLink (ほくリンク)")(l), style: .title),
      .text(Localized(ja: "北陸電力株式会社", en: "Hokuriku Electric Power Co.")(l), style: .note),
      .text(Localized(ja: "★4.1 ・ ライフスタイル ・ 無料", en: "★4.1 · Lifestyle · Free")(l), style: .small),
      .button(
        id: Self.getOrOpen, label: installed ? Localized(ja: "開く", en: "Open")(l) : Localized(ja: "入手", en: "Get")(l)),
      .text(
        Localized(
          ja: "電気料金や使用量の確認、ポイントの利用ができる北陸電力の会員サービスです。",
          en: "Hokuriku Electric Power's member service: check your bill and usage, and use your points.")(l)),
      .text(
        Localized(
          ja: "※ これは練習用の画面です。本物のストアには接続しません。",
          en: "This store is simulated; nothing is downloaded.")(l), style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(Self.getOrOpen) = event else { return .stay }
    if env.appInstalled { return .reset(AppTopScreen()) }
    env.installApp()
    return .stay
  }
}
