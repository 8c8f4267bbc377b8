import HokuLinkCore
import HokuLinkUI

/// The two terms of step 3 in a scrollable viewer. The texts are short stand-ins written for this
/// simulation, not the real terms, and they say so.
public struct TermsViewerScreen: Screen {
  public enum Document: Sendable {
    case memberTerms
    case pointTerms
  }

  let document: Document
  public let frame: ScreenFrame

  static let close: ControlID = "viewer.close"
  static let back: ControlID = "viewer.back"

  public init(document: Document, frame: ScreenFrame = .phone) {
    self.document = document
    self.frame = frame
  }

  public var title: Localized {
    document == .memberTerms
      ? Localized(ja: "ほくリンク会員規約", en: "HokuLink member terms")
      : Localized(ja: "ほくリンクポイントサービス利用規約", en: "HokuLink point service terms")
  }
  public var stage: SignUpStage? { .email }
  public var address: String { signUpAddress(document == .memberTerms ? "terms/member" : "terms/points") }

  public var guide: GuideNote? {
    GuideNote(
      step: "3",
      text: Localized(
        ja: "↓ や PageDown で最後まで読み、「閉じる」で入力画面に戻ります。",
        en: "Read to the end with ↓ or PageDown, then “Close” returns to the form."),
      target: Self.close)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    // A control at the top takes the first focus, so the viewer opens at the start of the text.
    var controls: [Control] = [
      .link(id: Self.back, label: Localized(ja: "← 入力画面に戻る", en: "← Back to the form")(l)),
      .text(title(l), style: .title),
      .text(
        Localized(
          ja: "【ご注意】これはシミュレーション用に書いた簡単な代わりの文章で、実際の規約ではありません。",
          en: "[Note] This is a short stand-in written for the simulation, not the real terms.")(l),
        style: .note),
    ]
    for (heading, body) in articles {
      controls.append(.text(heading(l), style: .emphasis))
      controls.append(.text(body(l)))
    }
    controls.append(.button(id: Self.close, label: Localized(ja: "閉じる", en: "Close")(l)))
    return Page(controls)
  }

  var articles: [(Localized, Localized)] {
    switch document {
    case .memberTerms:
      return [
        (
          Localized(ja: "第1条（この規約について）", en: "Article 1 (About these terms)"),
          Localized(
            ja: "この規約は、ほくリンク会員サービスを使うときの約束ごとを定めます。登録した方は、この規約に同意したものとします。",
            en: "These terms set out how the HokuLink member service is used. Registering means agreeing to them.")
        ),
        (
          Localized(ja: "第2条（登録）", en: "Article 2 (Registration)"),
          Localized(
            ja: "登録できるのは、北陸電力と電気の契約があるご本人またはその代わりの方です。ひとつの契約につき会員はひとりです。",
            en:
              "Anyone holding an electricity contract with Hokuriku Electric Power, or acting for them, may register; one member per contract."
          )
        ),
        (
          Localized(ja: "第3条（利用者IDとパスワード）", en: "Article 3 (User ID and password)"),
          Localized(
            ja: "利用者ID・パスワード・秘密のキーワードはご自身で管理し、他の人に教えないでください。",
            en: "Keep your user ID, password and secret keywords to yourself; do not share them.")
        ),
        (
          Localized(ja: "第4条（お知らせ）", en: "Article 4 (Notices)"),
          Localized(
            ja: "サービスからのお知らせは、登録したメールアドレスかアプリでお届けします。",
            en: "Notices from the service come by mail to the registered address or in the app.")
        ),
        (
          Localized(ja: "第5条（退会と変更）", en: "Article 5 (Leaving and changes)"),
          Localized(
            ja: "会員はいつでも退会できます。この規約を変えるときは、事前にお知らせします。",
            en: "Members may leave at any time. Changes to these terms are announced beforehand.")
        ),
      ]
    case .pointTerms:
      return [
        (
          Localized(ja: "第1条（ポイントの付与）", en: "Article 1 (Earning points)"),
          Localized(
            ja: "会員には、サービスの利用に応じてポイントが付きます。付く条件はサービス内でお知らせします。",
            en: "Members earn points by using the service; the conditions are shown in the service.")
        ),
        (
          Localized(ja: "第2条（ポイントの利用）", en: "Article 2 (Using points)"),
          Localized(
            ja: "ポイントは、サービスが定める商品などと交換できます。現金には換えられません。",
            en: "Points can be exchanged for the items the service offers; they cannot be turned into cash.")
        ),
        (
          Localized(ja: "第3条（有効期限）", en: "Article 3 (Expiry)"),
          Localized(
            ja: "ポイントには有効期限があります。期限を過ぎたポイントは消えます。",
            en: "Points expire; points past their date are removed.")
        ),
        (
          Localized(ja: "第4条（退会したとき）", en: "Article 4 (On leaving)"),
          Localized(
            ja: "退会すると、残っているポイントは使えなくなります。",
            en: "When a member leaves, any remaining points can no longer be used.")
        ),
      ]
    }
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    event == .activated(Self.close) || event == .activated(Self.back) ? .pop : .stay
  }
}
