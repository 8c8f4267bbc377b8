/// 電話番号: 10 or 11 half-width digits starting with 0; hyphens are ignored.
public struct PhoneNumber: ValidatedText {
  /// The digits alone: "0764412511".
  public let value: String

  static let field = FieldName(ja: "電話番号", en: "phone number")

  /// 11 digits and two hyphens (090-1234-5678).
  public static var maxLength: Int? { (Assumptions.phoneDigits.upperBound) + 2 }

  public static func normalize(_ raw: String) -> String {
    TextCleaning.asciiHyphens(TextCleaning.halfWidthDigits(TextCleaning.removingUnsafe(raw)))
  }

  public static func validate(_ raw: String) -> Result<PhoneNumber, Reason> {
    let digits = normalize(raw).filter { $0 != "-" }
    if digits.isEmpty { return .failure(.required(field)) }
    if !digits.allSatisfy(TextCleaning.isASCIIDigit) {
      return .failure(
        Reason(
          ja: "電話番号は半角数字で入力してください（ハイフンは省略できます）",
          en: "Type the phone number in digits (hyphens may be left out)"))
    }
    if digits.first != "0" {
      return .failure(
        Reason(
          ja: "電話番号は0から始まる番号を入力してください",
          en: "The phone number must start with 0"))
    }
    let range = Assumptions.phoneDigits
    if !range.contains(digits.count) {
      return .failure(
        Reason(
          ja: "電話番号は\(range.lowerBound)桁か\(range.upperBound)桁で入力してください",
          en: "The phone number has \(range.lowerBound) or \(range.upperBound) digits"))
    }
    return .success(PhoneNumber(value: digits))
  }
}
