import Foundation
import Testing
import TmuxTesting

/// The real binary in tmux (TERM=xterm-256color inside), fed the bytes other terminals send: Home, End and
/// Delete in every common encoding move in the field and never leave the screen; unknown sequences and keys
/// under the enlarge screen change nothing. Each check polls for the screen it expects.
@Suite(.serialized, .enabled(if: TmuxSession.available))
struct KeysTmuxTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-keys-\(UUID().uuidString)")

  /// The app at step 3 with the cursor in 「メールアドレス」, holding `text`.
  func atStep3(typing text: String) throws -> TmuxSession {
    let tmux = try TmuxSession(
      command: "\(BuiltProducts.hokulink) --data-dir \(folder.path)", width: 80, height: 24,
      environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
    for (wanted, key) in [("入手", "Enter"), ("開く", "Enter"), ("新規会員登録はこちら", "Enter"), ("準備はできた?", "Enter")] {
      try #require(try tmux.waitFor(wanted).found)
      try tmux.send(key)
    }
    try #require(try tmux.waitFor("確認用メールアドレス").found)
    try tmux.type(text)
    try #require(try tmux.waitFor(text).found)
    return tmux
  }

  /// Raw bytes, as a terminal would write them (`ESC` written as \u{1B}).
  func sendBytes(_ tmux: TmuxSession, _ bytes: String) throws {
    let hex = Array(bytes.utf8).map { String(format: "%02x", $0) }
    _ = try tmux.tmux(["send-keys", "-t", tmux.name, "-H"] + hex)
  }

  @Test func homeEndAndDeleteInEveryEncodingMoveInTheFieldAndNeverLeaveTheScreen() throws {
    let tmux = try atStep3(typing: "abc")
    defer { _ = try? tmux.tmux(["kill-server"]) }
    // xterm, xterm application mode, VT220/tmux/screen/PuTTY/Linux console, rxvt.
    let encodings = [
      ("\u{1B}[H", "\u{1B}[F"), ("\u{1B}OH", "\u{1B}OF"), ("\u{1B}[1~", "\u{1B}[4~"), ("\u{1B}[7~", "\u{1B}[8~"),
    ]
    var expected = "abc"
    for (home, end) in encodings {
      try sendBytes(tmux, home)
      try tmux.type("<")
      try sendBytes(tmux, end)
      try tmux.type(">")
      expected = "<" + expected + ">"
      let shown = try tmux.waitFor(expected)
      #expect(shown.found, "Home \(home.debugDescription) / End \(end.debugDescription):\n\(shown.screen)")
      #expect(shown.screen.contains("確認用メールアドレス"), "still at step 3")
    }
    // Delete (ESC[3~) at the start removes the first character.
    try sendBytes(tmux, "\u{1B}[1~")
    try sendBytes(tmux, "\u{1B}[3~")
    let deleted = try tmux.waitFor(String(expected.dropFirst()) + " ")
    #expect(deleted.found, "\(deleted.screen)")
    #expect(deleted.screen.contains("確認用メールアドレス"))
  }

  @Test func anUnknownSequenceOrF13ChangesNothing() throws {
    let tmux = try atStep3(typing: "kaga")
    defer { _ = try? tmux.tmux(["kill-server"]) }
    let before = try tmux.screen()
    // ESC[99~ (nothing), ESC[25~ (F13 on a VT220), ESC[1;2P (F13 on xterm), then a marker to know they were read.
    for sequence in ["\u{1B}[99~", "\u{1B}[25~", "\u{1B}[1;2P"] { try sendBytes(tmux, sequence) }
    try tmux.type("!")
    let after = try tmux.waitFor("kaga!")
    #expect(after.found, "the sequences were neither Esc nor typing:\n\(after.screen)")
    // Every row but the status bar (its clock may tick meanwhile) is as before, the marker aside.
    func rows(_ screen: String) -> [Substring] { Array(screen.split(separator: "\n").dropFirst(2)) }
    #expect(rows(after.screen.replacingOccurrences(of: "kaga!", with: "kaga ")) == rows(before), "\(after.screen)")
  }

  @Test func typingUnderTheEnlargeScreenChangesNothing() throws {
    let tmux = try atStep3(typing: "noto")
    defer { _ = try? tmux.tmux(["kill-server"]) }
    try tmux.resize(width: 60, height: 20)
    try #require(try tmux.waitFor("80×24").found)
    try tmux.type("zzz")
    try tmux.send("Escape")
    try tmux.send("Tab")
    try tmux.type("yyy")
    try tmux.resize(width: 80, height: 24)
    let back = try tmux.waitFor("確認用メールアドレス")
    #expect(back.found, "still at step 3:\n\(back.screen)")
    #expect(back.screen.contains("noto"))
    #expect(!back.screen.contains("zzz") && !back.screen.contains("yyy"), "\(back.screen)")
  }
}

/// SIGKILL at step 6 and a new start: steps 5-1 to 6 come back with what was typed (nothing runs on the way out:
/// entries are written as they are typed), and no secret is in the data folder.
@Suite(.serialized, .enabled(if: TmuxSession.available))
struct RestartTmuxTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-kill6-\(UUID().uuidString)")

  @Test func entriesTypedAt5And6AreOnTheScreenAfterAKillAndARestart() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/signup-to-step6.play").path
    // Played visibly with a pause after each line: it is still running (its last checks) when killed.
    let first = try TmuxSession(
      command: "\(BuiltProducts.hokulink) --data-dir \(folder.path) play --delay 300 \(script)",
      environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
    defer { _ = try? first.tmux(["kill-server"]) }
    let atStep6 = try first.waitFor("ご家族人数", seconds: 60)
    try #require(atStep6.found, "\(atStep6.screen)")
    try #require(try first.waitFor("3人 ").found)
    _ = try TmuxSession.run("/bin/kill", ["-KILL", "\(try first.panePID)"])
    try first.waitUntil { _ in (try? first.format("#{pane_dead}")) == "1" }

    let again = try TmuxSession(
      command: "\(BuiltProducts.hokulink) --data-dir \(folder.path)",
      environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
    defer { _ = try? again.tmux(["kill-server"]) }
    let step6 = try again.waitFor("(●) ご家庭(戸建住宅)")
    #expect(step6.found, "step 6 with its choice:\n\(step6.screen)")
    #expect(step6.screen.contains("3人"))
    for _ in 0..<3 { try again.send("Escape") }
    let step5 = try again.waitFor("北陸　太郎")
    #expect(step5.found, "step 5-1 with its entries:\n\(step5.screen)")
    #expect(step5.screen.contains("(●) 個人"))
    try again.send("C-c")

    let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
    for file in files where !file.hasPrefix("customers.json") {
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data()
      let text = String(decoding: data, as: UTF8.self)
      #expect(!text.contains("kanazawa-kenrokuen"), "\(file) holds the password")
      #expect(!text.contains("\"1234567\""), "\(file) holds the account number")
    }
  }
}
