import HokuLinkCore
import HokuLinkUI

/// The phone's own home screen (F4 from anywhere): the store, the app, mail and the letterbox.
public struct HomeScreen: Screen {
  static let appStore: ControlID = "home.store"
  static let app: ControlID = "home.app"
  static let mail: ControlID = "home.mail"
  static let letterbox: ControlID = "home.letterbox"

  public init() {}

  /// Said wherever mail and the letterbox are offered (this screen, the PC's bookmarks).
  static let simulated = Localized(
    ja: "メールと郵便受けは練習用です。本物のメールやハガキは届きません。",
    en: "Mail and the letterbox are simulated; nothing real is sent.")

  public var title: Localized { Localized(ja: "ホーム", en: "Home") }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "このスマホのホーム画面です。", en: "This phone's home screen.")(l), style: .note),
      .button(id: Self.appStore, label: "App Store", kind: .secondary),
      .button(id: Self.app, label: Localized(ja: "ほくリンク", en: "HokuLink")(l), kind: .secondary),
      .button(id: Self.mail, label: Localized(ja: "メール", en: "Mail")(l), kind: .secondary),
      .button(id: Self.letterbox, label: Localized(ja: "郵便受け", en: "Letterbox")(l), kind: .secondary),
      .text(Self.simulated(l), style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.appStore): return .push(AppStoreScreen())
    case .activated(Self.app): return .reset(env.startScreen())
    case .activated(Self.mail): return .push(MailListScreen())
    case .activated(Self.letterbox): return .push(LetterboxScreen())
    default: return .stay
    }
  }
}
