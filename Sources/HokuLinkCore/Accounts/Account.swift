import Foundation

/// A ほくリンク member, stored at `accounts/<userID>.json`. Every secret is a salted slow hash.
public struct Account: StoredRecord, Equatable {
  public static let kind = "accounts"
  public var recordID: String { userID }

  /// 会員申請コース
  public enum Course: String, Codable, Sendable {
    /// いますぐ会員コース: the member chose the initial password at step 5-3.
    case immediate
    /// 通常会員コース: the initial password comes on a postcard.
    case postcard
  }

  /// Step 14's プロフィール; nil until the member has set it.
  public struct Profile: Codable, Sendable, Equatable {
    public var nickname: String
    public var birthYear: Int
    public var birthMonth: Int
    /// 性別 as chosen (the input rules own the list).
    public var gender: String
    public var postalCode: String

    public init(nickname: String, birthYear: Int, birthMonth: Int, gender: String, postalCode: String) {
      self.nickname = nickname
      self.birthYear = birthYear
      self.birthMonth = birthMonth
      self.gender = gender
      self.postalCode = postalCode
    }
  }

  /// 利用者ID, upper case.
  public var userID: String
  public var email: String
  /// お客さま番号, digits only.
  public var customerNumber: String
  /// nil until step 12 replaces the initial password.
  public var passwordHash: PasswordHash?
  /// The 初回ログインパスワード; cleared when step 12 sets the new password (see Assumptions).
  public var initialPasswordHash: PasswordHash?
  public var initialPasswordExpiresAt: Date?
  /// The three 秘密のキーワード (folded, then hashed); empty until step 13.
  public var keywordHashes: [PasswordHash]
  public var profile: Profile?
  /// `Token.digest` of each device token that has passed a first login.
  public var knownDeviceDigests: [String]
  public var failedPasswordCount: Int
  public var lockedUntil: Date?
  public var failedKeywordCount: Int
  public var keywordLockedUntil: Date?
  /// 検針結果更新通知メール
  public var notificationMail: Bool
  public var course: Course
  public var createdAt: Date

  public init(
    userID: String, email: String, customerNumber: String, passwordHash: PasswordHash? = nil,
    initialPasswordHash: PasswordHash? = nil, initialPasswordExpiresAt: Date? = nil,
    keywordHashes: [PasswordHash] = [], profile: Profile? = nil, knownDeviceDigests: [String] = [],
    failedPasswordCount: Int = 0, lockedUntil: Date? = nil, failedKeywordCount: Int = 0,
    keywordLockedUntil: Date? = nil, notificationMail: Bool = false, course: Course, createdAt: Date
  ) {
    self.userID = userID
    self.email = email
    self.customerNumber = customerNumber
    self.passwordHash = passwordHash
    self.initialPasswordHash = initialPasswordHash
    self.initialPasswordExpiresAt = initialPasswordExpiresAt
    self.keywordHashes = keywordHashes
    self.profile = profile
    self.knownDeviceDigests = knownDeviceDigests
    self.failedPasswordCount = failedPasswordCount
    self.lockedUntil = lockedUntil
    self.failedKeywordCount = failedKeywordCount
    self.keywordLockedUntil = keywordLockedUntil
    self.notificationMail = notificationMail
    self.course = course
    self.createdAt = createdAt
  }

  /// Whether the initial password may still be used at `now` (unused and not expired).
  public func initialPasswordUsable(at now: Date) -> Bool {
    guard initialPasswordHash != nil, let expiry = initialPasswordExpiresAt else { return false }
    return now < expiry
  }

  public func knowsDevice(token: String) -> Bool { knownDeviceDigests.contains(Token.digest(token)) }

  public mutating func rememberDevice(token: String) {
    let digest = Token.digest(token)
    if !knownDeviceDigests.contains(digest) { knownDeviceDigests.append(digest) }
  }
}

/// Why an account could not be created; worded so a screen can show it as is.
public enum AccountError: Error, Equatable, Sendable, CustomStringConvertible {
  case emailAlreadyRegistered
  case customerAlreadyRegistered
  case userIDTaken

  public var description: String {
    switch self {
    case .emailAlreadyRegistered: return "This e-mail address is already registered."
    case .customerAlreadyRegistered: return "This customer already has a membership."
    case .userIDTaken: return "This user ID is already in use."
    }
  }
}
