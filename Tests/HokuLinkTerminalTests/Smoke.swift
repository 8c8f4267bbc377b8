import Testing

@Suite struct HokuLinkTerminalTestsSmoke {
  @Test func builds() { #expect(1 + 1 == 2) }
}
