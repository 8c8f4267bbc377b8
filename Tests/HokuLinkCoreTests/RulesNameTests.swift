import Testing

@testable import HokuLinkCore

@Suite struct RulesNameTests {
  // ご契約名義

  @Test func acceptsAFullWidthName() {
    #expect(ContractName.validate("北陸　太郎").value?.value == "北陸　太郎")
  }

  @Test func turnsAHalfWidthSpaceBetweenNamesIntoAFullWidthOne() {
    #expect(ContractName.normalize("北陸 太郎") == "北陸　太郎")
    #expect(ContractName.validate("北陸 太郎").value?.value == "北陸　太郎")
  }

  @Test func acceptsThirtyCharactersAndRefusesThirtyOne() {
    #expect(ContractName.validate(String(repeating: "山", count: 29)).value != nil)
    #expect(ContractName.validate(String(repeating: "山", count: 30)).value != nil)
    #expect(ContractName.validate(String(repeating: "山", count: 31)).reason?.ja == "ご契約名義は30文字以内で入力してください")
    #expect(ContractName.accepting(String(repeating: "山", count: 31)) == nil)
  }

  /// 北 followed by 500 combining marks is one character seen but 501 scalars stored: refused, as typed and checked.
  @Test func countsTheStoredScalarsAsWellAsTheCharactersSeen() {
    let piled = "北" + String(repeating: "\u{0301}", count: 500)
    #expect(piled.count == 1)
    #expect(ContractName.accepting(piled) == nil)
    #expect(ContractName.validate(piled).reason?.ja == "ご契約名義は30文字以内で入力してください")
    #expect(ContractName.accepting("北" + String(repeating: "\u{0301}", count: 29)) != nil)
    #expect(Address.accepting("金沢" + String(repeating: "\u{0301}", count: 500)) == nil)
    #expect(Furigana.accepting("ホ" + String(repeating: "\u{0301}", count: 500)) == nil)
  }

  @Test func refusesAHalfWidthCharacterInAName() {
    #expect(ContractName.validate("北陸 Taro").reason?.ja.contains("全角で") == true)
    #expect(ContractName.validate("北陸太郎1").reason != nil)
    #expect(ContractName.validate("ＡＢＣ株式会社").value != nil)
  }

  @Test func convertsHalfWidthKatakanaInAName() {
    #expect(ContractName.validate("ﾎｸﾘｸ ﾀﾛｳ").value?.value == "ホクリク　タロウ")
  }

  @Test func asksForAnEmptyName() {
    #expect(ContractName.validate("").reason?.ja == "ご契約名義を入力してください")
    #expect(ContractName.validate(" 　 ").reason?.ja == "ご契約名義を入力してください")
  }

  @Test func matchesTheRegistryNameWhateverTheSpaces() {
    let registry = ContractName.matchKey("北陸 太郎")
    #expect(ContractName.matchKey("北陸　太郎") == registry)
    #expect(ContractName.matchKey("北陸太郎") == registry)
    #expect(ContractName.matchKey("北陸 　太郎 ") == registry)
    #expect(ContractName.matchKey("北陸　次郎") != registry)
  }

  // フリガナ

  @Test func convertsHiraganaToKatakanaInFurigana() {
    #expect(Furigana.validate("ほくりく たろう").value?.value == "ホクリク　タロウ")
  }

  @Test func convertsHalfWidthKatakanaWithDakutenInFurigana() {
    #expect(Furigana.normalize("ｶﾞｷﾞ") == "ガギ")
    #expect(Furigana.validate("ﾊｸｻﾝ ｼﾞﾛｰ").value?.value == "ハクサン　ジロー")
  }

  @Test func joinsADecomposedHiraganaMark() {
    #expect(Furigana.validate("か\u{3099}").value?.value == "ガ")
  }

  @Test func refusesKanjiOrLettersInFurigana() {
    #expect(Furigana.validate("北陸").reason?.ja.contains("全角カタカナ") == true)
    #expect(Furigana.validate("ホクリクTaro").reason != nil)
    #expect(Furigana.validate("ホクリク・タロウ").reason != nil)
  }

  @Test func acceptsTheLongVowelMark() {
    #expect(Furigana.validate("コーヒー").value != nil)
  }

  @Test func refusesFuriganaOverSixtyCharacters() {
    #expect(Furigana.validate(String(repeating: "ア", count: 60)).value != nil)
    #expect(Furigana.validate(String(repeating: "ア", count: 61)).reason != nil)
  }

  // 住所

  @Test func convertsHalfWidthLettersAndDigitsInAnAddress() {
    #expect(Address.validate("金沢市片町1-2-3 ABビル").value?.value == "金沢市片町１－２－３　ＡＢビル")
  }

  @Test func acceptsSixtyCharactersAndRefusesSixtyOne() {
    #expect(Address.validate(String(repeating: "町", count: 60)).value != nil)
    #expect(Address.validate(String(repeating: "町", count: 61)).reason?.ja == "住所は60文字以内で入力してください")
  }

  @Test func refusesAHalfWidthLatinLetterThatCannotBeConverted() {
    #expect(Address.validate("金沢市café").reason?.ja.contains("全角で") == true)
  }

  @Test func asksForAnEmptyAddress() {
    #expect(Address.validate("").reason?.ja == "住所を入力してください")
  }
}
