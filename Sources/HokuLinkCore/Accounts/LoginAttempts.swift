import Foundation

/// Failed logins counted per typed 利用者ID, whether or not that ID exists, so the answers
/// (wrong, locked) never tell which IDs are real. Stored at `login-attempts/<keyed hash of the typed ID>.json`.
public struct LoginAttempts: StoredRecord, Equatable {
  public static let kind = "login-attempts"
  public var recordID: String { id }

  public var id: String
  public var failedPasswordCount: Int
  public var lockedUntil: Date?

  /// A fresh count for a typed ID in this data folder.
  public init(typedID: String, in store: Store) throws {
    self.id = try Self.recordID(forTypedID: typedID, in: store)
    self.failedPasswordCount = 0
    self.lockedUntil = nil
  }

  /// The typed ID is hashed for the file name under the folder's key (HMAC-SHA256, `NameKeys`): it may hold any
  /// characters, it may be someone's real ID, and it may be a password typed into the wrong field.
  public static func recordID(forTypedID typedID: String, in store: Store) throws -> String {
    try store.keyedLoginAttemptsID(normalisedTypedID: UserIDGenerator.normalise(typedID))
  }

  public func isLocked(at now: Date) -> Bool {
    guard let lockedUntil else { return false }
    return now < lockedUntil
  }

  /// Counts one wrong password; the fifth in a row locks for `Assumptions.lockoutDuration`.
  public mutating func recordFailure(at now: Date) {
    if let lockedUntil, now >= lockedUntil {
      // A lock that has run out starts a fresh count.
      self.lockedUntil = nil
      failedPasswordCount = 0
    }
    failedPasswordCount += 1
    if failedPasswordCount >= Assumptions.lockoutThreshold {
      lockedUntil = now.addingTimeInterval(Assumptions.lockoutDuration)
    }
  }

  public mutating func recordSuccess() {
    failedPasswordCount = 0
    lockedUntil = nil
  }
}
