import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct ClockTests {
  @Test func anAdvanceIsSeenByAnotherStoreOnTheSameFolder() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let fixed = Date(timeIntervalSince1970: 1_800_000_000)
    let one = SimulatedClock(store: try folder.store(), realNow: { fixed })
    let other = SimulatedClock(store: try folder.store(), realNow: { fixed })
    #expect(try other.now() == fixed)
    try one.advance(by: 7 * 86_400)
    #expect(try other.now() == fixed.addingTimeInterval(7 * 86_400))
    try other.advance(by: 3600)
    #expect(try one.offset() == 7 * 86_400 + 3600)
    try one.reset()
    #expect(try other.now() == fixed)
  }

  @Test func theRealClockMovesUnderneathTheOffset() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let clock = SimulatedClock(store: try folder.store())
    try clock.advance(by: 86_400)
    // Bracketed by the real clock read before and after, so no tolerance is needed.
    let before = Date()
    let simulated = try clock.now()
    let after = Date()
    #expect(simulated >= before.addingTimeInterval(86_400) && simulated <= after.addingTimeInterval(86_400))
  }

  @Test(arguments: [
    ("7d", 604_800.0), ("12h", 43_200), ("30m", 1_800), ("1d12h", 129_600), ("45s", 45), ("2D", 172_800),
  ])
  func readsDurations(text: String, seconds: Double) {
    #expect(SimulatedClock.parseDuration(text) == seconds)
  }

  @Test(arguments: ["", "7", "d", "7x", "-1d", "1.5d", "0d", "７d"])
  func refusesWhatIsNotADuration(text: String) {
    #expect(SimulatedClock.parseDuration(text) == nil)
  }

  @Test func formatsDurationsTheWayTheyAreTyped() {
    #expect(SimulatedClock.formatDuration(604_800) == "7d")
    #expect(SimulatedClock.formatDuration(129_600) == "1d12h")
    #expect(SimulatedClock.formatDuration(0) == "0m")
  }

  @Test func aDamagedOffsetIsReportedAgainstTheSettingsFile() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { try $0.setSetting("clock.offsetSeconds", "soon") }
    #expect(throws: StoreError.damaged(path: store.settingsURL.path)) { try SimulatedClock(store: store).now() }
  }
}

@Suite struct JapanTimeTests {
  @Test func agreesWithTheCalendarInTokyoFrom1952AcrossYearsAndMidnights() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
    var generator = SystemRandomNumberGenerator()
    // From 1952: Japan kept summer time from 1948 to 1951, which JapanTime (made for today's dates) ignores.
    let samples: [Double] =
      [0, -1, 951_782_400, 1_795_741_200, 4_107_542_399, -568_080_000]
      + (0..<500).map { _ in Double(Int.random(in: -568_080_000...4_102_444_800, using: &generator)) }
    for seconds in samples {
      let date = Date(timeIntervalSince1970: seconds)
      let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
      let actual = JapanTime(date)
      #expect(
        [actual.year, actual.month, actual.day, actual.hour, actual.minute, actual.second]
          == [expected.year, expected.month, expected.day, expected.hour, expected.minute, expected.second],
        "at \(seconds)")
    }
  }

  @Test func formatsAsTheAppShowsIt() {
    let time = JapanTime(Date(timeIntervalSince1970: 1_795_741_200))
    #expect(time.short == "2026/11/27 10:00")
    #expect(time.clock == "10:00")
    #expect(time.japaneseDate == "2026年11月27日")
  }

  @Test func formatsWithLeadingZerosAsPrintfDoes() {
    var generator = SystemRandomNumberGenerator()
    // 2001/02/03 04:05 in Japan (single digits everywhere), 0:00 on 1 January, then random moments.
    let samples: [Double] =
      [981_140_700, 946_652_400, 0]
      + (0..<300).map { _ in Double(Int.random(in: -568_080_000...4_102_444_800, using: &generator)) }
    for seconds in samples {
      let time = JapanTime(Date(timeIntervalSince1970: seconds))
      let (year, month, day, hour, minute) = (time.year, time.month, time.day, time.hour, time.minute)
      #expect(time.short == String(format: "%04d/%02d/%02d %02d:%02d", year, month, day, hour, minute))
      #expect(time.date == String(format: "%04d/%02d/%02d", year, month, day))
      #expect(time.clock == String(format: "%d:%02d", hour, minute))
      #expect(time.japaneseDateTime == time.japaneseDate + String(format: " %02d:%02d", hour, minute))
    }
    #expect(JapanTime(Date(timeIntervalSince1970: 981_140_700)).short == "2001/02/03 04:05")
    #expect(JapanTime(Date(timeIntervalSince1970: 981_140_700)).clock == "4:05")
  }
}
