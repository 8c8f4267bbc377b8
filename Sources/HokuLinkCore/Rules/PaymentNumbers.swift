/// 口座番号: the bank account number of the 口座振替 in use, 7 digits; checked against the registry elsewhere.
public struct AccountNumber: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "口座番号", en: "account number")

  public static var maxLength: Int? { Assumptions.accountNumberDigits }

  public static func normalize(_ raw: String) -> String {
    TextCleaning.halfWidthDigits(TextCleaning.removingUnsafe(raw))
  }

  public static func validate(_ raw: String) -> Result<AccountNumber, Reason> {
    DigitsRule.validate(normalize(raw), count: Assumptions.accountNumberDigits, field: field)
      .map(AccountNumber.init(value:))
  }
}

/// クレジットカード番号下4桁: the last four digits of the card in use.
public struct CardLast4: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "クレジットカード番号下4桁", en: "last 4 digits of the card number")

  public static var maxLength: Int? { Assumptions.cardDigits }

  public static func normalize(_ raw: String) -> String {
    TextCleaning.halfWidthDigits(TextCleaning.removingUnsafe(raw))
  }

  public static func validate(_ raw: String) -> Result<CardLast4, Reason> {
    DigitsRule.validate(normalize(raw), count: Assumptions.cardDigits, field: field)
      .map(CardLast4.init(value:))
  }
}

/// The shared check of a fixed count of digits.
enum DigitsRule {
  static func validate(_ text: String, count: Int, field: FieldName) -> Result<String, Reason> {
    if text.isEmpty { return .failure(.required(field)) }
    guard text.count == count, text.allSatisfy(TextCleaning.isASCIIDigit) else {
      return .failure(
        Reason(
          ja: "\(field.ja)は\(count)桁の半角数字で入力してください",
          en: "The \(field.en) is \(count) digits"))
    }
    return .success(text)
  }
}
