import Crypto
import Foundation
import NIOCore
import NIOSSH
import Testing

@testable import HokuLinkServe

/// The server's rules without a network: names, commands, addresses, durations and the host key's file.
@Suite struct ServeRulesTests {
  @Test func aPhoneNameHasLettersDigitsAndDotUnderscoreDashUpTo32() {
    for name in ["taro", "Hanako.Y", "a_b-c", String(repeating: "x", count: 32)] {
      #expect(DeviceName.isValid(name), "\(name)")
    }
    for name in ["", String(repeating: "x", count: 33), "a b", "a+b", "../x", "太郎", "a/b"] {
      #expect(!DeviceName.isValid(name), "\(name)")
    }
  }

  @Test func aCommandMayHoldOnlyTheAppsOptions() {
    let base = AppOptions()
    #expect(base.adding(command: "") == base)
    #expect(base.adding(command: "--lang en --no-guide") == AppOptions(lang: "en", noGuide: true))
    #expect(base.adding(command: "hokulink --pc") == AppOptions(pc: true))
    #expect(base.adding(command: "--lang=ja --accessible") == AppOptions(lang: "ja", accessible: true))
    for command in ["sh", "bash -c id", "--lang fr", "--lang", "--data-dir /", "--device other", "--pc; sh"] {
      #expect(base.adding(command: command) == nil, "\(command)")
    }
  }

  @Test func onlyLoopbackIsLoopback() {
    for address in ["127.0.0.1", "127.1.2.3", "::1", "localhost"] { #expect(ServeConfiguration.isLoopback(address)) }
    for address in ["0.0.0.0", "192.168.1.2", "::", "127.0.0", "example.com"] {
      #expect(!ServeConfiguration.isLoopback(address), "\(address)")
    }
  }

  @Test func noAuthenticationIsRefusedBeyondLoopback() {
    var configuration = ServeConfiguration(dataDir: URL(fileURLWithPath: "/tmp/x"), appPath: "/bin/false")
    configuration.listen = "0.0.0.0"
    #expect(throws: ServeError.self) { try configuration.validate() }
    configuration.auth = .password
    configuration.password = "long enough"
    #expect(throws: Never.self) { try configuration.validate() }
  }

  @Test func durationsReadAsSecondsMinutesOrHours() {
    #expect(ServeConfiguration.parseDuration("15m") == 900)
    #expect(ServeConfiguration.parseDuration("30s") == 30)
    #expect(ServeConfiguration.parseDuration("2h") == 7200)
    #expect(ServeConfiguration.parseDuration("45") == 45)
    #expect(ServeConfiguration.parseDuration("0") == 0)
    #expect(ServeConfiguration.parseDuration("soon") == nil)
    #expect(ServeConfiguration.parseDuration("-1m") == nil)
  }

  @Test func onlyTheAllowlistPassesFromTheClientsEnvironment() {
    for name in ["LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR"] { #expect(ClientEnvironment.allows(name), "\(name)") }
    for name in ["PATH", "LD_PRELOAD", "HOKULINK_TEST_KDF_ITERATIONS", "LC_", "TERM", "lc_all"] {
      #expect(!ClientEnvironment.allows(name), "\(name)")
    }
    #expect(ClientEnvironment.acceptable(name: "LANG", value: "C.UTF-8"))
    #expect(!ClientEnvironment.acceptable(name: "LANG", value: "xx_NOWHERE.UTF-8"))
    #expect(!ClientEnvironment.acceptable(name: "LANG", value: "C.UTF-8\n"))
  }

  @Test func theHostKeyFileRoundTripsInOpenSSHsFormat() throws {
    let key = Curve25519.Signing.PrivateKey()
    let text = HostKey.format(key)
    #expect(text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 70 })
    let read = try #require(HostKey.parse(text))
    #expect(read.rawRepresentation == key.rawRepresentation)
    #expect(HostKey.parse("not a key") == nil)
    let fingerprint = HostKey(key: key).fingerprint
    #expect(fingerprint.hasPrefix("SHA256:") && !fingerprint.hasSuffix("=") && fingerprint.count == 50)
  }

  /// A channel request NIOSSH would fail the connection on becomes an `env` it parses; the rest pass unchanged.
  @Test func aChannelRequestNIOSSHCannotReadIsHandedOnAsAMarkedEnv() {
    func request(_ type: String, wantReply: UInt8, fields: [UInt8]) -> [UInt8] {
      [98, 0, 0, 0, 7] + [0, 0, 0, UInt8(type.utf8.count)] + Array(type.utf8) + [wantReply] + fields
    }
    func sshString(_ text: String) -> [UInt8] { [0, 0, 0, UInt8(text.utf8.count)] + Array(text.utf8) }
    // x11-req: single connection, protocol, cookie, screen.
    let x11 = request(
      "x11-req", wantReply: 1, fields: [0] + sshString("MIT-MAGIC-COOKIE-1") + sshString("00ff") + [0, 0, 0, 0])
    let expected = [98, 0, 0, 0, 7] + sshString("env") + [1] + sshString(ScreenedRequest.marker) + sshString("x11-req")
    #expect(ScreenedRequest.screen(x11[...]) == expected)
    let agent = request("auth-agent-req@openssh.com", wantReply: 0, fields: [])
    #expect(ScreenedRequest.screen(agent[...]).suffix(26) == ArraySlice("auth-agent-req@openssh.com".utf8))
    let shell = request("shell", wantReply: 1, fields: [])
    #expect(ScreenedRequest.screen(shell[...]) == shell)
    let data: [UInt8] = [94, 0, 0, 0, 7, 0, 0, 0, 1, 65]
    #expect(ScreenedRequest.screen(data[...]) == data)
    let cut = Array(x11.prefix(10))
    #expect(ScreenedRequest.screen(cut[...]) == cut)
  }

  /// The server's AES-GCM against swift-crypto directly: RFC 5647's nonce counts up (with its carry), the length is
  /// authenticated, a changed byte is refused, and what comes out is the payload.
  @Test func theScreenedAESGCMSealsAndOpensAsOpenSSHDoes() throws {
    let key = SymmetricKey(size: .bits256)
    let iv: [UInt8] = [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0xFF]
    let keys = NIOSSHSessionKeys(
      initialInboundIV: iv, initialOutboundIV: iv, inboundEncryptionKey: key, outboundEncryptionKey: key,
      inboundMACKey: SymmetricKey(size: .bits128), outboundMACKey: SymmetricKey(size: .bits128))
    let sender = try ScreenedAES256GCM(initialKeys: keys)
    let receiver = try ScreenedAES256GCM(initialKeys: keys)
    func packet(_ payload: [UInt8]) -> ByteBuffer {
      // At least 4 bytes of padding, up to a multiple of the block size.
      let short = 16 - (1 + payload.count) % 16
      let padded = short < 4 ? short + 16 : short
      let body = [UInt8(padded)] + payload + [UInt8](repeating: 0, count: padded)
      var buffer = ByteBuffer()
      buffer.writeInteger(UInt32(body.count))
      buffer.writeBytes(body)
      return buffer
    }
    let payloads: [[UInt8]] = [[94, 0, 0, 0, 1, 0, 0, 0, 2, 104, 105], Array(repeating: 7, count: 40)]
    for (index, payload) in payloads.enumerated() {
      var buffer = packet(payload)
      let plain = buffer
      try sender.encryptPacket(&buffer, sequenceNumber: UInt32(index))
      // The second packet's nonce is the first's plus one: ...00 FF became ...01 00.
      let nonce: [UInt8] = index == 0 ? iv : [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 1, 0]
      let length = plain.getBytes(at: 0, length: 4) ?? []
      let body = plain.getBytes(at: 4, length: plain.readableBytes - 4) ?? []
      let sealed = try AES.GCM.seal(body, using: key, nonce: AES.GCM.Nonce(data: nonce), authenticating: length)
      #expect(buffer.readableBytesView.elementsEqual(length + Array(sealed.ciphertext) + Array(sealed.tag)))
      if index == 0 {
        for position in [3, 10] {
          var tampered = buffer
          tampered.setInteger((tampered.getInteger(at: position, as: UInt8.self) ?? 0) ^ 1, at: position)
          let fresh = try ScreenedAES256GCM(initialKeys: keys)
          #expect(throws: (any Error).self) { try fresh.decryptAndVerifyRemainingPacket(&tampered, sequenceNumber: 0) }
        }
      }
      let opened = try receiver.decryptAndVerifyRemainingPacket(&buffer, sequenceNumber: UInt32(index))
      #expect(Array(opened.readableBytesView) == payload)
      #expect(buffer.readableBytes == 0)
    }
  }
}
