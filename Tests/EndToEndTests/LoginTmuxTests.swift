import Foundation
import HokuLinkCore
import Testing
import TmuxTesting

/// The real binary in tmux at 80×24: the demo member goes through walkthrough C with the keyboard alone.
@Suite(.serialized) struct LoginTmuxTests {
  static func dataFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-tmux-login-\(UUID().uuidString)")
  }

  /// Waits for `text`, recording the last screen when it does not come.
  static func waitFor(
    _ text: String, in session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (found, screen) = try session.waitFor(text, seconds: 30)
    if !found {
      Issue.record("「\(text)」 did not appear; the screen was:\n\(screen)", sourceLocation: sourceLocation)
      throw CancellationError()
    }
  }

  @Test(.enabled(if: TmuxSession.available, "tmux is not installed"))
  func theDemoMemberLogsInThroughWalkthroughCAndReachesHome() throws {
    let folder = Self.dataFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let session = try TmuxSession(
      command: "\(TmuxSession.quote(BuiltProducts.hokulink)) --data-dir \(TmuxSession.quote(folder.path))",
      environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
    // The server goes with the test, whatever happens to it: here `kill-server` has been seen to leave the
    // server running, so its own pid (tmux's #{pid}) is killed too.
    let serverPID = Int32((try? session.format("#{pid}")) ?? "") ?? 0
    defer {
      _ = try? session.tmux(["kill-server"])
      if serverPID > 1 { kill(serverPID, SIGKILL) }
    }

    // Step 1: the store page; 「入手」 has the focus, then becomes 「開く」.
    try Self.waitFor("入手", in: session)
    try session.send("Enter")
    try Self.waitFor("開く", in: session)
    try session.send("Enter")
    // Step 2: 「会員ログイン」 is the second button.
    try Self.waitFor("会員ログイン", in: session)
    try session.send("Tab")
    try session.send("Enter")
    // Step 3: the terms link, the checkbox, 「次へ」.
    try Self.waitFor("利用規約に同意します", in: session)
    try session.send("Tab")
    try session.send("Space")
    try Self.waitFor("[x]", in: session)
    try session.send("Tab")
    try session.send("Enter")
    // Step 4: ID and password; Enter in the last field presses ログイン (as huh does).
    try Self.waitFor("パスワード", in: session)
    try session.type("HKDEMU27")
    try session.send("Tab")
    // A wrong password first, 「ログイン」 pressed on the button: the password is emptied, and focus and the real
    // cursor go into its row, so the right one typed next goes there.
    try session.type("wrong-pass-1")
    try session.send("Tab")  // on 「ログイン」 itself
    try session.send("Enter")
    let refused = try session.waitFor("正しくありません")
    try #require(refused.found, "\(refused.screen)")
    let rows = refused.screen.components(separatedBy: "\n")
    let label = try #require(rows.firstIndex { $0.contains("パスワード *") }, "\(refused.screen)")
    let inPasswordRow = try session.waitUntil(seconds: 5) { _ in (try? session.cursor.y) == label + 1 }
    #expect(inPasswordRow.found, "the cursor is not in the password row: \((try? session.cursor) ?? (-1, -1))")
    #expect(try session.format("#{cursor_flag}") == "1", "the cursor is hidden")
    try session.type(DemoMember.password)
    try session.send("Enter")
    try Self.waitFor("ご利用端末から初めてのログインです", in: session)
    try session.send("Enter")
    // Step 5: whichever keyword the screen asks for.
    try Self.waitFor("番目", in: session)
    let asked = try session.screen()
    let keyword =
      asked.contains("1番目")
      ? DemoMember.keywords[0] : asked.contains("2番目") ? DemoMember.keywords[1] : DemoMember.keywords[2]
    try session.type(keyword)
    try session.send("Enter")  // the only field: Enter presses 認証する
    // Step 6: the profile.
    try Self.waitFor("ニックネーム", in: session)
    try session.type("じろう")
    try session.send("Tab")
    try session.type("1985/04")
    try session.send("Tab")
    try session.send("Right")
    try session.send("Tab")
    try session.type("920-0981")
    try session.send("Tab")
    try session.send("Enter")
    // Home.
    try Self.waitFor("電気料金", in: session)
    let home = try session.screen()
    #expect(home.contains("使用量"))
    #expect(home.contains("ポイント"))
    try session.send("C-c")
  }
}
