import HokuLinkCore
import HokuLinkUI

/// Step 13 (walkthrough B step 11): three 秘密のキーワード, the second factor asked on a new device.
public struct KeywordSetupScreen: Screen {
  let session: LoginFlow
  public let frame: ScreenFrame
  var errors: [ControlID: Reason] = [:]

  public init(session: LoginFlow, frame: ScreenFrame = .phone) {
    self.session = session
    self.frame = frame
  }

  static let keywords: [ControlID] = ["keywords.1", "keywords.2", "keywords.3"]
  static let submit: ControlID = "keywords.submit"
  static var paths: [WritableKeyPath<DeviceDrafts, String>] {
    [\.member.keyword1, \.member.keyword2, \.member.keyword3]
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    Dictionary(uniqueKeysWithValues: zip(Self.keywords, Self.paths))
  }

  public var title: Localized { Localized(ja: "秘密のキーワード", en: "Secret keywords") }
  public var address: String { "https://www.rikuden.example/hokulink/keywords" }

  public var guide: GuideNote? {
    GuideNote(
      steps: frame == .phone ? [.a: "13"] : [.b: "11"],
      text: Localized(
        ja: "新しい端末でログインするときに1つ聞かれる、秘密のキーワードを3つ決めて「設定する」を押します。",
        en: "Choose three secret keywords; a new device asks for one of them. Then press “Set”."),
      target: Self.submit)
  }

  static func typed(_ env: AppEnvironment) -> [String] {
    let drafts = DeviceDrafts(signUp: env.draft, member: env.memberDraft)
    return paths.map { drafts[keyPath: $0] }
  }

  static func problems(_ env: AppEnvironment) -> [ControlID: Reason] {
    Dictionary(uniqueKeysWithValues: SecretKeywords.problems(typed(env)).map { (keywords[$0.key], $0.value) })
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let typed = Self.typed(env)
    var controls: [Control] = [
      .text(
        Localized(
          ja: "セキュリティのため、秘密のキーワードを3つ設定してください。ひらがなとカタカナは区別しません。",
          en: "For security, set three secret keywords. Hiragana and katakana count as the same.")(l))
    ]
    for (index, id) in Self.keywords.enumerated() {
      controls.append(
        .field(
          FieldSpec(
            id: id, label: Localized(ja: "秘密のキーワード\(index + 1)", en: "Secret keyword \(index + 1)")(l),
            state: TextFieldState(text: typed[index]), masked: true, maxLength: SecretKeywords.maxLength,
            normalize: { SecretKeywords.normalize($0) }, error: errors[id].map { $0(l) }, required: true)))
    }
    controls.append(.button(id: Self.submit, label: Localized(ja: "設定する", en: "Set")(l)))
    return Page(controls)
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    guard Self.keywords.contains(id) else { return false }
    let before = errors[id]
    errors[id] = Self.problems(env)[id]
    return errors[id] != before
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.submit) else { return .stay }
    errors = Self.problems(env)
    guard errors.isEmpty else { return .stay }
    let typed = Self.typed(env)
    var session = self.session
    let problem: SecretKeywords.Problem?
    do {
      problem = try env.logins.setKeywords(
        &session, typed[0], typed[1], typed[2], deviceToken: env.deviceToken, now: env.now)
    } catch {
      return .reset(LoginRoute.problem(error, frame: frame))
    }
    if let problem, Self.keywords.indices.contains(problem.index) {
      errors[Self.keywords[problem.index]] = problem.reason
      return .stay
    }
    // Set: the keywords leave memory.
    env.editMemberDraft {
      $0.keyword1 = ""
      $0.keyword2 = ""
      $0.keyword3 = ""
    }
    return LoginRoute.advance(session, env, frame: frame)
  }
}
