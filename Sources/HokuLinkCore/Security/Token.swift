import Crypto
import Foundation

/// Random tokens for links and devices: CSPRNG, `Assumptions.tokenBytes` bytes, URL-safe base64.
/// Only `digest` is ever stored; the token itself travels in the mail or stays on the device.
public enum Token {
  public static func generate() -> String {
    Data(randomBytes(Assumptions.tokenBytes)).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// SHA-256 hex of the token: a token has 256 bits of entropy, so a fast hash is enough to store it.
  public static func digest(_ token: String) -> String {
    Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
  }

  /// Bytes from the system CSPRNG (getrandom on Linux).
  static func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }
}
