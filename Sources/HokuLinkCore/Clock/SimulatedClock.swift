import Foundation

/// Simulated time: the real clock plus an offset kept in the store's settings, so
/// `hokulink clock advance 7d` moves time for every process using the folder.
public struct SimulatedClock: Sendable {
  static let offsetSetting = "clock.offsetSeconds"

  public let store: Store
  private let realNow: @Sendable () -> Date

  public init(store: Store, realNow: @escaping @Sendable () -> Date = { Date() }) {
    self.store = store
    self.realNow = realNow
  }

  public func now() throws -> Date { realNow().addingTimeInterval(try offset()) }

  /// Seconds the simulated clock is ahead of the real one.
  public func offset() throws -> TimeInterval {
    guard let text = try store.setting(Self.offsetSetting) else { return 0 }
    guard let value = TimeInterval(text) else { throw store.noted(StoreError.damaged(path: store.settingsURL.path)) }
    return value
  }

  /// Moves simulated time forward for everyone; returns the new simulated now.
  @discardableResult
  public func advance(by seconds: TimeInterval) throws -> Date {
    let offset = try store.update { transaction in
      let current = try transaction.setting(Self.offsetSetting).flatMap(TimeInterval.init) ?? 0
      let next = current + seconds
      try transaction.setSetting(Self.offsetSetting, String(next))
      return next
    }
    return realNow().addingTimeInterval(offset)
  }

  /// Back to real time.
  public func reset() throws {
    try store.update { transaction in try transaction.setSetting(Self.offsetSetting, nil) }
  }

  /// "7d", "12h", "30m", "45s", or a combination such as "1d12h"; nil for anything else or for zero.
  public static func parseDuration(_ text: String) -> TimeInterval? {
    let units: [Character: TimeInterval] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
    var total: TimeInterval = 0
    var digits = ""
    var sawUnit = false
    for character in text.trimmingCharacters(in: .whitespaces).lowercased() {
      if character.isASCII, character.isNumber {
        digits.append(character)
      } else if let unit = units[character], let value = Int(digits), digits.count <= 9 {
        total += TimeInterval(value) * unit
        digits = ""
        sawUnit = true
      } else {
        return nil
      }
    }
    guard digits.isEmpty, sawUnit, total > 0 else { return nil }
    return total
  }

  /// "7d", "1d12h", "30m" — the inverse of `parseDuration`, for `hokulink clock`.
  public static func formatDuration(_ seconds: TimeInterval) -> String {
    var remaining = Int(seconds.rounded())
    if remaining == 0 { return "0m" }
    let sign = remaining < 0 ? "-" : ""
    remaining = abs(remaining)
    var parts = ""
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where remaining >= size {
      parts += "\(remaining / size)\(unit)"
      remaining %= size
    }
    return sign + parts
  }
}
