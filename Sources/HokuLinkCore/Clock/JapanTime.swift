import Foundation

/// A moment as a calendar and clock in Japan (UTC+9 all year: Japan has had no summer time since 1952).
/// Computed by arithmetic rather than through Calendar and ICU, which cost milliseconds to load at start-up.
public struct JapanTime: Equatable, Sendable {
  public let year: Int
  public let month: Int
  public let day: Int
  public let hour: Int
  public let minute: Int
  public let second: Int

  public static let offset = 9 * 3600

  public init(_ date: Date) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + JapanTime.offset
    let days = seconds.floorDivided(by: 86_400)
    let clock = seconds - days * 86_400
    hour = clock / 3600
    minute = clock % 3600 / 60
    second = clock % 60
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// "2026/11/27 10:32"
  public var short: String {
    date + " " + JapanTime.padded(hour) + ":" + JapanTime.padded(minute)
  }

  /// "2026/11/27"
  public var date: String {
    JapanTime.padded(year, to: 4) + "/" + JapanTime.padded(month) + "/" + JapanTime.padded(day)
  }

  /// "10:32", as a phone's status bar shows it.
  public var clock: String { String(hour) + ":" + JapanTime.padded(minute) }

  /// "2026年11月27日"
  public var japaneseDate: String { "\(year)年\(month)月\(day)日" }

  /// "2026年11月27日 10:32"
  public var japaneseDateTime: String { japaneseDate + " " + JapanTime.padded(hour) + ":" + JapanTime.padded(minute) }

  /// Decimal digits with leading zeros to `width`, as printf's `%0Nd` writes them (without Foundation's
  /// locale-aware formatter, 1 M instructions for the status bar's first clock).
  static func padded(_ value: Int, to width: Int = 2) -> String {
    let digits = String(value.magnitude)
    let zeros = String(repeating: "0", count: max(0, width - digits.count - (value < 0 ? 1 : 0)))
    return (value < 0 ? "-" : "") + zeros + digits
  }
}

extension Int {
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
