import Foundation
import Testing

/// The layout's rules, checked on the source itself so that a later change cannot quietly break them: screens
/// reach the store only through the services `Device` hands out, and no screen switches on a raw edit.
@Suite struct LayoutRulesTests {
  static let screens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Screens")

  static func sources() throws -> [(name: String, text: String)] {
    let files =
      FileManager.default.enumerator(at: screens, includingPropertiesForKeys: nil)?
      .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
    return try files.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) }
  }

  @Test func noFileInScreensReadsOrWritesTheStore() throws {
    let sources = try Self.sources()
    #expect(sources.count > 30, "Screens/ was not found at \(Self.screens.path)")
    // `store:` also catches a service made on the spot (`Logins(store: …)`).
    let forbidden = ["env.store", "device.store", "Store(", "store:", ".update {", "transaction.", "DeviceRecord"]
    for (name, text) in sources {
      for word in forbidden {
        #expect(!text.contains(word), "\(name) uses \(word)")
      }
    }
  }

  @Test func noScreenSwitchesOnARawEditOfANamedField() throws {
    for (name, text) in try Self.sources() {
      #expect(!text.contains(".edited(\""), "\(name) switches on an edit by a bare id")
      #expect(!text.contains("FieldValues"), "\(name) keeps its own copy of what is typed")
    }
  }
}
