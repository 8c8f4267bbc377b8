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

extension SignUpScriptTests {
  @Test func walkthroughAImmediateCourseByCard() throws {
    try Scripts.run("signup-a-immediate-card.play")
  }

  @Test func walkthroughAPostcardCourseForAPaymentSlipCustomer() throws {
    try Scripts.run("signup-a-postcard.play")
  }

  @Test func walkthroughBOnThePCSite() throws {
    try Scripts.run("signup-b-pc.play", pc: true)
  }
}

extension SignUpScriptTests {
  @Test func everyFieldErrorOfSteps3And5IsShownUnderItsField() throws {
    try Scripts.run("signup-field-errors.play")
  }
}
