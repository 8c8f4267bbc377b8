import HokuLinkCore
import HokuLinkUI

/// Walkthrough C step 5: on a new device, one of the member's three 秘密のキーワード, chosen at random at login;
/// the screen says which (「2番目」). Five wrong answers lock the login like five wrong passwords.
public struct KeywordChallengeScreen: Screen {
  let session: LoginFlow
  /// 0, 1 or 2.
  let index: Int
  public let frame: ScreenFrame
  var field = TextFieldState()
  var message: Localized?
  var locked = false

  public init(session: LoginFlow, index: Int, frame: ScreenFrame = .phone) {
    self.session = session
    self.index = index
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "秘密のキーワード", en: "Secret keyword") }
  public var address: String { "https://www.rikuden.example/hokulink/keyword-check" }

  public var guide: GuideNote? {
    GuideNote(
      step: frame == .phone ? "C-5" : "C-5",
      text: Localized(
        ja: "以前に決めた秘密のキーワードのうち、画面に示された番目のものを入力して「認証する」を押します。",
        en: "Type the secret keyword the screen asks for (first, second or third of yours), then press “Verify”."),
      target: "challenge.submit")
  }

  static let ordinalsEN = ["first", "second", "third"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = [
      .text(
        Localized(
          ja: "ご本人確認のため、設定した秘密のキーワードの\(index + 1)番目を入力してください。",
          en:
            "To confirm it is you, type the \(Self.ordinalsEN[min(index, 2)]) of your secret keywords (\(index + 1)番目)."
        )(
          l), style: .emphasis)
    ]
    if let message {
      controls.append(.text(message(l), style: .error))
      if locked { controls.append(.text(env.supportLine, style: .note)) }
    }
    if locked {
      controls.append(
        .button(id: "challenge.back", label: Localized(ja: "ログイン画面へ", en: "To the login")(l), kind: .secondary))
      return Page(controls)
    }
    controls += [
      .field(
        FieldSpec(
          id: "challenge.keyword", label: Localized(ja: "秘密のキーワード", en: "Secret keyword")(l), state: field,
          masked: true, maxLength: SecretKeywords.maxLength, normalize: { SecretKeywords.normalize($0) },
          required: true)),
      .button(id: "challenge.submit", label: Localized(ja: "認証する", en: "Verify")(l)),
      .text(
        Localized(
          ja: "秘密のキーワードがわからない場合は、お問い合わせください。",
          en: "If you do not remember your secret keywords, please contact us.")(l), style: .small),
      .text(env.supportLine, style: .small),
    ]
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .edited("challenge.keyword", let state):
      field = state
      return .stay
    case .activated("challenge.back"):
      return .reset(LoginStart.screen(env, frame: frame))
    case .activated("challenge.submit"):
      var session = self.session
      let typed = field.text
      field = TextFieldState()
      let result: KeywordChallengeResult
      do {
        result = try Logins(store: env.store).answerChallenge(
          &session, keyword: typed, deviceToken: env.deviceToken, now: env.now)
      } catch {
        return .reset(LoginRoute.problem(error, frame: frame))
      }
      switch result {
      case .passed:
        return LoginRoute.advance(session, env, frame: frame)
      case .wrong:
        message = Localized(ja: LoginWords.wrongKeyword.ja, en: LoginWords.wrongKeyword.en)
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
