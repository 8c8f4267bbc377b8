import Foundation
import HokuLinkCore
import HokuLinkUI

/// Everything a screen may use: the store and its services, the person's settings, and this device.
public final class AppEnvironment {
  public let store: Store
  public let clock: SimulatedClock
  public let mailbox: Mailbox
  public let postcards: PostcardOutbox
  public let language: Language
  public let deviceName: String
  public let guide: Bool
  public let colors: Bool
  public let pc: Bool
  private var device: DeviceRecord
  /// The sign-up being typed on this device: the one copy of its entries, which every screen reads and writes
  /// (`editDraft`). Entries are written through to the flow record when a field is left, a choice made or the screen
  /// changes (`keepDraft`); secrets stay here.
  public private(set) var draft: RegistrationDraft
  private var keptEntries: RegistrationFlow.Entries

  public init(
    store: Store, language: Language = .ja, device: String = "default", guide: Bool = true, colors: Bool = true,
    pc: Bool = false, realNow: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    self.store = store
    self.clock = SimulatedClock(store: store, realNow: realNow)
    self.mailbox = Mailbox(store: store)
    self.postcards = PostcardOutbox(store: store)
    self.language = language
    self.deviceName = device
    self.guide = guide
    self.colors = colors
    self.pc = pc
    self.device =
      try store.read(DeviceRecord.self, id: DeviceRecord.recordID(for: device)) ?? DeviceRecord(name: device)
    self.draft = RegistrationDraft().adopting(
      try store.read(RegistrationFlow.self, id: RegistrationFlow.recordID(device: device)))
    self.keptEntries = draft.entries
  }

  /// Changes the draft in memory; `keepDraft` writes it through.
  public func editDraft(_ change: (inout RegistrationDraft) -> Void) {
    change(&draft)
  }

  /// Writes the draft's entries through to the flow record (never its secrets), when they changed since the last
  /// write. The app calls it when focus leaves a field, after a choice or a tick, on every change of screen and on
  /// the way out, not at every key: a keystroke costs no fsync, and a kill loses at most the field being typed.
  public func keepDraft() {
    guard let flowID = draft.flowID, draft.entries != keptEntries else { return }
    do {
      try registrations.keepEntries(device: deviceName, flowID: flowID, draft.entries, now: now)
      keptEntries = draft.entries
    } catch {
      // Kept in memory; the store error shows on the next store action.
    }
  }

  /// Takes the flow as stored (after a step or a refusal) as the draft: normalised entries, a course the flow
  /// changed; the secrets stay while it is the same flow.
  public func adopt(_ flow: RegistrationFlow?) {
    draft = draft.adopting(flow)
    keptEntries = draft.entries
  }

  /// The screen `hokulink` opens with: the PC site's top, the app itself once installed, else the store page.
  /// A sign-up in progress on this device (steps 3–7, not expired) reopens where it was, on the PC site when
  /// it began there, on the phone once the app is installed.
  public func startScreen() -> any Screen {
    startScreens().last ?? AppTopScreen()
  }

  /// The screens `hokulink` opens on, bottom first: the top, then a sign-up in progress with its earlier steps
  /// beneath, so that Esc goes back through them after a restart too.
  public func startScreens() -> [any Screen] {
    if let session = device.memberSession, session.isValid(at: now), session.onPC == pc,
      memberOverview(userID: session.userID) != nil
    {
      return [MemberHomeScreen(userID: session.userID, frame: pc ? .browser : .phone)]
    }
    let top: any Screen
    if pc {
      top = PCTopScreen()
    } else if device.appInstalled {
      top = AppTopScreen()
    } else {
      top = AppStoreScreen()
    }
    if let flow = try? registrations.flowInProgress(device: deviceName, now: now), flow.onPC == pc,
      pc || device.appInstalled
    {
      adopt(flow)
      return [top] + signUpScreens(for: flow)
    }
    return [top]
  }

  /// A member reached home here: they stay logged in on this device across restarts (SPEC §6).
  public func rememberLogin(userID: String, onPC: Bool) {
    changeDevice { $0.memberSession = MemberSession(userID: userID, onPC: onPC, since: now) }
  }

  /// ログアウト.
  public func forgetLogin() {
    changeDevice { $0.memberSession = nil }
  }

  /// What home shows of a member: their account and their customer in the registry (nil when either is gone).
  /// Read here, so the home screen's page never reads the store itself.
  public func memberOverview(userID: String) -> (account: Account, customer: Customer)? {
    guard let account = try? store.account(userID: userID),
      let customer = try? store.customerRegistry().customer(number: account.customerNumber)
    else { return nil }
    return (account, customer)
  }

  public var appInstalled: Bool { device.appInstalled }

  public func installApp() {
    changeDevice { $0.appInstalled = true }
  }

  /// The addresses this device's mail app shows, newest first.
  public var mailAddresses: [String] { device.mailAddresses }

  public func rememberMailAddress(_ address: String) {
    _ = try? mailbox.claim(address, device: deviceName)
    changeDevice { device in
      device.mailAddresses.removeAll { $0 == address }
      device.mailAddresses.insert(address, at: 0)
    }
  }

  /// Whether this device's mail app may read `address`: the phone that first used an address owns its mailbox
  /// (SPEC §9); mail from before mailboxes had owners stays readable.
  public func ownsMailbox(_ address: String) -> Bool {
    do {
      guard let owner = try mailbox.owner(of: address) else { return true }
      return owner == deviceName
    } catch {
      return false
    }
  }

  public var letterboxCustomers: [String] { device.letterboxCustomers }

  /// This device's token for device recognition, made on first use and kept in the device record.
  public var deviceToken: String {
    if let token = device.deviceToken { return token }
    let fresh = Token.generate()
    changeDevice { if $0.deviceToken == nil { $0.deviceToken = fresh } }
    return device.deviceToken ?? fresh
  }

  public var appTermsAccepted: Bool { device.appTermsAccepted ?? false }

  public func acceptAppTerms() {
    changeDevice { $0.appTermsAccepted = true }
  }

  public func rememberLetterbox(_ customerNumber: String) {
    changeDevice { device in
      if !device.letterboxCustomers.contains(customerNumber) { device.letterboxCustomers.append(customerNumber) }
    }
  }

  private func changeDevice(_ change: (inout DeviceRecord) -> Void) {
    let id = device.recordID
    let name = deviceName
    do {
      device = try store.update { transaction in
        var record = try transaction.get(DeviceRecord.self, id: id) ?? DeviceRecord(name: name)
        change(&record)
        try transaction.put(record)
        return record
      }
    } catch {
      change(&device)  // keep going on screen; the store error shows on the next store action
    }
  }

  /// The simulated time now; falls back to real time if the settings cannot be read.
  public var now: Date { (try? clock.now()) ?? Date() }

  /// The status bar's clock, in Japan's time zone.
  public var statusTime: String { DateText.clock(now) }

  public var supportLine: String {
    language == .ja ? HokuLink.supportLineJA : HokuLink.supportLineEN
  }

  /// Follows a `hokulink://` link from a mail (the mail viewer, and `hokulink open URL`).
  public func open(link: String) -> Navigation {
    if RegistrationLink.token(in: link) != nil {
      // The link is used up here (single use); a used, voided or expired one gets the same clear screen. The
      // same link again on this device goes back into its flow, with the steps before it beneath (Esc).
      if let flow = try? registrations.openLink(link, device: deviceName, onPC: pc, now: now) {
        adopt(flow)
        return .pushAll(signUpScreens(for: flow))
      }
      return .push(SignUpProblemScreen(problem: .linkNotUsable, frame: pc ? .browser : .phone))
    }
    if let reset = openPasswordResetLink(link) { return reset }
    return .push(ComingNextScreen(what: Localized(ja: "リンク先", en: "Link")))
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
