/// メールアドレス: `local@domain`, half-width letters, digits and `. - _ @` only, at most 100 characters.
public struct EmailAddress: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "メールアドレス", en: "e-mail address")
  static let confirmationField = FieldName(ja: "確認用メールアドレス", en: "e-mail address again (for confirmation)")

  public static var maxLength: Int? { Assumptions.emailMaxLength }

  /// Only the unsafe characters go: a full-width ＠ or letter is refused, not silently converted,
  /// because the guide asks for half-width input and the person should see what is wrong.
  public static func normalize(_ raw: String) -> String {
    TextCleaning.removingUnsafe(raw)
  }

  public static func validate(_ raw: String) -> Result<EmailAddress, Reason> {
    let text = normalize(raw)
    if text.isEmpty { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > Assumptions.emailMaxLength {
      return .failure(.tooLong(field, max: Assumptions.emailMaxLength))
    }
    if !text.allSatisfy(isAllowed) {
      return .failure(
        Reason(
          ja: "メールアドレスに使えない文字が含まれています（使えるのは半角英数字と . - _ @ です）",
          en: "The e-mail address has a character that is not allowed (only letters, digits, . - _ and @)"))
    }
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    if parts.count != 2 {
      return .failure(
        Reason(
          ja: "メールアドレスには @ を1つだけ入れてください",
          en: "The e-mail address must have exactly one @"))
    }
    if parts[0].isEmpty || parts[1].isEmpty {
      return .failure(
        Reason(
          ja: "メールアドレスは「名前@ドメイン」の形で、@ の前と後ろの両方を入力してください",
          en: "The e-mail address needs a part before and after the @ (name@domain)"))
    }
    return .success(EmailAddress(value: text))
  }

  /// The 確認用 field: nil when it repeats the address exactly.
  public static func confirm(_ email: String, _ confirmation: String) -> Reason? {
    let second = normalize(confirmation)
    if second.isEmpty { return .required(confirmationField) }
    if normalize(email) != second {
      return Reason(
        ja: "確認用メールアドレスがメールアドレスと一致しません",
        en: "The two e-mail addresses are not the same")
    }
    return nil
  }

  private static func isAllowed(_ character: Character) -> Bool {
    guard character.isASCII else { return false }
    return character.isLetter || character.isNumber || ".-_@".contains(character)
  }
}
