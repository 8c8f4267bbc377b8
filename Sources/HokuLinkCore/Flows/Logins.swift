import Foundation

// How a login's data flows: the `LoginFlow` record lives in memory only (the screens hold it). 「ログイン」, the
// keyword check and the required actions after the password (the notice, step 12, step 13, step 14) are inputs of
// the pure `LoginFlow.transition`: `Logins` reads and hashes outside the lock, then ONE `Store.update` re-reads the
// account and the attempt count, runs the transition with the KDF's verdict and writes what it returns; the screen's
// `LoginFlow` is replaced by the transition's state. The lockout holds under parallel guesses because the count is
// re-read under the lock: once it reached the limit every later verdict, right or wrong, gets the locked answer, and
// a verdict made against hashes that changed meanwhile is thrown away and made again.

/// Where a login happens: the app asks for the profile (step 14); the web my-page does not (walkthrough B).
public enum LoginChannel: String, Codable, Sendable {
  case app
  case web
}

/// What a logged-in member must do next, in the order the guide gives.
public enum LoginStep: Equatable, Sendable {
  /// 「ご利用端末から初めてのログインです」
  case firstLoginNotice
  /// Step 12: the initial password can only lead here.
  case newPassword
  /// Step 13: the three 秘密のキーワード.
  case keywordSetup
  /// Walkthrough C step 5: one of the three keywords, `index` 0–2 (shown as 1番目–3番目).
  case keywordChallenge(index: Int)
  /// Step 14 (app only).
  case profile
}

/// A login in progress, held in memory by the screens only; it never goes to the store.
public struct LoginFlow: Sendable, Equatable {
  public let userID: String
  public let channel: LoginChannel
  public let startedAt: Date
  /// Whether this device had passed a first login for this member before this login.
  public let deviceWasKnown: Bool
  public fileprivate(set) var noticeSeen: Bool
  /// True after a login with the initial password, until step 12 is done.
  public fileprivate(set) var mustChangePassword: Bool
  /// The initial password's hash, kept only here so step 12 can refuse the same password again.
  fileprivate var initialPasswordHash: PasswordHash?
  /// Which keyword the challenge asks, chosen at login; nil when no challenge is due.
  public let challengeIndex: Int?
  public fileprivate(set) var challengePassed: Bool

  public func isExpired(at now: Date) -> Bool {
    now >= startedAt.addingTimeInterval(Assumptions.loginSessionLifetime)
  }

  /// Every field given: `Logins.logIn` makes one, and a state test writes the whole state it expects.
  init(
    userID: String, channel: LoginChannel, startedAt: Date, deviceWasKnown: Bool, noticeSeen: Bool,
    mustChangePassword: Bool, initialPasswordHash: PasswordHash?, challengeIndex: Int?, challengePassed: Bool
  ) {
    self.userID = userID
    self.channel = channel
    self.startedAt = startedAt
    self.deviceWasKnown = deviceWasKnown
    self.noticeSeen = noticeSeen
    self.mustChangePassword = mustChangePassword
    self.initialPasswordHash = initialPasswordHash
    self.challengeIndex = challengeIndex
    self.challengePassed = challengePassed
  }
}

extension LoginFlow {
  /// What the member did after the password.
  public enum Input: Sendable, Equatable {
    case acknowledgeNotice
    case setNewPassword(password: String, confirmation: String)
    case setKeywords(String, String, String, deviceToken: String)
    case setProfile(nickname: String, birthMonth: String, gender: Gender?, postalCode: String)
    /// 「ログイン」 with a typed 利用者ID; the password itself stays outside, only the KDF's verdict comes in.
    case logIn(typedID: String, deviceToken: String, channel: LoginChannel)
    /// The keyword check on a new device; the verdict comes in the context.
    case answerChallenge(deviceToken: String)
  }

  /// What the KDF said about the typed password before the lock, and against which hashes it said it.
  public struct PasswordCheck: Sendable, Equatable {
    public enum Verdict: Sendable, Equatable {
      /// The count was at the limit when read: only a dummy hash ran.
      case notChecked
      case wrong
      case password
      case initialPassword(PasswordHash)
    }
    public var verdict: Verdict
    public var accountExisted: Bool
    public var passwordHash: PasswordHash?
    public var initialPasswordHash: PasswordHash?

    public init(
      verdict: Verdict, accountExisted: Bool, passwordHash: PasswordHash?, initialPasswordHash: PasswordHash?
    ) {
      self.verdict = verdict
      self.accountExisted = accountExisted
      self.passwordHash = passwordHash
      self.initialPasswordHash = initialPasswordHash
    }
  }

  /// What the KDF said about the typed keyword before the lock, and which stored keyword it was checked against.
  public struct KeywordCheck: Sendable, Equatable {
    /// nil: the keywords were locked when read, only a dummy hash ran.
    public var right: Bool?
    public var against: PasswordHash?

    public init(right: Bool?, against: PasswordHash?) {
      self.right = right
      self.against = against
    }
  }

  /// The member as stored, read in the transaction, and what was hashed before the lock.
  public struct Context: Sendable {
    public var account: Account?
    /// Whether the new password is the initial one (checked with the KDF before the lock).
    public var sameAsInitial = false
    public var newPasswordHash: PasswordHash?
    public var keywordHashes: [PasswordHash] = []
    public var postal: PostalDirectory = .bundled
    /// The typed ID's failure count (「ログイン」) or the member's own (a keyword lockout), read in the transaction.
    public var attempts: LoginAttempts?
    public var passwordCheck: PasswordCheck?
    public var keywordCheck: KeywordCheck?
    /// Which keyword a new device's challenge asks, picked before the lock.
    public var challengePick = 0

    public init(account: Account?) { self.account = account }
  }

  public enum Effect: Sendable, Equatable {
    case putAccount(Account)
    case putAttempts(LoginAttempts)
  }

  /// The answer to 「ログイン」 or the keyword check when it does not pass; `changedMeanwhile` means the verdict was
  /// made against hashes that are no longer stored (or none was made), so it must be made again.
  public enum AttemptAnswer: Sendable, Equatable {
    case wrong, locked, initialPasswordExpired, changedMeanwhile
  }

  /// Why an input was not accepted: the login must start again, or a field's reason.
  public enum Refusal: Error, Equatable, Sendable {
    case login(LoginError)
    case newPassword(NewPasswordProblem)
    case keywords(SecretKeywords.Problem)
    case profile(ProfileProblem)
    /// 「ログイン」 not passed; `kept` is written anyway (the failure counted).
    case password(AttemptAnswer, kept: [Effect])
    /// The keyword check not passed; `kept` is written anyway (the failure counted, a lockout).
    case keywordAnswer(AttemptAnswer, kept: [Effect])
  }

  /// The login's required actions as one state machine: each input only when it is what comes next (`Logins.next`).
  /// 「ログイン」 starts from no state; every other input needs the login it continues.
  public static func transition(_ state: LoginFlow?, _ input: Input, context: Context, now: Date)
    -> Result<(LoginFlow, [Effect]), Refusal>
  {
    if case .logIn(let typed, let deviceToken, let channel) = input {
      return logIn(typed, deviceToken: deviceToken, channel: channel, context: context, now: now)
    }
    guard let state else { return .failure(.login(.outOfOrder(expected: nil))) }
    if state.isExpired(at: now) { return .failure(.login(.expired)) }
    guard var account = context.account else { return .failure(.login(.accountMissing)) }
    let due = Logins.next(state, account: account)
    var next = state
    switch input {
    case .acknowledgeNotice:
      guard due == .firstLoginNotice else { return .failure(.login(.outOfOrder(expected: due))) }
      next.noticeSeen = true
      return .success((next, []))
    case .setNewPassword(let password, let confirmation):
      guard due == .newPassword else { return .failure(.login(.outOfOrder(expected: due))) }
      if let problem = NewPasswordProblem.check(password, confirmation, account: account) {
        return .failure(.newPassword(problem))
      }
      if context.sameAsInitial {
        return .failure(.newPassword(.sameAsInitial))
      }
      // Two logins with the initial password may be open at once: only the first step 12 counts.
      if let initial = state.initialPasswordHash, account.initialPasswordHash != initial {
        return .failure(.login(.expired))
      }
      guard let hash = context.newPasswordHash else { return .failure(.login(.outOfOrder(expected: due))) }
      account.passwordHash = hash
      account.initialPasswordHash = nil
      account.initialPasswordExpiresAt = nil
      next.mustChangePassword = false
      next.initialPasswordHash = nil
      return .success((next, [.putAccount(account)]))
    case .setKeywords(let a, let b, let c, let deviceToken):
      guard due == .keywordSetup else { return .failure(.login(.outOfOrder(expected: due))) }
      if case .failure(let problem) = SecretKeywords.validate(a, b, c) { return .failure(.keywords(problem)) }
      guard context.keywordHashes.count == Assumptions.keywordCount else {
        return .failure(.login(.outOfOrder(expected: due)))
      }
      account.keywordHashes = context.keywordHashes
      account.failedKeywordCount = 0
      account.keywordLockedUntil = nil
      // Setting them also makes this device known: the member has just proved both factors on it.
      account.rememberDevice(token: deviceToken)
      return .success((next, [.putAccount(account)]))
    case .setProfile(let nickname, let birthMonth, let gender, let postalCode):
      guard due == .profile else { return .failure(.login(.outOfOrder(expected: due))) }
      let name: Nickname
      switch Nickname.validate(nickname) {
      case .success(let value): name = value
      case .failure(let reason): return .failure(.profile(ProfileProblem(field: .nickname, reason: reason)))
      }
      let month: BirthMonth
      switch BirthMonth.validate(birthMonth, now: now) {
      case .success(let value): month = value
      case .failure(let reason): return .failure(.profile(ProfileProblem(field: .birthMonth, reason: reason)))
      }
      guard let gender else {
        return .failure(
          .profile(
            ProfileProblem(field: .gender, reason: Reason(ja: "性別を選択してください", en: "Choose a gender option"))))
      }
      let code: PostalCode
      switch JapanPostalCode.validate(postalCode, in: context.postal) {
      case .success(let value): code = value
      case .failure(let reason): return .failure(.profile(ProfileProblem(field: .postalCode, reason: reason)))
      }
      account.profile = Account.Profile(
        nickname: name.value, birthYear: month.year, birthMonth: month.month, gender: gender.rawValue,
        postalCode: code.value)
      return .success((next, [.putAccount(account)]))
    case .answerChallenge(let deviceToken):
      guard case .keywordChallenge(let index) = due, account.keywordHashes.indices.contains(index) else {
        return .failure(.login(.outOfOrder(expected: due)))
      }
      if let until = account.keywordLockedUntil, now < until { return .failure(.keywordAnswer(.locked, kept: [])) }
      guard let check = context.keywordCheck, let right = check.right, check.against == account.keywordHashes[index]
      else { return .failure(.keywordAnswer(.changedMeanwhile, kept: [])) }
      if right {
        account.keywordLockedUntil = nil
        account.failedKeywordCount = 0
        account.rememberDevice(token: deviceToken)
        next.challengePassed = true
        return .success((next, [.putAccount(account)]))
      }
      if account.keywordLockedUntil != nil {
        // A lock that has run out starts a fresh count.
        account.keywordLockedUntil = nil
        account.failedKeywordCount = 0
      }
      account.failedKeywordCount += 1
      guard account.failedKeywordCount >= Assumptions.keywordLockoutThreshold else {
        return .failure(.keywordAnswer(.wrong, kept: [.putAccount(account)]))
      }
      let until = now.addingTimeInterval(Assumptions.lockoutDuration)
      account.keywordLockedUntil = until
      // The password login says "locked" too, in the same words as after five wrong passwords.
      guard var attempts = context.attempts else { return .failure(.login(.outOfOrder(expected: due))) }
      attempts.lockedUntil = until
      return .failure(.keywordAnswer(.locked, kept: [.putAccount(account), .putAttempts(attempts)]))
    case .logIn:
      return .failure(.login(.outOfOrder(expected: due)))
    }
  }

  /// 「ログイン」: refused as locked whenever the count under the lock is at the limit, whatever the verdict; a wrong
  /// verdict (or none, for an unknown ID) counts one failure; a right one starts the count again and opens the login.
  private static func logIn(
    _ typed: String, deviceToken: String, channel: LoginChannel, context: Context, now: Date
  ) -> Result<(LoginFlow, [Effect]), Refusal> {
    guard var attempts = context.attempts, let check = context.passwordCheck else {
      return .failure(.password(.changedMeanwhile, kept: []))
    }
    if attempts.isLocked(at: now) { return .failure(.password(.locked, kept: [])) }
    let account = context.account
    if check.verdict == .notChecked || check.accountExisted != (account != nil)
      || account?.passwordHash != check.passwordHash || account?.initialPasswordHash != check.initialPasswordHash
    {
      return .failure(.password(.changedMeanwhile, kept: []))
    }
    let before = attempts
    switch (check.verdict, account) {
    case (.password, let account?), (.initialPassword, let account?):
      if let until = account.keywordLockedUntil, now < until { return .failure(.password(.locked, kept: [])) }
      var usedInitial: PasswordHash?
      if case .initialPassword(let hash) = check.verdict {
        guard account.initialPasswordUsable(at: now) else {
          attempts.recordFailure(at: now)
          return .failure(.password(.initialPasswordExpired, kept: [.putAttempts(attempts)]))
        }
        usedInitial = hash
      }
      attempts.recordSuccess()
      let known = account.knowsDevice(token: deviceToken)
      let needsChallenge = !known && !account.keywordHashes.isEmpty && usedInitial == nil
      let flow = LoginFlow(
        userID: account.userID, channel: channel, startedAt: now, deviceWasKnown: known, noticeSeen: known,
        mustChangePassword: usedInitial != nil, initialPasswordHash: usedInitial,
        challengeIndex: needsChallenge ? min(max(0, context.challengePick), account.keywordHashes.count - 1) : nil,
        challengePassed: false)
      return .success((flow, attempts == before ? [] : [.putAttempts(attempts)]))
    default:
      attempts.recordFailure(at: now)
      return .failure(.password(attempts.isLocked(at: now) ? .locked : .wrong, kept: [.putAttempts(attempts)]))
    }
  }
}

/// The answer to 「ログイン」. `wrong` and `locked` carry the same words whether or not the ID exists.
public enum LoginResult: Sendable, Equatable {
  case loggedIn(LoginFlow)
  case wrong
  case locked
  /// The right initial password after its time ran out; only someone who knows it learns this.
  case initialPasswordExpired
}

/// The answer to the keyword check.
public enum KeywordChallengeResult: Sendable, Equatable {
  case passed
  case wrong
  /// Five wrong keywords in a row: the login is locked as after five wrong passwords.
  case locked
}

/// A step done out of order, or a login that ran out of time: the screens start again at the login.
public enum LoginError: Error, Equatable, Sendable {
  case outOfOrder(expected: LoginStep?)
  case expired
  case accountMissing
}

/// Which profile field was refused, and why.
public struct ProfileProblem: Error, Equatable, Sendable {
  public enum Field: Sendable, Equatable {
    case nickname, birthMonth, gender, postalCode
  }
  public let field: Field
  public let reason: Reason
}

/// The login of steps 9–14 and walkthrough C as a state machine over the store: the password (or initial
/// password), device recognition, then the required actions in order (`next`), each checked again here.
public struct Logins: Sendable {
  public let store: Store
  /// Picks which of the three keywords the challenge asks; random, replaceable in tests.
  private let pickChallenge: @Sendable () -> Int

  public init(
    store: Store, pickChallenge: @escaping @Sendable () -> Int = { Int.random(in: 0..<Assumptions.keywordCount) }
  ) {
    self.store = store
    self.pickChallenge = pickChallenge
  }

  private var hasher: PasswordHasher { store.hasher }

  // MARK: 「ログイン」

  /// Checks the 利用者ID and password. Every typed ID has its own failure count, real or not, and an unknown
  /// ID costs one dummy hash, so neither the words nor the time tell which IDs exist.
  public func logIn(
    userID typed: String, password: String, deviceToken: String, channel: LoginChannel, now: Date
  ) throws -> LoginResult {
    // A verdict made against hashes that changed before the lock is made again; a few rounds, as only a
    // concurrent password change or sign-up can cause it.
    for _ in 0..<3 {
      let check = try checkPassword(typedID: typed, password: password, now: now)
      if let result = try settlePassword(check, typedID: typed, deviceToken: deviceToken, channel: channel, now: now) {
        return result
      }
    }
    return .wrong
  }

  /// The slow half, without the lock: reads the account and the count, and runs the KDF as the old two-step login
  /// did (a dummy hash for an unknown ID, or while the count is at the limit).
  func checkPassword(typedID typed: String, password: String, now: Date) throws -> LoginFlow.PasswordCheck {
    let attempts = try store.loginAttempts(forTypedID: typed)
    let account = try store.account(userID: typed)
    var check = LoginFlow.PasswordCheck(
      verdict: .notChecked, accountExisted: account != nil, passwordHash: account?.passwordHash,
      initialPasswordHash: account?.initialPasswordHash)
    if attempts.isLocked(at: now) {
      hasher.dummyVerify(password)
      return check
    }
    check.verdict = .wrong
    if let account {
      if let hash = account.passwordHash, hasher.verify(password, against: hash) {
        check.verdict = .password
      } else if let initial = account.initialPasswordHash {
        if hasher.verify(password, against: initial) { check.verdict = .initialPassword(initial) }
      } else if account.passwordHash == nil {
        hasher.dummyVerify(password)
      }
    } else {
      hasher.dummyVerify(password)
    }
    return check
  }

  /// The one transaction of 「ログイン」: re-reads the count and the account, runs the transition with `check` and
  /// writes what it returns; nil when the verdict must be made again.
  func settlePassword(
    _ check: LoginFlow.PasswordCheck, typedID typed: String, deviceToken: String, channel: LoginChannel, now: Date
  ) throws -> LoginResult? {
    let pick = pickChallenge()
    return try store.update { transaction -> LoginResult? in
      var context = LoginFlow.Context(account: try transaction.account(userID: typed))
      context.attempts = try transaction.loginAttempts(forTypedID: typed)
      context.passwordCheck = check
      context.challengePick = pick
      let input = LoginFlow.Input.logIn(typedID: typed, deviceToken: deviceToken, channel: channel)
      switch LoginFlow.transition(nil, input, context: context, now: now) {
      case .success(let (flow, effects)):
        try Self.carryOut(effects, in: &transaction)
        return .loggedIn(flow)
      case .failure(.password(let answer, let kept)):
        try Self.carryOut(kept, in: &transaction)
        switch answer {
        case .wrong: return .wrong
        case .locked: return .locked
        case .initialPasswordExpired: return .initialPasswordExpired
        case .changedMeanwhile: return nil
        }
      case .failure:
        return .wrong
      }
    }
  }

  private static func carryOut(_ effects: [LoginFlow.Effect], in transaction: inout StoreTransaction) throws {
    for effect in effects {
      switch effect {
      case .putAccount(let account): try transaction.put(account)
      case .putAttempts(let attempts): try transaction.put(attempts)
      }
    }
  }

  // MARK: The required actions, in order

  /// What the member must do next; nil when the login is complete (home or my-page).
  public func next(_ session: LoginFlow) throws -> LoginStep? {
    guard let account = try store.account(userID: session.userID) else { throw LoginError.accountMissing }
    return Self.next(session, account: account)
  }

  static func next(_ session: LoginFlow, account: Account) -> LoginStep? {
    if !session.noticeSeen { return .firstLoginNotice }
    if session.mustChangePassword { return .newPassword }
    if let index = session.challengeIndex, !session.challengePassed { return .keywordChallenge(index: index) }
    if account.keywordHashes.isEmpty { return .keywordSetup }
    if session.channel == .app && account.profile == nil { return .profile }
    return nil
  }

  /// Runs one required action: ONE transaction re-reads the account, runs `LoginFlow.transition` and writes the
  /// account it returns; the session becomes the transition's state. Field reasons come back as the refusal.
  private func run(_ session: inout LoginFlow, _ input: LoginFlow.Input, now: Date, context: LoginFlow.Context)
    throws -> LoginFlow.Refusal?
  {
    let before = session
    let outcome = try store.update { transaction -> Result<LoginFlow, LoginFlow.Refusal> in
      var fresh = context
      fresh.account = try transaction.get(Account.self, id: before.userID)
      switch LoginFlow.transition(before, input, context: fresh, now: now) {
      case .failure(let refusal):
        return .failure(refusal)
      case .success(let (next, effects)):
        try Self.carryOut(effects, in: &transaction)
        return .success(next)
      }
    }
    switch outcome {
    case .success(let next):
      session = next
      return nil
    case .failure(.login(let error)):
      throw error
    case .failure(let refusal):
      return refusal
    }
  }

  /// 「次へ」 on the first-login notice.
  public func acknowledgeNotice(_ session: inout LoginFlow, now: Date) throws {
    _ = try run(&session, .acknowledgeNotice, now: now, context: LoginFlow.Context(account: nil))
  }

  /// Step 12: the new password twice; it must follow the password rules and differ from the initial one.
  /// Returns the reason to show under the fields, or nil when it was set.
  public func setNewPassword(
    _ session: inout LoginFlow, password: String, confirmation: String, now: Date
  ) throws -> NewPasswordProblem? {
    // The slow checks before the lock, only for a password that can pass (the account is read here as a hint).
    var context = LoginFlow.Context(account: nil)
    if let account = try store.account(userID: session.userID),
      NewPasswordProblem.check(password, confirmation, account: account) == nil
    {
      context.sameAsInitial = session.initialPasswordHash.map { hasher.verify(password, against: $0) } ?? false
      if !context.sameAsInitial { context.newPasswordHash = hasher.hash(password) }
    }
    let input = LoginFlow.Input.setNewPassword(password: password, confirmation: confirmation)
    if case .newPassword(let problem)? = try run(&session, input, now: now, context: context) { return problem }
    return nil
  }

  /// Step 13: three keywords, stored folded and hashed. Setting them also makes this device known, since the
  /// member has just proved both factors on it.
  public func setKeywords(
    _ session: inout LoginFlow, _ a: String, _ b: String, _ c: String, deviceToken: String, now: Date
  ) throws -> SecretKeywords.Problem? {
    var context = LoginFlow.Context(account: nil)
    if case .success(let keywords) = SecretKeywords.validate(a, b, c) {
      context.keywordHashes = keywords.values.map { hasher.hashKeyword($0) }
    }
    let input = LoginFlow.Input.setKeywords(a, b, c, deviceToken: deviceToken)
    if case .keywords(let problem)? = try run(&session, input, now: now, context: context) { return problem }
    return nil
  }

  /// The keyword check on a new device: right, and the device becomes known; wrong five times in a row,
  /// and the login is locked for `Assumptions.lockoutDuration` like five wrong passwords.
  public func answerChallenge(
    _ session: inout LoginFlow, keyword: String, deviceToken: String, now: Date
  ) throws -> KeywordChallengeResult {
    for _ in 0..<3 {
      let check = try checkKeyword(session, keyword: keyword, now: now)
      if let result = try settleKeyword(&session, check, deviceToken: deviceToken, now: now) { return result }
    }
    return .wrong
  }

  /// The slow half of the keyword check, without the lock: a dummy hash while the keywords are locked.
  func checkKeyword(_ session: LoginFlow, keyword: String, now: Date) throws -> LoginFlow.KeywordCheck {
    let account = try expect(nil, session, now: now, challenge: true)
    guard let index = session.challengeIndex, account.keywordHashes.indices.contains(index) else {
      throw LoginError.outOfOrder(expected: Self.next(session, account: account))
    }
    let against = account.keywordHashes[index]
    if let until = account.keywordLockedUntil, now < until {
      hasher.dummyVerify(keyword)
      return LoginFlow.KeywordCheck(right: nil, against: against)
    }
    return LoginFlow.KeywordCheck(right: hasher.verifyKeyword(keyword, against: against), against: against)
  }

  /// The one transaction of the keyword check; nil when the verdict must be made again.
  func settleKeyword(_ session: inout LoginFlow, _ check: LoginFlow.KeywordCheck, deviceToken: String, now: Date)
    throws -> KeywordChallengeResult?
  {
    let before = session
    let outcome = try store.update { transaction -> Result<LoginFlow, LoginFlow.Refusal> in
      var context = LoginFlow.Context(account: try transaction.get(Account.self, id: before.userID))
      context.attempts = try transaction.loginAttempts(forTypedID: before.userID)
      context.keywordCheck = check
      let result = LoginFlow.transition(before, .answerChallenge(deviceToken: deviceToken), context: context, now: now)
      switch result {
      case .success(let (_, effects)): try Self.carryOut(effects, in: &transaction)
      case .failure(.keywordAnswer(_, let kept)): try Self.carryOut(kept, in: &transaction)
      case .failure: break
      }
      return result.map { $0.0 }
    }
    switch outcome {
    case .success(let next):
      session = next
      return .passed
    case .failure(.keywordAnswer(.changedMeanwhile, _)):
      return nil
    case .failure(.keywordAnswer(.locked, _)):
      return .locked
    case .failure(.login(let error)):
      throw error
    case .failure:
      return .wrong
    }
  }

  /// Step 14 (app only): every field required; the postal code must exist somewhere in Japan.
  public func setProfile(
    _ session: inout LoginFlow, nickname: String, birthMonth: String, gender: Gender?, postalCode: String,
    now: Date, postal: PostalDirectory = .bundled
  ) throws -> ProfileProblem? {
    var context = LoginFlow.Context(account: nil)
    context.postal = postal
    let input = LoginFlow.Input.setProfile(
      nickname: nickname, birthMonth: birthMonth, gender: gender, postalCode: postalCode)
    if case .profile(let problem)? = try run(&session, input, now: now, context: context) { return problem }
    return nil
  }

  /// The account, when `step` is what comes next and the login has not run out of time.
  private func expect(_ step: LoginStep?, _ session: LoginFlow, now: Date, challenge: Bool = false) throws
    -> Account
  {
    if session.isExpired(at: now) { throw LoginError.expired }
    guard let account = try store.account(userID: session.userID) else { throw LoginError.accountMissing }
    let due = Self.next(session, account: account)
    if challenge {
      guard case .keywordChallenge = due else { throw LoginError.outOfOrder(expected: due) }
    } else if due != step {
      throw LoginError.outOfOrder(expected: due)
    }
    return account
  }
}

/// Why a new password (step 12, or a reset) was refused, and under which field to show it.
public struct NewPasswordProblem: Error, Equatable, Sendable {
  public enum Field: Sendable, Equatable {
    case password, confirmation
  }
  public let field: Field
  public let reason: Reason

  public init(field: Field, reason: Reason) {
    self.field = field
    self.reason = reason
  }

  /// Step 12 refuses the initial password as the new one.
  public static let sameAsInitial = NewPasswordProblem(
    field: .password,
    reason: Reason(
      ja: "初回ログインパスワードとは違うパスワードを設定してください",
      en: "Choose a password different from the initial one"))

  /// The password rules (not the ID, not the e-mail, not common) and the 確認用 field.
  static func check(_ password: String, _ confirmation: String, account: Account) -> NewPasswordProblem? {
    if case .failure(let reason) = Password.validate(password, userID: account.userID, email: account.email) {
      return NewPasswordProblem(field: .password, reason: reason)
    }
    if Password.normalize(confirmation).isEmpty {
      return NewPasswordProblem(
        field: .confirmation,
        reason: Reason(ja: "新しいパスワード(確認用)を入力してください", en: "Enter the new password again"))
    }
    if !Password.same(password, confirmation) {
      return NewPasswordProblem(
        field: .confirmation,
        reason: Reason(
          ja: "新しいパスワード(確認用)が新しいパスワードと一致しません",
          en: "The two new passwords are not the same"))
    }
    return nil
  }
}

/// The login's words, the same for every typed ID, real or not: a screen shows these and nothing else.
public enum LoginWords {
  public static let wrong = Reason(
    ja: "利用者IDまたはパスワードが正しくありません",
    en: "The user ID or password is not correct")
  public static let locked = Reason(
    ja: "ログインが一時的に制限されています。続けて失敗したため、30分ほど後にお試しいただくか、パスワードを再設定してください",
    en: "Too many failed attempts: login is paused. Try again in about 30 minutes, or reset your password")
  public static let initialPasswordExpired = Reason(
    ja: "初回ログインパスワードの有効期限が切れています。「パスワードを忘れた方」から再設定してください",
    en: "The initial password has expired. Set a new one through “Forgot your password?”")
  public static let wrongKeyword = Reason(
    ja: "秘密のキーワードが正しくありません",
    en: "The secret keyword is not correct")

  public static func words(for result: LoginResult) -> Reason? {
    switch result {
    case .loggedIn: return nil
    case .wrong: return wrong
    case .locked: return locked
    case .initialPasswordExpired: return initialPasswordExpired
    }
  }
}
