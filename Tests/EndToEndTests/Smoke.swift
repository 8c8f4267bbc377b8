import Testing

@Suite struct EndToEndTestsSmoke {
  @Test func builds() { #expect(1 + 1 == 2) }
}
