import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// Issue 12, hole 10: the mail app lists a damaged message as damaged and shows nothing of it.
@Suite struct DamagedMailTests {
  @Test(arguments: [Language.ja, .en])
  func aMessageCutShortIsListedAndOpenedAsDamaged(language: Language) throws {
    let env = try TestWorld.environment(language: language)
    env.rememberMailAddress("taro@example.jp")
    let sent = try env.mailbox.deliver(to: "taro@example.jp", subject: "利用者IDのお知らせ", body: "利用者ID: HKSECRET1")
    let file = try #require(sent.file)
    let whole = try Data(contentsOf: file)
    try whole.prefix(whole.count - 5).write(to: file)

    let app = App(env: env, root: MailListScreen())
    let listed =
      DeadEndTests.texts(app.page)
      + app.page.controls.compactMap { control -> String? in
        if case .link(_, let label) = control { return label }
        return nil
      }
    let damaged = language == .ja ? "(破損したメール: 表示できません)" : "(damaged message: it cannot be shown)"
    #expect(listed.contains { $0.contains(damaged) }, "\(listed)")
    #expect(!listed.contains { $0.contains("利用者IDのお知らせ") || $0.contains("HKSECRET") }, "\(listed)")

    app.press("mail.0")
    #expect(String(describing: type(of: app.screen)) == "MailReaderScreen")
    let shown = DeadEndTests.texts(app.page).joined(separator: "\n")
    #expect(shown.contains(damaged), "\(shown)")
    #expect(!shown.contains("HKSECRET"), "\(shown)")
  }
}
