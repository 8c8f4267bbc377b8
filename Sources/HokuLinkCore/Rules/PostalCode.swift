/// 郵便番号: 7 half-width digits, with `-` allowed after the third.
public struct PostalCode: ValidatedText {
  /// The seven digits, no hyphen: "9200981".
  public let value: String

  static let field = FieldName(ja: "郵便番号", en: "postal code")

  public static var maxLength: Int? { 8 }

  /// Full-width digits and dashes become half-width; a leading 〒 mark is dropped.
  public static func normalize(_ raw: String) -> String {
    let text = TextCleaning.asciiHyphens(TextCleaning.halfWidthDigits(TextCleaning.removingUnsafe(raw)))
    return String(text.filter { $0 != "〒" })
  }

  public static func validate(_ raw: String) -> Result<PostalCode, Reason> {
    let text = normalize(raw)
    if text.isEmpty { return .failure(.required(field)) }
    let characters = Array(text)
    let isPlain = characters.count == 7 && characters.allSatisfy(TextCleaning.isASCIIDigit)
    let isHyphenated =
      characters.count == 8 && characters[3] == "-"
      && characters.enumerated().allSatisfy { $0.offset == 3 || TextCleaning.isASCIIDigit($0.element) }
    guard isPlain || isHyphenated else {
      return .failure(
        Reason(
          ja: "郵便番号は7桁の半角数字で入力してください（例：920-0981）",
          en: "Type the postal code as 7 digits (for example 920-0981)"))
    }
    return .success(PostalCode(value: text.filter { $0 != "-" }))
  }

  /// "920-0981".
  public var formatted: String {
    "\(value.prefix(3))-\(value.dropFirst(3))"
  }
}
