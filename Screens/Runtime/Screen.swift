import HokuLinkCore
import HokuLinkUI

/// The stage of sign-up a screen belongs to, for the STEP header (SPEC §1 "Around the flows").
public typealias SignUpStage = StepProgress.Stage

/// What the guide panel says beside the phone: the guide's step number, what to do, and the control
/// to press (drawn in a red frame).
public struct GuideNote: Sendable {
  /// This screen's step in each walkthrough it belongs to, numbered as the guide does ("5-1", "11").
  public var steps: [Walkthrough: String]
  public var text: Localized
  public var target: ControlID?
  /// Nothing is left to press: the walkthrough ends on this screen.
  public var done: Bool

  public init(steps: [Walkthrough: String], text: Localized, target: ControlID? = nil, done: Bool = false) {
    self.steps = steps
    self.text = text
    self.target = target
    self.done = done
  }

  /// A sign-up screen: the same step in A (phone) and B (PC), as the guide numbers steps 2–8 alike.
  public init(step: String, text: Localized, target: ControlID? = nil) {
    self.init(steps: [.a: step, .b: step], text: text, target: target)
  }

  /// The walkthroughs this note numbers, with their steps: only `known` when it is one of them, else every one
  /// this device can be in (B on a PC; A and C on a phone, whose shared screens come first, numbered as both).
  public func numbers(in known: Walkthrough?, onPC: Bool) -> [(walkthrough: Walkthrough, step: String)] {
    if let known, let step = steps[known] { return [(known, step)] }
    let possible: [Walkthrough] = onPC ? [.b] : [.a, .c]
    let found = possible.compactMap { w in steps[w].map { (w, $0) } }
    return found.isEmpty ? Walkthrough.allCases.compactMap { w in steps[w].map { (w, $0) } } : found
  }
}

/// The guide's three walkthroughs (SPEC §1).
public enum Walkthrough: String, CaseIterable, Sendable, Hashable {
  case a = "A"
  case b = "B"
  case c = "C"

  public var name: Localized {
    switch self {
    case .a: Localized(ja: "スマホから新規会員登録", en: "Sign up on a phone")
    case .b: Localized(ja: "パソコンから新規会員登録", en: "Sign up on a PC")
    case .c: Localized(ja: "ほくリンク会員の方", en: "Members: the app on a phone")
    }
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
  /// The guide note where it depends on how far this device has come (the app top: step 2 or step 9).
  func guide(_ env: AppEnvironment) -> GuideNote?
  var frame: ScreenFrame { get }
  /// Where this screen is drawn on this device: a screen the phone and the PC share (mail, the letterbox) is
  /// drawn in the device's own frame. By default, `frame`.
  func frame(_ env: AppEnvironment) -> ScreenFrame
  /// The URL shown in the browser frame.
  var address: String { get }
  /// The site header in the browser frame, for a page that is not the ほくリンク site (the webmail); nil for
  /// the site's own.
  func siteTitle(_ env: AppEnvironment) -> Localized?
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
  public func guide(_ env: AppEnvironment) -> GuideNote? { guide }
  public var frame: ScreenFrame { .phone }
  public func frame(_ env: AppEnvironment) -> ScreenFrame { frame }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { nil }
  public var address: String { "https://www.rikuden.example/hokulink/" }
  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] { [:] }
  public var toggleBindings: [ControlID: WritableKeyPath<DeviceDrafts, Bool>] { [:] }
  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool { false }
  public var refusedFocus: ControlID? { nil }
}
