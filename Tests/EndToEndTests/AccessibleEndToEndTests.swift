import Foundation
import Testing
import TmuxTesting

/// Output collected from a pipe while the process runs.
private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var closed = false

  /// Adds what the pipe delivered; an empty read is the end of the stream.
  func append(_ more: Data) {
    lock.withLock {
      if more.isEmpty { closed = true } else { data.append(more) }
    }
  }

  /// The writer closed its end and everything it wrote has been read.
  var ended: Bool { lock.withLock { closed } }

  var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}

/// The real binary on pipes, as a screen reader's terminal or another program would drive it.
private struct LineRun {
  let process = Process()
  let input = Pipe()
  let output = Collected()
  let errors = Collected()

  init(_ arguments: [String], dataDir: URL, term: String = "xterm-256color") throws {
    process.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
    process.arguments = arguments + ["--data-dir", dataDir.path]
    var environment = ProcessInfo.processInfo.environment
    environment["HOKULINK_TEST_KDF_ITERATIONS"] = "1000"
    environment["LANG"] = "C.UTF-8"
    environment["TERM"] = term
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    // Close-on-exec on every end, so a process another test starts meanwhile does not inherit a write end and hold
    // the stream open after this one ended (the child gets its own copies as fds 0–2, which stay open).
    for pipe in [input, out, err] {
      for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
        _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
      }
    }
    process.standardInput = input
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // One thread per pipe, reading until the end of the stream: the end is then seen for certain (a
    // readabilityHandler was seen to miss it on a busy machine).
    for (pipe, collected) in [(out, output), (err, errors)] {
      let handle = pipe.fileHandleForReading
      Thread.detachNewThread {
        while true {
          let chunk = handle.availableData
          collected.append(chunk)
          if chunk.isEmpty { return }
        }
      }
    }
  }

  func type(_ lines: [String]) {
    input.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
  }

  func closeInput() {
    try? input.fileHandleForWriting.close()
  }

  /// Waits for the process to end and for its last output to be read (at most `seconds`).
  func finish(within seconds: Double = 60) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while (process.isRunning || !output.ended || !errors.ended) && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.02)
    }
    if process.isRunning {
      process.terminate()
      return false
    }
    return output.ended && errors.ended
  }

  func waitForOutput(_ text: String, within seconds: Double = 60) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !output.text.contains(text) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    return output.text.contains(text)
  }

  static func folder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-a11y-\(UUID().uuidString)")
  }
}

@Suite(.serialized) struct AccessibleEndToEndTests {
  @Test func accessibleModeWalksFromTheStoreToTheAppTopInPlainLines() throws {
    let folder = LineRun.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try LineRun(["--accessible"], dataDir: folder)
    run.type(["1", "1", "q"])
    run.closeInput()
    #expect(run.finish())
    let text = run.output.text
    #expect(run.process.terminationStatus == 0, "stderr: \(run.errors.text)")
    #expect(text.contains("1. [ボタン] 入手"))
    #expect(text.contains("1. [ボタン] 開く"))
    #expect(text.contains("1. [ボタン] 新規会員登録はこちら"))
    #expect(text.contains("2. [ボタン] 会員ログイン"))
    #expect(!text.contains("\u{1B}["), "no escape sequences in accessible mode")
    #expect(!text.contains("\u{1B}"))
    #expect(text.hasSuffix("終了しました。\n"))
  }

  @Test func aDumbTerminalGetsTheLineModeWithoutTheFlag() throws {
    let folder = LineRun.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try LineRun([], dataDir: folder, term: "dumb")
    run.type(["1", "1"])
    run.closeInput()
    #expect(run.finish())
    #expect(run.process.terminationStatus == 0, "stderr: \(run.errors.text)")
    #expect(run.output.text.contains("1. [ボタン] 新規会員登録はこちら"))
    #expect(!run.output.text.contains("\u{1B}"))
  }

  @Test func theInstalledAppIsRememberedForTheNextRun() throws {
    let folder = LineRun.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try LineRun(["--accessible"], dataDir: folder)
    first.type(["1"])
    first.closeInput()
    #expect(first.finish())
    let second = try LineRun(["--accessible", "--lang", "en"], dataDir: folder)
    second.closeInput()
    #expect(second.finish())
    #expect(second.output.text.contains("Screen: HokuLink"))
    #expect(second.output.text.contains("1. [Button] Sign up here"))
  }

  @Test func ctrlCWhileWaitingForInputEndsCleanly() throws {
    let folder = LineRun.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try LineRun(["--accessible"], dataDir: folder)
    #expect(run.waitForOutput("番号を入力してください"))
    run.process.interrupt()
    #expect(run.finish())
    #expect(run.process.terminationReason == .exit)
    #expect(run.process.terminationStatus == 0)
    #expect(run.output.text.hasSuffix("終了しました。\n"))
    run.closeInput()
  }
}

/// The real binary in `--accessible` mode, driven from a pipe the way a person at a screen reader would: it reads
/// what was printed, finds an item's number by its label, and types it. A walkthrough's random parts (A's
/// 利用者ID from the mail, C's keyword question) are read off the output, so one conversation completes A, B and C
/// without a back door. `r` reprints the screen before each look-up; nothing else is typed but the numbers, the
/// values and `b`.
private final class LineConversation {
  let run: LineRun
  private var read = 0
  private var variables: [String: String] = [:]
  private(set) var problems: [String] = []

  init(_ run: LineRun) { self.run = run }

  /// The output once it ends with a prompt (every question of this mode ends with `>`) after what was read before.
  private func waitForPrompt(within seconds: Double = 60) -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let text = run.output.text
      let fresh = String(text.unicodeScalars.dropFirst(read))
      if fresh.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(">") {
        read = text.unicodeScalars.count
        return fresh
      }
      if !run.process.isRunning { break }
      Thread.sleep(forTimeInterval: 0.01)
    }
    problems.append("no prompt came; the output ends: \(run.output.text.suffix(600))")
    return ""
  }

  func start() { _ = waitForPrompt() }

  @discardableResult
  private func send(_ line: String) -> String {
    run.type([line])
    return waitForPrompt()
  }

  /// The screen as it is now, reprinted by `r`: from its 画面 line to the prompt.
  private func screen() -> String {
    let printed = send("r")
    guard let start = printed.range(of: "画面: ", options: .backwards) else { return printed }
    return String(printed[start.lowerBound...])
  }

  private func expand(_ text: String) -> String {
    variables.reduce(text) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
  }

  /// The number of the item whose label is `label` (a button, link, box, field or choice line), first exact.
  private func number(_ label: String, in screen: String) -> (number: String, line: String)? {
    let items = screen.split(separator: "\n").compactMap { line -> (String, String)? in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard let dot = trimmed.firstIndex(of: "."), trimmed[..<dot].allSatisfy(\.isNumber), dot > trimmed.startIndex
      else { return nil }
      var rest = trimmed[trimmed.index(after: dot)...].trimmingCharacters(in: .whitespaces)
      for mark in ["[ボタン] ", "[リンク] ", "[ ] ", "[x] "] where rest.hasPrefix(mark) { rest.removeFirst(mark.count) }
      return (String(trimmed[..<dot]), rest)
    }
    let label = expand(label)
    if let exact = items.first(where: {
      $0.1 == label || $0.1.hasPrefix(label + " (") || $0.1.hasPrefix(label + ":") || $0.1.hasPrefix("● " + label)
    }) {
      return exact
    }
    let containing = items.filter { $0.1.contains(label) }
    return containing.count == 1 ? containing[0] : nil
  }

  private func use(_ label: String, then values: [String] = []) {
    let shown = screen()
    guard let item = number(label, in: shown) else {
      problems.append("no 「\(label)」 on:\n\(shown)")
      return
    }
    send(item.number)
    for value in values { send(expand(value)) }
  }

  /// One line of a shipped play script.
  func perform(_ words: [String]) {
    guard let command = words.first else { return }
    let args = Array(words.dropFirst())
    switch (command, args.count) {
    case ("press", 1): use(args[0])
    case ("fill", 2): use(args[0], then: [args[1]])
    case ("choose", 2): use(args[0], then: [args[1]])
    case ("check", 1):
      let shown = screen()
      guard let item = number(args[0], in: shown) else { return problems.append("no box 「\(args[0])」") }
      if shown.contains("\(item.number). [ ] ") { send(item.number) }
    case ("key", 1) where args[0] == "Esc": send("b")
    case ("capture", 2):
      let text = screen()
      guard let regex = try? NSRegularExpression(pattern: args[1]),
        let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        let range = Range(match.range(at: 1), in: text)
      else { return problems.append("nothing matches \(args[1]) on:\n\(text)") }
      variables[args[0]] = String(text[range])
    case ("if", _) where args.count >= 2:
      if screen().contains(args[0]) { perform(Array(args.dropFirst())) }
    case ("expect", 1):
      let text = screen()
      if !text.contains(expand(args[0])) { problems.append("expected 「\(args[0])」 on:\n\(text)") }
    case ("expect-not", _), ("type", _), ("clock", _), ("screenshot", _): break
    default: problems.append("this mode has no way to do: \(words.joined(separator: " "))")
    }
  }

  /// A script line as words: bare words, and quoted strings with \" and \\ inside.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var escaped = false
    var inWord = false
    for character in line {
      if quoted {
        if escaped {
          current.append(character == "n" ? "\n" : character)
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          quoted = false
        } else {
          current.append(character)
        }
      } else if character == "\"" {
        quoted = true
        inWord = true
      } else if character == " " || character == "\t" {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}

@Suite(.serialized) struct AccessiblePipeWalkTests {
  static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts")

  /// Issue 9: A, B and C completed by the shipped binary from a pipe, to home (the my page on the PC).
  @Test(arguments: [
    ("signup-a-to-home.play", [String](), "ホーム"), ("signup-b-to-mypage.play", ["--pc"], "マイページ"),
    ("member-c-demo.play", [], "ホーム"),
  ])
  func aWalkthroughCompletesThroughTheBinaryFromAPipe(script: String, arguments: [String], home: String) throws {
    let folder = LineRun.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try LineRun(["--accessible"] + arguments, dataDir: folder)
    let talk = LineConversation(run)
    talk.start()
    let text = try String(contentsOf: Self.scripts.appendingPathComponent(script), encoding: .utf8)
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      talk.perform(LineConversation.words(String(line)))
      if !talk.problems.isEmpty { break }
    }
    talk.perform(["expect", "画面: " + home])
    run.type(["q"])
    run.closeInput()
    #expect(run.finish())
    #expect(talk.problems.isEmpty, "\(talk.problems)")
    #expect(run.process.terminationStatus == 0, "stderr: \(run.errors.text)")
    #expect(!run.output.text.contains("\u{1B}"))
  }
}
