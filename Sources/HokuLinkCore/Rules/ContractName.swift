import Foundation

/// ご契約名義: full-width only, 1–30 characters.
public struct ContractName: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "ご契約名義", en: "contract holder's name")

  public static var maxLength: Int? { Assumptions.contractNameMaxLength }

  /// A half-width space between family and given name is the one half-width character people type
  /// without meaning to, so it becomes a full-width space; half-width katakana becomes full-width too.
  /// Letters and digits are left for `validate` to refuse, as the guide asks for full-width input.
  public static func normalize(_ raw: String) -> String {
    let safe = TextCleaning.removingUnsafe(raw)
    return Kana.fullWidthKatakana(fromHalfWidth: TextCleaning.fullWidthSpaces(safe))
  }

  public static func validate(_ raw: String) -> Result<ContractName, Reason> {
    let text = TextCleaning.trimmingSpaces(normalize(raw))
    if text.isEmpty { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > Assumptions.contractNameMaxLength {
      return .failure(.tooLong(field, max: Assumptions.contractNameMaxLength))
    }
    if text.contains(where: TextCleaning.isHalfWidth) {
      return .failure(
        Reason(
          ja: "ご契約名義は全角で入力してください（半角の文字が含まれています）",
          en: "Type the contract holder's name in full-width characters (it has a half-width character)"))
    }
    return .success(ContractName(value: text))
  }

  /// The key for matching against the registry's name ("北陸 太郎" with an ASCII space): spaces of
  /// both widths removed and NFKC-folded, so 北陸　太郎, 北陸太郎 and 北陸 太郎 are one name.
  public static func matchKey(_ name: String) -> String {
    let folded = TextCleaning.removingUnsafe(name).precomposedStringWithCompatibilityMapping
    return String(folded.filter { !$0.isWhitespace })
  }
}
