import HokuLinkCore
import HokuLinkUI

/// Home after login (the app) and the web my-page (the PC): this month's 電気料金 with its breakdown, 使用量,
/// twelve months of usage as a bar chart, the ポイント balance, and ログアウト. "This month" is the latest
/// month in the registry's usage.
public struct MemberHomeScreen: Screen {
  let userID: String
  public let frame: ScreenFrame
  static let logout: ControlID = "home.logout"

  public init(userID: String, frame: ScreenFrame = .phone) {
    self.userID = userID
    self.frame = frame
  }

  public var title: Localized {
    frame == .phone ? Localized(ja: "ホーム", en: "Home") : Localized(ja: "マイページ", en: "My page")
  }
  public var address: String { "https://www.rikuden.example/hokulink/mypage" }

  /// The end of every walkthrough: nothing is left to press.
  public var guide: GuideNote? {
    GuideNote(
      steps: frame == .phone ? [.a: "14", .c: "6"] : [.b: "11"],
      text: Localized(
        ja: "これでログインできました。電気料金、使用量、貯まったポイントもひと目でわかります。",
        en: "You are logged in: your bill, usage and points at a glance."),
      done: true)
  }

  /// What the page shows, looked up once per draw: the member and their customer.
  struct Summary {
    let account: Account
    let customer: Customer
    let latest: MonthlyUsage
  }

  func summary(_ env: AppEnvironment) -> Summary? {
    guard let (account, customer) = env.memberOverview(userID: userID),
      let latest = customer.usage.max(by: { $0.month < $1.month })
    else { return nil }
    return Summary(account: account, customer: customer, latest: latest)
  }

  /// 1234 as "1,234" (and -497 as "-497").
  static func grouped(_ amount: Int) -> String {
    let digits = String(abs(amount))
    var grouped = ""
    for (offset, character) in digits.enumerated() {
      if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
      grouped.append(character)
    }
    return (amount < 0 ? "-" : "") + grouped
  }

  /// 「10,899円」 in Japanese, "¥10,899" in English.
  static func yen(_ amount: Int, _ language: Language) -> String {
    language == .ja ? grouped(amount) + "円" : (amount < 0 ? "-¥" : "¥") + grouped(abs(amount))
  }

  /// "2026-10" as 「2026年10月」 or "Oct 2026"; the chart's short form is 「10月」 or "Oct".
  static func month(_ text: String, _ language: Language, short: Bool = false) -> String {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
      return text
    }
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    switch (language, short) {
    case (.ja, true): return "\(month)月"
    case (.ja, false): return "\(year)年\(month)月"
    case (.en, true): return names[month - 1]
    case (.en, false): return "\(names[month - 1]) \(year)"
    }
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    guard let summary = summary(env) else {
      return Page([
        .text(
          Localized(
            ja: "ご契約の情報を表示できませんでした。お手数ですが、お問い合わせください。",
            en: "Your contract details could not be shown. Please contact us.")(l), style: .error),
        .text(env.supportLine, style: .note),
        .button(id: Self.logout, label: Localized(ja: "ログアウト", en: "Log out")(l), kind: .secondary),
      ])
    }
    let bill = summary.latest.bill
    let name = summary.account.profile?.nickname ?? summary.customer.name
    let monthName = Self.month(summary.latest.month, l)
    return Page([
      .text(Localized(ja: "\(name) さん、こんにちは", en: "Hello, \(name)")(l), style: .emphasis),
      .text(Localized(ja: "\(monthName)分", en: "For \(monthName)")(l), style: .note),
      .summary([
        (Localized(ja: "電気料金", en: "Electricity bill")(l), Self.yen(bill.total, l)),
        (Localized(ja: "使用量", en: "Usage")(l), "\(Self.grouped(summary.latest.kWh)) kWh"),
        (Localized(ja: "ポイント", en: "Points")(l), "\(Self.grouped(summary.customer.points)) pt"),
      ]),
      .group(
        title: Localized(ja: "電気料金の内訳", en: "Bill breakdown")(l),
        [
          .summary([
            (Localized(ja: "基本料金", en: "Basic charge")(l), Self.yen(bill.base, l)),
            (Localized(ja: "電力量料金", en: "Energy charge")(l), Self.yen(bill.energy, l)),
            (Localized(ja: "燃料費調整額", en: "Fuel adjustment")(l), Self.yen(bill.fuelAdjustment, l)),
            (Localized(ja: "再エネ発電賦課金", en: "Renewables levy")(l), Self.yen(bill.renewableSurcharge, l)),
          ])
        ]),
      .barChart(
        title: Localized(ja: "使用量(12か月)", en: "Usage (12 months)")(l),
        bars: summary.customer.usage.suffix(12).map { (Self.month($0.month, l, short: true), $0.kWh) }, unit: "kWh"),
      .text(
        Localized(
          ja: "表示は練習用のお客さま情報によるものです。",
          en: "These figures come from the simulated customer registry.")(l), style: .small),
      // ログアウト last, as apps put it: the page opens at its top with nothing focused (the first screenful holds
      // no control), so the totals are what is seen first; Tab reaches it.
      .button(id: Self.logout, label: Localized(ja: "ログアウト", en: "Log out")(l), kind: .secondary),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard event == .activated(Self.logout) else { return .stay }
    env.forgetLogin()
    return .reset(frame == .phone ? AppTopScreen() : PCTopScreen())
  }
}
