import Foundation

/// Dates as the app shows them: Japan's time zone, "2026/11/27 10:32".
public enum DateText {
  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? .current
    return calendar
  }()

  public static func short(_ date: Date) -> String {
    let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    return String(format: "%04d/%02d/%02d %02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
  }

  public static func day(_ date: Date) -> String {
    let p = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d/%02d/%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
  }

  public static func clock(_ date: Date) -> String {
    let p = calendar.dateComponents([.hour, .minute], from: date)
    return String(format: "%d:%02d", p.hour ?? 0, p.minute ?? 0)
  }
}
