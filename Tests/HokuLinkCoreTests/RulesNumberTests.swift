import Testing

@testable import HokuLinkCore

@Suite struct RulesNumberTests {
  // お客さま番号

  @Test func acceptsACustomerNumberWithHyphensOrSpaces() {
    #expect(CustomerNumber.validate("41-0056-7890-12").value?.value == "410056789012")
    #expect(CustomerNumber.validate("41 0056 7890 12").value?.value == "410056789012")
    #expect(CustomerNumber.validate("410056789012").value?.formatted == "41-0056-7890-12")
  }

  @Test func convertsFullWidthDigitsInACustomerNumber() {
    #expect(CustomerNumber.validate("４１００５６７８９０１２").value?.value == "410056789012")
    #expect(CustomerNumber.validate("４１－００５６－７８９０－１２").value?.value == "410056789012")
  }

  @Test func refusesACustomerNumberOfElevenOrThirteenDigits() {
    #expect(CustomerNumber.validate("41005678901").reason?.ja.contains("12桁") == true)
    #expect(CustomerNumber.validate("4100567890123").reason?.ja.contains("12桁") == true)
  }

  @Test func refusesSymbolsInACustomerNumber() {
    #expect(CustomerNumber.validate("41005678901#").reason?.ja.contains("半角英数字") == true)
  }

  @Test func asksForAnEmptyCustomerNumber() {
    #expect(CustomerNumber.validate("- -").reason?.ja == "お客さま番号を入力してください")
  }

  // 郵便番号

  @Test func acceptsSevenDigitsWithOrWithoutTheHyphen() {
    #expect(PostalCode.validate("9200981").value?.value == "9200981")
    #expect(PostalCode.validate("920-0981").value?.value == "9200981")
    #expect(PostalCode.validate("9200981").value?.formatted == "920-0981")
  }

  @Test func acceptsAHyphenOnlyAfterTheThirdDigit() {
    #expect(PostalCode.validate("123-4567").value != nil)
    #expect(PostalCode.validate("1234-567").reason != nil)
    #expect(PostalCode.validate("12-34567").reason != nil)
    #expect(PostalCode.validate("123--4567").reason != nil)
  }

  @Test func refusesSixOrEightDigits() {
    #expect(PostalCode.validate("920098").reason?.ja.contains("7桁") == true)
    #expect(PostalCode.validate("92009811").reason != nil)
  }

  @Test func convertsFullWidthDigitsAndHyphenInAPostalCode() {
    #expect(PostalCode.validate("９２０－０９８１").value?.value == "9200981")
    #expect(PostalCode.validate("〒920-0981").value?.value == "9200981")
  }

  @Test func refusesLettersInAPostalCode() {
    #expect(PostalCode.validate("920-098a").reason != nil)
  }

  // 電話番号

  @Test func acceptsTenAndElevenDigitPhones() {
    #expect(PhoneNumber.validate("0764412511").value?.value == "0764412511")
    #expect(PhoneNumber.validate("090-1234-5678").value?.value == "09012345678")
    #expect(PhoneNumber.validate("０７６－４４１－２５１１").value?.value == "0764412511")
  }

  @Test func refusesNineOrTwelveDigitPhones() {
    #expect(PhoneNumber.validate("076441251").reason?.ja.contains("10桁か11桁") == true)
    #expect(PhoneNumber.validate("090123456789").reason?.ja.contains("10桁か11桁") == true)
  }

  @Test func refusesAPhoneNotStartingWithZero() {
    #expect(PhoneNumber.validate("7644125110").reason?.ja.contains("0から始まる") == true)
  }

  @Test func refusesLettersOrParenthesesInAPhone() {
    #expect(PhoneNumber.validate("(076)4412511").reason?.ja.contains("半角数字") == true)
  }

  // 口座番号・カード下4桁

  @Test func acceptsASevenDigitAccountNumberOnly() {
    #expect(AccountNumber.validate("1234567").value?.value == "1234567")
    #expect(AccountNumber.validate("１２３４５６７").value?.value == "1234567")
    #expect(AccountNumber.validate("123456").reason?.ja == "口座番号は7桁の半角数字で入力してください")
    #expect(AccountNumber.validate("12345678").reason != nil)
    #expect(AccountNumber.validate("12345a7").reason != nil)
    #expect(AccountNumber.validate("").reason?.ja == "口座番号を入力してください")
  }

  @Test func acceptsFourCardDigitsOnly() {
    #expect(CardLast4.validate("4242").value?.value == "4242")
    #expect(CardLast4.validate("424").reason != nil)
    #expect(CardLast4.validate("42424").reason != nil)
    #expect(CardLast4.validate("42a2").reason != nil)
  }
}
