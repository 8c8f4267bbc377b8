import Foundation

/// 秘密のキーワード: three keywords, each 1–20 characters, all different after NFKC and kana folding.
public struct SecretKeywords: TypedField, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  /// The three keywords as typed (unsafe characters removed, spaces trimmed); hash `fold(_:)` of each.
  public let values: [String]

  /// Which keyword was refused and why; `index` is 0, 1 or 2 (秘密のキーワード1 is 0).
  public struct Problem: Error, Equatable, Sendable {
    public let index: Int
    public let reason: Reason
  }

  public static var maxLength: Int? { Assumptions.keywordLength.upperBound }

  public static func normalize(_ raw: String) -> String {
    TextCleaning.removingUnsafe(raw)
  }

  /// The comparison form: NFKC (ﾊｸｻﾝ to ハクサン) then katakana to hiragana, so はくさん, ハクサン and
  /// ﾊｸｻﾝ are one keyword.
  public static func fold(_ keyword: String) -> String {
    let trimmed = TextCleaning.trimmingSpaces(normalize(keyword))
    return Kana.hiragana(fromKatakana: trimmed.precomposedStringWithCompatibilityMapping)
  }

  /// One keyword on its own, as at the keyword check; `number` is 1, 2 or 3 for the message.
  public static func validateOne(_ raw: String, number: Int) -> Result<String, Reason> {
    let text = TextCleaning.trimmingSpaces(normalize(raw))
    let field = FieldName(ja: "秘密のキーワード\(number)", en: "secret keyword \(number)")
    let range = Assumptions.keywordLength
    if text.count < range.lowerBound { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > range.upperBound { return .failure(.tooLong(field, max: range.upperBound)) }
    return .success(text)
  }

  public static func validate(_ a: String, _ b: String, _ c: String) -> Result<SecretKeywords, Problem> {
    var values: [String] = []
    for (index, raw) in [a, b, c].enumerated() {
      switch validateOne(raw, number: index + 1) {
      case .success(let text): values.append(text)
      case .failure(let reason): return .failure(Problem(index: index, reason: reason))
      }
    }
    let folded = values.map(fold)
    for index in 1..<folded.count {
      if let earlier = folded[..<index].firstIndex(of: folded[index]) {
        return .failure(
          Problem(
            index: index,
            reason: Reason(
              ja: "秘密のキーワード\(index + 1)が秘密のキーワード\(earlier + 1)と同じです。3つとも違うものにしてください",
              en: "Secret keyword \(index + 1) is the same as secret keyword \(earlier + 1); make all three different")
          ))
      }
    }
    return .success(SecretKeywords(values: values))
  }

  // Keywords are secrets like passwords: never printed, so they cannot reach a log by accident.
  public var description: String { "SecretKeywords(•••, •••, •••)" }
  public var debugDescription: String { description }
}
