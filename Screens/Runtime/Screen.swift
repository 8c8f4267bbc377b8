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
  /// Pushes several screens at once: a flow reopened at a later step, with the steps before it beneath (Esc).
  case pushAll([any Screen])
  /// Pops back to the nearest screen of this type below (修正する back to 5-1), else replaces with `otherwise`.
  case unwind(to: ObjectIdentifier, otherwise: any Screen)
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
  /// The text fields that edit the sign-up draft, by control: the app writes an edit straight into
  /// `env.device.drafts` at that key path, so the screen keeps no copy of what is typed.
  var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] { get }
  /// The checkboxes that edit the draft, the same way.
  var toggleBindings: [ControlID: WritableKeyPath<DeviceDrafts, Bool>] { get }
  /// Checks one control again, as huh does: when focus leaves it, and after each change while it shows an
  /// error (so the error goes as soon as it is put right). Returns whether what the screen shows changed.
  mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool
  /// Where typing goes after a refusal that marks no field (a wrong password, a wrong keyword): the emptied
  /// field. A refusal that marks fields sends focus to the first of them instead.
  var refusedFocus: ControlID? { get }
}

extension Screen {
  public var stage: SignUpStage? { nil }
  public var guide: GuideNote? { nil }
  public var frame: ScreenFrame { .phone }
  public var address: String { "https://www.rikuden.example/hokulink/" }
  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] { [:] }
  public var toggleBindings: [ControlID: WritableKeyPath<DeviceDrafts, Bool>] { [:] }
  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool { false }
  public var refusedFocus: ControlID? { nil }
}
