/// ニックネーム: 1–10 characters of any kind.
public struct Nickname: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "ニックネーム", en: "nickname")

  public static var maxLength: Int? { Assumptions.nicknameLength.upperBound }

  public static func normalize(_ raw: String) -> String {
    TextCleaning.removingUnsafe(raw)
  }

  public static func validate(_ raw: String) -> Result<Nickname, Reason> {
    let text = TextCleaning.trimmingSpaces(normalize(raw))
    let range = Assumptions.nicknameLength
    if text.count < range.lowerBound { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > range.upperBound { return .failure(.tooLong(field, max: range.upperBound)) }
    return .success(Nickname(value: text))
  }
}
