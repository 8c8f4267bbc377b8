import Foundation
import HokuLinkCore
import Testing
import TmuxTesting

/// The command line against a data folder someone tampered with, and beside another writer.
@Suite struct CommandLineSafetyTests {
  /// Any control character but the newline: C0 (ESC, BEL, CR, TAB…), DEL and C1 (CSI 0x9B, OSC 0x9D…).
  static func controls(in text: String) -> [String] {
    text.unicodeScalars.filter { scalar in
      (scalar.value < 0x20 && scalar.value != 0x0A) || (0x7F...0x9F).contains(scalar.value)
    }.map { String(format: "U+%04X", $0.value) }
  }

  static let hostile = "\u{1B}]52;c;SGVsbG8=\u{7}\u{1B}]0;PWNED\u{7}\u{9B}2J\u{1B}[31m\r\t"

  /// Every customer's text fields carry escape sequences and a newline that would forge a line of the listing.
  static func makeRegistryHostile(in folder: URL) throws {
    let file = folder.appendingPathComponent("customers.json")
    var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    var customers = try #require(root["customers"] as? [[String: Any]])
    for index in customers.indices {
      for key in ["name", "address", "phone", "postalCode", "customerNumber"] {
        customers[index][key] = ((customers[index][key] as? String) ?? "") + hostile
      }
      customers[index]["kana"] = ((customers[index]["kana"] as? String) ?? "") + "\nFORGED 41-0000-0000-00 偽物"
      var payment = (customers[index]["payment"] as? [String: Any]) ?? [:]
      if payment["accountNumber"] != nil { payment["accountNumber"] = "1234567" + hostile }
      if payment["cardLast4"] != nil { payment["cardLast4"] = hostile }
      customers[index]["payment"] = payment
    }
    root["customers"] = customers
    try JSONSerialization.data(withJSONObject: root).write(to: file)
  }

  @Test func hostileRegistryMailAndPostcardFieldsReachNoTerminalThroughAnyCommand() throws {
    let cli = CommandLineTests()
    defer { try? FileManager.default.removeItem(at: cli.folder) }
    #expect(try cli.hokulink(["clock"]).status == 0)
    try Self.makeRegistryHostile(in: cli.folder)
    let store = try Store(folder: cli.folder, kdf: .testing(iterations: 1000))
    try Mailbox(store: store).deliver(
      to: "evil@example.jp", subject: "件名" + Self.hostile, body: "本文\n" + Self.hostile + "\n二行目")
    try PostcardOutbox(store: store).send(
      customerNumber: "410012345678", recipientName: "悪" + Self.hostile + "\n偽の行", address: "住所" + Self.hostile,
      initialPassword: "abcd1234", now: Date().addingTimeInterval(-90 * 86_400))
    let script = CommandLineTests.scripts.appendingPathComponent("first-screens.play").path
    let runs: [(arguments: [String], input: String?)] = [
      (["customers"], nil), (["customers", "--lang", "en"], nil), (["clock"], nil), (["clock", "advance", "1m"], nil),
      (["clock", "later" + Self.hostile], nil), (["clock", "advance", "7d" + Self.hostile], nil),
      (["mail"], nil), (["mail", "evil@example.jp"], nil),
      (["mail", "nobody" + Self.hostile + "@example.jp"], nil), (["postcards"], nil),
      (["play", "--headless", script], nil), (["play", "--headless", "/nonexistent/" + Self.hostile + ".play"], nil),
      (["open", "hokulink://register?token=" + Self.hostile], ""), (["app", "--accessible"], "1\n2\n"),
      (["reset"], "n\n"),
    ]
    for run in runs {
      let result = try cli.hokulink(run.arguments, input: run.input)
      let shown = run.arguments.joined(separator: " ").debugDescription
      #expect(Self.controls(in: result.output).isEmpty, "\(shown) stdout: \(result.output.debugDescription)")
      #expect(Self.controls(in: result.error).isEmpty, "\(shown) stderr: \(result.error.debugDescription)")
      #expect(!result.output.contains("\nFORGED"), "\(shown): a newline in a field forged a line")
    }
    let listing = try cli.hokulink(["customers"])
    #expect(listing.status == 0, "\(listing.error)")
    #expect(listing.output.contains("北陸 太郎"), "\(listing.output)")
  }

  // MARK: reset beside a writer

  static var tortureExecutable: URL { BuiltProducts.directory.appendingPathComponent("store-torture") }

  @Test func resetBesideAWriterRemovesAllOrNothingInOneSentence() throws {
    let cli = CommandLineTests()
    defer { try? FileManager.default.removeItem(at: cli.folder) }
    #expect(try cli.hokulink(["clock"]).status == 0)
    let writer = Process()
    writer.executableURL = Self.tortureExecutable
    writer.arguments = ["count", cli.folder.path, "20000", "w"]
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("hk-writer-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errors) }
    writer.standardError = try FileHandle(forWritingTo: errors)
    try writer.run()
    defer { if writer.isRunning { writer.terminate() } }
    // Reset only once the writer is writing.
    let counter = cli.folder.appendingPathComponent("torture/counter.json")
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: counter.path) && writer.isRunning && Date() < deadline {
      usleep(5_000)
    }
    #expect(FileManager.default.fileExists(atPath: counter.path))

    let reset = try cli.hokulink(["reset", "--yes"])
    #expect(reset.status == 0, "\(reset.error)")
    #expect(reset.error.isEmpty, "\(reset.error)")
    #expect(reset.output.split(separator: "\n").count == 1, "\(reset.output)")

    // The writer meets a folder that is gone, and stops with one sentence instead of making half a folder again.
    let writerDeadline = Date().addingTimeInterval(120)
    while writer.isRunning && Date() < writerDeadline { usleep(10_000) }
    #expect(!writer.isRunning, "the writer carried on after the reset")
    if writer.isRunning { writer.terminate() }
    writer.waitUntilExit()
    let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    #expect(!said.contains("NSCocoaErrorDomain"), "\(said)")
    #expect(said.split(separator: "\n").count <= 1, "\(said)")

    // All of it is gone, and nothing is left beside it.
    #expect(!FileManager.default.fileExists(atPath: cli.folder.path))
    let parent = cli.folder.deletingLastPathComponent()
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter {
      $0.contains(cli.folder.lastPathComponent)
    }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  // MARK: a record that cannot be read

  /// A folder in place of a record the demo member's login reads: one sentence naming it, exit 2, nothing changed.
  @Test(arguments: ["accounts/HKDEMU27.json", "meta.json", "settings.json", "customers.json"])
  func aFolderInPlaceOfARecordStopsTheCommandWithOneSentenceNamingIt(name: String) throws {
    let cli = CommandLineTests()
    defer { try? FileManager.default.removeItem(at: cli.folder) }
    #expect(try cli.hokulink(["clock", "advance", "1m"]).status == 0)
    let file = cli.folder.appendingPathComponent(name)
    try FileManager.default.removeItem(at: file)
    try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
    let script = CommandLineTests.scripts.appendingPathComponent("member-c-demo.play").path
    let result = try cli.hokulink(["play", "--headless", script])
    #expect(result.status == 2, "\(result.error)")
    #expect(result.error.contains(file.path), "\(result.error)")
    #expect(result.error.contains("damaged or cannot be read"), "\(result.error)")
    #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) && isDirectory.boolValue)
  }
}
