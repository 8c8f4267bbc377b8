/// Kana conversions written out rather than left to ICU transforms, so the rules behave the same on every
/// platform and the tables can be read.
public enum Kana {
  /// ぁ–ゖ and ゝゞ to ァ–ヶ and ヽヾ: the two blocks sit 0x60 apart.
  public static func katakana(fromHiragana text: String) -> String {
    TextCleaning.mappingScalars(text) { scalar in
      switch scalar.value {
      case 0x3041...0x3096, 0x309D...0x309E: return Unicode.Scalar(scalar.value + 0x60)
      default: return nil
      }
    }
  }

  /// ァ–ヶ and ヽヾ to hiragana; ヷ–ヺ have no hiragana and stay.
  public static func hiragana(fromKatakana text: String) -> String {
    TextCleaning.mappingScalars(text) { scalar in
      switch scalar.value {
      case 0x30A1...0x30F6, 0x30FD...0x30FE: return Unicode.Scalar(scalar.value - 0x60)
      default: return nil
      }
    }
  }

  /// ｡ to ﾝ (U+FF61–U+FF9D) in order; the voiced marks ﾞﾟ are handled apart.
  private static let halfWidthTable: [Unicode.Scalar] = Array(
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
      .unicodeScalars)

  /// Half-width katakana to full-width, joining ﾞ and ﾟ with the kana before them (ｶﾞ to ガ, ﾊﾟ to パ).
  /// A half-width mark that cannot join is dropped: it means nothing alone, and keeping it as ゛ would
  /// lengthen the text (ｱﾞ is one character, ア゛ two). Also joins full-width kana with a following
  /// combining or spacing mark (カ゛ to ガ), so the result is one form whatever was typed.
  public static func fullWidthKatakana(fromHalfWidth text: String) -> String {
    var out: [Unicode.Scalar] = []
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF61...0xFF9D:
        out.append(halfWidthTable[Int(scalar.value - 0xFF61)])
      case 0xFF9E, 0x3099, 0x309B:
        if let last = out.last, let voiced = voiced(last) {
          out[out.count - 1] = voiced
        } else {
          if scalar.value != 0xFF9E { out.append(scalar) }
        }
      case 0xFF9F, 0x309A, 0x309C:
        if let last = out.last, let semi = semiVoiced(last) {
          out[out.count - 1] = semi
        } else {
          if scalar.value != 0xFF9F { out.append(scalar) }
        }
      default:
        out.append(scalar)
      }
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: out)
    return String(view)
  }

  /// カ to ガ and the like; nil when the kana takes no voiced mark.
  static func voiced(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    let value = scalar.value
    switch value {
    // カ キ ク ケ コ サ … ト: each voiced form is the next code point; ッ (30C3) is skipped.
    case 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
      0x30C4, 0x30C6, 0x30C8:
      return Unicode.Scalar(value + 1)
    case 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB: return Unicode.Scalar(value + 1)  // ハ行 to バ行
    case 0x304B, 0x304D, 0x304F, 0x3051, 0x3053, 0x3055, 0x3057, 0x3059, 0x305B, 0x305D, 0x305F, 0x3061,
      0x3064, 0x3066, 0x3068, 0x306F, 0x3072, 0x3075, 0x3078, 0x307B:
      return Unicode.Scalar(value + 1)  // the same in hiragana
    case 0x30A6: return "\u{30F4}"  // ウ to ヴ
    case 0x3046: return "\u{3094}"  // う to ゔ
    case 0x30EF: return "\u{30F7}"  // ワ to ヷ
    case 0x30F2: return "\u{30FA}"  // ヲ to ヺ
    default: return nil
    }
  }

  /// ハ to パ and the like; nil when the kana takes no semi-voiced mark.
  static func semiVoiced(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    switch scalar.value {
    case 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x306F, 0x3072, 0x3075, 0x3078, 0x307B:
      return Unicode.Scalar(scalar.value + 2)
    default: return nil
    }
  }
}
