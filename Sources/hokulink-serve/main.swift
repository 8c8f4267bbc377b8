import ArgumentParser
import Foundation
import HokuLinkCore
import HokuLinkServe

/// `hokulink serve` runs this binary, which lives beside `hokulink`; the app's own binary stays free of swift-nio.
struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hokulink serve",
    abstract: "An SSH server for demos: each `ssh -p 2222 NAME@host` gets its own app, as the phone NAME.",
    discussion: """
      Loopback with --auth none is the demo default. Any other --listen needs --auth password (the password \
      comes from \(ServeConfiguration.passwordVariable)) or --auth keys with --authorized-keys FILE.
      """)

  @Option(help: "The address to listen on.") var listen = "127.0.0.1"
  @Option(help: "The port (0: any free port, printed at start).") var port = 2222
  @Option(
    name: .customLong("host-key"), help: "The ed25519 host key (default: ssh_host_ed25519_key in the data folder).")
  var hostKey: String?
  @Option(help: "none, password (from \(ServeConfiguration.passwordVariable)) or keys.") var auth = "none"
  @Option(name: .customLong("authorized-keys"), help: "OpenSSH public keys allowed in, one a line (--auth keys).")
  var authorizedKeys: String?
  @Option(name: .customLong("max-sessions"), help: "Sessions at once.") var maxSessions = 8
  @Option(name: .customLong("idle-timeout"), help: "No key for this long ends a session (15m, 30s, 0 = never).")
  var idleTimeout = "15m"
  @Option(name: .customLong("login-grace"), help: "Time to log in before the connection is dropped.")
  var loginGrace = "30s"
  @Option(name: .customLong("connections-per-minute"), help: "New connections one address may open per minute.")
  var connectionsPerMinute = 30

  @Option(name: .customLong("data-dir"), help: "The data folder every session shares.") var dataDir: String?
  @Option(help: "The screens' language for every session: ja or en.") var lang: String?
  @Flag(name: .customLong("no-guide"), help: "Sessions start without the guide panel.") var noGuide = false
  @Flag(help: "Sessions show the PC site.") var pc = false
  @Flag(help: "Sessions use plain line-by-line prompts.") var accessible = false

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let folder = DataFolder.resolve(dataDir: dataDir, environment: environment)
    var configuration = ServeConfiguration(dataDir: folder, appPath: Self.appPath())
    configuration.listen = listen
    configuration.port = port
    if let hostKey { configuration.hostKey = URL(fileURLWithPath: hostKey) }
    guard let mode = AuthMode(rawValue: auth) else { throw Self.fail("--auth must be none, password or keys.") }
    configuration.auth = mode
    configuration.authorizedKeys = authorizedKeys.map { URL(fileURLWithPath: $0) }
    configuration.password = mode == .password ? environment[ServeConfiguration.passwordVariable] : nil
    configuration.maxSessions = maxSessions
    guard let idle = ServeConfiguration.parseDuration(idleTimeout) else {
      throw Self.fail("--idle-timeout must look like 15m, 90s or 1h.")
    }
    configuration.idleTimeout = idle
    guard let grace = ServeConfiguration.parseDuration(loginGrace), grace > 0 else {
      throw Self.fail("--login-grace must look like 30s.")
    }
    configuration.loginGrace = grace
    configuration.connectionsPerMinute = max(1, connectionsPerMinute)
    if let lang, !["ja", "en"].contains(lang) { throw Self.fail("--lang must be ja or en.") }
    configuration.appOptions = AppOptions(lang: lang, noGuide: noGuide, pc: pc, accessible: accessible)
    // What each session's app needs from the server's own environment; the client's passes only through the
    // allowlist (TERM, LANG, LC_*, NO_COLOR).
    configuration.inheritedEnvironment = environment.filter {
      ["PATH", "HOME", "HOKULINK_TEST_KDF_ITERATIONS"].contains($0.key)
    }
    if !FileManager.default.isExecutableFile(atPath: configuration.appPath) {
      throw Self.fail("The app \(configuration.appPath) is missing: hokulink-serve runs the hokulink beside it.")
    }
    do {
      try Server.run(configuration)
    } catch {
      throw Self.fail(error.description)
    }
  }

  static func fail(_ sentence: String) -> ExitCode {
    FileHandle.standardError.write(Data("hokulink serve: \(sentence)\n".utf8))
    return ExitCode(2)
  }

  /// The `hokulink` beside this executable.
  static func appPath() -> String {
    let own =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("hokulink").path
  }
}

Serve.main()
