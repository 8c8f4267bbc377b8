import ArgumentParser
import Foundation
import HokuLinkCore
import HokuLinkTerminal
import HokuLinkUI
import Screens

struct Play: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a script against the app: headless on a virtual screen, or visible with --delay.")

  @OptionGroup var common: CommonOptions

  @Flag(help: "Run on a virtual screen without drawing.")
  var headless = false

  @Option(help: "The virtual screen's size, WIDTHxHEIGHT.")
  var size: String = "80x24"

  @Option(help: "Milliseconds to wait after each line when visible.")
  var delay: Int = 400

  @Flag(help: "Start on the PC site (walkthrough B).")
  var pc = false

  @Argument(help: "The script file.")
  var file: String

  func run() throws {
    let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, parts[0] > 0, parts[1] > 0 else { throw ValidationError("--size must look like 80x24.") }
    let url = URL(fileURLWithPath: file)
    guard let source = try? String(contentsOf: url, encoding: .utf8) else {
      throw ValidationError("The script \(line(file)) cannot be read.")
    }
    let lines: [PlayLine]
    do {
      lines = try PlayScript.parse(source)
    } catch {
      FileHandle.standardError.write(Data(("hokulink: " + safe("\(file) \(error.description)") + "\n").utf8))
      throw ExitCode(1)
    }
    try reportingErrors {
      let env = try common.openEnvironment(pc: pc)
      let app = App(env: env, screens: env.startScreens())
      let base = url.deletingLastPathComponent()
      do {
        if headless {
          try PlayRunner(app: app, width: parts[0], height: parts[1], baseDirectory: base).run(lines)
        } else {
          let terminal = try Terminal(variable: processEnvironment.variable)
          defer { terminal.restore() }
          let runner = PlayRunner(
            app: app, width: terminal.size.width, height: terminal.size.height, baseDirectory: base,
            show: { terminal.draw($0) })
          try runner.run(lines, pause: { Play.wait(milliseconds: delay, on: terminal) })
        }
      } catch let failure as PlayFailure {
        if let damage = app.failure { throw damage }
        FileHandle.standardError.write(Data(("hokulink: " + safe("\(file) \(failure.description)") + "\n").utf8))
        throw ExitCode(1)
      } catch let error as TerminalError {
        FileHandle.standardError.write(Data("hokulink: \(error.description)\n".utf8))
        throw ExitCode(1)
      }
    }
  }
}

extension Play {
  /// Waits between two lines of a visible demo while still reading keys, so that Ctrl-C, SIGTERM or a dropped
  /// connection stop it; false means stop.
  static func wait(milliseconds: Int, on terminal: Terminal) -> Bool {
    let deadline = Date().addingTimeInterval(Double(max(0, milliseconds)) / 1000)
    repeat {
      let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
      if let key = terminal.readKey(timeoutMilliseconds: left), key == .control("c") { return false }
      if terminal.shouldQuit { return false }
    } while Date() < deadline
    return true
  }
}

struct Open: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Follow a hokulink:// link from a mail.")

  @OptionGroup var common: CommonOptions

  @Argument(help: "The link, e.g. hokulink://register?token=…")
  var url: String

  func run() throws {
    guard url.hasPrefix("hokulink://") else {
      throw ValidationError("Only hokulink:// links from the simulated mail can be opened.")
    }
    try reportingErrors {
      let env = try common.openEnvironment()
      let app = App(env: env, screens: env.startScreens())
      app.follow(env.open(link: url))
      try AppLoop.run(app, accessible: common.wantsAccessible)
    }
  }
}
