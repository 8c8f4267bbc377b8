import Foundation
import HokuLinkCore

/// Dates as the app shows them, in Japan's time: "2026/11/27 10:32".
public enum DateText {
  public static func short(_ date: Date) -> String { JapanTime(date).short }

  public static func day(_ date: Date) -> String { JapanTime(date).date }

  public static func clock(_ date: Date) -> String { JapanTime(date).clock }
}
