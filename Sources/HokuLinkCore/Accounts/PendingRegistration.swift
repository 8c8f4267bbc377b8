import Foundation

/// A sign-up waiting for its mailed link (step 4): single use, 24 hours, voided by a newer request.
/// Stored at `pending/<tokenDigest>.json`; the token itself exists only in the mail.
public struct PendingRegistration: StoredRecord, Equatable {
  public static let kind = "pending"
  public var recordID: String { id }

  /// Equal to `tokenDigest`, so following a link is one file read.
  public var id: String
  public var email: String
  public var tokenDigest: String
  /// 検針結果更新通知メール, chosen at step 3.
  public var notificationMail: Bool
  public var createdAt: Date
  public var expiresAt: Date
  public var used: Bool

  public init(
    email: String, tokenDigest: String, notificationMail: Bool, createdAt: Date, expiresAt: Date, used: Bool = false
  ) {
    self.id = tokenDigest
    self.email = email
    self.tokenDigest = tokenDigest
    self.notificationMail = notificationMail
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.used = used
  }

  public func isValid(at now: Date) -> Bool { !used && now < expiresAt }
}
