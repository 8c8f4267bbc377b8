import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct RulesProfileTests {
  /// 2026-11-27 12:00 in Japan.
  let now = Date(timeIntervalSince1970: 1_795_748_400)

  @Test func acceptsOneToTenCharacterNicknames() {
    #expect(Nickname.validate("じろう").value?.value == "じろう")
    #expect(Nickname.validate(String(repeating: "あ", count: 10)).value != nil)
    #expect(Nickname.validate(String(repeating: "あ", count: 11)).reason?.ja == "ニックネームは10文字以内で入力してください")
    #expect(Nickname.validate("").reason?.ja == "ニックネームを入力してください")
  }

  @Test func acceptsTheBirthMonthInEachTypedForm() {
    for typed in ["1985/04", "1985-04", "198504", "1985/4", "１９８５／０４", "1985年4月"] {
      let month = BirthMonth.validate(typed, now: now).value
      #expect(month?.year == 1985, "\(typed)")
      #expect(month?.month == 4, "\(typed)")
      #expect(month?.formatted == "1985/04")
    }
  }

  @Test func refusesYear1899AndAccepts1900() {
    #expect(BirthMonth.validate("1899/12", now: now).reason?.ja == "誕生年は1900年以降で入力してください")
    #expect(BirthMonth.validate("1900/01", now: now).value != nil)
  }

  @Test func refusesNextMonthAndAcceptsThisMonth() {
    #expect(BirthMonth.validate("2026/11", now: now).value != nil)
    #expect(BirthMonth.validate("2026/12", now: now).reason?.ja == "誕生年月に未来の年月は入力できません")
    #expect(BirthMonth.validate("2027/01", now: now).reason != nil)
  }

  @Test func readsThisMonthInJapanTime() {
    // 2026-11-30 16:00 UTC is already 12月1日 in Japan.
    let lateNovemberUTC = Date(timeIntervalSince1970: 1_796_054_400)
    #expect(BirthMonth.validate("2026/12", now: lateNovemberUTC).value != nil)
  }

  @Test func refusesMonthZeroOrThirteenAndOddShapes() {
    for typed in ["1985/00", "1985/13", "85/04", "1985", "1985/04/01", "abcd/ef", "1985/"] {
      #expect(BirthMonth.validate(typed, now: now).reason != nil, "\(typed)")
    }
    #expect(BirthMonth.validate("", now: now).reason?.ja == "誕生年月を入力してください")
  }

  @Test func choicesHaveBothLabelsAndStableRawValues() throws {
    #expect(InquiryKind.allCases.map(\.labelJA) == ["個人", "法人"])
    #expect(Gender.allCases.map(\.labelJA) == ["男性", "女性", "その他", "回答しない"])
    #expect(ContractUse.allCases.map(\.labelJA) == ["ご家庭(戸建住宅)", "ご家庭(集合住宅)", "店舗・事務所", "その他"])
    #expect(FamilySize.allCases.map(\.labelJA) == ["1人", "2人", "3人", "4人", "5人", "6人以上"])
    #expect(FamilySize.allCases.map(\.labelEN).last == "6 or more")
    let data = try JSONEncoder().encode([FamilySize.sixOrMore])
    #expect(String(decoding: data, as: UTF8.self) == #"["6+"]"#)
    #expect(try JSONDecoder().decode([Gender].self, from: Data(#"["preferNotToSay"]"#.utf8)) == [.preferNotToSay])
  }
}
