import Foundation
import HokuLinkUI
import Screens
import Testing

/// SPEC §1: every dead end shows the support line.
@Suite struct DeadEndTests {
  static func texts(_ page: Page) -> [String] {
    page.controls.compactMap { control in
      if case .text(let text, _) = control { return text }
      return nil
    }
  }

  @Test(arguments: [Language.ja, .en])
  func anUnknownCustomerNumberAtStep5_1ShowsTheSupportLine(language: Language) throws {
    let env = try TestWorld.environment(language: language)
    env.installApp()
    let app = App(env: env, root: AppTopScreen())
    app.press("top.signup")
    app.press("checklist.next")
    app.fill("terms.email", with: "hokuriku.taro@example.jp")
    app.fill("terms.confirm", with: "hokuriku.taro@example.jp")
    app.setChecked("terms.agree", true)
    app.press("terms.send")
    let link = try #require(try env.mailbox.messages(for: "hokuriku.taro@example.jp").first?.links.first)
    app.follow(env.open(link: link))
    #expect(String(describing: type(of: app.screen)) == "CustomerInfoScreen")
    app.choose("info.kind", option: 0)
    app.fill("info.name", with: "北陸　太郎")
    app.fill("info.kana", with: "ホクリク　タロウ")
    // No such number in the registry: the refusal reads as any mismatch, and the person has no way on but a call.
    app.fill("info.number", with: "419999999999")
    app.fill("info.postal", with: "9200981")
    app.fill("info.phone", with: "0762201234")
    #expect(!Self.texts(app.page).contains(env.supportLine))
    app.press("info.next")
    #expect(String(describing: type(of: app.screen)) == "CustomerInfoScreen")
    #expect(Self.texts(app.page).contains(env.supportLine))
  }
}
