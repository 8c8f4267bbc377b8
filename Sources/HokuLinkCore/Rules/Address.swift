/// 住所: full-width, 1–60 characters.
public struct Address: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "住所", en: "address")

  public static var maxLength: Int? { Assumptions.addressMaxLength }

  /// Half-width letters, digits, signs and spaces become full-width as typed ("1-2-3" to "１－２－３"),
  /// and half-width katakana full-width katakana, so an address typed in either width is accepted.
  public static func normalize(_ raw: String) -> String {
    let safe = TextCleaning.removingUnsafe(raw)
    return Kana.fullWidthKatakana(fromHalfWidth: TextCleaning.fullWidthASCII(safe))
  }

  public static func validate(_ raw: String) -> Result<Address, Reason> {
    let text = TextCleaning.trimmingSpaces(normalize(raw))
    if text.isEmpty { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > Assumptions.addressMaxLength {
      return .failure(.tooLong(field, max: Assumptions.addressMaxLength))
    }
    if text.contains(where: TextCleaning.isHalfWidth) {
      return .failure(
        Reason(
          ja: "住所は全角で入力してください（半角の文字が含まれています）",
          en: "Type the address in full-width characters (it has a half-width character)"))
    }
    return .success(Address(value: text))
  }
}
