import Testing

@testable import HokuLinkUI

/// The frames' body without drawing (what the app asks on every key) is the body their drawing returns.
@Suite struct FrameGeometryTests {
  static let sizes: [(Int, Int)] = {
    var sizes: [(Int, Int)] = []
    let widths = [1, 9, 12, 19, 20, 21, 40, 47, 48, 49, 60, 77, 78, 79, 80, 81, 100, 109, 110, 111, 120, 121, 200, 300]
    let heights = [1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 24, 25, 30, 40, 41, 42, 43, 60, 100]
    for width in widths {
      for height in heights {
        sizes.append((width, height))
      }
    }
    return sizes
  }()

  @Test func thePhonesBodyIsTheOneItsDrawingReturns() {
    for (width, height) in Self.sizes {
      for guide in [false, true] {
        for step in [nil] + SignUpStage.allCases {
          let rect = Layout.split(width: width, height: height, guide: guide).phone
          var canvas = Canvas(width: width, height: height)
          let drawn = PhoneFrame.render(
            into: &canvas, rect: rect, title: "会員規約に同意", step: step, language: .ja, theme: .standard)
          #expect(
            PhoneFrame.bodyRect(rect: rect, step: step) == drawn,
            "phone \(width)×\(height), guide \(guide), step \(String(describing: step))")
        }
      }
    }
  }

  @Test func theBrowsersBodyIsTheOneItsDrawingReturns() {
    for (width, height) in Self.sizes {
      for guide in [false, true] {
        for step in [nil] + SignUpStage.allCases {
          let rect = Layout.splitBrowser(width: width, height: height, guide: guide).browser
          var canvas = Canvas(width: width, height: height)
          let drawn = BrowserFrame.render(
            into: &canvas, rect: rect, title: "ほくリンク", step: step, language: .en, theme: .monochrome)
          #expect(
            BrowserFrame.bodyRect(rect: rect, step: step) == drawn,
            "browser \(width)×\(height), guide \(guide), step \(String(describing: step))")
        }
      }
    }
  }

  @Test func theGeometryPlacesTheStepHeaderAndHintsWhereTheyAreDrawn() throws {
    let rect = Layout.split(width: 80, height: 24, guide: true).phone
    let frame = PhoneFrame(title: "会員規約に同意", step: StepProgress(.email))
    let geometry = frame.geometry(area: rect)
    var canvas = Canvas(width: 80, height: 24)
    frame.draw(into: &canvas, area: rect, language: .ja, theme: .standard)
    #expect(canvas.rowText(try #require(geometry.headerRow)).contains("会員規約に同意"))
    #expect(canvas.rowText(try #require(geometry.stepRow)).contains("STEP1 → STEP2"))
    #expect(canvas.rowText(try #require(geometry.hintRow)).contains("Tab"))
    #expect(geometry.body.height == 17)
    #expect(PhoneFrame(title: "x").geometry(area: rect).body.height == 19)
  }
}
