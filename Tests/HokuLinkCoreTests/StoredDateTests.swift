import Foundation
import Testing

@testable import HokuLinkCore

/// The store's dates: the arithmetic reader of what `formatDate` writes agrees with Foundation's ISO 8601 parser.
@Suite struct StoredDateTests {
  @Test func readsWhatItWritesAsFoundationsParserDoes() throws {
    var generator = SystemRandomNumberGenerator()
    let edges = [
      "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "2024-02-29T12:00:00.500Z",
      "2026-12-31T23:59:59.001Z", "2099-03-01T00:00:00.000Z",
    ]
    let written =
      edges
      + (0..<2000).map { _ in
        StoreCoding.formatDate(
          Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800_000, using: &generator)) / 1000))
      }
    for text in written {
      let foundation = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
      let read = StoreCoding.parseWrittenDate(text)
      // Bit for bit (a written date read and written again can lose a millisecond, with either reader alike).
      #expect(read == foundation, "\(text)")
    }
  }

  @Test func leavesEverythingElseToFoundation() throws {
    for text in ["2026-11-27T01:32:00Z", "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-27"] {
      #expect(StoreCoding.parseWrittenDate(text) == nil, "\(text)")
    }
    #expect(
      StoreCoding.parseDate("2026-11-27T01:32:00Z") == Date(timeIntervalSince1970: 1_795_743_120))
    #expect(StoreCoding.parseDate("not a date") == nil)
  }
}
