import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct RulesEmailTests {
  @Test func acceptsAPlainAddress() {
    #expect(EmailAddress.validate("hakusan.jiro@example.jp").value?.value == "hakusan.jiro@example.jp")
  }

  @Test func acceptsUnderscoresHyphensAndDigits() {
    #expect(EmailAddress.validate("a_b-c.9@mail-1.example.jp").value != nil)
  }

  @Test func acceptsExactly100CharactersAndRefuses101() {
    let domain = "@example.jp"
    let hundred = String(repeating: "a", count: 100 - domain.count) + domain
    let hundredAndOne = "a" + hundred
    #expect(hundred.count == 100)
    #expect(EmailAddress.validate(hundred).value != nil)
    #expect(EmailAddress.validate(hundredAndOne).reason?.ja.contains("100文字以内") == true)
    #expect(EmailAddress.maxLength == 100)
    #expect(EmailAddress.accepting(hundredAndOne) == nil)
    #expect(EmailAddress.accepting(hundred) == hundred)
  }

  @Test(arguments: [
    "+", " ", "!", "#", "＠", "%", "&", "'", "*", "/", "=", "?", "^", "`", "{", "|", "}", "~", "(", ")",
    ",", ":", ";", "<", ">", "[", "]", "\"", "\\", "あ", "é", "ａ",
  ])
  func refusesAnEmailWithAForbiddenCharacter(_ symbol: String) {
    let reason = EmailAddress.validate("taro\(symbol)x@example.jp").reason
    #expect(reason?.ja.contains("使えない文字") == true)
    #expect(reason?.en.contains("not allowed") == true)
  }

  @Test func refusesAnEmailWithAPlusSign() {
    #expect(EmailAddress.validate("taro+tag@example.jp").reason != nil)
  }

  @Test func refusesAFullWidthAtSignRatherThanConvertingIt() {
    #expect(EmailAddress.normalize("taro＠example.jp") == "taro＠example.jp")
    #expect(EmailAddress.validate("taro＠example.jp").reason != nil)
  }

  @Test func refusesTwoAtSigns() {
    #expect(EmailAddress.validate("taro@home@example.jp").reason?.en.contains("exactly one @") == true)
  }

  @Test func refusesAnAddressWithoutAtSign() {
    #expect(EmailAddress.validate("taro.example.jp").reason?.en.contains("exactly one @") == true)
  }

  @Test func refusesAnEmptyLocalPart() {
    #expect(EmailAddress.validate("@example.jp").reason?.en.contains("before and after") == true)
  }

  @Test func refusesAnEmptyDomain() {
    #expect(EmailAddress.validate("taro@").reason?.en.contains("before and after") == true)
  }

  @Test func asksForAnEmptyAddressByName() {
    #expect(EmailAddress.validate("").reason == Reason(ja: "メールアドレスを入力してください", en: "Enter the e-mail address"))
  }

  @Test func confirmationMustBeEqual() {
    #expect(EmailAddress.confirm("a@example.jp", "a@example.jp") == nil)
    #expect(EmailAddress.confirm("a@example.jp", "b@example.jp")?.ja == "確認用メールアドレスがメールアドレスと一致しません")
    #expect(EmailAddress.confirm("a@example.jp", "A@example.jp") != nil)
    #expect(EmailAddress.confirm("a@example.jp", "")?.ja.contains("確認用メールアドレスを入力") == true)
  }

  @Test func storesAsAStringAndRefusesABadOneWhenReadBack() throws {
    let email = try #require(EmailAddress.validate("a@example.jp").value)
    let data = try JSONEncoder().encode([email])
    #expect(String(decoding: data, as: UTF8.self) == #"["a@example.jp"]"#)
    #expect(try JSONDecoder().decode([EmailAddress].self, from: data) == [email])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([EmailAddress].self, from: Data(#"["a+b@example.jp"]"#.utf8))
    }
  }
}
