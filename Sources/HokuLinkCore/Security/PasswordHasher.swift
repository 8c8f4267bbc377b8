import Crypto
import CryptoExtras
import Foundation

/// Hashes and checks passwords, initial passwords and secret keywords (SPEC §4).
public struct PasswordHasher: Sendable {
  public let configuration: KDFConfiguration

  public init(configuration: KDFConfiguration) { self.configuration = configuration }

  private static let keyBytes = 32

  /// Hashes a password after NFKC, so full-width and half-width forms of the same text match.
  public func hash(_ secret: String) -> PasswordHash {
    let salt = Token.randomBytes(Assumptions.saltBytes)
    let key = Self.derive(normalised(secret), salt: salt, iterations: configuration.iterations)
    return PasswordHash(
      algorithm: PasswordHash.pbkdf2SHA256, iterations: configuration.iterations,
      salt: Data(salt).base64EncodedString(), hash: Data(key).base64EncodedString())
  }

  /// Checks a password with the parameters stored in the hash, comparing in constant time.
  public func verify(_ secret: String, against stored: PasswordHash) -> Bool {
    // The iteration cap keeps an edited data file from turning one login into minutes of CPU.
    guard stored.algorithm == PasswordHash.pbkdf2SHA256, (1...10_000_000).contains(stored.iterations),
      let salt = Data(base64Encoded: stored.salt), let expected = Data(base64Encoded: stored.hash),
      expected.count == Self.keyBytes
    else {
      dummyVerify(secret)
      return false
    }
    let key = Self.derive(normalised(secret), salt: [UInt8](salt), iterations: stored.iterations)
    return Self.constantTimeEqual(key, [UInt8](expected))
  }

  /// Spends the time of one `verify`, for an unknown account, so timing does not tell which IDs exist.
  public func dummyVerify(_ secret: String) {
    let key = Self.derive(normalised(secret), salt: Self.dummySalt, iterations: configuration.iterations)
    _ = Self.constantTimeEqual(key, Self.dummySalt + Self.dummySalt)
  }

  /// Secret keywords are compared after NFKC and katakana→hiragana folding (SPEC §2), then hashed like passwords.
  public func hashKeyword(_ keyword: String) -> PasswordHash { hash(KanaFolding.fold(keyword)) }

  public func verifyKeyword(_ keyword: String, against stored: PasswordHash) -> Bool {
    verify(KanaFolding.fold(keyword), against: stored)
  }

  private func normalised(_ secret: String) -> [UInt8] {
    Array(secret.precomposedStringWithCompatibilityMapping.utf8)
  }

  private static let dummySalt = [UInt8](repeating: 0x5A, count: 16)

  private static func derive(_ secret: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
    CostProbe.note(.kdf(iterations: iterations))
    do {
      // "unchecked" only because tests use fewer rounds; production passes Assumptions.pbkdf2Iterations.
      let key = try KDF.Insecure.PBKDF2.deriveKey(
        from: secret, salt: salt, using: .sha256, outputByteCount: keyBytes, unsafeUncheckedRounds: iterations)
      return key.withUnsafeBytes { Array($0) }
    } catch {
      // BoringSSL's PBKDF2 fails only when it cannot allocate; continuing would store or accept a bad hash.
      fatalError("PBKDF2 failed: \(error)")
    }
  }

  /// Looks at every byte whatever the first difference, so the time does not leak how much matched.
  static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
  }
}
