import Foundation

/// The real binary in a real terminal: a detached tmux session on a private socket.
final class TmuxSession {
  let socket: String
  let name = "hk"

  /// Starts `command` (a shell command line) in a new session of the given size with LANG=C.UTF-8.
  init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
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

  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
  }

  static func quote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// `new-session` forks the tmux server, which keeps the client's pipes and leaves Foundation's
  /// `waitUntilExit` waiting for ever on Linux: no pipes here, and the client is reaped with waitpid.
  private func startServer(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
    process.arguments = ["-L", socket] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    var status: Int32 = 0
    _ = waitpid(process.processIdentifier, &status, 0)
  }

  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
    process.arguments = ["-L", socket] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// Key names as tmux understands them (Enter, Escape, Tab, BTab, C-c, F1…).
  func send(_ keys: String...) throws {
    try tmux(["send-keys", "-t", name] + keys)
  }

  /// Literal text, typed character by character.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-l", text])
  }

  /// Text delivered as a bracketed paste (tmux wraps it in the paste markers when the app asked for them).
  func paste(_ text: String) throws {
    try tmux(["set-buffer", "-b", "hkpaste", text])
    try tmux(["paste-buffer", "-p", "-b", "hkpaste", "-t", name])
  }

  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", name])
  }

  func format(_ spec: String) throws -> String {
    try tmux(["display-message", "-p", "-t", name, spec]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  var cursor: (x: Int, y: Int) {
    get throws {
      let parts = try format("#{cursor_x},#{cursor_y}").split(separator: ",").compactMap { Int($0) }
      return (parts.first ?? -1, parts.last ?? -1)
    }
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
  }

  /// Polls the screen until `text` shows, for at most `seconds`; returns the last screen either way.
  @discardableResult
  func waitFor(_ text: String, seconds: Double = 10) throws -> (found: Bool, screen: String) {
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
  func waitUntil(seconds: Double = 10, _ condition: (String) -> Bool) throws -> (found: Bool, screen: String) {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    repeat {
      last = try screen()
      if condition(last) { return (true, last) }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < deadline
    return (false, last)
  }

  var panePID: Int32 {
    get throws { Int32(try format("#{pane_pid}")) ?? -1 }
  }
}

/// Where `swift build` put the binaries: beside the test bundle.
enum BuiltProducts {
  static var directory: URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
      if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("hokulink").path) { return url }
      url.deleteLastPathComponent()
    }
    return Bundle.main.bundleURL
  }

  static var hokulink: String { directory.appendingPathComponent("hokulink").path }
}
