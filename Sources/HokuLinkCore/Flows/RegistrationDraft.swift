/// Everything typed into one sign-up, as the app holds it while it runs: the one copy every screen binds to.
/// `entries` are written through to the flow record (`Registrations.keepEntries`), so they survive a restart;
/// `secrets` (口座番号 or カード下4桁, the initial password twice) live only in this value, for the life of the
/// process, and are never written anywhere.
public struct RegistrationDraft: Sendable, Equatable {
  /// The secrets of step 5-3, kept so that Esc, an error or 修正する never empties them.
  public struct Secrets: Sendable, Equatable {
    public var paymentNumber = ""
    public var initialPassword = ""
    public var initialPasswordConfirmation = ""

    public init() {}
  }

  /// The flow these entries belong to (nil before any sign-up began on this device).
  public var flowID: String?
  public var entries: RegistrationFlow.Entries
  public var secrets: Secrets

  public init(flowID: String? = nil, entries: RegistrationFlow.Entries = .init(), secrets: Secrets = .init()) {
    self.flowID = flowID
    self.entries = entries
    self.secrets = secrets
  }

  /// The draft of a flow read from the store: its entries, and the secrets kept only while it is the same flow.
  public func adopting(_ flow: RegistrationFlow?) -> RegistrationDraft {
    guard let flow else { return RegistrationDraft() }
    return RegistrationDraft(flowID: flow.id, entries: flow.entries, secrets: flow.id == flowID ? secrets : .init())
  }
}
