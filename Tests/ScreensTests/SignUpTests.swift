import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

@Suite struct SignUpScriptTests {
  @Test func walkthroughAImmediateCourseByBankTransfer() throws {
    try Scripts.run("signup-a-immediate-bank.play")
  }
}
