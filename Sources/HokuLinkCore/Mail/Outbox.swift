import Foundation

/// A mail that a flow's transition sends, stored at `outbox/<key>.json` in the SAME store transaction as the record
/// it announces (the account, the pending sign-up, the reset request), so a kill can never leave one without the
/// other. `Mailbox.deliverOutbox` moves it into the Maildir after the commit, idempotently by its Message-ID, and
/// then removes it: the service that committed does so at once, and whichever process opens the store next makes
/// good a delivery that a kill cut short (`Store.init`).
public struct OutboxMail: StoredRecord, Equatable {
  public static let kind = "outbox"
  public var recordID: String { key }

  /// Stable for the mail's life: names the record, the Message-ID and the Maildir file, so a second delivery of the
  /// same mail finds the first. Letters, digits and `-` only, led by the seconds so the outbox lists in order.
  public var key: String
  public var to: String
  public var subject: String
  public var body: String
  public var date: Date
  /// A decoy is delivered into the private `mail-decoy` folder with the same steps as a real mail (SPEC §4): it
  /// answers a request that matched nobody, and nobody receives it.
  public var decoy: Bool
  /// The sender's name in the mail's language; nil (mails written before issue 9) is the Japanese one.
  public var from: String?

  public init(
    key: String, to: String, subject: String, body: String, date: Date, decoy: Bool = false, from: String? = nil
  ) {
    self.from = from
    self.key = key
    self.to = to
    self.subject = subject
    self.body = body
    self.date = date
    self.decoy = decoy
  }

  /// A key made of the sending second and a stable name for what the mail announces (a token digest, a 利用者ID).
  public static func key(date: Date, _ purpose: String, _ name: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    let cleaned = String(name.lowercased().map { allowed.contains($0) ? $0 : "-" }.prefix(64))
    return "\(Int(date.timeIntervalSince1970))-\(purpose)-\(cleaned)"
  }

  public var messageID: String { "\(key)@hokulink.example" }

  var message: MailMessage {
    MailMessage(id: messageID, from: from ?? MailFormat.fromName, to: to, subject: subject, date: date, body: body)
  }
}

extension StoreTransaction {
  /// Puts a mail in the outbox, to be delivered once this transaction has committed.
  public mutating func send(_ mail: OutboxMail) throws {
    try put(mail)
  }
}

extension Mailbox {
  /// Delivers every mail waiting in the outbox, then removes it: under the store's lock, so two processes never
  /// deliver one mail twice, and idempotent by Message-ID, so a kill between the Maildir rename and the removal
  /// leaves one message, not two. Returns how many messages reached a Maildir. Not re-entrant: never call it from
  /// inside a `Store.update` body (it takes the same lock).
  @discardableResult
  public func deliverOutbox() throws -> Int {
    // Cheap without the lock: nearly every open of the store finds the outbox empty.
    if try store.ids(of: OutboxMail.self).isEmpty { return 0 }
    return try store.withLock {
      var delivered = 0
      for id in try store.ids(of: OutboxMail.self) {
        guard let mail = try store.read(OutboxMail.self, id: id) else { continue }
        if mail.decoy {
          try writeDecoyLocked(mail.message, unique: mail.key)
        } else if try deliverLocked(mail.message, unique: mail.key, onlyOnce: true) != nil {
          delivered += 1
        }
        try FileIO.remove(store.folder.appendingPathComponent(store.recordPath(OutboxMail.self, id: id)))
      }
      return delivered
    }
  }

  /// The mails still waiting in the outbox (a delivery that failed, or one a kill cut short).
  public func outbox() throws -> [OutboxMail] {
    try store.ids(of: OutboxMail.self).compactMap { try store.read(OutboxMail.self, id: $0) }
  }
}
