import Foundation
import Testing
import TmuxTesting

/// The real binary in tmux at 80×24 with LANG=C.UTF-8, tried as a new user would.
@Suite(.serialized, .enabled(if: TmuxSession.available))
struct TerminalTmuxTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-e2e-\(UUID().uuidString)")

  /// The app, then (once it has ended) the terminal's state: stty's flags and a `cat -v` that shows any
  /// paste markers the terminal would still send.
  func start(_ arguments: String = "", width: Int = 80, height: Int = 24) throws -> TmuxSession {
    let command =
      "sh -c '\(BuiltProducts.hokulink) --data-dir \(folder.path) \(arguments); echo EXITED $?; stty -a | tr \" \" \"\\n\" | grep -x -E \"[-]?(icanon|echo)\" | tr \"\\n\" \" \"; echo; cat -v'"
    return try TmuxSession(
      command: command, width: width, height: height, environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
  }

  @Test func aNewUserInstallsOpensAndSeesTheSignUpButtonWithTheGuide() throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    try tmux.send("Enter")
    #expect(try tmux.waitFor("開く").found)
    try tmux.send("Enter")
    let top = try tmux.waitFor("新規会員登録はこちら")
    #expect(top.found, "\(top.screen)")
    #expect(top.screen.contains("会員ログイン"))
    #expect(top.screen.contains("ガイド"))
    // The phone's frame is on the left, the guide on its right, both on the same rows.
    let row = top.screen.split(separator: "\n").first { $0.contains("新規会員登録はこちら") } ?? ""
    #expect(row.hasPrefix("│"))
    try tmux.send("C-c")
    #expect(try tmux.waitFor("EXITED 0").found)
  }

  @Test func resizingShowsTheEnlargeScreenAndLaysOutAgain() throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    try tmux.resize(width: 60, height: 20)
    let small = try tmux.waitFor("80×24")
    #expect(small.found, "\(small.screen)")
    #expect(!small.screen.contains("入手"))
    try tmux.resize(width: 100, height: 30)
    // The whole new frame, not a redraw caught halfway.
    let large = try tmux.waitUntil { $0.contains("入手") && $0.split(separator: "\n").count >= 24 }
    #expect(large.found, "\(large.screen)")
  }

  /// Esc alone (no key after it) goes back: the app does not wait for the rest of an escape sequence that never
  /// comes. The delay it configures is checked by EscapeDelayTests; the latency is a benchmark, not a test.
  @Test func escAloneGoesBackEveryTime() throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    for round in 0..<3 {
      try tmux.send("F4")
      #expect(try tmux.waitFor("郵便受け").found, "round \(round)")
      try tmux.send("Escape")
      let back = try tmux.waitUntil { !$0.contains("郵便受け") }
      #expect(back.found, "round \(round): \(back.screen)")
      #expect(back.screen.contains("入手"), "round \(round): \(back.screen)")
    }
  }

  @Test(arguments: ["C-c", "TERM", "HUP"])
  func theTerminalIsSaneAfterTheAppEnds(how: String) throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    #expect(try tmux.format("#{alternate_on}") == "1")
    if how == "C-c" {
      try tmux.send("C-c")
    } else {
      let shell = try tmux.panePID
      let child =
        try TmuxSession.run("/usr/bin/pgrep", ["-P", "\(shell)", "-f", "hokulink"])
        .split(separator: "\n").first.map(String.init) ?? ""
      #expect(!child.isEmpty)
      _ = try TmuxSession.run("/bin/kill", ["-\(how)", child])
    }
    let after = try tmux.waitFor("EXITED")
    #expect(after.found, "\(after.screen)")
    let flags = try tmux.waitFor("icanon")
    #expect(flags.screen.contains("icanon echo") || flags.screen.contains("echo icanon"), "\(flags.screen)")
    #expect(!flags.screen.contains("-icanon"))
    #expect(!flags.screen.contains("-echo"))
    #expect(try tmux.format("#{alternate_on}") == "0")
    #expect(try tmux.format("#{mouse_any_flag}") == "0")
    #expect(try tmux.format("#{cursor_flag}") == "1")
    // Bracketed paste is off again: a paste reaches `cat -v` without the ^[[200~ markers.
    try tmux.paste("pasted-after-exit")
    try tmux.send("Enter")
    let pasted = try tmux.waitFor("pasted-after-exit")
    #expect(pasted.found)
    #expect(!pasted.screen.contains("200~"))
  }

  @Test func bareHokulinkOnASecondStartOpensTheAppItself() throws {
    let first = try start()
    #expect(try first.waitFor("入手").found)
    try first.send("Enter")
    #expect(try first.waitFor("開く").found)
    try first.send("C-c")
    #expect(try first.waitFor("EXITED 0").found)
    let second = try start()
    let top = try second.waitFor("新規会員登録はこちら")
    #expect(top.found, "\(top.screen)")
  }

  /// The shipped walkthroughs, played visibly (drawn by ncurses in the real terminal, no delay) at 80×24.
  @Test(arguments: ["signup-a-immediate-bank.play", "signup-a-to-home.play"])
  func aWalkthroughPlaysToItsEndInTheRealTerminal(script: String) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/\(script)").path
    let tmux = try start("play --delay 0 \(path)")
    let done = try tmux.waitFor("EXITED", seconds: 180)
    #expect(done.screen.contains("EXITED 0"), "\(done.screen)")
  }

  /// A visible demo waits between lines while still reading keys: Ctrl-C stops it in the middle of a wait. The wait
  /// between lines is ten minutes, so an ending within the test's deadline can only come from the key.
  @Test func aVisibleDemoStopsOnCtrlC() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Scripts/signup-a-to-home.play").path
    let tmux = try start("play --delay 600000 \(path)")
    #expect(try tmux.waitFor("入手").found)
    try tmux.send("C-c")
    let done = try tmux.waitFor("EXITED", seconds: 60)
    #expect(done.found && !done.screen.contains("EXITED 0"), "\(done.screen)")
    #expect(try tmux.waitFor("icanon").screen.contains("icanon echo"))
  }
  /// A paste whose end marker never comes cannot swallow the keyboard: Ctrl-C quits at once.
  @Test func anUnterminatedPasteThenCtrlCQuits() throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    try tmux.type("\u{1B}[200~abc")
    try tmux.send("C-c")
    let done = try tmux.waitFor("EXITED", seconds: 60)
    #expect(done.screen.contains("EXITED 0"), "\(done.screen)")
  }

  /// After an unterminated paste, the next keys act again once it has been quiet a moment (polled, never timed).
  @Test func anUnterminatedPasteEndsAfterAQuietMomentAndKeysActAgain() throws {
    let tmux = try start()
    #expect(try tmux.waitFor("入手").found)
    try tmux.type("\u{1B}[200~abc")
    var shown = (found: false, screen: "")
    let deadline = Date().addingTimeInterval(60)
    while !shown.found && Date() < deadline {
      try tmux.send("F4")
      shown = try tmux.waitFor("郵便受け", seconds: 2)
    }
    #expect(shown.found, "\(shown.screen)")
    try tmux.send("C-c")
    #expect(try tmux.waitFor("EXITED 0").found)
  }
}
