import HokuLinkCore
import HokuLinkUI

/// An honest stop for a part of the flow that this version does not have yet.
public struct ComingNextScreen: Screen {
  let what: Localized

  static let back: ControlID = "coming.back"

  public init(what: Localized) {
    self.what = what
  }

  public var title: Localized { what }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .text(what(l), style: .title),
      .text(
        Localized(
          ja: "この画面はまだ準備中です。Esc で戻ります。",
          en: "This screen is not built yet. Press Esc to go back.")(l)),
      .text(env.supportLine, style: .small),
      .button(id: Self.back, label: Localized(ja: "戻る", en: "Back")(l), kind: .secondary),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    event == .activated(Self.back) ? .pop : .stay
  }
}
