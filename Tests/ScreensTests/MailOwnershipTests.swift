import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// A mailbox belongs to the phone that first used its address (SPEC §9): colleagues on one data folder over
/// `hokulink serve` do not read each other's registration links.
@Suite struct MailOwnershipTests {
  /// The phone's mail app as text.
  func screen(_ env: AppEnvironment) -> String {
    App(env: env, root: MailListScreen()).render(width: 80, height: 40).text
  }

  @Test func anotherPhoneThatTypesTheSameAddressSeesNoneOfItsMail() throws {
    let folder = TestWorld.folder()
    let alice = try TestWorld.environment(device: "alice", folder: folder)
    let bob = try TestWorld.environment(device: "bob", folder: folder)
    alice.rememberMailAddress("shared@example.jp")
    try alice.mailbox.deliver(to: "shared@example.jp", subject: "会員情報登録用URLのご案内", body: "hokulink://register?token=x")
    bob.rememberMailAddress("shared@example.jp")
    #expect(alice.ownsMailbox("shared@example.jp"))
    #expect(!bob.ownsMailbox("shared@example.jp"))
    let own = screen(alice)
    #expect(own.contains("会員情報登録用URLのご案内"))
    let other = screen(bob)
    #expect(!other.contains("会員情報登録用URLのご案内"))
    #expect(other.contains("別の端末"))
    // Mail that comes later is not bob's either; an address of bob's own is.
    try alice.mailbox.deliver(to: "shared@example.jp", subject: "利用者IDのお知らせ", body: "HK123456")
    bob.rememberMailAddress("bob@example.jp")
    try bob.mailbox.deliver(to: "bob@example.jp", subject: "パスワード再設定のご案内", body: "x")
    let later = screen(bob)
    #expect(!later.contains("利用者IDのお知らせ"))
    #expect(later.contains("パスワード再設定のご案内"))
  }

  @Test func theAddressIsMatchedWhateverItsCase() throws {
    let folder = TestWorld.folder()
    let alice = try TestWorld.environment(device: "alice", folder: folder)
    let bob = try TestWorld.environment(device: "bob", folder: folder)
    alice.rememberMailAddress("Taro@Example.jp")
    bob.rememberMailAddress("taro@example.jp")
    #expect(!bob.ownsMailbox("taro@example.jp"))
    #expect(alice.ownsMailbox("taro@example.jp"))
  }
}
