import CPty
import Foundation

/// How the server authenticates a colleague (SPEC §9).
public enum AuthMode: String, Sendable, CaseIterable {
  case none, password, keys
}

/// Everything `hokulink serve` was asked to do, checked before anything listens.
public struct ServeConfiguration: Sendable {
  public var listen = "127.0.0.1"
  public var port = 2222
  public var hostKey: URL
  public var auth = AuthMode.none
  public var authorizedKeys: URL?
  /// From `HOKULINK_SERVE_PASSWORD`, never from the command line.
  public var password: String?
  public var maxSessions = 8
  /// Seconds without a key from the colleague before the session ends as a hang-up does; 0 turns it off.
  public var idleTimeout: Double = 15 * 60
  public var loginGrace: Double = 30
  /// New connections one address may open per minute.
  public var connectionsPerMinute = 30
  public var maxAuthAttempts = 6
  /// The options every session's `hokulink` gets before its own (`--data-dir`, `--lang`, `--no-guide`…).
  public var appOptions = AppOptions()
  public var dataDir: URL
  /// The `hokulink` binary each session runs.
  public var appPath: String
  /// Variables of the server's own environment that each session gets (the client's never pass, but the allowlist).
  public var inheritedEnvironment: [String: String] = [:]

  public static let passwordVariable = "HOKULINK_SERVE_PASSWORD"

  public init(dataDir: URL, appPath: String) {
    self.dataDir = dataDir
    self.appPath = appPath
    self.hostKey = dataDir.appendingPathComponent("ssh_host_ed25519_key")
  }

  /// Loopback is the only address where `--auth none` is allowed: one sentence for anything else.
  public func validate() throws(ServeError) {
    if auth == .none && !Self.isLoopback(listen) {
      throw ServeError(
        "--listen \(listen) is reachable from other machines, so it needs --auth password or --auth keys.")
    }
    if auth == .password && (password ?? "").isEmpty {
      throw ServeError("--auth password reads the password from \(Self.passwordVariable), which is not set.")
    }
    if auth == .keys && authorizedKeys == nil {
      throw ServeError("--auth keys needs --authorized-keys FILE.")
    }
    if auth != .keys && authorizedKeys != nil {
      throw ServeError("--authorized-keys is only used with --auth keys.")
    }
    if !(0...65535).contains(port) { throw ServeError("--port must be between 0 and 65535.") }
    if maxSessions < 1 { throw ServeError("--max-sessions must be at least 1.") }
  }

  public static func isLoopback(_ address: String) -> Bool {
    if address == "localhost" || address == "::1" || address == "[::1]" { return true }
    let parts = address.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  static func isAnyAddress(_ address: String) -> Bool { address == "0.0.0.0" || address == "::" || address == "[::]" }

  /// `15m`, `30s`, `2h`, a bare number of seconds, or `0` (off).
  public static func parseDuration(_ text: String) -> Double? {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
    var number = Substring(text)
    var unit = 1.0
    if let last = text.last, let factor = units[last] {
      number = number.dropLast()
      unit = factor
    }
    guard let value = Double(number), value >= 0, value.isFinite else { return nil }
    return value * unit
  }
}

/// One plain sentence that stops the server before it listens.
public struct ServeError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}

/// The app options a session may have: the server's defaults, then what the colleague asked for in the command
/// (`ssh -t host -- --lang en`). Nothing else is ever run: no shell, no other program.
public struct AppOptions: Sendable, Equatable {
  public var lang: String?
  public var noGuide = false
  public var pc = false
  public var accessible = false

  public init(lang: String? = nil, noGuide: Bool = false, pc: Bool = false, accessible: Bool = false) {
    self.lang = lang
    self.noGuide = noGuide
    self.pc = pc
    self.accessible = accessible
  }

  public static let allowedWords = "--lang ja|en, --no-guide, --pc, --accessible"

  /// The options a colleague's exec request asks for, on top of these; nil when it asks for anything else.
  public func adding(command: String) -> AppOptions? {
    var result = self
    var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
    if words.first == "hokulink" { words = words.dropFirst() }
    while let word = words.popFirst() {
      switch word {
      case "--no-guide": result.noGuide = true
      case "--pc": result.pc = true
      case "--accessible": result.accessible = true
      case "--lang":
        guard let value = words.popFirst(), ["ja", "en"].contains(value) else { return nil }
        result.lang = value
      case "--lang=ja", "--lang=en": result.lang = String(word.dropFirst("--lang=".count))
      default: return nil
      }
    }
    return result
  }

  var arguments: [String] {
    var result: [String] = []
    if pc { result.append("--pc") }
    if let lang { result += ["--lang", lang] }
    if noGuide { result.append("--no-guide") }
    if accessible { result.append("--accessible") }
    return result
  }
}

/// The SSH user name is the session's phone (`--device`).
public enum DeviceName {
  public static func isValid(_ name: String) -> Bool {
    (1...32).contains(name.utf8.count)
      && name.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
          || byte == 0x2E || byte == 0x5F || byte == 0x2D
      }
  }
}

/// What passes from the client's environment into the app: TERM (from pty-req), LANG, LC_* and NO_COLOR.
public enum ClientEnvironment {
  public static func allows(_ name: String) -> Bool {
    name == "LANG" || name == "NO_COLOR"
      || (name.hasPrefix("LC_") && name.count > 3 && name.count <= 20)
        && name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x5F }
  }

  /// Values are short and printable; a locale the server cannot load would break the app's wide characters.
  public static func acceptable(name: String, value: String) -> Bool {
    guard value.utf8.count <= 64, value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
      return false
    }
    if name == "NO_COLOR" { return true }
    if value.isEmpty { return false }
    return hokulink_locale_available(value) != 0
  }

  public static func validTerm(_ term: String) -> Bool {
    (1...64).contains(term.utf8.count)
      && term.utf8.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D
          || $0 == 0x2E || $0 == 0x2B || $0 == 0x5F
      }
  }
}
