import Foundation
import Testing
import TmuxTesting

@testable import hokulink

/// The command line of the real binary, each test with a new data folder.
@Suite struct CommandLineTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-cli-\(UUID().uuidString)")
  static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts")

  struct Result {
    let status: Int32
    let output: String
    let error: String
  }

  func hokulink(_ arguments: [String], input: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
    process.arguments = ["--data-dir", folder.path] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HOKULINK_TEST_KDF_ITERATIONS"] = "1000"
    environment["LANG"] = "C.UTF-8"
    process.environment = environment
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("hk-cli-out-\(UUID().uuidString)")
    let err = FileManager.default.temporaryDirectory.appendingPathComponent("hk-cli-err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    if let input {
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("hk-cli-in-\(UUID().uuidString)")
      try input.write(to: file, atomically: true, encoding: .utf8)
      process.standardInput = try FileHandle(forReadingFrom: file)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      error: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  @Test func customersListsTheSixCustomersAndTheDemoMember() throws {
    let result = try hokulink(["customers"])
    #expect(result.status == 0, "\(result.error)")
    for number in [
      "41-0012-3456-78", "41-0023-4567-89", "41-0034-5678-90", "41-0045-6789-01", "41-0056-7890-12",
      "41-0067-8901-23",
    ] {
      #expect(result.output.contains(number))
    }
    for text in [
      "北陸 太郎", "株式会社能登物産", "口座振替", "クレジットカード", "払込票", "法人", "口座番号 1234567",
      "クレジットカード番号下4桁 4242", "HKDEMU27", "hakusan.jiro@example.jp", "hakusan-2026", "のどぐろ",
    ] {
      #expect(result.output.contains(text), "missing \(text)")
    }
  }

  @Test func theClockMovesForEveryProcessThatUsesTheFolder() throws {
    let before = try hokulink(["clock"])
    #expect(before.status == 0)
    let advanced = try hokulink(["clock", "advance", "7d"])
    #expect(advanced.status == 0, "\(advanced.error)")
    let after = try hokulink(["clock"])
    #expect(after.output.contains("+7d"), "\(after.output)")
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy/MM/dd HH:mm"
    formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
    let first = formatter.date(from: String(before.output.prefix(16)))
    let second = formatter.date(from: String(after.output.prefix(16)))
    let days = (second?.timeIntervalSince(first ?? .distantPast) ?? 0) / 86_400
    #expect(days > 6.99 && days < 7.01, "\(before.output) → \(after.output)")
    #expect(try hokulink(["clock", "reset"]).output.contains("+") == false)
    #expect(try hokulink(["clock", "advance", "soon"]).status != 0)
  }

  /// Issue 12, hole 10: a mail file cut short is listed as damaged with the rest, then the command ends with one
  /// sentence naming it and exit status 2 (it was shown with exit 0).
  @Test func aMailCutShortIsListedAsDamagedAndTheCommandSaysSo() throws {
    let script = Self.scripts.appendingPathComponent("signup-a-immediate-bank.play").path
    #expect(try hokulink(["play", "--headless", script]).status == 0)
    let mail = folder.appendingPathComponent("mail")
    let box = try #require(try FileManager.default.contentsOfDirectory(atPath: mail.path).first)
    let messages = ["new", "cur"].flatMap { sub in
      let directory = mail.appendingPathComponent(box).appendingPathComponent(sub)
      return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).map {
        directory.appendingPathComponent($0)
      }
    }
    #expect(messages.count == 2, "\(messages)")
    let file = try #require(messages.sorted { $0.lastPathComponent < $1.lastPathComponent }.last)
    let whole = try Data(contentsOf: file)
    try whole.prefix(whole.count / 2 + 40).write(to: file)
    for arguments in [["mail"], ["mail", box]] {
      let result = try hokulink(arguments)
      #expect(result.status == 2, "\(arguments): \(result.error)")
      #expect(result.output.contains("(damaged: this message cannot be shown)"), "\(result.output)")
      #expect(result.error.contains(file.path), "\(result.error)")
      #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    }
    #expect(try hokulink(["mail", box]).output.contains("会員情報登録用URLのご案内"), "the intact mail still reads")
  }

  @Test(arguments: ["meta.json", "settings.json", "accounts/HKDEMU27.json"])
  func aDamagedFileStopsTheCommandWithOneSentenceNamingIt(name: String) throws {
    #expect(try hokulink(["clock", "advance", "1m"]).status == 0)
    let file = folder.appendingPathComponent(name)
    let damaged = Data("{ \"schemaVersion\": 1, \"userID\": ".utf8)
    try damaged.write(to: file)
    // The demo member's login reads every one of these files.
    let script = Self.scripts.appendingPathComponent("member-c-demo.play").path
    let result = try hokulink(["play", "--headless", script])
    #expect(result.status != 0)
    #expect(result.error.contains(file.path), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    #expect(try Data(contentsOf: file) == damaged)
  }

  @Test func playHeadlessExitsZeroWhenEveryLineHolds() throws {
    let result = try hokulink(["play", "--headless", Self.scripts.appendingPathComponent("first-screens.play").path])
    #expect(result.status == 0, "\(result.error)")
  }

  @Test func playHeadlessExitsOneWithTheLineAndTheScreenWhenALineFails() throws {
    let script = folder.deletingLastPathComponent().appendingPathComponent("hk-failing-\(UUID().uuidString).play")
    try "press \"入手\"\npress \"開く\"\nexpect \"ここにない文字\"\n".write(to: script, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: script) }
    let result = try hokulink(["play", "--headless", script.path])
    #expect(result.status == 1)
    #expect(result.error.contains("line 3"))
    #expect(result.error.contains("expect \"ここにない文字\""))
    #expect(result.error.contains("新規会員登録はこちら"), "the screen is printed: \(result.error)")
  }

  @Test func resetAsksAndKeepsEverythingWithoutAYes() throws {
    #expect(try hokulink(["clock"]).status == 0)
    let refused = try hokulink(["reset"], input: "n\n")
    #expect(refused.output.contains("Nothing was deleted"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("meta.json").path))
    #expect(try hokulink(["reset", "--yes"]).status == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test func aWrongOptionIsRefusedWithANonZeroExit() throws {
    let result = try hokulink(["--lang", "fr", "customers"])
    #expect(result.status != 0)
  }
}

@Suite struct ArgumentOrderTests {
  @Test func theReorderingKnowsEverySubcommandByName() {
    #expect(Set(Hokulink.configuration.subcommands.map { $0._commandName }) == Set(Hokulink.commandNames))
  }

  @Test func commonOptionsBeforeTheCommandNameMoveAfterIt() {
    #expect(
      Hokulink.subcommandFirst(["--data-dir", "clock", "--lang", "en", "clock", "advance", "7d"])
        == ["clock", "--data-dir", "clock", "--lang", "en", "advance", "7d"])
    #expect(Hokulink.subcommandFirst(["--pc", "--lang", "en"]) == ["--pc", "--lang", "en"])
  }

  /// The plain start skips ArgumentParser; what it builds must be what ArgumentParser would have parsed.
  @Test func aPlainStartReadsTheOptionsAsArgumentParserDoes() throws {
    let lists: [[String]] = [
      [], ["--no-guide"], ["--data-dir", "/tmp/x", "--no-guide"],
      ["--data-dir", "d", "--device", "phone-2", "--lang", "en", "--no-guide", "--pc", "--accessible"],
      ["--lang", "ja", "--device", "x"],
    ]
    for arguments in lists {
      let plain = try #require(Hokulink.plainStart(arguments), "\(arguments)")
      let parsed = try RunApp.parse(arguments)
      #expect(plain.common.dataDir == parsed.common.dataDir, "\(arguments)")
      #expect(plain.common.device == parsed.common.device, "\(arguments)")
      #expect(plain.common.lang == parsed.common.lang, "\(arguments)")
      #expect(plain.common.accessible == parsed.common.accessible, "\(arguments)")
      #expect(plain.common.noGuide == parsed.common.noGuide, "\(arguments)")
      #expect(plain.pc == parsed.pc, "\(arguments)")
    }
  }

  @Test func anythingElseGoesThroughArgumentParser() {
    let lists: [[String]] = [
      ["--help"], ["-h"], ["--version"], ["customers"], ["app"], ["--lang", "fr"], ["--data-dir=x"], ["--data-dir"],
      ["--no-guide", "--no-guide"], ["--device", "--pc"], ["--", "x"], ["--unknown"],
    ]
    for arguments in lists { #expect(Hokulink.plainStart(arguments) == nil, "\(arguments)") }
  }
}

@Suite struct CommandLineOutputTests {
  /// A tester may bring their own customers.json: what it holds is printed without its escape sequences.
  @Test func customersFromAFileArePrintedWithoutEscapeSequences() throws {
    let cli = CommandLineTests()
    #expect(try cli.hokulink(["clock"]).status == 0)
    let file = cli.folder.appendingPathComponent("customers.json")
    let text = try String(contentsOf: file, encoding: .utf8)
      .replacingOccurrences(of: "\"北陸 太郎\"", with: "\"北陸\\u001b[31m 太郎\"")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let result = try cli.hokulink(["customers"])
    #expect(result.status == 0, "\(result.error)")
    #expect(!result.output.contains("\u{1B}"))
    #expect(result.output.contains("北陸"))
  }
}
