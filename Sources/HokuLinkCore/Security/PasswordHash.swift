/// A salted slow hash with its algorithm and parameters stored beside it, so the cost can be raised later
/// and old hashes still verify.
public struct PasswordHash: Codable, Sendable, Equatable {
  public static let pbkdf2SHA256 = "pbkdf2-sha256"

  public var algorithm: String
  public var iterations: Int
  /// Base64 of the random salt.
  public var salt: String
  /// Base64 of the derived key.
  public var hash: String

  public init(algorithm: String, iterations: Int, salt: String, hash: String) {
    self.algorithm = algorithm
    self.iterations = iterations
    self.salt = salt
    self.hash = hash
  }
}
