import Testing

@testable import HokuLinkUI

@Suite struct PageTests {
  let page = Page([
    .text("ご利用者情報を入力してください"),
    .field(FieldSpec(id: "pw", label: "初回ログインパスワード")),
    .field(FieldSpec(id: "pw2", label: "初回ログインパスワード(確認用)")),
    .checkbox(id: "agree", label: "ほくリンク会員規約に同意します", checked: false),
    .checkbox(id: "notice", label: "検針結果更新通知メールを受け取る", checked: false),
    .group(
      title: "コース",
      [
        .choice(ChoiceSpec(id: "course", label: "会員申請コース", options: ["いますぐ会員コース", "通常会員コース"]))
      ]),
    .button(id: "next", label: "次へ"),
    .link(id: "terms", label: "ほくリンク会員規約"),
  ])

  @Test func focusablesAreInReadingOrderIncludingGroups() {
    #expect(page.focusableIDs == ["pw", "pw2", "agree", "notice", "course", "next", "terms"])
    #expect(page.label(of: "course") == "会員申請コース")
    #expect(page.kind(of: "terms") == .link)
  }

  @Test func anExactLabelWinsOverOnesThatContainIt() {
    #expect(page.find(label: "初回ログインパスワード") == .success("pw"))
    #expect(page.find(label: "ほくリンク会員規約") == .success("terms"))
  }

  @Test func aPartOfOneLabelFindsThatControl() {
    #expect(page.find(label: "同意") == .success("agree"))
    #expect(page.find(label: "(確認用)") == .success("pw2"))
  }

  @Test func aPartOfSeveralLabelsIsAmbiguous() {
    #expect(
      page.find(label: "パスワード")
        == .failure(.ambiguous("パスワード", candidates: ["初回ログインパスワード", "初回ログインパスワード(確認用)"])))
    #expect(page.find(label: "メール") == .success("notice"))
  }

  @Test func anUnknownLabelIsNotFound() {
    #expect(page.find(label: "ログアウト") == .failure(.notFound("ログアウト")))
    #expect(page.find(label: "") == .failure(.notFound("")))
  }

  @Test func aLookupCanBeLimitedToKinds() {
    #expect(page.find(label: "会員規約", kinds: [.link]) == .success("terms"))
    #expect(page.find(label: "会員規約", kinds: [.button]) == .failure(.notFound("会員規約")))
  }

  @Test func anOptionIsFoundByTheSameRule() {
    #expect(page.find(option: "通常", in: "course") == .success(1))
    #expect(page.find(option: "いますぐ会員コース", in: "course") == .success(0))
    #expect(
      page.find(option: "会員コース", in: "course") == .failure(.ambiguous("会員コース", candidates: ["いますぐ会員コース", "通常会員コース"])))
    #expect(page.find(option: "特別", in: "course") == .failure(.notFound("特別")))
  }
}
