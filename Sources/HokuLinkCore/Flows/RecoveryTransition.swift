import Foundation

// How a recovery's data flows (issue 8): 「利用者IDを忘れた方」, 「パスワードを忘れた方」 and the reset link are
// inputs of the pure `RecoveryFlow.transition`. `Recoveries` makes the slow hash and the random values before the
// lock, then ONE `Store.update` re-reads the request and the member into the `Context`, runs the transition and
// writes its effects (the request, the new password, the mail into the outbox); the outbox is delivered after.
// A request that matches nobody has effects of the same shape (a decoy request, a decoy mail), SPEC §4.

extension RecoveryFlow {
  /// What the person did.
  public enum Input: Sendable, Equatable {
    /// 利用者IDを忘れた方: the お客さま番号 and address, already in shape.
    case requestUserID(customerNumber: String, email: String)
    /// パスワードを忘れた方: the typed 利用者ID (normalised) and address, already in shape.
    case requestReset(userID: String, email: String)
    /// The reset link followed and a new password given.
    case reset(digest: String, password: String)
  }

  /// What is made before the lock: random values and the slow hash.
  public struct Prepared: Sendable, Equatable {
    public var token: String
    public var decoyUserID: String
    public var mailName: String
    public var newPasswordHash: PasswordHash?

    public init(token: String, decoyUserID: String, mailName: String, newPasswordHash: PasswordHash? = nil) {
      self.token = token
      self.decoyUserID = decoyUserID
      self.mailName = mailName
      self.newPasswordHash = newPasswordHash
    }

    public static func fresh() -> Prepared {
      Prepared(
        token: Token.generate(), decoyUserID: UserIDGenerator.random(),
        mailName: String(Token.digest(Token.generate()).prefix(24)))
    }
  }

  /// The facts read in the transaction, and what was prepared.
  public struct Context: Sendable, Equatable {
    public var prepared: Prepared
    /// The member the request names (by お客さま番号, or by 利用者ID; the link's member for a reset).
    public var account: Account?
    /// The reset request this one replaces (the member's, or the typed ID's decoy).
    public var previousRequestID: String?
    /// The language of the screen that asked: the mail is written in it, matched or not (the decoy too).
    public var language: MailLanguage

    public init(
      prepared: Prepared, account: Account? = nil, previousRequestID: String? = nil, language: MailLanguage = .ja
    ) {
      self.prepared = prepared
      self.account = account
      self.previousRequestID = previousRequestID
      self.language = language
    }
  }

  public enum Effect: Sendable, Equatable {
    /// A reset request under its index key, replacing the previous one (that link stops working).
    case replaceRequest(RecoveryFlow, indexKey: String, previous: String?)
    case putRequest(RecoveryFlow)
    /// The member with the new password; its failed-login count starts again.
    case putAccount(Account)
    case send(OutboxMail)
  }

  /// Whether the address given matches the member found.
  static func matches(_ account: Account?, _ input: Input) -> Bool {
    switch input {
    case .requestUserID(_, let email), .requestReset(_, let email):
      return account.map { $0.email.lowercased() == email.lowercased() } ?? false
    case .reset:
      return account != nil
    }
  }

  /// The recovery's state machine: the request as it stands after the input (nil when there is none), and the
  /// effects; a reset with a link that is no longer valid, or a refused password, is refused.
  public static func transition(_ state: RecoveryFlow?, _ input: Input, context: Context, now: Date)
    -> Result<(RecoveryFlow?, [Effect]), ResetProblem>
  {
    let prepared = context.prepared
    let matched = matches(context.account, input)
    switch input {
    case .requestUserID(_, let email):
      let key = OutboxMail.key(date: now, "userid", prepared.mailName)
      let language = context.language
      guard matched, let account = context.account else {
        let decoy = OutboxMail(
          key: key, to: email, subject: Recoveries.userIDMailSubject(language),
          body: Recoveries.userIDBody(prepared.decoyUserID, language),
          date: now, decoy: true, from: language.sender)
        return .success((nil, [.send(decoy)]))
      }
      let mail = OutboxMail(
        key: key, to: account.email, subject: Recoveries.userIDMailSubject(language),
        body: Recoveries.userIDBody(account.userID, language),
        date: now, from: language.sender)
      return .success((nil, [.send(mail)]))
    case .requestReset(let typedID, let email):
      let request = RecoveryFlow(
        id: Token.digest(prepared.token), userID: matched ? (context.account?.userID ?? typedID) : typedID,
        createdAt: now, expiresAt: now.addingTimeInterval(Assumptions.passwordResetLinkLifetime), used: !matched)
      let indexKey = matched ? request.userID : Recoveries.decoyKey(typedID)
      let key = OutboxMail.key(date: now, "reset", String(request.id.prefix(24)))
      let mail = OutboxMail(
        key: key, to: matched ? (context.account?.email ?? email) : email,
        subject: Recoveries.resetMailSubject(context.language),
        body: Recoveries.resetBody(prepared.token, context.language), date: now, decoy: !matched,
        from: context.language.sender)
      return .success(
        (request, [.replaceRequest(request, indexKey: indexKey, previous: context.previousRequestID), .send(mail)]))
    case .reset(let digest, let password):
      // Checked again under the lock: two tabs must not both use one link.
      guard var link = state, link.id == digest, link.isValid(at: now), var account = context.account,
        account.userID == link.userID
      else { return .failure(.linkInvalid) }
      if let problem = NewPasswordProblem.check(password, password, account: account) {
        return .failure(.password(problem))
      }
      guard let hash = prepared.newPasswordHash else { return .failure(.linkInvalid) }
      link.used = true
      account.passwordHash = hash
      account.initialPasswordHash = nil
      account.initialPasswordExpiresAt = nil
      account.failedKeywordCount = 0
      account.keywordLockedUntil = nil
      return .success((link, [.putRequest(link), .putAccount(account)]))
    }
  }
}
