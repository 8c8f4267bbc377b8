import Foundation

/// What this simulated phone (or PC) remembers about itself: whether the app is installed, and which
/// mail addresses its mail app shows (those typed on it).
public struct DeviceRecord: StoredRecord, Equatable {
  public static let kind = "devices"
  public var recordID: String
  public var name: String
  public var appInstalled: Bool
  public var mailAddresses: [String]
  /// Customer numbers whose postcards this device's letterbox shows.
  public var letterboxCustomers: [String]
  /// This device's own random token (like a cookie): made once, never shown; an account keeps only its digest.
  /// Optional so that records written before it existed still read.
  public var deviceToken: String?
  /// Whether 「ほくリンクアプリ利用規約」 has been agreed to on this device (step 10 is then skipped).
  public var appTermsAccepted: Bool?

  /// The member logged in on this device (home reached), until ログアウト or `expiresAt`.
  public var memberSession: MemberSession?

  public init(name: String) {
    self.recordID = DeviceRecord.recordID(for: name)
    self.name = name
    self.appInstalled = false
    self.mailAddresses = []
    self.letterboxCustomers = []
  }

  /// A file-safe id for any device name.
  public static func recordID(for name: String) -> String {
    let safe = name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
    }
    return safe && !name.isEmpty && name.count <= 40 ? name : "d-" + Token.digest(name).prefix(24)
  }
}

/// A member logged in on a device: home was reached after a whole login, so a restart opens home again until
/// ログアウト or `Assumptions.memberSessionLifetime`.
public struct MemberSession: Codable, Sendable, Equatable {
  public var userID: String
  /// Logged in on the PC site (the my-page), else in the app.
  public var onPC: Bool
  public var expiresAt: Date

  public init(userID: String, onPC: Bool, since: Date) {
    self.userID = userID
    self.onPC = onPC
    self.expiresAt = since.addingTimeInterval(Assumptions.memberSessionLifetime)
  }

  public func isValid(at now: Date) -> Bool { now < expiresAt }
}
