import Foundation

/// 誕生年月: a year and month, typed as 1985/04 (also 1985-04 or 198504), year ≥ 1900, not in the future.
public struct BirthMonth: TypedField, Hashable, Sendable, Codable {
  public let year: Int
  public let month: Int

  public init?(year: Int, month: Int) {
    guard (1...12).contains(month) else { return nil }
    self.year = year
    self.month = month
  }

  static let field = FieldName(ja: "誕生年月", en: "month of birth")

  /// 1985/04 is seven characters; 1985/4 and 198504 are shorter.
  public static var maxLength: Int? { 7 }

  /// Full-width digits become half-width; "-", "／" and 年 become "/" and 月 goes, so 1985-04 and
  /// 1985年4月 read as 1985/04.
  public static func normalize(_ raw: String) -> String {
    let text = TextCleaning.asciiHyphens(TextCleaning.halfWidthDigits(TextCleaning.removingUnsafe(raw)))
    let slashed = TextCleaning.mappingScalars(text) { scalar in
      scalar == "-" || scalar == "／" || scalar == "年" ? "/" : nil
    }
    return String(slashed.filter { $0 != "月" })
  }

  /// "1985/04".
  public var formatted: String {
    String(format: "%04d/%02d", year, month)
  }

  /// `now` is the simulated clock's time; the month is read in Japan's time zone, where the members live.
  public static func validate(_ raw: String, now: Date) -> Result<BirthMonth, Reason> {
    let text = normalize(raw)
    if text.isEmpty { return .failure(.required(field)) }
    guard let parsed = parse(text) else {
      return .failure(
        Reason(
          ja: "誕生年月は「1985/04」のように年と月を入力してください",
          en: "Type the year and month of birth like 1985/04"))
    }
    if parsed.year < Assumptions.earliestBirthYear {
      return .failure(
        Reason(
          ja: "誕生年は\(Assumptions.earliestBirthYear)年以降で入力してください",
          en: "The year of birth must be \(Assumptions.earliestBirthYear) or later"))
    }
    let today = JapanTime(now)
    if (parsed.year, parsed.month) > (today.year, today.month) {
      return .failure(
        Reason(
          ja: "誕生年月に未来の年月は入力できません",
          en: "The month of birth cannot be in the future"))
    }
    return .success(parsed)
  }

  /// YYYY/M, YYYY/MM (or with "-"), or YYYYMM.
  private static func parse(_ text: String) -> BirthMonth? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    let yearText: Substring
    let monthText: Substring
    switch parts.count {
    case 1 where text.count == 6:
      yearText = text.prefix(4)
      monthText = text.dropFirst(4)
    case 2:
      yearText = parts[0]
      monthText = parts[1]
    default:
      return nil
    }
    guard yearText.count == 4, (1...2).contains(monthText.count),
      (yearText + monthText).allSatisfy(TextCleaning.isASCIIDigit),
      let year = Int(yearText), let month = Int(monthText)
    else { return nil }
    return BirthMonth(year: year, month: month)
  }
}
