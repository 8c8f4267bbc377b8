import Foundation

// How a login's data flows: the `LoginFlow` record lives in memory only (the screens hold it). The required
// actions after the password (the notice, step 12, step 13, step 14) are inputs of the pure `LoginFlow.transition`:
// `Logins` hashes outside the lock, then ONE `Store.update` re-reads the account, runs the transition and writes the
// account it returns; the screen's `LoginFlow` is replaced by the transition's state. 「ログイン」 and the keyword
// check keep two transactions around the slow hash on purpose (the attempt is counted before it, settled after), so
// parallel attempts cannot pass the limit while hashing.

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
  }

  /// The member as stored, read in the transaction, and what was hashed before the lock.
  public struct Context: Sendable {
    public var account: Account?
    /// Whether the new password is the initial one (checked with the KDF before the lock).
    public var sameAsInitial = false
    public var newPasswordHash: PasswordHash?
    public var keywordHashes: [PasswordHash] = []
    public var postal: PostalDirectory = .bundled

    public init(account: Account?) { self.account = account }
  }

  public enum Effect: Sendable, Equatable {
    case putAccount(Account)
  }

  /// Why an input was not accepted: the login must start again, or a field's reason.
  public enum Refusal: Error, Equatable, Sendable {
    case login(LoginError)
    case newPassword(NewPasswordProblem)
    case keywords(SecretKeywords.Problem)
    case profile(ProfileProblem)
  }

  /// The login's required actions as one state machine: each input only when it is what comes next (`Logins.next`).
  public static func transition(_ state: LoginFlow, _ input: Input, context: Context, now: Date)
    -> Result<(LoginFlow, [Effect]), Refusal>
  {
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
        return .failure(
          .newPassword(
            NewPasswordProblem(
              field: .password,
              reason: Reason(
                ja: "初回ログインパスワードとは違うパスワードを設定してください",
                en: "Choose a password different from the initial one"))))
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
    // The attempt is counted before the slow hash, under the store lock, so parallel attempts cannot all
    // pass the limit while each is still hashing.
    guard let reservation = try reservePasswordAttempt(forTypedID: typed, now: now) else {
      hasher.dummyVerify(password)
      return .locked
    }
    let account = try store.account(userID: typed)
    var outcome: Outcome = .wrong
    if let account {
      if let hash = account.passwordHash, hasher.verify(password, against: hash) {
        outcome = .password
      } else if let initial = account.initialPasswordHash {
        if hasher.verify(password, against: initial) {
          outcome = account.initialPasswordUsable(at: now) ? .initialPassword(initial) : .expired
        }
      } else if account.passwordHash == nil {
        hasher.dummyVerify(password)
      }
    } else {
      hasher.dummyVerify(password)
    }

    switch outcome {
    case .wrong:
      // Already counted by the reservation.
      return reservation.lockedUntil != nil ? .locked : .wrong
    case .expired:
      return .initialPasswordExpired
    case .password, .initialPassword:
      guard let account else { return .wrong }
      let usedInitial: PasswordHash?
      if case .initialPassword(let hash) = outcome { usedInitial = hash } else { usedInitial = nil }
      if let refused = try settleRightPassword(
        typedID: typed, userID: account.userID, usedInitial: usedInitial, reservation: reservation, now: now)
      {
        return refused
      }
      let known = account.knowsDevice(token: deviceToken)
      let needsChallenge = !known && !account.keywordHashes.isEmpty && usedInitial == nil
      return .loggedIn(
        LoginFlow(
          userID: account.userID, channel: channel, startedAt: now, deviceWasKnown: known, noticeSeen: known,
          mustChangePassword: usedInitial != nil, initialPasswordHash: usedInitial,
          challengeIndex: needsChallenge ? min(max(0, pickChallenge()), account.keywordHashes.count - 1) : nil,
          challengePassed: false))
    }
  }

  private enum Outcome {
    case wrong, password, expired
    case initialPassword(PasswordHash)
  }

  /// One attempt (password or keyword) counted in advance; `lockedUntil` is the lock this very attempt set, if it was the last one
  /// allowed, so that attempt may still lift its own lock when its password is right.
  struct PasswordReservation: Equatable {
    let lockedUntil: Date?
  }

  /// First half of a login, in one transaction: nil when the typed ID is locked; otherwise the attempt is
  /// counted as a failure until the hash proves otherwise.
  func reservePasswordAttempt(forTypedID typed: String, now: Date) throws -> PasswordReservation? {
    try store.update { transaction in
      var record = try transaction.loginAttempts(forTypedID: typed)
      if record.isLocked(at: now) { return nil }
      let before = record.lockedUntil
      record.recordFailure(at: now)
      try transaction.put(record)
      return PasswordReservation(lockedUntil: record.lockedUntil != before ? record.lockedUntil : nil)
    }
  }

  /// Second half of a right password, in one transaction: refused (with the same words as any other locked
  /// or wrong attempt) when someone else's attempts locked the ID meanwhile, when the keywords locked the
  /// login, or when the initial password stopped being usable; otherwise the count starts again.
  func settleRightPassword(
    typedID typed: String, userID: String, usedInitial: PasswordHash?, reservation: PasswordReservation,
    now: Date
  ) throws -> LoginResult? {
    try store.update { transaction in
      var record = try transaction.loginAttempts(forTypedID: typed)
      guard let stored = try transaction.get(Account.self, id: userID) else { return .wrong }
      if record.isLocked(at: now) && record.lockedUntil != reservation.lockedUntil { return .locked }
      if let until = stored.keywordLockedUntil, now < until { return .locked }
      if let usedInitial {
        guard stored.initialPasswordHash == usedInitial else { return .wrong }
        guard stored.initialPasswordUsable(at: now) else { return .initialPasswordExpired }
      }
      record.recordSuccess()
      try transaction.put(record)
      return nil
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
        for case .putAccount(let account) in effects { try transaction.put(account) }
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
    let account = try expect(nil, session, now: now, challenge: true)
    guard let index = session.challengeIndex, account.keywordHashes.indices.contains(index) else {
      throw LoginError.outOfOrder(expected: Self.next(session, account: account))
    }
    // As for passwords: refused while locked, and counted before the slow hash under the store lock.
    guard let reservation = try reserveKeywordAttempt(userID: session.userID, now: now) else {
      hasher.dummyVerify(keyword)
      return .locked
    }
    guard hasher.verifyKeyword(keyword, against: account.keywordHashes[index]) else {
      return reservation.lockedUntil != nil ? .locked : .wrong
    }
    let result: KeywordChallengeResult = try store.update { transaction in
      guard var stored = try transaction.get(Account.self, id: session.userID) else {
        throw LoginError.accountMissing
      }
      if let until = stored.keywordLockedUntil, now < until, until != reservation.lockedUntil { return .locked }
      if let own = reservation.lockedUntil {
        // This attempt was the last one allowed and set the lock itself; being right, it lifts it.
        var attempts = try transaction.loginAttempts(forTypedID: stored.userID)
        if attempts.lockedUntil == own {
          attempts.lockedUntil = nil
          try transaction.put(attempts)
        }
      }
      stored.keywordLockedUntil = nil
      stored.failedKeywordCount = 0
      stored.rememberDevice(token: deviceToken)
      try transaction.put(stored)
      return .passed
    }
    if result == .passed { session.challengePassed = true }
    return result
  }

  /// First half of a keyword check, in one transaction: nil while the keywords are locked; otherwise the
  /// attempt is counted as wrong, and the fifth locks the keywords and the password login alike.
  func reserveKeywordAttempt(userID: String, now: Date) throws -> PasswordReservation? {
    try store.update { transaction in
      guard var stored = try transaction.get(Account.self, id: userID) else {
        throw LoginError.accountMissing
      }
      if let until = stored.keywordLockedUntil {
        if now < until { return nil }
        stored.keywordLockedUntil = nil
        stored.failedKeywordCount = 0
      }
      stored.failedKeywordCount += 1
      guard stored.failedKeywordCount >= Assumptions.keywordLockoutThreshold else {
        try transaction.put(stored)
        return PasswordReservation(lockedUntil: nil)
      }
      let until = now.addingTimeInterval(Assumptions.lockoutDuration)
      stored.keywordLockedUntil = until
      try transaction.put(stored)
      // The password login says "locked" too, in the same words as after five wrong passwords.
      var attempts = try transaction.loginAttempts(forTypedID: stored.userID)
      attempts.lockedUntil = until
      try transaction.put(attempts)
      return PasswordReservation(lockedUntil: until)
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
