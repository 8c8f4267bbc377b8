import Foundation

/// A mailed password-reset link waiting to be used: single use, `Assumptions.passwordResetLinkLifetime`,
/// voided by a newer request. Stored at `password-resets/<tokenDigest>.json`; the token exists only in the mail.
public struct RecoveryFlow: StoredRecord, Equatable {
  public static let kind = "password-resets"
  public var recordID: String { id }

  /// Equal to the token's digest, so following a link is one file read.
  public var id: String
  public var userID: String
  public var createdAt: Date
  public var expiresAt: Date
  public var used: Bool

  public func isValid(at now: Date) -> Bool { !used && now < expiresAt }
}

/// What a recovery form was refused for: a field in the wrong shape. Whether an account matched is never said.
public struct RecoveryProblem: Error, Equatable, Sendable {
  public enum Field: Sendable, Equatable {
    case customerNumber, userID, email
  }
  public let field: Field
  public let reason: Reason
}

/// The answer to following a reset link.
public enum ResetLinkState: Equatable, Sendable {
  case valid
  /// Unknown, used, expired or voided: one answer for all, "ask again".
  case invalid
}

/// 「利用者IDを忘れた方」 and 「パスワードを忘れた方」. Both answer the same whether or not the account exists
/// (the screen says "if the details match, we have sent a mail"); only the mail tells.
public struct Recoveries: Sendable {
  public static let userIDSubject = "利用者IDのお知らせ"
  public static let resetSubject = "パスワード再設定のご案内"
  static let resetLinkPrefix = "hokulink://reset?token="

  public let store: Store
  public let mailbox: Mailbox

  public init(store: Store) {
    self.store = store
    self.mailbox = Mailbox(store: store)
  }

  // MARK: 利用者IDを忘れた方

  /// お客さま番号 + メールアドレス: when both match one account, its 利用者ID is mailed to that address.
  /// Returns a problem only for a field in the wrong shape.
  public func requestUserID(customerNumber: String, email: String, now: Date) throws -> RecoveryProblem? {
    let number: CustomerNumber
    switch CustomerNumber.validate(customerNumber) {
    case .success(let value): number = value
    case .failure(let reason): return RecoveryProblem(field: .customerNumber, reason: reason)
    }
    let address: EmailAddress
    switch EmailAddress.validate(email) {
    case .success(let value): address = value
    case .failure(let reason): return RecoveryProblem(field: .email, reason: reason)
    }
    guard let account = try store.account(customerNumber: number.value),
      account.email.lowercased() == address.value.lowercased()
    else {
      // No match: the same-size mail is written to the private decoy folder instead (see `Mailbox.writeDecoy`).
      try mailbox.writeDecoy(
        at: now, to: address.value, subject: Self.userIDSubject, body: Self.userIDBody(UserIDGenerator.random()))
      return nil
    }
    try mailbox.deliver(at: now, to: account.email, subject: Self.userIDSubject, body: Self.userIDBody(account.userID))
    return nil
  }

  static func userIDBody(_ userID: String) -> String {
    """
    ほくリンクをご利用いただきありがとうございます。
    お問い合わせのあった利用者IDをお知らせします。

    利用者ID: \(userID)

    アプリの「会員ログイン」から、この利用者IDとパスワードでログインできます。
    お心当たりのない場合は、このメールを破棄してください。

    \(HokuLink.supportLineJA)
    """
  }

  // MARK: パスワードを忘れた方

  /// 利用者ID + メールアドレス: when both match, a single-use reset link valid for 24 simulated hours is
  /// mailed; an older link for the same member stops working. Open while the login is locked.
  public func requestPasswordReset(userID: String, email: String, now: Date) throws -> RecoveryProblem? {
    let typedID = UserIDGenerator.normalise(userID)
    if typedID.isEmpty {
      return RecoveryProblem(field: .userID, reason: Reason(ja: "利用者IDを入力してください", en: "Enter the user ID"))
    }
    let address: EmailAddress
    switch EmailAddress.validate(email) {
    case .success(let value): address = value
    case .failure(let reason): return RecoveryProblem(field: .email, reason: reason)
    }
    // Both answers do the same kind of work, so the time does not tell whether the details matched (SPEC §4):
    // one store commit of a reset request under one index key (a lookup, a delete of the previous one, an
    // index write and the record), then one fsynced Maildir write of a same-size mail. With no match the
    // request is a decoy under the typed ID's `decoyKey`, already `used` and its token thrown away, so it can
    // never be followed, and replaced like a real one; the mail goes to the private decoy folder: nobody is mailed.
    let account = try store.account(userID: typedID)
    let matched = account.map { $0.email.lowercased() == address.value.lowercased() } ?? false
    let token = Token.generate()
    let request = RecoveryFlow(
      id: Token.digest(token), userID: matched ? (account?.userID ?? typedID) : typedID, createdAt: now,
      expiresAt: now.addingTimeInterval(Assumptions.passwordResetLinkLifetime), used: !matched)
    let indexKey = matched ? request.userID : Self.decoyKey(typedID)
    try store.update { transaction in
      if let old = try transaction.lookup(index: Self.resetIndex, key: indexKey) {
        try transaction.delete(RecoveryFlow.self, id: old)
      }
      try transaction.setIndex(Self.resetIndex, key: indexKey, id: request.id)
      try transaction.put(request)
    }
    guard matched, let account else {
      try mailbox.writeDecoy(at: now, to: address.value, subject: Self.resetSubject, body: Self.resetBody(token))
      return nil
    }
    try mailbox.deliver(at: now, to: account.email, subject: Self.resetSubject, body: Self.resetBody(token))
    return nil
  }

  /// The index key of the decoy reset request for a typed ID: one per ID, replaced on each request as a member's own
  /// is, so both answers commit the same changes. Never a user ID (IDs are letters and digits).
  static func decoyKey(_ typedID: String) -> String { "decoy:" + typedID }

  static func resetBody(_ token: String) -> String {
    """
    ほくリンクをご利用いただきありがとうございます。
    パスワードの再設定を受け付けました。下のURLを開いて、新しいパスワードを設定してください。

    \(Self.resetLinkPrefix)\(token)

    このURLは一度だけ、24時間以内にご利用いただけます。
    お心当たりのない場合は、このメールを破棄してください。パスワードは変わりません。

    \(HokuLink.supportLineJA)
    """
  }

  static let resetIndex = "password-reset-user"

  /// The token of a `hokulink://reset?token=…` link, or nil for any other link.
  public static func resetToken(fromLink link: String) -> String? {
    guard link.hasPrefix(resetLinkPrefix) else { return nil }
    let token = String(link.dropFirst(resetLinkPrefix.count))
    return token.isEmpty ? nil : token
  }

  /// Whether a reset link can still be used (the screen shows the form, or the dead end).
  public func linkState(token: String, now: Date) throws -> ResetLinkState {
    guard let request = try request(token: token), request.isValid(at: now) else { return .invalid }
    return .valid
  }

  private func request(token: String) throws -> RecoveryFlow? {
    let digest = Token.digest(token)
    return try store.read(RecoveryFlow.self, id: digest)
  }

  /// Sets the new password from a valid link, uses the link up, and ends any lockout of the member.
  /// `.failure(nil)` means the link is no longer valid; `.failure(problem)` a refused password.
  public func resetPassword(
    token: String, password: String, confirmation: String, now: Date
  ) throws -> Result<String, ResetProblem> {
    guard let request = try request(token: token), request.isValid(at: now),
      let account = try store.account(userID: request.userID)
    else { return .failure(.linkInvalid) }
    if let problem = NewPasswordProblem.check(password, confirmation, account: account) {
      return .failure(.password(problem))
    }
    let hash = store.hasher.hash(password)
    let done: Bool = try store.update { transaction in
      // Checked again under the lock: two tabs must not both use one link.
      guard var link = try transaction.get(RecoveryFlow.self, id: request.id), link.isValid(at: now),
        var stored = try transaction.get(Account.self, id: request.userID)
      else { return false }
      link.used = true
      try transaction.put(link)
      stored.passwordHash = hash
      stored.initialPasswordHash = nil
      stored.initialPasswordExpiresAt = nil
      stored.failedKeywordCount = 0
      stored.keywordLockedUntil = nil
      try transaction.put(stored)
      var attempts = try transaction.loginAttempts(forTypedID: stored.userID)
      attempts.recordSuccess()
      try transaction.put(attempts)
      return true
    }
    return done ? .success(request.userID) : .failure(.linkInvalid)
  }
}

/// Why a reset did not happen.
public enum ResetProblem: Error, Equatable, Sendable {
  case linkInvalid
  case password(NewPasswordProblem)
}
