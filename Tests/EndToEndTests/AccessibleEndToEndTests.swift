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
