import Foundation
import Testing
import TmuxTesting

/// The real binary in a real terminal (tmux, 80×24): the first sign-up script, and the text-field behaviour
/// an input method depends on.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
final class SignUpTmuxTests {
  let dataDir: URL

  init() {
    dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-e2e-\(UUID().uuidString)")
  }

  deinit { try? FileManager.default.removeItem(at: dataDir) }
}

extension TmuxSession {
  /// Ends the tmux server now: the sessions' deinit was seen not to run before the test process ended,
  /// which left servers (and the app in them) behind.
  func close() {
    _ = try? tmux(["kill-server"])
  }
}

extension SignUpTmuxTests {

  static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts")

  var environment: [String: String] { ["HOKULINK_TEST_KDF_ITERATIONS": "1000"] }

  /// The binary with `arguments` (a subcommand first, if any) and this test's data folder.
  func command(_ arguments: String) -> String {
    "\(TmuxSession.quote(BuiltProducts.hokulink)) \(arguments) --data-dir \(TmuxSession.quote(dataDir.path))"
  }

  @Test func theBankTransferScriptPassesAgainstTheRealBinary() throws {
    let script = Self.scripts.appendingPathComponent("signup-a-immediate-bank.play").path
    // The exit status goes to a file: a pane that ends at once is not always captured with its last line.
    let status = dataDir.deletingLastPathComponent().appendingPathComponent(dataDir.lastPathComponent + ".status")
    defer { try? FileManager.default.removeItem(at: status) }
    let play = command("play --headless \(TmuxSession.quote(script))")
    let session = try TmuxSession(
      command: "sh -c \(TmuxSession.quote(play + "; echo $? > " + TmuxSession.quote(status.path)))",
      environment: environment)
    defer { session.close() }
    let deadline = Date().addingTimeInterval(180)
    var code: String?
    while Date() < deadline {
      code = try? String(contentsOf: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
      if let code, !code.isEmpty { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    let screen = (try? session.screen()) ?? ""
    #expect(code == "0", "hokulink play exited with \(code ?? "nothing"):\n\(screen)")
    // The account really is in the data folder.
    let accounts = try FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("accounts").path)
    #expect(accounts.count == 2)  // the demo member and the new one
  }

  /// Display cells of a captured line's prefix: wide for CJK, kana and full-width forms, else one.
  static func cells(_ text: Substring) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
      let v = scalar.value
      let wide =
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v)
      return total + (wide ? 2 : 1)
    }
  }

  /// Where `text` starts on the screen: (column in cells, row), or nil.
  static func position(of text: String, in screen: String) -> (x: Int, y: Int)? {
    for (row, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let range = line.range(of: text) { return (cells(line[..<range.lowerBound]), row) }
    }
    return nil
  }

  @Test func typingJapaneseMovesTheCursorByItsWidthAndAPastedNewlinePressesNothing() throws {
    let session = try TmuxSession(command: command(""), environment: environment)
    defer { session.close() }
    func wait(_ text: String) throws {
      let result = try session.waitFor(text)
      try #require(result.found, "waiting for 「\(text)」:\n\(result.screen)")
    }
    // Step 1 → 2 → STEP1 checklist → step 3.
    try wait("入手")
    try session.send("Enter")
    try wait("開く")
    try session.send("Enter")
    try wait("新規会員登録はこちら")
    try session.send("Enter")
    try wait("準備はできた?")
    try session.send("Enter")
    try wait("確認用メールアドレス")
    try session.type("tmux.user@example.jp")
    try session.send("Tab")
    try session.type("tmux.user@example.jp")
    // Tab past both terms links to the agreement checkbox, tick it, then on to 「送信する」.
    try session.send("Tab", "Tab", "Tab", "Space", "Tab", "Tab", "Enter")
    try wait("メールを送信しました")
    try session.send("Enter")  // 「メールを確認する」
    try wait("会員情報登録用URLのご案内")
    try session.send("Enter")
    try wait("hokulink://register")
    try session.send("Enter")
    try wait("照会区分")
    let onChoice = try session.cursor
    try session.send("Tab")  // from 照会区分 to ご契約名義

    // The focus moving into the field puts the real cursor there: wait until the Tab has moved it (reading it
    // sooner would race the app).
    let deadline = Date().addingTimeInterval(30)
    while try session.cursor == onChoice && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    let before = try session.cursor
    try session.type("山田太郎")
    try wait("山田太郎")
    let screen = try session.screen()
    let start = try #require(Self.position(of: "山田太郎", in: screen))
    #expect(before.x == start.x, "the cursor waited where the text starts")
    let typed = try session.cursor
    #expect(typed.y == start.y)
    #expect(typed.x == start.x + 8, "4 wide characters move the cursor 8 columns:\n\(screen)")

    try session.send("BSpace")
    try session.waitUntil { !$0.contains("山田太郎") && $0.contains("山田太") }
    #expect(try session.cursor.x == start.x + 6)

    // A bracketed paste with a newline goes into the field and presses nothing.
    try session.send("Tab", "Tab")  // フリガナ → お客さま番号
    try session.paste("a\nb")
    let pasted = try session.waitUntil { $0.contains("a b") }
    #expect(pasted.found, "the paste should land in the field:\n\(pasted.screen)")
    // A key typed after the paste shows after it: had the pasted newline pressed a button, that would have been
    // handled first, so the screen now tells what the paste did.
    try session.type("9")
    let after = try session.waitUntil { $0.contains("a b9") }.screen
    #expect(after.contains("ご利用者情報"), "still on step 5-1:\n\(after)")
    // Nothing was submitted: a failed 「STEP2へ」 would have moved focus (and the cursor) to 照会区分. (フリガナ's
    // own error may show: focus left it empty on the way.)
    let field = try #require(Self.position(of: "a b", in: after))
    let cursor = try session.cursor
    #expect(cursor.y == field.y && cursor.x == field.x + 4, "the cursor stays after the paste and the 9:\n\(after)")
    #expect(!after.contains("会員申請コース"))

    // A dropped connection (SIGHUP) keeps what was typed: the next start opens step 5-1 with it.
    kill(try session.panePID, SIGHUP)
    try session.waitUntil { _ in (try? session.format("#{pane_dead}")) == "1" }
    let again = try TmuxSession(command: command(""), environment: environment)
    defer { again.close() }
    let resumed = try again.waitFor("山田太")
    let flows =
      (try? FileManager.default.contentsOfDirectory(
        atPath: dataDir.appendingPathComponent("registration-flows").path)) ?? []
    let stored = flows.map {
      (try? String(contentsOf: dataDir.appendingPathComponent("registration-flows/\($0)"), encoding: .utf8)) ?? ""
    }
    #expect(resumed.found, "resumed at step 5-1 with the name:\n\(resumed.screen)\n\(stored)")
    #expect(resumed.screen.contains("ご利用者情報"))
    try again.send("C-c")
  }
}
