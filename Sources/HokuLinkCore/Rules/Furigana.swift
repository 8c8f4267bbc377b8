import Foundation

/// フリガナ: full-width katakana, the long-vowel mark ー and the full-width space only.
public struct Furigana: ValidatedText {
  public let value: String

  static let field = FieldName(ja: "フリガナ", en: "name in katakana (furigana)")

  public static var maxLength: Int? { Assumptions.furiganaMaxLength }

  /// Hiragana and half-width katakana become full-width katakana as typed (ｶﾞ to ガ); a half-width
  /// space or ｰ becomes its full-width form. NFC first so a decomposed か+゙ arrives as one kana.
  public static func normalize(_ raw: String) -> String {
    let safe = TextCleaning.removingUnsafe(raw).precomposedStringWithCanonicalMapping
    let katakana = Kana.fullWidthKatakana(fromHalfWidth: Kana.katakana(fromHiragana: safe))
    return TextCleaning.fullWidthSpaces(katakana)
  }

  public static func validate(_ raw: String) -> Result<Furigana, Reason> {
    let text = TextCleaning.trimmingSpaces(normalize(raw))
    if text.isEmpty { return .failure(.required(field)) }
    if TextCleaning.limitLength(text) > Assumptions.furiganaMaxLength {
      return .failure(.tooLong(field, max: Assumptions.furiganaMaxLength))
    }
    if !text.unicodeScalars.allSatisfy(isAllowed) {
      return .failure(
        Reason(
          ja: "フリガナは全角カタカナで入力してください（使えるのはカタカナ、ー、全角スペースです）",
          en: "Type the furigana in full-width katakana (katakana, the long-vowel mark and full-width spaces only)"))
    }
    return .success(Furigana(value: text))
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x30A1...0x30FA: return true  // ァ to ヺ
    case 0x30FC, 0x3000: return true  // ー and the full-width space
    default: return false
    }
  }
}
