import Testing

@testable import HokuLinkUI

/// Summaries (step 7's confirmation, home's bill): a label column that keeps labels whole, amounts right-aligned.
/// Drawn 46 wide, as in the phone.
@Suite struct SummaryColumnsTests {
  private func rows(_ page: Page, width: Int = 46) -> [String] {
    var canvas = Canvas(width: width, height: 20)
    Form.render(
      page, state: FormState(), into: &canvas, rect: Rect(x: 0, y: 0, width: width, height: 20), language: .ja,
      theme: .standard)
    return canvas.text.split(separator: "\n").map { String($0) }
  }

  @Test func amountsEndInTheSameColumn() {
    let lines = rows(
      Page([
        .summary([
          (label: "電気料金", value: "10,899円"), (label: "使用量", value: "259 kWh"), (label: "ポイント", value: "3,010 pt"),
        ])
      ]))
    let ends = ["10,899円", "259 kWh", "3,010 pt"].map { amount in
      lines.first { $0.contains(amount) }.map { line -> Int in
        let before = line.components(separatedBy: amount)[0]
        return DisplayWidth.of(before) + DisplayWidth.of(amount)
      }
    }
    #expect(ends.allSatisfy { $0 != nil })
    #expect(Set(ends.compactMap { $0 }).count == 1, "right edges: \(ends)")
  }

  @Test func aLongLabelStaysWholeAndTextStaysLeftAligned() {
    let lines = rows(
      Page([
        .summary([
          (label: "初回ログインパスワード", value: "はがきでお届け"), (label: "照会区分", value: "個人"),
          (label: "メールアドレス", value: "hokuriku.taro@example.jp"),
        ])
      ]))
    #expect(lines.contains { $0.drop { $0 == " " }.hasPrefix("初回ログインパスワード  はがき") }, "\(lines)")
    let individual = lines.first { $0.contains("個人") } ?? ""
    let pending = lines.first { $0.contains("はがき") } ?? ""
    #expect(
      DisplayWidth.of(individual.components(separatedBy: "個人")[0])
        == DisplayWidth.of(pending.components(separatedBy: "はがき")[0]))
    #expect(lines.contains { $0.contains("hokuriku.taro@example.jp") }, "a mail address is never cut")
  }

  @Test func amountsAreNumbersWithAtMostASignAndAUnit() {
    for amount in ["10,899円", "-497円", "¥1,452", "-¥497", "259 kWh", "3,010 pt"] {
      #expect(FormLayoutBuilder.isAmount(amount), "\(amount)")
    }
    for text in ["個人", "41-0012-3456-78x", "いますぐ会員コース", "", "hokuriku.taro@example.jp", "0 a b"] {
      #expect(!FormLayoutBuilder.isAmount(text), "\(text)")
    }
  }
}
