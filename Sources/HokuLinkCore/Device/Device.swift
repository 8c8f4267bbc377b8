import Foundation

/// One phone (or PC browser) running the app: the only place where the app side meets the store.
///
/// Data flows one way through it. The screens (module Screens) never read or write the store: they get the
/// services from here (`registrations`, `logins`, `recoveries`, `mailbox`, `postcards`), the chance a login
/// needs (`pickChallenge`, which keyword the check asks, passed in so that tests fix it), and what is typed
/// (`drafts`), which they change by key path. This type keeps the device record (app installed, terms
/// accepted, mail addresses, the member session), writes the sign-up's entries through to its flow record
/// when the app says a field was left (`keepDraft`), and answers what a link or a start opens as domain values.
/// Secrets in `drafts` never leave memory.
public final class Device {
  public let store: Store
  public let name: String
  /// The PC site rather than the phone app.
  public let onPC: Bool
  public let clock: SimulatedClock
  public let mailbox: Mailbox
  public let postcards: PostcardOutbox
  public let registrations: Registrations
  public let logins: Logins
  public let recoveries: Recoveries
  private var record: DeviceRecord
  /// What is typed on this device, the one copy every screen binds to. The sign-up's entries are written
  /// through to its flow record (`keepDraft`); its secrets and the whole member side stay in memory.
  public private(set) var drafts: DeviceDrafts
  private var keptEntries: RegistrationFlow.Entries

  public init(
    store: Store, name: String = "default", onPC: Bool = false,
    realNow: @escaping @Sendable () -> Date = { Date() },
    pickChallenge: @escaping @Sendable () -> Int = { Int.random(in: 0..<Assumptions.keywordCount) }
  ) throws {
    self.store = store
    self.name = name
    self.onPC = onPC
    self.clock = SimulatedClock(store: store, realNow: realNow)
    self.mailbox = Mailbox(store: store)
    self.postcards = PostcardOutbox(store: store)
    self.registrations = Registrations(store: store)
    self.logins = Logins(store: store, pickChallenge: pickChallenge)
    self.recoveries = Recoveries(store: store)
    self.record = try store.read(DeviceRecord.self, id: DeviceRecord.recordID(for: name)) ?? DeviceRecord(name: name)
    let signUp = RegistrationDraft().adopting(
      try store.read(RegistrationFlow.self, id: RegistrationFlow.recordID(device: name)))
    self.drafts = DeviceDrafts(signUp: signUp)
    self.keptEntries = signUp.entries
  }

  /// The simulated time now; falls back to real time if the settings cannot be read.
  public var now: Date { (try? clock.now()) ?? Date() }

  /// A damaged data file met on the way (SPEC §5): the app stops and says so in one sentence.
  public var failure: StoreError? { store.damagedFile }

  // MARK: What is typed

  /// Changes what is typed, in memory only; `keepDraft` writes the sign-up's entries through.
  public func editDrafts(_ change: (inout DeviceDrafts) -> Void) {
    change(&drafts)
  }

  /// Writes the sign-up's entries through to its flow record (never its secrets), when they changed since the
  /// last write. Called when focus leaves a field, after a choice or a tick, on every change of screen and on
  /// the way out, not at every key: a keystroke costs no fsync, and a kill loses at most the field being typed.
  public func keepDraft() {
    guard let flowID = drafts.signUp.flowID, drafts.signUp.entries != keptEntries else { return }
    do {
      try registrations.keepEntries(device: name, flowID: flowID, drafts.signUp.entries, now: now)
      keptEntries = drafts.signUp.entries
    } catch {
      // Kept in memory; the store error shows on the next store action.
    }
  }

  /// Takes the flow as stored (after a step or a refusal) as the sign-up draft: normalised entries, a course the
  /// flow changed; the secrets stay while it is the same flow.
  public func adopt(_ flow: RegistrationFlow?) {
    drafts.signUp = drafts.signUp.adopting(flow)
    keptEntries = drafts.signUp.entries
  }

  // MARK: Where the app opens

  /// The member logged in here who is still within the session lifetime, on this side (app or PC), with an
  /// account still there: the app opens on their home.
  public var memberAtHome: String? {
    guard let session = record.memberSession, session.isValid(at: now), session.onPC == onPC,
      memberOverview(userID: session.userID) != nil
    else { return nil }
    return session.userID
  }

  /// A sign-up in progress on this device (steps 3–7, not expired) that reopens on a start: on the PC site when
  /// it began there, on the phone once the app is installed. It becomes the draft.
  public func signUpToReopen() -> RegistrationFlow? {
    guard let flow = try? registrations.flowInProgress(device: name, now: now), flow.onPC == onPC,
      onPC || record.appInstalled
    else { return nil }
    adopt(flow)
    return flow
  }

  /// Where a `hokulink://` link from a mail leads.
  public enum LinkDestination: Sendable {
    /// The sign-up it belongs to, now at its step (it became the draft).
    case signUp(RegistrationFlow)
    /// A used, voided or expired registration link: one clear answer for all.
    case signUpLinkNotUsable
    case passwordReset(token: String)
    /// A used, expired, voided or unknown reset link: one answer for all.
    case resetLinkInvalid
    case elsewhere
  }

  /// Follows a link: a registration link is used up here (single use), and the same link again on this device
  /// goes back into its flow, so going back never uses it up; on another device it is refused as used.
  public func open(link: String) -> LinkDestination {
    if RegistrationLink.token(in: link) != nil {
      guard let flow = try? registrations.openLink(link, device: name, onPC: onPC, now: now) else {
        return .signUpLinkNotUsable
      }
      adopt(flow)
      return .signUp(flow)
    }
    if let token = Recoveries.resetToken(fromLink: link) {
      let valid = (try? recoveries.linkState(token: token, now: now)) == .valid
      return valid ? .passwordReset(token: token) : .resetLinkInvalid
    }
    return .elsewhere
  }

  // MARK: The member

  /// A member reached home here: they stay logged in on this device across restarts (SPEC §6).
  public func rememberLogin(userID: String) {
    changeRecord { $0.memberSession = MemberSession(userID: userID, onPC: onPC, since: now) }
  }

  /// ログアウト: the session ends, and so does everything typed on the member side.
  public func forgetLogin() {
    changeRecord { $0.memberSession = nil }
    drafts.member = MemberDraft()
  }

  /// What home shows of a member: their account and their customer in the registry (nil when either is gone).
  public func memberOverview(userID: String) -> (account: Account, customer: Customer)? {
    guard let account = try? store.account(userID: userID),
      let customer = try? store.customerRegistry().customer(number: account.customerNumber)
    else { return nil }
    return (account, customer)
  }

  // MARK: The device record

  public var appInstalled: Bool { record.appInstalled }

  public func installApp() {
    changeRecord { $0.appInstalled = true }
  }

  public var appTermsAccepted: Bool { record.appTermsAccepted ?? false }

  public func acceptAppTerms() {
    changeRecord { $0.appTermsAccepted = true }
  }

  /// The addresses this device's mail app shows, newest first.
  public var mailAddresses: [String] { record.mailAddresses }

  /// An address used here: its mailbox becomes this device's when nobody owns it yet (SPEC §9).
  public func rememberMailAddress(_ address: String) {
    _ = try? mailbox.claim(address, device: name)
    changeRecord { record in
      record.mailAddresses.removeAll { $0 == address }
      record.mailAddresses.insert(address, at: 0)
    }
  }

  /// Whether this device's mail app may read `address`: the phone that first used an address owns its mailbox
  /// (SPEC §9); mail from before mailboxes had owners stays readable.
  public func ownsMailbox(_ address: String) -> Bool {
    do {
      guard let owner = try mailbox.owner(of: address) else { return true }
      return owner == name
    } catch {
      return false
    }
  }

  public var letterboxCustomers: [String] { record.letterboxCustomers }

  public func rememberLetterbox(_ customerNumber: String) {
    changeRecord { record in
      if !record.letterboxCustomers.contains(customerNumber) { record.letterboxCustomers.append(customerNumber) }
    }
  }

  /// This device's token for device recognition, made on first use and kept in the device record.
  public var deviceToken: String {
    if let token = record.deviceToken { return token }
    let fresh = Token.generate()
    changeRecord { if $0.deviceToken == nil { $0.deviceToken = fresh } }
    return record.deviceToken ?? fresh
  }

  private func changeRecord(_ change: (inout DeviceRecord) -> Void) {
    let id = record.recordID
    let name = self.name
    do {
      record = try store.update { transaction in
        var stored = try transaction.get(DeviceRecord.self, id: id) ?? DeviceRecord(name: name)
        change(&stored)
        try transaction.put(stored)
        return stored
      }
    } catch {
      change(&record)  // keep going on screen; the store error shows on the next store action
    }
  }
}
