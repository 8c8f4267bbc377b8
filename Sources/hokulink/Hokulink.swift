import ArgumentParser
import Foundation
import HokuLinkCore
import HokuLinkTerminal
import HokuLinkUI
import Screens

/// The process's environment, read by name with getenv: `ProcessInfo.environment` builds a dictionary of all of
/// it (anew on every call), 0.5 M instructions before the first frame for the few variables the app reads.
struct ProcessEnvironment {
  subscript(name: String) -> String? { getenv(name).map { String(cString: $0) } }

  /// For the functions that take the environment as a look-up.
  func variable(_ name: String) -> String? { self[name] }
}

let processEnvironment = ProcessEnvironment()

/// Options every command takes (SPEC §7).
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("data-dir"), help: "The data folder (default: $HOKULINK_HOME, else $XDG_DATA_HOME/hokulink).")
  var dataDir: String?

  @Option(help: "Act as another phone (each device is remembered separately).")
  var device: String = "default"

  @Option(help: "The language of the screens: ja or en.")
  var lang: String = "ja"

  @Flag(help: "Plain line-by-line prompts instead of the full screen (also when TERM=dumb).")
  var accessible = false

  @Flag(name: .customLong("no-guide"), help: "Start without the guide panel (F3 shows it).")
  var noGuide = false

  /// The same options as plain values, without ArgumentParser's property wrappers.
  var plain: AppOptions {
    AppOptions(dataDir: dataDir, device: device, lang: lang, accessible: accessible, noGuide: noGuide)
  }

  var language: Language { get throws { try plain.language } }

  func openEnvironment(pc: Bool = false) throws -> AppEnvironment { try plain.openEnvironment(pc: pc) }

  var wantsAccessible: Bool { plain.wantsAccessible }
}

/// The common options as plain values: what a plain start builds without constructing any ArgumentParser type
/// (an `@Option`'s name is a `Set`, whose first use costs the runtime a scan of every protocol conformance in
/// the binary: 0.8 M instructions before the first frame).
struct AppOptions {
  var dataDir: String?
  var device = "default"
  var lang = "ja"
  var accessible = false
  var noGuide = false

  var language: Language {
    get throws {
      guard let language = Language(rawValue: lang) else {
        throw ValidationError("--lang must be ja or en.")
      }
      return language
    }
  }

  /// Tests (and only tests) lower the KDF cost through this variable, so that a scripted sign-up does not
  /// spend seconds hashing. Only debug builds (what `swift test` runs) read it: a release build always hashes
  /// at the production strength, whatever the environment says.
  var testingKDF: KDFConfiguration? {
    #if DEBUG
      processEnvironment["HOKULINK_TEST_KDF_ITERATIONS"].flatMap(Int.init).map {
        .testing(iterations: $0)
      }
    #else
      nil
    #endif
  }

  func openEnvironment(pc: Bool = false) throws -> AppEnvironment {
    let folder = DataFolder.resolve(dataDir: dataDir, variable: processEnvironment.variable)
    let store = try Store(folder: folder, kdf: testingKDF ?? .production)
    let language = try self.language
    return AppEnvironment(
      device: try Device(store: store, name: device, onPC: pc), language: language, guide: !noGuide,
      colors: processEnvironment["NO_COLOR"].map { $0.isEmpty } ?? true)
  }
}

/// Runs `body`, turning a domain error into one sentence on standard error and a non-zero exit.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as StoreError {
    FileHandle.standardError.write(Data("hokulink: \(line(error.description))\n".utf8))
    throw ExitCode(2)
  } catch let error as CustomerRegistryError {
    FileHandle.standardError.write(Data("hokulink: \(line(error.description))\n".utf8))
    throw ExitCode(2)
  }
}

@main
struct Hokulink: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hokulink",
    abstract: "ほくリンク's sign-up and login, screen by screen, in the terminal (simulated).",
    version: HokuLink.version,
    subcommands: [
      RunApp.self, Customers.self, Clock.self, Mail.self, Open.self, Postcards.self, Reset.self, Play.self,
      ServeCommand.self,
    ],
    defaultSubcommand: RunApp.self)

  /// `hokulink --data-dir X customers` reads as naturally as `hokulink customers --data-dir X`: the common
  /// options written before the command name are moved after it, where the command parses them.
  static func main() {
    let arguments = subcommandFirst(Array(CommandLine.arguments.dropFirst()))
    // The app with only common options (a plain start, every `hokulink serve` session) skips ArgumentParser's
    // reflection over the command tree: half the instructions to the first frame. Anything else parses as before.
    if let start = plainStart(arguments) {
      do {
        try RunApp.run(start.common, pc: start.pc)
      } catch {
        exit(withError: error)
      }
      return
    }
    main(arguments)
  }

  /// The options of an argument list of only `--data-dir X`, `--device X`, `--lang ja|en`, `--no-guide`,
  /// `--accessible` and `--pc`, each at most once; nil for anything else (help, a command, a typo, `--x=y`).
  static func plainStart(_ arguments: [String]) -> PlainStart? {
    var common = AppOptions()
    var pc = false
    // Arrays rather than sets of strings, here and below: for a handful of names a set costs more than it saves.
    var seen: [String] = []
    var index = 0
    while index < arguments.count {
      let name = arguments[index]
      guard !seen.contains(name) else { return nil }
      seen.append(name)
      let value = index + 1 < arguments.count ? arguments[index + 1] : nil
      switch (name, value) {
      case ("--data-dir", .some(let folder)) where !folder.hasPrefix("-"): common.dataDir = folder
      case ("--device", .some(let device)) where !device.hasPrefix("-"): common.device = device
      case ("--lang", .some(let language)) where language == "ja" || language == "en": common.lang = language
      case ("--no-guide", _): common.noGuide = true
      case ("--accessible", _): common.accessible = true
      case ("--pc", _): pc = true
      default: return nil
      }
      index += optionsWithValues.contains(name) ? 2 : 1
    }
    return PlainStart(common: common, pc: pc)
  }

  struct PlainStart {
    var common: AppOptions
    var pc: Bool
  }

  static let optionsWithValues = ["--data-dir", "--device", "--lang"]

  /// Literal names: asking each command type for its name costs a runtime type look-up at every start.
  /// A test checks that they match the subcommands.
  static let commandNames = [
    "app", "customers", "clock", "mail", "open", "postcards", "reset", "play", "serve",
  ]

  static func subcommandFirst(_ arguments: [String]) -> [String] {
    let names = commandNames + ["help"]
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if names.contains(argument) {
        return [argument] + arguments[..<index] + arguments[(index + 1)...]
      }
      if argument == "--" { break }
      index += optionsWithValues.contains(argument) ? 2 : 1
    }
    return arguments
  }
}

struct RunApp: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "app", abstract: "The phone app (the default), or the PC site with --pc.")

  @OptionGroup var common: CommonOptions

  @Flag(help: "The PC site in a browser-like frame (walkthrough B).")
  var pc = false

  func run() throws {
    try Self.run(common.plain, pc: pc)
  }

  static func run(_ options: AppOptions, pc: Bool) throws {
    try reportingErrors {
      let env = try options.openEnvironment(pc: pc)
      let app = App(env: env, screens: env.startScreens())
      try AppLoop.run(app, accessible: options.wantsAccessible)
    }
  }
}

/// The full-screen loop: keys in, frames out, the terminal restored however it ends.
enum TerminalLoop {
  static func run(_ app: App) throws {
    let terminal: Terminal
    do {
      terminal = try Terminal(variable: processEnvironment.variable)
    } catch let error as TerminalError {
      FileHandle.standardError.write(Data("hokulink: \(error.description)\n".utf8))
      throw ExitCode(1)
    }
    // On the way out (Ctrl-C, SIGTERM, SIGHUP, a hang-up) the draft's last entries are written, then the terminal
    // is restored.
    defer {
      app.close()
      terminal.restore()
    }
    var size = terminal.size
    app.handle(.resize(width: size.width, height: size.height))
    terminal.draw(app.render(width: size.width, height: size.height))
    while !app.finished && !terminal.shouldQuit {
      // Wake once a minute so the status bar's clock moves.
      guard let key = terminal.readKey(timeoutMilliseconds: 60_000) else {
        if !terminal.shouldQuit {
          app.refresh()  // a minute on: the clock, and mail another process delivered
          terminal.draw(app.render(width: size.width, height: size.height))
        }
        continue
      }
      if case .resize(let width, let height) = key { size = (width, height) }
      app.handle(key)
      if !app.finished { terminal.draw(app.render(width: size.width, height: size.height)) }
    }
  }
}
