import HokuLinkCore
import HokuLinkUI

/// F4 on the PC: the browser's bookmarks, the PC's way to what the phone's home screen holds (the site, the
/// webmail, and the letterbox at home). It is a browser page, not a phone (issue 9).
public struct BookmarksScreen: Screen {
  static let site: ControlID = "bookmarks.site"
  static let mail: ControlID = "bookmarks.mail"
  static let letterbox: ControlID = "bookmarks.letterbox"

  public init() {}

  public var title: Localized { UIText.bookmarks }
  public var frame: ScreenFrame { .browser }
  public var address: String { "about:bookmarks" }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { UIText.bookmarks }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(Localized(ja: "このパソコンのブックマークです。", en: "This PC's bookmarks.")(l), style: .note),
      .button(id: Self.site, label: PCTopScreen().title(l), kind: .secondary),
      .button(id: Self.mail, label: WebMail.siteTitle(l), kind: .secondary),
      .button(id: Self.letterbox, label: Localized(ja: "郵便受け (自宅)", en: "Letterbox (at home)")(l), kind: .secondary),
      .text(HomeScreen.simulated(l), style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.site): return .reset(env.startScreen())
    case .activated(Self.mail): return .push(MailListScreen())
    case .activated(Self.letterbox): return .push(LetterboxScreen())
    default: return .stay
    }
  }
}

/// The webmail the PC reads its mail in: the same mailboxes as the phone's mail app, as a web page.
public enum WebMail {
  public static let host = "https://webmail.example.jp/"
  public static let siteTitle = Localized(ja: "Webメール", en: "Webmail")
}
