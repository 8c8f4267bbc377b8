import ArgumentParser
import Foundation

/// `hokulink serve …` runs `hokulink-serve` from beside this binary, so the app itself does not link swift-nio
/// (each SSH session starts a `hokulink`, and its start-up is what a colleague waits for).
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "An SSH server for demos: each ssh NAME@host gets its own app (hokulink serve --help).",
    helpNames: [])

  @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

  func run() throws {
    let own =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let path = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("hokulink-serve").path
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    execv(path, argv)
    FileHandle.standardError.write(
      Data(
        "hokulink: hokulink serve needs \(path), which could not be run (\(String(cString: strerror(errno)))).\n".utf8))
    throw ExitCode(2)
  }
}
