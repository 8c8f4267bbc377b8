import HokuLinkCore
import HokuLinkUI

/// The app's top screen (walkthrough A step 2 and step 9, walkthrough C step 2).
public struct AppTopScreen: Screen {
  static let resume: ControlID = "top.resume"
  static let signUp: ControlID = "top.signup"
  static let logIn: ControlID = "top.login"

  public init() {}

  public var title: Localized { Localized(ja: "ほくリンク", en: "HokuLink") }
  public var stage: SignUpStage? { nil }

  /// Step 2 of A and C until the walkthrough is known; after step 8 of A, step 9 (「会員ログイン」).
  public func guide(_ env: AppEnvironment) -> GuideNote? {
    switch env.guideProgress {
    case .signedUp:
      return GuideNote(
        steps: [.a: "9"],
        text: Localized(
          ja: "届いた利用者IDでログインします。「会員ログイン」を押します。",
          en: "Log in with the user ID the mail brought: press “Member login”."),
        target: Self.logIn)
    case .member:
      return GuideNote(
        steps: [.c: "2"],
        text: Localized(ja: "「会員ログイン」を押します。", en: "Press “Member login”."), target: Self.logIn)
    case .unknown, .signingUp:
      return GuideNote(
        steps: [.a: "2", .c: "2"],
        text: Localized(
          ja: "はじめての方は「新規会員登録はこちら」を押します。会員の方は「会員ログイン」へ。",
          en: "New here? Press “Sign up here”. Members press “Member login”."),
        target: Self.signUp)
    }
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var resume: [Control] = []
    if let flow = env.openSignUp, !flow.onPC {
      // An open sign-up stays reachable until it expires (SPEC §6), so going back never loses it.
      resume = [
        .text(
          Localized(
            ja: "会員登録の途中です（\(DateText.short(flow.expiresAt))まで）。",
            en: "You have a sign-up in progress (until \(DateText.short(flow.expiresAt))).")(l), style: .note),
        .button(id: Self.resume, label: Localized(ja: "会員登録を続ける", en: "Continue signing up")(l)),
      ]
    }
    return Page(
      [
        .text(Localized(ja: "⚡ ほくリンク", en: "⚡ HokuLink")(l), style: .title),
        .text(
          Localized(
            ja: "電気料金・使用量・ポイントがひと目でわかる",
            en: "Your bill, usage and points at a glance")(l), style: .note),
        .spacer,
      ] + resume + [
        .button(id: Self.signUp, label: Localized(ja: "新規会員登録はこちら", en: "Sign up here")(l)),
        .button(id: Self.logIn, label: Localized(ja: "会員ログイン", en: "Member login")(l), kind: .secondary),
        .spacer,
        .text(Localized(ja: "北陸電力", en: "Hokuriku Electric Power")(l), style: .small),
      ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.resume):
      guard let flow = env.openSignUp else { return .stay }
      env.adopt(flow)
      return .pushAll(env.signUpScreens(for: flow))
    case .activated(Self.signUp):
      env.guideProgress = .signingUp
      return .push(SignUpChecklistScreen())
    case .activated(Self.logIn):
      // Pressed before any sign-up on this phone, this is walkthrough C.
      if env.guideProgress == .unknown { env.guideProgress = .member }
      return .push(LoginStart.screen(env, frame: .phone))
    default: return .stay
    }
  }
}
