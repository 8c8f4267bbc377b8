import Crypto
import Foundation
import NIOSSH

/// The server's ed25519 host key: created once (0600), in OpenSSH's own file format so `ssh-keygen -lf` reads it
/// too, and refused when others may read it.
public struct HostKey: Sendable {
  public let key: Curve25519.Signing.PrivateKey

  public var sshKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: key) }

  /// As `ssh-keygen -lf` prints it: `SHA256:` and the unpadded base64 of the public key blob's digest.
  public var fingerprint: String {
    let digest = Data(SHA256.hash(data: Self.publicBlob(key.publicKey.rawRepresentation)))
    return "SHA256:" + digest.base64EncodedString().replacingOccurrences(of: "=", with: "")
  }

  public var openSSHPublicKey: String {
    "ssh-ed25519 " + Self.publicBlob(key.publicKey.rawRepresentation).base64EncodedString()
  }

  public init(key: Curve25519.Signing.PrivateKey) { self.key = key }

  /// Reads the key at `url`, or creates it there (and its folder, 0700) when there is none.
  public static func loadOrCreate(at url: URL) throws(ServeError) -> (key: HostKey, created: Bool) {
    var info = stat()
    if stat(url.path, &info) == 0 {
      if info.st_mode & 0o077 != 0 {
        throw ServeError(
          "The host key \(url.path) may be read by others (mode \(String(info.st_mode & 0o777, radix: 8))): "
            + "chmod 600 it, or remove it to make a new one.")
      }
      guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8),
        let key = parse(text)
      else {
        throw ServeError("The host key \(url.path) is not an unencrypted OpenSSH ed25519 private key.")
      }
      return (HostKey(key: key), false)
    }
    let key = HostKey(key: Curve25519.Signing.PrivateKey())
    try key.write(to: url)
    return (key, true)
  }

  private func write(to url: URL) throws(ServeError) {
    let folder = url.deletingLastPathComponent().path
    if !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      } catch {
        throw ServeError("Could not make the folder \(folder) for the host key: \(error.localizedDescription).")
      }
    }
    let bytes = Array(Self.format(key).utf8)
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw ServeError("Could not create the host key \(url.path): \(String(cString: strerror(errno))).")
    }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else {
      throw ServeError("Could not write the host key \(url.path): \(String(cString: strerror(errno))).")
    }
  }

  static func publicBlob(_ raw: Data) -> Data {
    var blob = Data()
    blob.appendSSHString(Data("ssh-ed25519".utf8))
    blob.appendSSHString(raw)
    return blob
  }

  /// OpenSSH's `openssh-key-v1` container, unencrypted, with one ed25519 key.
  static func format(_ key: Curve25519.Signing.PrivateKey) -> String {
    let publicRaw = key.publicKey.rawRepresentation
    var secret = Data()
    let check = UInt32.random(in: .min ... .max)
    secret.appendUInt32(check)
    secret.appendUInt32(check)
    secret.appendSSHString(Data("ssh-ed25519".utf8))
    secret.appendSSHString(publicRaw)
    secret.appendSSHString(key.rawRepresentation + publicRaw)
    secret.appendSSHString(Data("hokulink-serve".utf8))
    var pad: UInt8 = 1
    while secret.count % 8 != 0 {
      secret.append(pad)
      pad += 1
    }
    var body = Data("openssh-key-v1".utf8) + [0]
    body.appendSSHString(Data("none".utf8))
    body.appendSSHString(Data("none".utf8))
    body.appendSSHString(Data())
    body.appendUInt32(1)
    body.appendSSHString(publicBlob(publicRaw))
    body.appendSSHString(secret)
    let encoded = body.base64EncodedString()
    var lines: [String] = []
    var index = encoded.startIndex
    while index < encoded.endIndex {
      let end = encoded.index(index, offsetBy: 70, limitedBy: encoded.endIndex) ?? encoded.endIndex
      lines.append(String(encoded[index..<end]))
      index = end
    }
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + lines.joined(separator: "\n")
      + "\n-----END OPENSSH PRIVATE KEY-----\n"
  }

  static func parse(_ text: String) -> Curve25519.Signing.PrivateKey? {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    guard lines.first == "-----BEGIN OPENSSH PRIVATE KEY-----", lines.last == "-----END OPENSSH PRIVATE KEY-----",
      let body = Data(base64Encoded: lines.dropFirst().dropLast().joined())
    else { return nil }
    var reader = SSHReader(body)
    guard reader.bytes(15) == Data("openssh-key-v1".utf8) + [0], reader.string() == Data("none".utf8),
      reader.string() == Data("none".utf8), reader.string() != nil, reader.uint32() == 1, reader.string() != nil,
      let secret = reader.string()
    else { return nil }
    var inner = SSHReader(secret)
    guard let first = inner.uint32(), inner.uint32() == first, inner.string() == Data("ssh-ed25519".utf8),
      let publicRaw = inner.string(), let privateRaw = inner.string(), privateRaw.count == 64,
      let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateRaw.prefix(32)),
      key.publicKey.rawRepresentation == publicRaw
    else { return nil }
    return key
  }
}

extension Data {
  mutating func appendUInt32(_ value: UInt32) {
    append(contentsOf: [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF),
    ])
  }

  mutating func appendSSHString(_ value: Data) {
    appendUInt32(UInt32(value.count))
    append(value)
  }
}

struct SSHReader {
  private let data: Data
  private var offset: Int

  init(_ data: Data) {
    self.data = Data(data)
    self.offset = 0
  }

  mutating func bytes(_ count: Int) -> Data? {
    guard count >= 0, offset + count <= data.count else { return nil }
    defer { offset += count }
    return data.subdata(in: offset..<(offset + count))
  }

  mutating func uint32() -> UInt32? {
    guard let raw = bytes(4) else { return nil }
    return raw.reduce(0) { ($0 << 8) | UInt32($1) }
  }

  mutating func string() -> Data? {
    guard let count = uint32(), count < 1 << 20 else { return nil }
    return bytes(Int(count))
  }
}
