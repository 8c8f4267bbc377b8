import Foundation
import Testing
import TmuxTesting

/// The server's defaults and its doors: the host key, who gets in, and what a stranger is refused (issue 10).
@Suite(.enabled(if: TmuxSession.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")))
struct SecurityTests {
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-sec-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  func fingerprint(port: Int) throws -> String {
    let scan = try Spawned.run("/usr/bin/ssh-keyscan", ["-p", "\(port)", "-t", "ed25519", "127.0.0.1"])
    let file = scratch.appendingPathComponent("scan-\(UUID().uuidString)")
    try Data(scan.output.utf8).write(to: file)
    return try fingerprint(ofFile: file)
  }

  func fingerprint(ofFile file: URL) throws -> String {
    let listed = try Spawned.run("/usr/bin/ssh-keygen", ["-lf", file.path])
    return listed.output.split(separator: " ").first { $0.hasPrefix("SHA256:") }.map(String.init) ?? "none"
  }

  @Test func theHostKeyIsMadeOnceWith0600AndARestartKeepsItsFingerprint() throws {
    let folder = scratch.appendingPathComponent("data")
    var first: String
    do {
      let server = try ServeProcess(folder: folder)
      first = try fingerprint(port: server.port)
      #expect(first.hasPrefix("SHA256:") && first.count == 50, "\(first)")
      #expect(server.log.contains("host key: 256 \(first) (ED25519)"), "\(server.log)")
    }
    let key = folder.appendingPathComponent("ssh_host_ed25519_key")
    let mode = try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    // OpenSSH's own tools read the file, and find the same key.
    #expect(try fingerprint(ofFile: key) == first)
    let again = try ServeProcess(folder: folder)
    #expect(try fingerprint(port: again.port) == first)
  }

  @Test func aHostKeyOthersCanReadStopsTheServer() throws {
    let folder = scratch.appendingPathComponent("data")
    _ = try ServeProcess(folder: folder)
    chmod(folder.appendingPathComponent("ssh_host_ed25519_key").path, 0o644)
    let run = try Spawned.run(BuiltProducts.hokulinkServe, ["--port", "0", "--data-dir", folder.path])
    #expect(run.status == 2)
    #expect(run.error.contains("may be read by others"), "\(run.error)")
  }

  @Test func listeningBeyondLoopbackWithoutAuthenticationStopsWithOneSentence() throws {
    for binary in [[BuiltProducts.hokulinkServe], [BuiltProducts.hokulink, "serve"]] {
      let run = try Spawned.run(
        binary[0], Array(binary.dropFirst()) + ["--listen", "0.0.0.0", "--port", "0", "--data-dir", scratch.path])
      #expect(run.status == 2)
      #expect(run.error.contains("needs --auth password or --auth keys"), "\(run.error)")
      #expect(run.error.split(separator: "\n").count == 1)
      #expect(!run.output.contains("listening"))
    }
    let noPassword = try Spawned.run(
      BuiltProducts.hokulinkServe, ["--auth", "password", "--port", "0", "--data-dir", scratch.path],
      environment: ["HOKULINK_SERVE_PASSWORD": ""])
    #expect(noPassword.status == 2)
    #expect(noPassword.error.contains("HOKULINK_SERVE_PASSWORD"))
  }

  /// An askpass program that answers `password` and counts how often it was asked.
  func askpass(_ password: String) throws -> (environment: [String: String], count: () -> Int) {
    let counter = scratch.appendingPathComponent("asked-\(UUID().uuidString)")
    let script = scratch.appendingPathComponent("askpass-\(UUID().uuidString).sh")
    try Data("#!/bin/sh\necho asked >> '\(counter.path)'\necho '\(password)'\n".utf8).write(to: script)
    chmod(script.path, 0o700)
    let environment = ["SSH_ASKPASS": script.path, "SSH_ASKPASS_REQUIRE": "force", "DISPLAY": ":0"]
    return (
      environment,
      {
        ((try? String(contentsOf: counter, encoding: .utf8)) ?? "").split(separator: "\n").count
      }
    )
  }

  static let passwordOptions = [
    "-o", "BatchMode=no", "-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no",
    "-o", "NumberOfPasswordPrompts=10",
  ]

  @Test func passwordAuthenticationLetsTheRightPasswordInAndNotAWrongOne() throws {
    let server = try ServeProcess(
      ["--auth", "password"], environment: ["HOKULINK_SERVE_PASSWORD": "kurobe-dam-1963"])
    let wrong = try askpass("tateyama")
    let refused = try Spawned.run(
      "/usr/bin/ssh", ["-tt", "-o", "NumberOfPasswordPrompts=2"] + server.sshArguments("guest", Self.passwordOptions),
      environment: wrong.environment)
    #expect(refused.status == 255)
    #expect(refused.error.contains("Permission denied"), "\(refused.error)")
    #expect(server.apps.isEmpty)
    let right = try askpass("kurobe-dam-1963")
    let tmux = try TmuxSession(
      command: server.sshCommand("guest", Self.passwordOptions), environment: right.environment)
    let screen = try tmux.waitFor("入手", seconds: 60)
    #expect(screen.found, "\(screen.screen)")
    #expect(!server.log.contains("kurobe-dam-1963") && !server.log.contains("tateyama"))
  }

  @Test func theSixthWrongPasswordEndsTheConnection() throws {
    let server = try ServeProcess(["--auth", "password"], environment: ["HOKULINK_SERVE_PASSWORD": "right-one"])
    let wrong = try askpass("wrong-one")
    let run = try Spawned.run(
      "/usr/bin/ssh", ["-tt"] + server.sshArguments("guest", Self.passwordOptions), environment: wrong.environment)
    #expect(run.status == 255)
    // Ten prompts were allowed; the server let six be tried, so there was no seventh.
    #expect(wrong.count() == 6, "\(run.error)")
  }

  @Test func keyAuthenticationLetsAListedKeyInAndNotAnother() throws {
    for name in ["good", "bad"] {
      let made = try Spawned.run(
        "/usr/bin/ssh-keygen",
        ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", scratch.appendingPathComponent(name).path])
      #expect(made.status == 0)
    }
    let authorized = scratch.appendingPathComponent("authorized_keys")
    try FileManager.default.copyItem(at: scratch.appendingPathComponent("good.pub"), to: authorized)
    let server = try ServeProcess(["--auth", "keys", "--authorized-keys", authorized.path, "--listen", "127.0.0.1"])
    let keyOptions = { (name: String) in
      [
        "-i", scratch.appendingPathComponent(name).path, "-o", "IdentitiesOnly=yes", "-o",
        "PreferredAuthentications=publickey",
      ]
    }
    let refused = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("guest", keyOptions("bad")))
    #expect(refused.status == 255)
    #expect(refused.error.contains("Permission denied"), "\(refused.error)")
    let tmux = try TmuxSession(command: server.sshCommand("guest", keyOptions("good")))
    let screen = try tmux.waitFor("入手", seconds: 60)
    #expect(screen.found, "\(screen.screen)")
  }

  @Test func aSilentConnectionIsDroppedAfterTheLoginGrace() throws {
    let server = try ServeProcess(["--login-grace", "2s"])
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(server.port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(connected == 0)
    var timeout = timeval(tv_sec: 1, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var received = Data()
    // Say nothing; the server sends its version line, then must hang up (read returns 0).
    let closed = eventually(seconds: 60) {
      var buffer = [UInt8](repeating: 0, count: 1024)
      let count = read(socket, &buffer, buffer.count)
      if count > 0 { received.append(contentsOf: buffer[..<count]) }
      return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    }
    #expect(closed)
    #expect(String(decoding: received, as: UTF8.self).hasPrefix("SSH-2.0-"))
  }

  @Test func anAddressThatConnectsTooOftenIsTurnedAway() throws {
    let server = try ServeProcess(["--connections-per-minute", "2"])
    for _ in 0..<2 {
      let allowed = try Spawned.run("/usr/bin/ssh", ["-T"] + server.sshArguments("often"))
      #expect(allowed.status == 1, "\(allowed.error)")
    }
    let third = try Spawned.run("/usr/bin/ssh", ["-T"] + server.sshArguments("often"))
    #expect(third.status == 255)
    #expect(server.log.contains("too many in the last minute"))
  }
}
