import Testing

@Suite struct ScreensTestsSmoke {
  @Test func builds() { #expect(1 + 1 == 2) }
}
