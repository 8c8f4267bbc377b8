import Testing

@testable import HokuLinkCore

@Suite struct RulesCleaningTests {
  @Test func stripsControlCharactersDelAndC1() {
    #expect(Nickname.normalize("a\u{0}b\u{7}c\u{8}d\td\ne\u{7F}f\u{85}g\u{9F}") == "abcddefg")
  }

  @Test func stripsWholeEscapeSequences() {
    #expect(Nickname.normalize("\u{1B}[31mred\u{1B}[0m") == "red")
    #expect(Nickname.normalize("a\u{1B}]0;title\u{7}b") == "ab")
    #expect(Nickname.normalize("a\u{1B}]8;;http://x\u{1B}\\b") == "ab")
    #expect(Nickname.normalize("a\u{9B}2Jb") == "ab")
    #expect(Nickname.normalize("a\u{1B}cb") == "ab")
    #expect(Nickname.normalize("trailing\u{1B}") == "trailing")
    #expect(Nickname.normalize("\u{1B}[31あ") == "あ")
  }

  @Test func stripsBidiOverrides() {
    #expect(Nickname.normalize("abc\u{202E}def\u{2066}g\u{200F}") == "abcdefg")
  }

  @Test func everyFieldStripsControls() {
    let dirty = "\u{1B}[2J\u{202E}\u{7}"
    #expect(EmailAddress.normalize("a\(dirty)@example.jp") == "a@example.jp")
    #expect(ContractName.normalize("北陸\(dirty)太郎") == "北陸太郎")
    #expect(Furigana.normalize("ホク\(dirty)リク") == "ホクリク")
    #expect(CustomerNumber.normalize("41\(dirty)0056") == "410056")
    #expect(PostalCode.normalize("920\(dirty)0981") == "9200981")
    #expect(Address.normalize("金沢\(dirty)市") == "金沢市")
    #expect(PhoneNumber.normalize("076\(dirty)4412511") == "0764412511")
    #expect(AccountNumber.normalize("123\(dirty)4567") == "1234567")
    #expect(CardLast4.normalize("12\(dirty)34") == "1234")
    #expect(Password.normalize("pass\(dirty)word") == "password")
    #expect(SecretKeywords.normalize("はく\(dirty)さん") == "はくさん")
    #expect(BirthMonth.normalize("1985\(dirty)/04") == "1985/04")
  }

  @Test func normalisationIsIdempotent() {
    let samples = ["ﾎｸﾘｸ ﾀﾛｳ", "ほくりく　たろう", "ｶﾞｷﾞｸﾞｹﾞｺﾞ", "１２３－４５６７", "abc 1-2", "\u{1B}[1mx", "1985年4月"]
    for sample in samples {
      #expect(Furigana.normalize(Furigana.normalize(sample)) == Furigana.normalize(sample))
      #expect(ContractName.normalize(ContractName.normalize(sample)) == ContractName.normalize(sample))
      #expect(Address.normalize(Address.normalize(sample)) == Address.normalize(sample))
      #expect(PostalCode.normalize(PostalCode.normalize(sample)) == PostalCode.normalize(sample))
      #expect(PhoneNumber.normalize(PhoneNumber.normalize(sample)) == PhoneNumber.normalize(sample))
      #expect(CustomerNumber.normalize(CustomerNumber.normalize(sample)) == CustomerNumber.normalize(sample))
      #expect(BirthMonth.normalize(BirthMonth.normalize(sample)) == BirthMonth.normalize(sample))
    }
  }

  @Test func normalisationNeverLengthensTheText() {
    let samples = ["ﾎｸﾘｸ ﾀﾛｳ", "ほくりく", "abc 1-2", "１２３４５６７", "ﾞﾟ", "ｳﾞ"]
    for sample in samples {
      #expect(Furigana.normalize(sample).count <= sample.count)
      #expect(ContractName.normalize(sample).count <= sample.count)
      #expect(Address.normalize(sample).count <= sample.count)
    }
  }

  @Test func refusesTypingPastTheLimit() {
    #expect(CardLast4.accepting("1234") == "1234")
    #expect(CardLast4.accepting("12345") == nil)
    #expect(PostalCode.accepting("920-0981") == "920-0981")
    #expect(PostalCode.accepting("920-09810") == nil)
  }
}
