import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// A new data folder with a cheap KDF and a fixed real time, so screens and goldens are repeatable.
enum TestWorld {
  /// 2026-11-27 10:00 JST.
  static let fixedNow = Date(timeIntervalSince1970: 1_795_741_200)

  static func folder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-screens-\(UUID().uuidString)")
  }

  static func environment(
    language: Language = .ja, device: String = "default", pc: Bool = false, folder: URL? = nil,
    guide: Bool = true
  ) throws -> AppEnvironment {
    let store = try Store(folder: folder ?? self.folder(), kdf: .testing(iterations: 1000))
    return try AppEnvironment(
      store: store, language: language, device: device, guide: guide, colors: true, pc: pc,
      realNow: { fixedNow })
  }

  /// The keyword check a login on a new device asks in tests: always the second, passed in as the app's chance
  /// (so goldens and scripts need no back door).
  static let chance: @Sendable () -> Int = { 1 }

  /// A fresh app on the given screen.
  static func app(_ root: (AppEnvironment) -> any Screen, language: Language = .ja, pc: Bool = false) throws -> App {
    let env = try environment(language: language, pc: pc)
    return App(env: env, root: root(env))
  }
}

extension AppEnvironment {
  /// A test's environment on a data folder: the device `device` of `store`, the keyword check fixed.
  convenience init(
    store: Store, language: Language = .ja, device: String = "default", guide: Bool = true, colors: Bool = true,
    pc: Bool = false, realNow: @escaping @Sendable () -> Date = { Date() },
    pickChallenge: @escaping @Sendable () -> Int = TestWorld.chance
  ) throws {
    self.init(
      device: try Device(store: store, name: device, onPC: pc, realNow: realNow, pickChallenge: pickChallenge),
      language: language, guide: guide, colors: colors)
  }

  /// Tests look into the data folder directly; screens never do.
  var store: Store { device.store }
}

/// Golden screens: the screen as text at 80×24, compared with `Goldens/NAME.txt` beside this file.
/// Regenerated only when HOKULINK_UPDATE_GOLDENS=1 is set for the test run.
enum Golden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Goldens")

  /// Whether this run regenerates the goldens (the explicit switch), instead of comparing with them.
  static var updating: Bool { ProcessInfo.processInfo.environment["HOKULINK_UPDATE_GOLDENS"] == "1" }

  static func check(
    _ name: String, _ canvas: Canvas, in directory: URL = directory, updating: Bool = updating,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let url = directory.appendingPathComponent(name + ".txt")
    let actual = canvas.text + "\n"
    if updating {
      do {
        try actual.write(to: url, atomically: true, encoding: .utf8)
      } catch {
        Issue.record("Could not write golden file \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "No golden file \(url.lastPathComponent); run `HOKULINK_UPDATE_GOLDENS=1 swift test` once and review it.",
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "screen \(name) differs from its golden file", sourceLocation: sourceLocation)
  }
}

/// The shipped play scripts, run headless in-process from a new data folder each.
enum Scripts {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

  static func run(_ name: String, language: Language = .ja, pc: Bool = false) throws {
    let url = directory.appendingPathComponent(name)
    let lines = try PlayScript.parse(String(contentsOf: url, encoding: .utf8))
    let env = try TestWorld.environment(language: language, pc: pc)
    let app = App(env: env, root: env.startScreen())
    try PlayRunner(app: app, baseDirectory: directory).run(lines)
  }
}
