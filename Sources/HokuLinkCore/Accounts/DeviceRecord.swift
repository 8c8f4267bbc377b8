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
