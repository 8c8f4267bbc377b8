import Foundation

/// Index names for account lookups; one small file per entry, so a lookup costs the same at any size.
enum AccountIndex {
  static let email = "email"
  static let customerNumber = "customer-number"
  static let pendingEmail = "pending-email"
  /// The pending-email key of the decoy sign-up for a registered address: one per address, replaced on each request
  /// as a real address's pending sign-up is, so both answers commit the same changes. Never an address (`:`).
  static func pendingDecoyKey(_ email: String) -> String { "decoy:" + emailKey(email) }

  /// E-mail addresses are looked up case-insensitively; the account keeps the address as typed.
  static func emailKey(_ email: String) -> String { email.lowercased() }
}

extension StoreTransaction {
  /// The account with this 利用者ID, typed in any case; nil for an ID of the wrong shape.
  public func account(userID typed: String) throws -> Account? {
    let id = UserIDGenerator.normalise(typed)
    guard UserIDGenerator.isWellFormed(id) else { return nil }
    return try get(Account.self, id: id)
  }

  public func account(email: String) throws -> Account? {
    let key = AccountIndex.emailKey(email)
    guard let id = try lookup(index: AccountIndex.email, key: key), let account = try get(Account.self, id: id),
      AccountIndex.emailKey(account.email) == key
    else { return nil }
    return account
  }

  public func account(customerNumber: String) throws -> Account? {
    guard let id = try lookup(index: AccountIndex.customerNumber, key: customerNumber),
      let account = try get(Account.self, id: id), account.customerNumber == customerNumber
    else { return nil }
    return account
  }

  /// Adds a new account and its index entries in this transaction; refuses a taken ID, e-mail or customer.
  public mutating func insertAccount(_ account: Account) throws {
    if try get(Account.self, id: account.userID) != nil { throw AccountError.userIDTaken }
    if try self.account(email: account.email) != nil { throw AccountError.emailAlreadyRegistered }
    if try self.account(customerNumber: account.customerNumber) != nil { throw AccountError.customerAlreadyRegistered }
    try setIndex(AccountIndex.email, key: AccountIndex.emailKey(account.email), id: account.userID)
    try setIndex(AccountIndex.customerNumber, key: account.customerNumber, id: account.userID)
    try put(account)
  }

  /// Stores a pending sign-up in place of its address's previous one (that link stops working); `usable: false`
  /// is a decoy kept under the address's `pendingDecoyKey`, so it voids no real link (SPEC §4).
  public mutating func putPendingRegistration(_ registration: PendingRegistration, usable: Bool) throws {
    let key = usable ? AccountIndex.emailKey(registration.email) : AccountIndex.pendingDecoyKey(registration.email)
    if let old = try lookup(index: AccountIndex.pendingEmail, key: key) {
      try delete(PendingRegistration.self, id: old)
    }
    try setIndex(AccountIndex.pendingEmail, key: key, id: registration.id)
    try put(registration)
  }

  /// The failed-login count for a typed ID (a fresh one when none is stored).
  public func loginAttempts(forTypedID typedID: String) throws -> LoginAttempts {
    try get(LoginAttempts.self, id: LoginAttempts.recordID(forTypedID: typedID, in: store))
      ?? LoginAttempts(typedID: typedID, in: store)
  }
}

extension Store {
  public func account(userID typed: String) throws -> Account? {
    let id = UserIDGenerator.normalise(typed)
    guard UserIDGenerator.isWellFormed(id) else { return nil }
    return try read(Account.self, id: id)
  }

  /// A dangling index entry (its account missing or changed) reads as no account.
  public func account(email: String) throws -> Account? {
    let key = AccountIndex.emailKey(email)
    guard let id = try lookup(index: AccountIndex.email, key: key), let account = try read(Account.self, id: id),
      AccountIndex.emailKey(account.email) == key
    else { return nil }
    return account
  }

  public func account(customerNumber: String) throws -> Account? {
    guard let id = try lookup(index: AccountIndex.customerNumber, key: customerNumber),
      let account = try read(Account.self, id: id), account.customerNumber == customerNumber
    else { return nil }
    return account
  }

  public func loginAttempts(forTypedID typedID: String) throws -> LoginAttempts {
    try read(LoginAttempts.self, id: LoginAttempts.recordID(forTypedID: typedID, in: self))
      ?? LoginAttempts(typedID: typedID, in: self)
  }

  /// Creates a member at step 7 with a fresh 利用者ID, all in one `update`.
  /// The initial password is hashed before the lock is taken, so other processes are not held up by the KDF.
  public func createAccount(
    email: String, customerNumber: String, initialPassword: String, course: Account.Course,
    notificationMail: Bool, now: Date
  ) throws -> Account {
    let initialHash = hasher.hash(initialPassword)
    let lifetime =
      course == .immediate
      ? Assumptions.immediateInitialPasswordLifetime
      : Assumptions.postcardDelay + Assumptions.postcardInitialPasswordLifetime
    return try update { transaction in
      let account = Account(
        userID: try UserIDGenerator.unique(in: transaction), email: email, customerNumber: customerNumber,
        initialPasswordHash: initialHash, initialPasswordExpiresAt: now.addingTimeInterval(lifetime),
        notificationMail: notificationMail, course: course, createdAt: now)
      try transaction.insertAccount(account)
      return account
    }
  }

  /// Starts a sign-up for `email` (step 3): returns the token for the mailed link; an older link for the
  /// same address stops working. `usable: false` writes a decoy of the same shape instead (already used,
  /// under the address's `pendingDecoyKey` so no real link is voided), for a step 3 whose address already
  /// has an account: both answers then commit the same files and take about as long (SPEC §4).
  public func createPendingRegistration(
    email: String, notificationMail: Bool, now: Date, usable: Bool = true
  ) throws -> (token: String, registration: PendingRegistration) {
    let token = Token.generate()
    let registration = PendingRegistration(
      email: email, tokenDigest: Token.digest(token), notificationMail: notificationMail, createdAt: now,
      expiresAt: now.addingTimeInterval(Assumptions.registrationLinkLifetime), used: !usable)
    try update { transaction in try transaction.putPendingRegistration(registration, usable: usable) }
    return (token, registration)
  }

  /// The pending sign-up for a link's token, valid or not; nil when none matches.
  public func pendingRegistration(token: String) throws -> PendingRegistration? {
    let digest = Token.digest(token)
    guard (try? StoreCoding.validateName(digest)) != nil else { return nil }
    return try read(PendingRegistration.self, id: digest)
  }

  /// Uses a link once: returns the registration when it was valid at `now` and marks it used; nil otherwise.
  public func consumePendingRegistration(token: String, now: Date) throws -> PendingRegistration? {
    let digest = Token.digest(token)
    return try update { transaction in
      guard var registration = try transaction.get(PendingRegistration.self, id: digest),
        registration.isValid(at: now)
      else { return nil }
      registration.used = true
      try transaction.put(registration)
      return registration
    }
  }
}

extension Store {
  /// For the benchmark only: fills a throwaway folder with accounts and their index entries quickly,
  /// without the lock's journal and without fsync, so it must never be pointed at a real data folder.
  package func bulkInsertAccountsWithoutDurability(_ accounts: [Account]) throws {
    try withLock {
      for account in accounts {
        let entries = [
          (try indexPath(AccountIndex.email, key: AccountIndex.emailKey(account.email)), AccountIndex.email),
          (try indexPath(AccountIndex.customerNumber, key: account.customerNumber), AccountIndex.customerNumber),
        ]
        for (path, index) in entries {
          try FileIO.writeAtomically(
            StoreCoding.encode(IndexEntry(index: index, id: account.userID)), to: folder.appendingPathComponent(path),
            under: folder, durable: false)
        }
        try FileIO.writeAtomically(
          StoreCoding.encode(account), to: folder.appendingPathComponent(recordPath(Account.self, id: account.userID)),
          under: folder, durable: false)
      }
    }
  }
}
