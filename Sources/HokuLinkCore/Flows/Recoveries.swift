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

  static func userIDMailSubject(_ language: MailLanguage) -> String {
    language == .ja ? userIDSubject : "Your HokuLink user ID"
  }

  static func resetMailSubject(_ language: MailLanguage) -> String {
    language == .ja ? resetSubject : "Resetting your HokuLink password"
  }

  public let store: Store
  public let mailbox: Mailbox

  public init(store: Store) {
    self.store = store
    self.mailbox = Mailbox(store: store)
  }

  // MARK: The one path of every request

  /// Runs one input: ONE transaction re-reads the request it concerns and the member, runs the pure
  /// `RecoveryFlow.transition` and writes its effects (the request, the new password, the mail into the outbox);
  /// then the outbox is delivered, outside the lock.
  @discardableResult
  func run(
    _ input: RecoveryFlow.Input, prepared: RecoveryFlow.Prepared, now: Date, language: MailLanguage = .ja
  ) throws -> Result<RecoveryFlow?, ResetProblem> {
    let outcome = try store.update { transaction -> Result<RecoveryFlow?, ResetProblem> in
      var context = RecoveryFlow.Context(prepared: prepared)
      context.language = language
      var state: RecoveryFlow?
      switch input {
      case .requestUserID(let customerNumber, _):
        context.account = try transaction.account(customerNumber: customerNumber)
      case .requestReset(let typedID, _):
        context.account = try transaction.account(userID: typedID)
        let matched = RecoveryFlow.matches(context.account, input)
        let key = matched ? (context.account?.userID ?? typedID) : Self.decoyKey(typedID)
        context.previousRequestID = try transaction.lookup(index: Self.resetIndex, key: key)
      case .reset(let digest, _):
        state = try transaction.get(RecoveryFlow.self, id: digest)
        if let state { context.account = try transaction.get(Account.self, id: state.userID) }
      }
      switch RecoveryFlow.transition(state, input, context: context, now: now) {
      case .failure(let problem):
        return .failure(problem)
      case .success(let (next, effects)):
        for effect in effects {
          switch effect {
          case .replaceRequest(let request, let indexKey, let previous):
            if let previous { try transaction.delete(RecoveryFlow.self, id: previous) }
            try transaction.setIndex(Self.resetIndex, key: indexKey, id: request.id)
            try transaction.put(request)
          case .putRequest(let request):
            try transaction.put(request)
          case .putAccount(let account):
            try transaction.put(account)
            var attempts = try transaction.loginAttempts(forTypedID: account.userID)
            attempts.recordSuccess()
            try transaction.put(attempts)
          case .send(let mail):
            try transaction.send(mail)
          }
        }
        return .success(next)
      }
    }
    // After the commit and outside the lock; a failure leaves the mail in the outbox for the next process.
    _ = try? mailbox.deliverOutbox()
    return outcome
  }

  // MARK: 利用者IDを忘れた方

  /// お客さま番号 + メールアドレス: when both match one account, its 利用者ID is mailed to that address.
  /// Returns a problem only for a field in the wrong shape.
  public func requestUserID(customerNumber: String, email: String, now: Date, language: MailLanguage = .ja) throws
    -> RecoveryProblem?
  {
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
    // No match: the same-size mail goes through the outbox to the private decoy folder (see `Mailbox.writeDecoy`).
    try run(
      .requestUserID(customerNumber: number.value, email: address.value), prepared: .fresh(), now: now,
      language: language)
    return nil
  }

  static func userIDBody(_ userID: String, _ language: MailLanguage = .ja) -> String {
    guard language == .ja else {
      return """
        Thank you for using HokuLink.
        Here is the user ID you asked for.

        User ID: \(userID)

        In the app, choose "Member login" and log in with this user ID and your password.
        If you did not ask for it, please delete this mail.

        \(HokuLink.supportLineEN)
        """
    }
    return """
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
  public func requestPasswordReset(userID: String, email: String, now: Date, language: MailLanguage = .ja) throws
    -> RecoveryProblem?
  {
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
    // index write and the record) with its mail in the outbox, then one fsynced Maildir write of a same-size mail.
    // With no match the request is a decoy under the typed ID's `decoyKey`, already `used` and its token thrown
    // away, so it can never be followed, and replaced like a real one; the mail goes to the private decoy folder.
    try run(.requestReset(userID: typedID, email: address.value), prepared: .fresh(), now: now, language: language)
    return nil
  }

  /// The index key of the decoy reset request for a typed ID: one per ID, replaced on each request as a member's own
  /// is, so both answers commit the same changes. Never a user ID (IDs are letters and digits).
  static func decoyKey(_ typedID: String) -> String { "decoy:" + typedID }

  static func resetBody(_ token: String, _ language: MailLanguage = .ja) -> String {
    guard language == .ja else {
      return """
        Thank you for using HokuLink.
        We have received your request to reset your password. Open the link below and set a new password.

        \(Self.resetLinkPrefix)\(token)

        The link works once, within 24 hours.
        If you did not ask for it, please delete this mail; your password stays as it is.

        \(HokuLink.supportLineEN)
        """
    }
    return """
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
    // Read without the lock only to refuse early and to spare a KDF; the transition decides again under it.
    guard let request = try request(token: token), request.isValid(at: now),
      let account = try store.account(userID: request.userID)
    else { return .failure(.linkInvalid) }
    if let problem = NewPasswordProblem.check(password, confirmation, account: account) {
      return .failure(.password(problem))
    }
    var prepared = RecoveryFlow.Prepared.fresh()
    prepared.newPasswordHash = store.hasher.hash(password)
    switch try run(.reset(digest: request.id, password: password), prepared: prepared, now: now) {
    case .success(let link?): return .success(link.userID)
    case .success(nil): return .failure(.linkInvalid)
    case .failure(let problem): return .failure(problem)
    }
  }
}

/// Why a reset did not happen.
public enum ResetProblem: Error, Equatable, Sendable {
  case linkInvalid
  case password(NewPasswordProblem)
}
