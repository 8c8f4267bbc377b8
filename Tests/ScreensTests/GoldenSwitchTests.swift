import Foundation
import HokuLinkUI
import Testing

/// The golden files' own rules: regenerated only through the explicit switch, and never silently left stale.
@Suite struct GoldenSwitchTests {
  static func screen(_ text: String) -> Canvas {
    var canvas = Canvas(width: 8, height: 1)
    canvas.put(text, x: 0, y: 0)
    return canvas
  }

  /// Regenerating into a folder that cannot be written is a failed test, not a quiet pass over old files.
  @Test func aFailedGoldenWriteFailsTheTest() {
    let nowhere = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/Goldens")
    withKnownIssue {
      Golden.check("any", Self.screen("abc"), in: nowhere, updating: true)
    }
  }

  @Test func aMissingGoldenFailsTheComparison() {
    let nowhere = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/Goldens")
    withKnownIssue {
      Golden.check("any", Self.screen("abc"), in: nowhere, updating: false)
    }
  }

  /// What the switch writes is what a later run compares with; a screen that changed then fails.
  @Test func aWrittenGoldenHoldsAndAChangedScreenFails() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goldens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    Golden.check("screen", Self.screen("abc"), in: folder, updating: true)
    Golden.check("screen", Self.screen("abc"), in: folder, updating: false)
    withKnownIssue {
      Golden.check("screen", Self.screen("abd"), in: folder, updating: false)
    }
  }
}
