import Crypto
import Foundation
import NIOCore
import NIOSSH

/// One TCP connection: who it is from, who logged in. Touched only on the connection's event loop (its SSH
/// channels share that loop).
final class Connection: @unchecked Sendable {
  let address: String
  /// The server's port as this client reached it (for the commands the refusals suggest).
  let port: Int
  var userName: String?
  var failedAttempts = 0

  init(address: String, port: Int) {
    self.address = address
    self.port = port
  }
}

/// The keys `--authorized-keys` lists, one OpenSSH public key a line (`ssh-ed25519 AAAA… comment`).
public struct AuthorizedKeys: Sendable {
  let keys: [NIOSSHPublicKey]

  public static func load(_ url: URL) throws(ServeError) -> AuthorizedKeys {
    guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
    else { throw ServeError("Could not read the authorized keys file \(url.path).") }
    var keys: [NIOSSHPublicKey] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let words = line.split(separator: " ", omittingEmptySubsequences: true)
      guard !(words.first?.hasPrefix("#") ?? true) else { continue }
      // Options before the key (`from="…" ssh-ed25519 …`) are not supported: the key is found after them.
      guard let start = words.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") }),
        start + 1 < words.count
      else { continue }
      if let key = try? NIOSSHPublicKey(openSSHPublicKey: "\(words[start]) \(words[start + 1])") {
        keys.append(key)
      }
    }
    guard !keys.isEmpty else {
      throw ServeError("The authorized keys file \(url.path) has no ed25519 or ECDSA key this server can use.")
    }
    return AuthorizedKeys(keys: keys)
  }
}

/// Lets in whoever the configuration allows, and ends the connection at the sixth wrong password or key.
final class Authenticator: NIOSSHServerUserAuthenticationDelegate {
  private let mode: AuthMode
  private let passwordDigest: SHA256.Digest?
  private let keys: AuthorizedKeys?
  private let maxAttempts: Int
  private let connection: Connection
  private let channel: Channel

  init(configuration: ServeConfiguration, keys: AuthorizedKeys?, connection: Connection, channel: Channel) {
    self.mode = configuration.auth
    self.passwordDigest = configuration.password.map { SHA256.hash(data: Data($0.utf8)) }
    self.keys = keys
    self.maxAttempts = configuration.maxAuthAttempts
    self.connection = connection
    self.channel = channel
  }

  var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods {
    switch mode {
    case .none, .password: .password
    case .keys: .publicKey
    }
  }

  func requestReceived(
    request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
  ) {
    let accepted: Bool
    switch (mode, request.request) {
    case (.none, _):
      accepted = true
    case (.password, .password(let offer)):
      // Digests of equal length, compared without an early exit.
      accepted = passwordDigest.map { SHA256.hash(data: Data(offer.password.utf8)) == $0 } ?? false
    case (.keys, .publicKey(let offer)):
      accepted = keys?.keys.contains(offer.publicKey) ?? false
    case (_, .none):
      // The client asking which methods there are: not an attempt.
      responsePromise.succeed(.failure)
      return
    default:
      accepted = false
    }
    if accepted {
      connection.userName = request.username
      responsePromise.succeed(.success)
      return
    }
    connection.failedAttempts += 1
    if connection.failedAttempts >= maxAttempts {
      // Closed before the failure is answered, so there is no next attempt to make.
      channel.close(promise: nil)
      responsePromise.fail(ChannelError.ioOnClosedChannel)
      return
    }
    responsePromise.succeed(.failure)
  }
}
