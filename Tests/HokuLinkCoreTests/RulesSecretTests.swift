import Testing

@testable import HokuLinkCore

@Suite struct RulesSecretTests {
  // パスワード

  @Test func acceptsEightAndSixtyFourCharacters() {
    #expect(Password.validate("kq7-vbnt").value != nil)
    #expect(Password.validate(String(repeating: "kq7-vbnt", count: 8)).value != nil)
  }

  @Test func refusesSevenAndSixtyFiveCharacters() {
    #expect(Password.validate("kq7-vbn").reason?.ja == "パスワードは8文字以上64文字以内で入力してください")
    #expect(Password.validate(String(repeating: "kq7-vbnt", count: 8) + "x").reason != nil)
    #expect(Password.accepting(String(repeating: "x", count: 65)) == nil)
  }

  @Test func hasNoCompositionRules() {
    #expect(Password.validate("ほくりくでんりょく").value != nil)
    #expect(Password.validate("correct horse battery").value != nil)
  }

  @Test func refusesACommonPassword() {
    #expect(Password.validate("password").reason?.en.contains("too common") == true)
    #expect(Password.validate("12345678").reason != nil)
    #expect(Password.validate("iloveyou").reason != nil)
    #expect(Password.validate("PassWord1").reason != nil)
  }

  @Test func refusesACommonPasswordTypedInFullWidth() {
    #expect(Password.validate("ｐａｓｓｗｏｒｄ").reason?.en.contains("too common") == true)
  }

  @Test func bundlesAtLeastAThousandCommonPasswords() {
    #expect(CommonPasswords.count >= 1000)
    #expect(CommonPasswords.contains("qwertyui"))
    #expect(CommonPasswords.contains("QWERTYUI"))
    #expect(!CommonPasswords.contains("kq7-vbnt-hakusan"))
  }

  @Test func refusesAPasswordEqualToTheUserIDIgnoringCase() {
    #expect(Password.validate("hkdemu27", userID: "HKDEMU27", email: nil).reason?.ja == "利用者IDと同じパスワードは使えません")
    #expect(Password.validate("HKDEMU27", userID: "HKDEMU27", email: nil).reason != nil)
    #expect(Password.validate("HKDEMU28", userID: "HKDEMU27", email: nil).value != nil)
  }

  @Test func refusesAPasswordEqualToTheEmail() {
    let email = "hakusan.jiro@example.jp"
    #expect(Password.validate(email, userID: nil, email: email).reason?.ja == "メールアドレスと同じパスワードは使えません")
    #expect(Password.validate("Hakusan.Jiro@example.jp", userID: nil, email: email).reason != nil)
  }

  @Test func comparesAfterNFKC() {
    #expect(Password.validate("ｋｑ７－ｖｂｎｔ").value?.value == "kq7-vbnt")
    #expect(Password.same("ｋｑ７－ｖｂｎｔ", "kq7-vbnt"))
    #expect(!Password.same("kq7-vbnt", "kq7-vbnu"))
  }

  @Test func neverPrintsItself() throws {
    let password = try #require(Password.validate("kq7-vbnt").value)
    #expect(!"\(password)".contains("kq7"))
    #expect(!String(reflecting: password).contains("kq7"))
  }

  // 秘密のキーワード

  @Test func acceptsThreeDifferentKeywords() {
    let keywords = SecretKeywords.validate("のどぐろ", "ますずし", "はくさん").value
    #expect(keywords?.values == ["のどぐろ", "ますずし", "はくさん"])
  }

  @Test func keywordsNeverPrintThemselves() throws {
    let keywords = try #require(SecretKeywords.validate("のどぐろ", "ますずし", "はくさん").value)
    #expect(!"\(keywords)".contains("のどぐろ"))
    #expect(!String(reflecting: keywords).contains("のどぐろ"))
  }

  @Test func foldsHiraganaKatakanaAndHalfWidthKatakanaTogether() {
    #expect(SecretKeywords.fold("はくさん") == "はくさん")
    #expect(SecretKeywords.fold("ハクサン") == "はくさん")
    #expect(SecretKeywords.fold("ﾊｸｻﾝ") == "はくさん")
    #expect(SecretKeywords.fold("ｶﾞｽ") == SecretKeywords.fold("がす"))
    #expect(SecretKeywords.fold("ＡＢＣ") == "ABC")
  }

  @Test func refusesKeywordsThatAreTheSameAfterFolding() {
    let problem = SecretKeywords.validate("のどぐろ", "はくさん", "ﾊｸｻﾝ").reason
    #expect(problem?.index == 2)
    #expect(problem?.reason.ja.contains("秘密のキーワード3が秘密のキーワード2と同じ") == true)
  }

  @Test func refusesATwentyOneCharacterKeyword() {
    let twenty = String(repeating: "あ", count: 20)
    #expect(SecretKeywords.validate(twenty, "い", "う").value != nil)
    let problem = SecretKeywords.validate("い", twenty + "あ", "う").reason
    #expect(problem?.index == 1)
    #expect(problem?.reason.ja == "秘密のキーワード2は20文字以内で入力してください")
  }

  @Test func saysWhichKeywordIsEmpty() {
    let problem = SecretKeywords.validate("い", "う", "").reason
    #expect(
      problem
        == SecretKeywords.Problem(
          index: 2, reason: Reason(ja: "秘密のキーワード3を入力してください", en: "Enter the secret keyword 3")))
  }
}
