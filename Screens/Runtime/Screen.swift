import HokuLinkCore
import HokuLinkUI

/// The stage of sign-up a screen belongs to, for the STEP header (SPEC §1 "Around the flows").
public typealias SignUpStage = StepProgress.Stage

/// What the guide panel says beside the phone: the guide's step number, what to do, and the control
/// to press (drawn in a red frame).
public struct GuideNote: Sendable {
  public var step: String
  public var text: Localized
  public var target: ControlID?

  public init(step: String, text: Localized, target: ControlID? = nil) {
    self.step = step
    self.text = text
    self.target = target
  }
}

/// Where a screen is drawn.
public enum ScreenFrame: Sendable {
  case phone
  case browser
}

/// What a screen asks the app to do after an event.
public enum Navigation: Sendable {
  case stay
  case push(any Screen)
  case replace(any Screen)
  /// Replaces the whole stack (for example after sign-up, back to the app top).
  case reset(any Screen)
  case pop
  case quit
}

/// One screen: a pure description of what it shows, and how it answers the events of its controls.
public protocol Screen: Sendable {
  /// The app header's title.
  var title: Localized { get }
  var stage: SignUpStage? { get }
  var guide: GuideNote? { get }
  var frame: ScreenFrame { get }
  /// The URL shown in the browser frame.
  var address: String { get }
  func page(_ env: AppEnvironment) -> Page
  mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation
  /// Called when the app ends (Ctrl-C, SIGTERM, a dropped SSH connection): keep what was typed so the
  /// person can continue where they left off. Secrets are never saved.
  func saveDraft(_ env: AppEnvironment)
}

extension Screen {
  public var stage: SignUpStage? { nil }
  public var guide: GuideNote? { nil }
  public var frame: ScreenFrame { .phone }
  public var address: String { "https://www.rikuden.example/hokulink/" }
  public func saveDraft(_ env: AppEnvironment) {}
}
