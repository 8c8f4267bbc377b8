// HokuLinkCore: the domain, with no UI. Data flows in as a flow's inputs (typed entries, a link, a submit) with
// `now:`; each service re-reads its record in a store transaction, checks the step with the Rules types and
// writes the next state. A sign-up's entries are the app's draft (`RegistrationDraft`), written through to its
// `RegistrationFlow` record when a field is left or the screen changes; its secrets are never written. Persisted records (flows,
// accounts, `DeviceRecord` with its `MemberSession`) all live here.

/// The product's fixed facts.
public enum HokuLink {
  public static let version = "0.1.0"
  /// The support line shown in help and on every dead end.
  public static let supportLineJA =
    "「ほくリンク」に関する各種ご相談・お問い合わせ 0120-896950 月~金曜日/9時~18時受付(祝日・年末年始除く)"
  public static let supportLineEN =
    "Questions about HokuLink (ほくリンク): 0120-896950, Mon–Fri 9:00–18:00 (not on holidays or at the New Year)"
}
