/// お客さま番号: half-width letters and digits; hyphens and spaces typed in are ignored.
public struct CustomerNumber: ValidatedText {
  /// The characters alone, letters upper-cased: "410056789012".
  public let value: String

  static let field = FieldName(ja: "お客さま番号", en: "customer number")

  /// Room for the number printed with hyphens (XX-XXXX-XXXX-XX) or spaces, plus a slip or two.
  public static var maxLength: Int? { Assumptions.customerNumberLength + 8 }

  /// Full-width letters, digits, spaces and dashes become half-width; hyphens and spaces stay visible
  /// while typing, and `validate` ignores them.
  public static func normalize(_ raw: String) -> String {
    TextCleaning.asciiHyphens(TextCleaning.halfWidthASCII(TextCleaning.removingUnsafe(raw)))
  }

  public static func validate(_ raw: String) -> Result<CustomerNumber, Reason> {
    let text = normalize(raw).filter { $0 != "-" && $0 != " " }
    if text.isEmpty { return .failure(.required(field)) }
    if !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
      return .failure(
        Reason(
          ja: "お客さま番号は半角英数字で入力してください",
          en: "Type the customer number in letters and digits only"))
    }
    let length = Assumptions.customerNumberLength
    if text.count != length {
      return .failure(
        Reason(
          ja: "お客さま番号は\(length)桁で入力してください（ハイフンは省略できます）",
          en: "The customer number has \(length) characters (hyphens may be left out)"))
    }
    return .success(CustomerNumber(value: text.uppercased()))
  }

  /// As printed on the bill: XX-XXXX-XXXX-XX.
  public var formatted: String {
    guard value.count == 12 else { return value }
    let characters = Array(value)
    return [characters[0..<2], characters[2..<6], characters[6..<10], characters[10..<12]]
      .map { String($0) }.joined(separator: "-")
  }
}
