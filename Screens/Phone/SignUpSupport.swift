import Foundation
import HokuLinkCore
import HokuLinkUI

extension AppEnvironment {
  /// Runs one step of this device's sign-up; the flow as stored afterwards, passed or refused, becomes the draft
  /// (normalised entries, a course the flow changed), its secrets kept.
  @discardableResult
  func signUpStep(_ step: (Registrations) throws -> RegistrationFlow) throws -> RegistrationFlow {
    do {
      let flow = try step(registrations)
      adopt(flow)
      return flow
    } catch {
      adopt(try? registrations.flow(device: deviceName))
      throw error
    }
  }

  /// Starts (or starts again) a sign-up at step 3, keeping the e-mail typed last time.
  func beginSignUp(frame: ScreenFrame) {
    guideProgress = .signingUp
    adopt(try? registrations.begin(device: deviceName, onPC: frame == .browser, now: now))
  }

  /// A sign-up on this device that went past its link and has not ended or expired: the app top offers it.
  public var openSignUp: RegistrationFlow? {
    guard let flow = try? registrations.flowInProgress(device: deviceName, now: now), flow.step >= .customerInfo
    else { return nil }
    return flow
  }

  /// The courses step 5-2 offers this device's sign-up, and why いますぐ is missing when it is.
  var signUpCourses: (courses: [Account.Course], why: Reason?) {
    guard let flow = try? registrations.flow(device: deviceName), let offer = try? registrations.courses(for: flow)
    else { return ([.immediate, .postcard], nil) }
    return offer
  }

  /// The screen a sign-up in progress on this device is at, for a restart and after a link.
  func signUpScreen(for flow: RegistrationFlow) -> any Screen {
    signUpScreens(for: flow).last ?? AppTopScreen()
  }

  /// The screens of a sign-up up to the one it is at, so that Esc goes back through them (SPEC §6).
  func signUpScreens(for flow: RegistrationFlow) -> [any Screen] {
    let frame: ScreenFrame = flow.onPC ? .browser : .phone
    switch flow.step {
    case .terms: return [TermsScreen(frame: frame)]
    case .mailSent: return [MailSentScreen(email: flow.entries.email, frame: frame)]
    case .done:
      return [
        SignUpDoneScreen(
          course: flow.entries.course ?? .postcard, customerNumber: flow.customerNumber ?? "", frame: frame)
      ]
    case .customerInfo, .course, .courseDetails, .questions, .confirm:
      let steps: [(RegistrationFlow.Step, any Screen)] = [
        (.customerInfo, CustomerInfoScreen(frame: frame)), (.course, CourseScreen(frame: frame)),
        (.courseDetails, CourseDetailsScreen(env: self, frame: frame)), (.questions, QuestionsScreen(frame: frame)),
        (.confirm, ConfirmScreen(frame: frame)),
      ]
      return steps.filter { $0.0 <= flow.step }.map(\.1)
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

  static let askAgain: ControlID = "problem.again"
  static let backToTop: ControlID = "problem.top"

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
      target: Self.askAgain)
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
      .button(id: Self.askAgain, label: Localized(ja: "もう一度申し込む", en: "Ask again")(l)),
      .button(id: Self.backToTop, label: Localized(ja: "トップへ戻る", en: "Back to the top")(l), kind: .secondary),
      .text(env.supportLine, style: .small),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .activated(Self.askAgain):
      env.beginSignUp(frame: frame)
      return .replace(TermsScreen(frame: frame))
    case .activated(Self.backToTop):
      return .reset(frame == .browser ? PCTopScreen() : AppTopScreen())
    default:
      return .stay
    }
  }
}
