/// Every rule that the public guide does not state, in one place (SPEC: "assumption").
/// Change a rule here and the domain, the screens and the messages follow.
public enum Assumptions {
  // Input rules (SPEC §2).
  public static let emailMaxLength = 100  // from the guide, not an assumption; kept beside the others
  public static let contractNameMaxLength = 30
  public static let furiganaMaxLength = 60
  public static let addressMaxLength = 60
  public static let customerNumberLength = 12
  public static let phoneDigits = 10...11
  public static let accountNumberDigits = 7
  public static let cardDigits = 4
  public static let passwordLength = 8...64
  public static let keywordLength = 1...20
  public static let keywordCount = 3
  public static let nicknameLength = 1...10
  public static let earliestBirthYear = 1900

  // Identity and tokens (SPEC §3, §4).
  /// 利用者ID: a letter first, then letters and digits without look-alikes (no I, O, 0, 1).
  public static let userIDLength = 8
  public static let userIDLetters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
  public static let userIDDigits = Array("23456789")
  public static let tokenBytes = 32

  // Time rules, in seconds of simulated time.
  public static let registrationLinkLifetime: Double = 24 * 3600
  public static let passwordResetLinkLifetime: Double = 24 * 3600
  public static let postcardDelay: Double = 7 * 24 * 3600
  public static let immediateInitialPasswordLifetime: Double = 7 * 24 * 3600
  public static let postcardInitialPasswordLifetime: Double = 30 * 24 * 3600
  public static let lockoutThreshold = 5
  public static let lockoutDuration: Double = 30 * 60
  public static let paymentCheckAttempts = 5
  /// Wrong secret keywords in a row before the same lock as for passwords.
  public static let keywordLockoutThreshold = 5
  /// How long a login in progress (steps 11–14) may take before it must start again.
  public static let loginSessionLifetime: Double = 60 * 60
  /// How long a member who reached home on a known device stays logged in there, across restarts, unless they
  /// press ログアウト (an assumption: the guide says the app keeps you logged in, not for how long).
  public static let memberSessionLifetime: Double = 30 * 24 * 60 * 60
  /// The initial password is used up when step 12 sets the new password, not by the login that accepts it:
  /// a member interrupted before step 12 logs in with it again (until it expires). A login with it leads
  /// only to step 12, so "works once" holds for everything beyond the new password.
  /// How long a sign-up in progress is kept before it must start again.
  public static let registrationFlowLifetime: Double = 24 * 3600

  // Password storage (SPEC §4): OWASP Password Storage Cheat Sheet strength.
  public static let pbkdf2Iterations = 600_000
  public static let saltBytes = 16
}
