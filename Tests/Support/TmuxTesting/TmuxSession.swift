import Foundation

/// The real binary in a real terminal: a detached tmux session on a private socket.
public final class TmuxSession {
  public let socket: String
  public let name = "hk"

  /// Starts `command` (a shell command line) in a new session of the given size with LANG=C.UTF-8.
  public init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
    socket = "hk-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "NCURSES_NO_UTF8_ACS": "1"]
    env.merge(environment) { $1 }
    let exports = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.joined(
      separator: " ")
    try startServer([
      "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
      "env \(exports) \(command)",
    ])
    try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    try tmux(["set-option", "-t", name, "window-size", "manual"])
  }

  deinit {
    _ = try? tmux(["kill-server"])
  }

  public static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
  }

  public static func quote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// `new-session` forks the tmux server, which lives on after the test. Foundation's `Process` hands its
  /// children the calling thread's blocked signals, and a tmux server (and the app in it) with SIGCHLD,
  /// SIGHUP and SIGTERM blocked never ends, nor notices a hang-up; its `waitUntilExit` also hung here.
  /// So the server is spawned directly with an empty signal mask and default handlers, and reaped with waitpid.
  private func startServer(_ arguments: [String]) throws {
    let pid = try spawnWithCleanSignals(
      "/usr/bin/tmux", ["-L", socket] + arguments, environment: ProcessInfo.processInfo.environment)
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
  }

  @discardableResult
  public func tmux(_ arguments: [String]) throws -> String {
    try TmuxSession.run("/usr/bin/tmux", ["-L", socket] + arguments)
  }

  /// Runs a program to its end and returns what it printed. The output goes through a file, not a pipe:
  /// tmux's server inherits the descriptor when it starts, and a pipe would then never reach its end.
  @discardableResult
  public static func run(_ path: String, _ arguments: [String]) throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("hk-out-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let handle = try FileHandle(forWritingTo: output)
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
  }

  /// Key names as tmux understands them (Enter, Escape, Tab, BTab, C-c, F1…).
  public func send(_ keys: String...) throws {
    try tmux(["send-keys", "-t", name] + keys)
  }

  /// Literal text, typed character by character.
  public func type(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-l", text])
  }

  /// Text delivered as a bracketed paste (tmux wraps it in the paste markers when the app asked for them).
  public func paste(_ text: String) throws {
    try tmux(["set-buffer", "-b", "hkpaste", text])
    try tmux(["paste-buffer", "-p", "-b", "hkpaste", "-t", name])
  }

  public func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", name])
  }

  public func format(_ spec: String) throws -> String {
    try tmux(["display-message", "-p", "-t", name, spec]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  public var cursor: (x: Int, y: Int) {
    get throws {
      let parts = try format("#{cursor_x},#{cursor_y}").split(separator: ",").compactMap { Int($0) }
      return (parts.first ?? -1, parts.last ?? -1)
    }
  }

  public func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  /// Polls the screen until `text` shows, for at most `seconds`; returns the last screen either way.
  @discardableResult
  public func waitFor(_ text: String, seconds: Double = 30) throws -> (found: Bool, screen: String) {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    repeat {
      last = try screen()
      if last.contains(text) { return (true, last) }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < deadline
    return (false, last)
  }

  /// Polls until `condition` holds on the screen.
  @discardableResult
  public func waitUntil(seconds: Double = 30, _ condition: (String) -> Bool) throws -> (found: Bool, screen: String) {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    repeat {
      last = try screen()
      if condition(last) { return (true, last) }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < deadline
    return (false, last)
  }

  public var panePID: Int32 {
    get throws { Int32(try format("#{pane_pid}")) ?? -1 }
  }
}
