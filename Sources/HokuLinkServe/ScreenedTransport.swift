import Crypto
import Foundation
import NIOCore
import NIOSSH

/// AES-GCM in OpenSSH's mode (RFC 5647 with the MAC negotiation ignored), through NIOSSH's public
/// `NIOSSHTransportProtection`, so that the server sees each packet once decrypted, before NIOSSH parses it.
///
/// Why: swift-nio-ssh 0.15.1 parses a channel request of a type it does not know as `.unknown` without reading
/// its fields, then finds bytes left in the packet and fails the whole connection (`invalidPacketFormat`), so
/// `ssh -X` (an x11-req with a cookie) would drop the connection before a word could be said. Here such a request
/// is handed on as an `env` request named `ScreenedRequest.marker` whose value is the request's type: NIOSSH
/// delivers it to the session, which answers failure and says why, and the session goes on.
class ScreenedAESGCM {
  private var outboundKey: SymmetricKey
  private var inboundKey: SymmetricKey
  private var outboundNonce: [UInt8]
  private var inboundNonce: [UInt8]

  class var keySize: Int { 32 }

  required init(initialKeys: NIOSSHSessionKeys) throws {
    (outboundKey, inboundKey, outboundNonce, inboundNonce) = try Self.unpack(initialKeys)
  }

  private static func unpack(_ keys: NIOSSHSessionKeys) throws -> (SymmetricKey, SymmetricKey, [UInt8], [UInt8]) {
    guard keys.outboundEncryptionKey.bitCount == keySize * 8, keys.inboundEncryptionKey.bitCount == keySize * 8,
      keys.initialOutboundIV.count == 12, keys.initialInboundIV.count == 12
    else { throw TransportError.badKeys }
    return (keys.outboundEncryptionKey, keys.inboundEncryptionKey, keys.initialOutboundIV, keys.initialInboundIV)
  }

  /// RFC 5647 §7.1: the last 8 of the 12 octets are a big-endian invocation counter.
  private static func increment(_ nonce: inout [UInt8]) {
    var index = 11
    while index >= 4 {
      nonce[index] &+= 1
      if nonce[index] != 0 { return }
      index -= 1
    }
  }
}

extension ScreenedAESGCM: NIOSSHTransportProtection {
  static var cipherName: String { keySize == 32 ? "aes256-gcm@openssh.com" : "aes128-gcm@openssh.com" }
  static var macName: String? { nil }
  static var cipherBlockSize: Int { 16 }
  static var keySizes: ExpectedKeySizes { .init(ivSize: 12, encryptionKeySize: keySize, macKeySize: 16) }
  var macBytes: Int { 16 }
  var lengthEncrypted: Bool { false }

  func updateKeys(_ newKeys: NIOSSHSessionKeys) throws {
    (outboundKey, inboundKey, outboundNonce, inboundNonce) = try Self.unpack(newKeys)
  }

  // The length is sent in the clear (it is the associated data): nothing to do.
  func decryptFirstBlock(_ source: inout ByteBuffer) throws {}

  func decryptAndVerifyRemainingPacket(_ source: inout ByteBuffer, sequenceNumber: UInt32) throws -> ByteBuffer {
    guard let length = source.readBytes(length: 4), source.readableBytes > 16,
      let ciphertext = source.readBytes(length: source.readableBytes - 16), let tag = source.readBytes(length: 16),
      ciphertext.count % Self.cipherBlockSize == 0
    else { throw TransportError.badPacket }
    let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: inboundNonce), ciphertext: ciphertext, tag: tag)
    let plaintext = [UInt8](try AES.GCM.open(box, using: inboundKey, authenticating: length))
    Self.increment(&inboundNonce)
    // padding_length, payload, padding.
    guard let padding = plaintext.first.map(Int.init), padding + 1 <= plaintext.count else {
      throw TransportError.badPacket
    }
    return ByteBuffer(bytes: ScreenedRequest.screen(plaintext[1..<(plaintext.count - padding)]))
  }

  func encryptPacket(_ destination: inout ByteBuffer, sequenceNumber: UInt32) throws {
    let start = destination.readerIndex
    guard let length = destination.getBytes(at: start, length: 4),
      let body = destination.getBytes(at: start + 4, length: destination.readableBytes - 4)
    else { throw TransportError.badPacket }
    let box = try AES.GCM.seal(
      body, using: outboundKey, nonce: AES.GCM.Nonce(data: outboundNonce), authenticating: length)
    destination.setContiguousBytes(box.ciphertext, at: start + 4)
    destination.writeContiguousBytes(box.tag)
    Self.increment(&outboundNonce)
  }
}

/// NIOSSH's own errors for these cases are internal to it; any error here ends the connection.
enum TransportError: Error {
  case badKeys
  case badPacket
}

final class ScreenedAES256GCM: ScreenedAESGCM {
  override class var keySize: Int { 32 }
}

final class ScreenedAES128GCM: ScreenedAESGCM {
  override class var keySize: Int { 16 }
}

/// The one rewrite: a channel request NIOSSH cannot parse becomes an `env` request it can.
enum ScreenedRequest {
  /// The `env` name the session recognises; its value is the original request's type (x11-req, …).
  static let marker = "hokulink-screened-request"

  /// The channel request types swift-nio-ssh 0.15.1 reads in full.
  static let understood: Set<String> = [
    "env", "exec", "exit-status", "exit-signal", "pty-req", "shell", "subsystem", "window-change", "xon-xoff", "signal",
  ]

  static let channelRequest: UInt8 = 98

  static func screen(_ payload: ArraySlice<UInt8>) -> [UInt8] {
    var reader = ByteBuffer(bytes: payload)
    guard reader.readInteger(as: UInt8.self) == channelRequest, let recipient = reader.readInteger(as: UInt32.self),
      let typeLength = reader.readInteger(as: UInt32.self), typeLength <= 256,
      let type = reader.readString(length: Int(typeLength)), let wantReply = reader.readInteger(as: UInt8.self),
      !understood.contains(type)
    else { return Array(payload) }
    var rewritten = ByteBuffer()
    rewritten.writeInteger(channelRequest)
    rewritten.writeInteger(recipient)
    for (index, text) in ["env", marker, type].enumerated() {
      rewritten.writeInteger(UInt32(text.utf8.count))
      rewritten.writeString(text)
      if index == 0 { rewritten.writeInteger(wantReply) }
    }
    return Array(rewritten.readableBytesView)
  }
}
