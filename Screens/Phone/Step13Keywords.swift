import HokuLinkCore
import HokuLinkUI

/// Step 13 (walkthrough B step 11): three 秘密のキーワード, the second factor asked on a new device.
public struct KeywordSetupScreen: Screen {
  let session: LoginFlow
  public let frame: ScreenFrame
  var fields = FieldValues()
  var problem: SecretKeywords.Problem?

  public init(session: LoginFlow, frame: ScreenFrame = .phone) {
    self.session = session
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "秘密のキーワード", en: "Secret keywords") }
  public var stage: SignUpStage? { .complete }
  public var address: String { "https://www.rikuden.example/hokulink/keywords" }

  public var guide: GuideNote? {
    GuideNote(
      step: frame == .phone ? "13" : "11",
      text: Localized(
        ja: "新しい端末でログインするときに1つ聞かれる、秘密のキーワードを3つ決めて「設定する」を押します。",
        en: "Choose three secret keywords; a new device asks for one of them. Then press “Set”."),
      target: "keywords.submit")
  }

  static let fieldIDs: [ControlID] = ["keywords.1", "keywords.2", "keywords.3"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = [
      .text(
        Localized(
          ja: "セキュリティのため、秘密のキーワードを3つ設定してください。ひらがなとカタカナは区別しません。",
          en: "For security, set three secret keywords. Hiragana and katakana count as the same.")(l))
    ]
    for (index, id) in Self.fieldIDs.enumerated() {
      let error = problem?.index == index ? problem.map { Localized(ja: $0.reason.ja, en: $0.reason.en)(l) } : nil
      controls.append(
        .field(
          FieldSpec(
            id: id, label: Localized(ja: "秘密のキーワード\(index + 1)", en: "Secret keyword \(index + 1)")(l),
            state: fields[id], masked: true, maxLength: SecretKeywords.maxLength,
            normalize: { SecretKeywords.normalize($0) }, error: error, required: true)))
    }
    controls.append(.button(id: "keywords.submit", label: Localized(ja: "設定する", en: "Set")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    guard event == .activated("keywords.submit") else { return .stay }
    var session = self.session
    do {
      problem = try Logins(store: env.store).setKeywords(
        &session, fields.text("keywords.1"), fields.text("keywords.2"), fields.text("keywords.3"),
        deviceToken: env.deviceToken, now: env.now)
    } catch {
      return .reset(LoginRoute.problem(error, frame: frame))
    }
    if problem != nil { return .stay }
    return LoginRoute.advance(session, env, frame: frame)
  }
}
