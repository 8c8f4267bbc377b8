import Foundation

/// The language a mail or postcard is written in: the one of the screen that caused it (issue 9), whatever the
/// account's first language.
public enum MailLanguage: String, Hashable, Sendable, CaseIterable {
  case ja, en

  /// The Japan-time date and time a mail names (a link's end): Japanese style, or the numeric form in English.
  func dateTime(_ date: Date) -> String {
    self == .ja ? JapanTime(date).japaneseDateTime : JapanTime(date).short + " (Japan time)"
  }

  func date(_ date: Date) -> String {
    self == .ja ? JapanTime(date).japaneseDate : JapanTime(date).date
  }

  /// The sender's name: the brand, with its real name in brackets in English; nil is the Japanese one, so a
  /// Japanese mail is stored exactly as before issue 9.
  var sender: String? { self == .ja ? nil : "HokuLink (ほくリンク)" }

  var supportLine: String { self == .ja ? HokuLink.supportLineJA : HokuLink.supportLineEN }
}
