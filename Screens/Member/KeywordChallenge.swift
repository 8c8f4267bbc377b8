import HokuLinkCore
import HokuLinkUI

/// Walkthrough C step 5: on a new device, one of the member's three 秘密のキーワード, chosen at random at login;
/// the screen says which (「2番目」). Five wrong answers lock the login like five wrong passwords.
public struct KeywordChallengeScreen: Screen {
  let session: LoginFlow
  /// 0, 1 or 2.
  let index: Int
  public let frame: ScreenFrame
  var message: Localized?
  var error: Reason?
  var locked = false
  /// After a wrong answer the emptied field is where typing goes next.
  public private(set) var refusedFocus: ControlID?

  static let keyword: ControlID = "challenge.keyword"
  static let submit: ControlID = "challenge.submit"
  static let back: ControlID = "challenge.back"

  public init(session: LoginFlow, index: Int, frame: ScreenFrame = .phone) {
    self.session = session
    self.index = index
    self.frame = frame
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [Self.keyword: \.member.challengeKeyword]
  }

  public var title: Localized { Localized(ja: "秘密のキーワード", en: "Secret keyword") }
  public var address: String { "https://www.rikuden.example/hokulink/keyword-check" }

  public var guide: GuideNote? {
    GuideNote(
      steps: [.c: "5"],
      text: Localized(
        ja: "以前に決めた秘密のキーワードのうち、画面に示された番目のものを入力して「認証する」を押します。",
        en: "Type the secret keyword the screen asks for (first, second or third of yours), then press “Verify”."),
      target: Self.submit)
  }

  static let ordinalsEN = ["first", "second", "third"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = [
      .text(
        Localized(
          ja: "ご本人確認のため、設定した秘密のキーワードの\(index + 1)番目を入力してください。",
          en:
            "To confirm it is you, type the \(Self.ordinalsEN[min(index, 2)]) of your secret keywords (number \(index + 1))."
        )(
          l), style: .emphasis)
    ]
    if let message {
      controls.append(.text(message(l), style: .error))
      if locked { controls.append(.text(env.supportLine, style: .note)) }
    }
    if locked {
      controls.append(
        .button(id: Self.back, label: Localized(ja: "ログイン画面へ", en: "To the login")(l), kind: .secondary))
      return Page(controls)
    }
    controls += [
      .field(
        FieldSpec(
          id: Self.keyword, label: Localized(ja: "秘密のキーワード", en: "Secret keyword")(l),
          state: TextFieldState(text: env.memberDraft.challengeKeyword), masked: true,
          maxLength: SecretKeywords.maxLength, normalize: { SecretKeywords.normalize($0) },
          error: error.map { $0(l) }, required: true)),
      .button(id: Self.submit, label: Localized(ja: "認証する", en: "Verify")(l)),
      .text(
        Localized(
          ja: "秘密のキーワードがわからない場合は、お問い合わせください。",
          en: "If you do not remember your secret keywords, please contact us.")(l), style: .small),
      .text(env.supportLine, style: .small),
    ]
    return Page(controls)
  }

  static func problem(_ typed: String) -> Reason? {
    guard SecretKeywords.normalize(typed).isEmpty else { return nil }
    return Reason(ja: "秘密のキーワードを入力してください", en: "Enter the secret keyword")
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    guard id == Self.keyword else { return false }
    let before = error
    error = Self.problem(env.memberDraft.challengeKeyword)
    return error != before
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.back):
      return .reset(LoginStart.screen(env, frame: frame))
    case .activated(Self.submit):
      refusedFocus = nil
      let typed = env.memberDraft.challengeKeyword
      error = Self.problem(typed)
      guard error == nil else { return .stay }
      // The keyword never stays on screen after an answer, right or wrong.
      env.editMemberDraft { $0.challengeKeyword = "" }
      var session = self.session
      let result: KeywordChallengeResult
      do {
        result = try env.logins.answerChallenge(
          &session, keyword: typed, deviceToken: env.deviceToken, now: env.now)
      } catch {
        return .reset(LoginRoute.problem(error, frame: frame))
      }
      switch result {
      case .passed:
        return LoginRoute.advance(session, env, frame: frame)
      case .wrong:
        message = Localized(ja: LoginWords.wrongKeyword.ja, en: LoginWords.wrongKeyword.en)
        refusedFocus = Self.keyword
        return .stay
      case .locked:
        message = Localized(ja: LoginWords.locked.ja, en: LoginWords.locked.en)
        locked = true
        return .stay
      }
    default:
      return .stay
    }
  }
}
