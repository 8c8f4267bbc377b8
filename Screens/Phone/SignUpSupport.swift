import Foundation
import HokuLinkCore
import HokuLinkUI

extension AppEnvironment {
  /// The sign-up flows of this data folder.
  public var registrations: Registrations { Registrations(store: store) }

  /// The screen a sign-up in progress on this device is at, for a restart and after a link.
  func signUpScreen(for flow: RegistrationFlow) -> any Screen {
    let frame: ScreenFrame = flow.onPC ? .browser : .phone
    switch flow.step {
    case .terms: return TermsScreen(env: self, frame: frame)
    case .mailSent: return MailSentScreen(email: flow.entries.email, frame: frame)
    case .customerInfo: return CustomerInfoScreen(env: self, frame: frame)
    case .course: return CourseScreen(env: self, frame: frame)
    case .courseDetails: return CourseDetailsScreen(env: self, frame: frame)
    case .questions: return QuestionsScreen(env: self, frame: frame)
    case .confirm: return ConfirmScreen(env: self, frame: frame)
    case .done:
      return SignUpDoneScreen(
        course: flow.entries.course ?? .postcard, customerNumber: flow.customerNumber ?? "", frame: frame)
    }
  }

  /// The screen for a refused step that cannot be fixed on the same screen (expired, or moved on elsewhere).
  func signUpDeadEnd(_ refusal: RegistrationRefusal, frame: ScreenFrame) -> Navigation {
    switch refusal {
    case .expired: return .replace(SignUpProblemScreen(problem: .expired, frame: frame))
    case .outOfOrder:
      if let flow = try? registrations.flowInProgress(device: deviceName, now: now) {
        return .replace(signUpScreen(for: flow))
      }
      return .replace(SignUpProblemScreen(problem: .expired, frame: frame))
    case .invalid: return .stay
    }
  }
}

/// The browser frame's address for a sign-up page.
func signUpAddress(_ page: String) -> String { "https://www.rikuden.example/hokulink/signup/\(page)" }

/// The shared shape of a step's text field: its rule's normalisation and length limit, its error under it.
func ruleField<Rule: TypedField & SendableMetatype>(
  _ rule: Rule.Type, id: ControlID, label: String, state: TextFieldState, hint: String? = nil,
  error: Reason?, language: Language, masked: Bool = false
) -> Control {
  .field(
    FieldSpec(
      id: id, label: label, state: state, masked: masked, maxLength: Rule.maxLength,
      normalize: { Rule.normalize($0) }, hint: hint, error: error.map { $0(language) }, required: true))
}

/// A link that does not work (used, voided by a newer one, expired) or a sign-up that expired: say so and
/// offer to start again.
public struct SignUpProblemScreen: Screen {
  public enum Problem: Sendable {
    case linkNotUsable
    case expired
  }

  let problem: Problem
  public let frame: ScreenFrame

  public init(problem: Problem, frame: ScreenFrame = .phone) {
    self.problem = problem
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "お手続きを続けられません", en: "Cannot continue") }
  public var address: String { signUpAddress("error") }

  public var guide: GuideNote? {
    GuideNote(
      step: "4",
      text: Localized(
        ja: "URLは一度だけ・24時間だけ使えます。もう一度申し込むと新しいURLがメールで届きます。",
        en: "A link works once and for 24 hours. Ask again and a new link is mailed."),
      target: "problem.again")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let message: Localized
    switch problem {
    case .linkNotUsable:
      message = Localized(
        ja: "このURLは有効期限が切れたか、すでに使われたか、新しいURLの発行で無効になりました。お手数ですが、もう一度お申し込みください。",
        en:
          "This link has expired, was already used, or was replaced by a newer one. Please ask for a new link.")
    case .expired:
      message = Localized(
        ja: RegistrationWording.expired.ja, en: RegistrationWording.expired.en)
    }
    return Page([
      .text(title(l), style: .title),
      .text(message(l), style: .error),
      .button(id: "problem.again", label: Localized(ja: "もう一度申し込む", en: "Ask again")(l)),
      .button(id: "problem.top", label: Localized(ja: "トップへ戻る", en: "Back to the top")(l), kind: .secondary),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated("problem.again"):
      _ = try? env.registrations.begin(device: env.deviceName, onPC: frame == .browser, now: env.now)
      return .replace(TermsScreen(env: env, frame: frame))
    case .activated("problem.top"):
      return .reset(frame == .browser ? PCTopScreen() : AppTopScreen())
    default:
      return .stay
    }
  }
}
