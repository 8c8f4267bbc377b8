import Foundation
import TmuxTesting

/// A program started directly (posix_spawn with an empty signal mask and default handlers: Foundation's
/// `Process` hands its children the calling thread's blocked signals), its output in files.
final class Spawned {
  let pid: pid_t
  let stdoutURL: URL
  let stderrURL: URL
  private(set) var status: Int32?

  init(_ path: String, _ arguments: [String], environment: [String: String] = [:], stdin: String = "/dev/null") throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-\(UUID().uuidString)")
    stdoutURL = base.appendingPathExtension("out")
    stderrURL = base.appendingPathExtension("err")
    var env = ProcessInfo.processInfo.environment
    env["LANG"] = "C.UTF-8"
    env.merge(environment) { $1 }
    pid = try spawnWithCleanSignals(
      path, arguments, environment: env, stdin: stdin, stdout: stdoutURL.path, stderr: stderrURL.path)
  }

  deinit {
    if status == nil {
      kill(pid, SIGKILL)
      _ = wait(seconds: 10)
    }
    try? FileManager.default.removeItem(at: stdoutURL)
    try? FileManager.default.removeItem(at: stderrURL)
  }

  var output: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
  var error: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

  /// The exit status once it has ended (polled), else nil when `seconds` passed.
  @discardableResult
  func wait(seconds: Double) -> Int32? {
    if let status { return status }
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      var raw: Int32 = 0
      if waitpid(pid, &raw, WNOHANG) == pid {
        status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        return status
      }
      usleep(20_000)
    } while Date() < deadline
    return nil
  }

  /// Runs a program to its end (or kills it after `seconds`).
  static func run(
    _ path: String, _ arguments: [String], environment: [String: String] = [:], seconds: Double = 60
  ) throws -> (status: Int32?, output: String, error: String) {
    let process = try Spawned(path, arguments, environment: environment)
    let status = process.wait(seconds: seconds)
    return (status, process.output, process.error)
  }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  repeat {
    if try condition() { return true }
    usleep(50_000)
  } while Date() < deadline
  return false
}

/// The processes in /proc: who is whose child, and which are zombies.
enum ProcessTable {
  struct Entry {
    let pid: pid_t
    let parent: pid_t
    let state: Character
    let commandLine: [String]
  }

  static func entries() -> [Entry] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return names.compactMap { name -> Entry? in
      guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 2, let parent = pid_t(fields[1]), let state = fields[0].first else { return nil }
      let raw = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") ?? Data()
      let words = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      return Entry(pid: pid, parent: parent, state: state, commandLine: words)
    }
  }

  static func children(of parent: pid_t) -> [Entry] {
    entries().filter { $0.parent == parent }
  }

  static func exists(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
  }

  static func environment(of pid: pid_t) -> [String: String] {
    let raw = FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data()
    var result: [String: String] = [:]
    for entry in raw.split(separator: 0).map({ String(decoding: $0, as: UTF8.self) }) {
      if let equals = entry.firstIndex(of: "=") {
        result[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
      }
    }
    return result
  }
}

/// A running `hokulink-serve` on a free loopback port, with its own data folder.
final class ServeProcess {
  let folder: URL
  let process: Spawned
  let port: Int

  init(
    _ arguments: [String] = [], folder: URL? = nil, environment: [String: String] = [:], appBinary: Bool = true
  ) throws {
    self.folder =
      folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-data-\(UUID().uuidString)")
    process = try Spawned(
      BuiltProducts.hokulinkServe,
      ["--port", "0", "--data-dir", self.folder.path] + arguments,
      environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"].merging(environment) { $1 })
    var found: Int?
    _ = eventually(seconds: 60) { [process] in
      if let line = process.output.split(separator: "\n").first(where: { $0.contains("listening on 127.0.0.1:") }),
        let portText = line.split(separator: ":").last?.split(separator: " ").first
      {
        found = Int(portText)
      }
      return found != nil || process.wait(seconds: 0) != nil
    }
    guard let found else {
      throw ServeTestError("the server did not start: \(process.output) \(process.error)")
    }
    port = found
  }

  deinit {
    if process.wait(seconds: 0) == nil {
      kill(process.pid, SIGTERM)
      if process.wait(seconds: 20) == nil { kill(process.pid, SIGKILL) }
    }
  }

  var log: String { process.output }

  /// The `hokulink` sessions it runs now.
  var apps: [ProcessTable.Entry] {
    ProcessTable.children(of: process.pid).filter { $0.commandLine.first?.hasSuffix("/hokulink") ?? false }
  }

  /// Children it has not reaped.
  var zombies: [ProcessTable.Entry] {
    ProcessTable.children(of: process.pid).filter { $0.state == "Z" }
  }

  func app(device: String) -> ProcessTable.Entry? {
    apps.first { entry in
      guard let index = entry.commandLine.firstIndex(of: "--device"), index + 1 < entry.commandLine.count else {
        return false
      }
      return entry.commandLine[index + 1] == device
    }
  }

  /// ssh's options for this server: no configuration file, no host key checks, no agent, nothing interactive.
  /// `extra` comes first, since ssh keeps the first value it is given for an option.
  func sshArguments(_ user: String, _ extra: [String] = []) -> [String] {
    extra + [
      "-F", "/dev/null", "-p", "\(port)", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
      "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "IdentityAgent=none", "-o", "ConnectTimeout=30",
    ] + ["\(user)@127.0.0.1"]
  }

  /// A shell command line that runs ssh and then prints its exit status.
  func sshCommand(_ user: String, _ extra: [String] = [], then trailer: String = "; echo SSH-EXITED $?; sleep 60")
    -> String
  {
    (["/usr/bin/ssh", "-tt"] + sshArguments(user, extra)).map(TmuxSession.quote).joined(separator: " ") + trailer
  }
}

/// A TCP socket on loopback, for what a tunnel carries.
enum Loopback {
  /// A port nothing listens on now (bound, read back, closed).
  static func freePort() -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(socket, pointer, length) == 0 ? getsockname(socket, pointer, &length) : -1
      }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Connects to 127.0.0.1:port and reads until the other end closes (or `seconds` pass); nil if it refuses.
  static func readAll(port: Int, seconds: Double = 30) -> String? {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { return nil }
    var timeout = timeval(tv_sec: 1, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var received = Data()
    _ = eventually(seconds: seconds) {
      var buffer = [UInt8](repeating: 0, count: 1024)
      let count = read(socket, &buffer, buffer.count)
      if count > 0 { received.append(contentsOf: buffer[..<count]) }
      return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
    }
    return String(decoding: received, as: UTF8.self)
  }
}

struct ServeTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
