import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// A field's limit counts what is stored as well as what is seen: combining marks piled on one character are one
/// character on screen but hundreds of Unicode scalars in the file.
@Suite struct InputBoundsTests {
  @Test func hokuAndFiveHundredCombiningMarksTypedIntoTheContractNameStopAtTheLimit() throws {
    let env = try TestWorld.environment()
    let app = try SignUpResumeTests().run(SignUpResumeTests.toStep5, env: env)
    #expect(app.screen is CustomerInfoScreen)
    app.focus("info.name")
    app.handle(.character("北"))
    for _ in 0..<500 { app.handle(.character("\u{0301}")) }
    let text = try #require(app.page.field("info.name")?.state.text)
    #expect(text.unicodeScalars.first == "北")
    #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.count <= Assumptions.contractNameMaxLength)
    #expect(text.unicodeScalars.count <= Assumptions.contractNameMaxLength)
  }
}
