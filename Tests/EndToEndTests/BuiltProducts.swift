import Foundation

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
