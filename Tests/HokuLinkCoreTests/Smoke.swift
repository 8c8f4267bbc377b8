import Testing

@Suite struct HokuLinkCoreTestsSmoke {
  @Test func builds() { #expect(1 + 1 == 2) }
}
