import Testing

@testable import HokuLinkCore

@Suite struct RulesKanaTests {
  @Test func convertsHiraganaToKatakana() {
    #expect(Kana.katakana(fromHiragana: "ほくりく　たろう") == "ホクリク　タロウ")
    #expect(Kana.katakana(fromHiragana: "ぁゖゝゞ") == "ァヶヽヾ")
  }

  @Test func convertsKatakanaToHiragana() {
    #expect(Kana.hiragana(fromKatakana: "ハクサン") == "はくさん")
  }

  @Test func convertsEveryHalfWidthKatakana() {
    let half = "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ"
    let full = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    #expect(Kana.fullWidthKatakana(fromHalfWidth: half) == full)
  }

  @Test func joinsVoicedAndSemiVoicedMarks() {
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ｶﾞｷﾞｸﾞｹﾞｺﾞ") == "ガギグゲゴ")
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ") == "ザジズゼゾダヂヅデド")
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ") == "バビブベボパピプペポ")
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ｳﾞﾜﾞｦﾞ") == "ヴヷヺ")
  }

  @Test func dropsAHalfWidthMarkThatCannotJoin() {
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ｱﾞﾟ") == "ア")
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ﾞ") == "")
  }

  @Test func keepsAFullWidthSpacingMarkThatCannotJoin() {
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "ア゛") == "ア゛")
  }

  @Test func joinsFullWidthKanaWithASpacingOrCombiningMark() {
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "カ゛ハ゜") == "ガパ")
    #expect(Kana.fullWidthKatakana(fromHalfWidth: "カ\u{3099}") == "ガ")
  }
}
