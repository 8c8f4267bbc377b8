import Foundation
import HokuLinkCore
import HokuLinkUI

/// Everything a screen may use: this device's services and what is typed on it, the person's settings.
///
/// Screens never read the store. `device` (HokuLinkCore's `Device`) owns the store and hands out the services
/// (`registrations`, `logins`, `recoveries`, `mailbox`, `postcards`), the chance a login needs, and the drafts
/// the screens bind to; this type adds only what is the app's own: the language, the guide, colours, and which
/// screens a start or a link opens.
public final class AppEnvironment {
  public let device: Device
  public let language: Language
  public let guide: Bool
  public let colors: Bool

  public init(device: Device, language: Language = .ja, guide: Bool = true, colors: Bool = true) {
    self.device = device
    self.language = language
    self.guide = guide
    self.colors = colors
    // Read once: a sign-up begun here makes it walkthrough A on the phone, B on the PC (SPEC §1).
    if let flow = try? device.registrations.flow(device: device.name), flow.onPC == device.onPC {
      guideProgress = flow.step == .done ? .signedUp : .signingUp
    }
  }

  /// How far this device has come in the guide, in memory (the screens move it on), read from the store at start.
  public enum GuideProgress: Sendable {
    case unknown, signingUp, signedUp, member
  }
  public var guideProgress = GuideProgress.unknown

  /// The walkthrough in progress, once known: B on the PC site; A once a sign-up began on this phone; C once
  /// 「会員ログイン」 was pressed without one.
  public var walkthrough: Walkthrough? {
    if pc { return .b }
    switch guideProgress {
    case .unknown: return nil
    case .signingUp, .signedUp: return .a
    case .member: return .c
    }
  }

  public var deviceName: String { device.name }
  public var pc: Bool { device.onPC }
  public var clock: SimulatedClock { device.clock }
  public var mailbox: Mailbox { device.mailbox }
  public var postcards: PostcardOutbox { device.postcards }
  public var registrations: Registrations { device.registrations }
  public var logins: Logins { device.logins }
  public var recoveries: Recoveries { device.recoveries }

  /// The sign-up being typed on this device: the one copy of its entries, which every screen reads and binds to.
  public var draft: RegistrationDraft { device.drafts.signUp }
  /// The login, steps 12–14 and the recovery forms as typed, in memory only.
  public var memberDraft: MemberDraft { device.drafts.member }

  /// Changes the sign-up draft in memory; `keepDraft` writes it through.
  public func editDraft(_ change: (inout RegistrationDraft) -> Void) {
    device.editDrafts { change(&$0.signUp) }
  }

  /// Changes the member side of what is typed (never written anywhere).
  public func editMemberDraft(_ change: (inout MemberDraft) -> Void) {
    device.editDrafts { change(&$0.member) }
  }

  /// Writes a field's edit at its binding's key path.
  public func editDrafts(_ change: (inout DeviceDrafts) -> Void) {
    device.editDrafts(change)
  }

  public func keepDraft() { device.keepDraft() }

  public func adopt(_ flow: RegistrationFlow?) { device.adopt(flow) }

  /// The screen `hokulink` opens with: the PC site's top, the app itself once installed, else the App Store page.
  /// A sign-up in progress on this device (steps 3–7, not expired) reopens where it was, on the PC site when
  /// it began there, on the phone once the app is installed.
  public func startScreen() -> any Screen {
    startScreens().last ?? AppTopScreen()
  }

  /// The screens `hokulink` opens on, bottom first: the top, then a sign-up in progress with its earlier steps
  /// beneath, so that Esc goes back through them after a restart too.
  public func startScreens() -> [any Screen] {
    if let userID = device.memberAtHome {
      return [MemberHomeScreen(userID: userID, frame: pc ? .browser : .phone)]
    }
    let top: any Screen
    if pc {
      top = PCTopScreen()
    } else if device.appInstalled {
      top = AppTopScreen()
    } else {
      top = AppStoreScreen()
    }
    if let flow = device.signUpToReopen() {
      return [top] + signUpScreens(for: flow)
    }
    return [top]
  }

  /// A member reached home here: they stay logged in on this device across restarts (SPEC §6).
  public func rememberLogin(userID: String) {
    device.rememberLogin(userID: userID)
  }

  /// ログアウト.
  public func forgetLogin() {
    device.forgetLogin()
  }

  /// What home shows of a member: their account and their customer in the registry (nil when either is gone).
  public func memberOverview(userID: String) -> (account: Account, customer: Customer)? {
    device.memberOverview(userID: userID)
  }

  public var appInstalled: Bool { device.appInstalled }
  public func installApp() { device.installApp() }
  public var mailAddresses: [String] { device.mailAddresses }
  public func rememberMailAddress(_ address: String) { device.rememberMailAddress(address) }
  public func ownsMailbox(_ address: String) -> Bool { device.ownsMailbox(address) }
  public var letterboxCustomers: [String] { device.letterboxCustomers }
  public func rememberLetterbox(_ customerNumber: String) { device.rememberLetterbox(customerNumber) }
  public var deviceToken: String { device.deviceToken }
  public var appTermsAccepted: Bool { device.appTermsAccepted }
  public func acceptAppTerms() { device.acceptAppTerms() }

  /// The simulated time now; falls back to real time if the settings cannot be read.
  public var now: Date { device.now }

  /// The status bar's clock, in Japan's time zone, with the day: `clock advance 7d` keeps the hour.
  public var statusTime: String {
    let time = JapanTime(now)
    return "\(time.month)/\(time.day) \(time.clock)"
  }

  public var supportLine: String {
    language == .ja ? HokuLink.supportLineJA : HokuLink.supportLineEN
  }

  /// The language the mails and postcards this screen causes are written in: the screen's own.
  public var mailLanguage: MailLanguage { language == .ja ? .ja : .en }

  /// Follows a `hokulink://` link from a mail (the mail viewer, and `hokulink open URL`).
  public func open(link: String) -> Navigation {
    let frame: ScreenFrame = pc ? .browser : .phone
    switch device.open(link: link) {
    case .signUp(let flow):
      guideProgress = .signingUp
      // The steps before it go beneath, so that Esc goes back through them.
      return .pushAll(signUpScreens(for: flow))
    case .signUpLinkNotUsable:
      return .push(SignUpProblemScreen(problem: .linkNotUsable, frame: frame))
    case .passwordReset(let token):
      return .push(PasswordResetScreen(token: token, frame: frame))
    case .resetLinkInvalid:
      return .push(ResetLinkInvalid.screen(frame: frame))
    case .elsewhere:
      return .push(ComingNextScreen(what: Localized(ja: "リンク先", en: "Link")))
    }
  }

  /// `clock advance 7d` from a script.
  public func advanceClock(_ text: String) throws {
    guard let seconds = SimulatedClock.parseDuration(text) else {
      throw ClockArgumentError(text: text)
    }
    _ = try clock.advance(by: seconds)
  }
}

public struct ClockArgumentError: Error, CustomStringConvertible {
  public let text: String
  public var description: String { "\(text) is not a duration; write it like 7d, 12h or 30m." }
}
