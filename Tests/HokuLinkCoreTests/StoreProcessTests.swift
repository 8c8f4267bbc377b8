import Foundation
import Testing

@testable import HokuLinkCore

/// Several real processes on one data folder, as several SSH users would be.
@Suite(.serialized) struct StoreProcessTests {
  /// The `store-torture` helper is built beside the test bundle by `swift build` / `swift test`.
  static func tortureExecutable() throws -> URL {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
    ].map { $0.appendingPathComponent("store-torture") }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
      Issue.record("store-torture was not built; looked in \(candidates.map(\.path))")
      throw CancellationError()
    }
    return found
  }

  static func launch(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = try tortureExecutable()
    process.arguments = arguments
    try process.run()
    return process
  }

  /// Two real processes drive the registration flow of ONE device in ONE folder at once, every customer of the
  /// registry, several rounds (issue 8): every step either passes from the flow as stored or is refused, so no
  /// flow ever shows a step skipped, each customer ends with at most one account, and each account has exactly
  /// one 利用者ID mail and nothing is left in the outbox.
  @Test func twoProcessesSigningUpOnOneDeviceNeverSkipAStepNorMakeTwoAccounts() throws {
    for round in 0..<3 {
      let folder = TemporaryDataFolder()
      defer { folder.remove() }
      let store = try folder.store()
      let files = (0..<4).map { _ in
        FileManager.default.temporaryDirectory.appendingPathComponent("hk-signup-race-\(UUID().uuidString)")
      }
      defer { for file in files { try? FileManager.default.removeItem(at: file) } }
      for file in files { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
      let processes = try ["a", "b"].enumerated().map { index, tag in
        let process = Process()
        process.executableURL = try Self.tortureExecutable()
        process.arguments = ["signup", folder.url.path, "shared-phone", "\(tag)\(round)"]
        process.standardOutput = try FileHandle(forWritingTo: files[2 * index])
        process.standardError = try FileHandle(forWritingTo: files[2 * index + 1])
        try process.run()
        return process
      }
      var writes: [(revision: Int, step: Int, what: String, digest: String)] = []
      for (index, process) in processes.enumerated() {
        process.waitUntilExit()
        let said = try String(contentsOf: files[2 * index + 1], encoding: .utf8)
        #expect(process.terminationStatus == 0, "round \(round): \(said)")
        for line in try String(contentsOf: files[2 * index], encoding: .utf8).split(separator: "\n") {
          let fields = line.split(separator: "\t").map(String.init)
          guard fields.count == 4, let revision = Int(fields[0]), let step = Int(fields[1]) else { continue }
          writes.append((revision, step, fields[2], fields[3]))
        }
      }
      // Both processes' writes in the store's order. A revision seen twice must be the same flow (a step that
      // changed nothing returns the stored one); two different flows of one revision are two steps decided from
      // the same stored state, one of them lost. None is missing, and each is a step allowed from the one before.
      var byRevision: [Int: Set<String>] = [:]
      for write in writes { byRevision[write.revision, default: []].insert(write.digest) }
      let forked = byRevision.filter { $0.value.count > 1 }.keys.sorted()
      #expect(forked.isEmpty, "round \(round): revisions written twice from one state: \(forked)")
      var seen: Set<Int> = []
      writes = writes.sorted { $0.revision < $1.revision }.filter { seen.insert($0.revision).inserted }
      #expect(writes.map(\.revision) == Array(1...max(1, writes.count)), "round \(round): revisions")
      let from: [String: Set<Int>] = [
        "step 3": [3, 4], "step 5-1": [51, 52, 53, 6, 7], "step 5-2": [52, 53, 6, 7], "step 5-3": [53, 6, 7],
        "step 6": [6, 7], "step 7": [7],
      ]
      for (before, after) in zip(writes, writes.dropFirst()) {
        guard let allowed = from[after.what] else { continue }  // begin and the link start from anywhere
        #expect(
          allowed.contains(before.step),
          "round \(round): \(after.what) written over step \(before.step) (revision \(after.revision))")
      }
      let accounts = try store.ids(of: Account.self).compactMap { try store.read(Account.self, id: $0) }
      let byCustomer = Dictionary(grouping: accounts, by: \.customerNumber)
      #expect(byCustomer.values.allSatisfy { $0.count == 1 }, "round \(round): \(byCustomer.mapValues(\.count))")
      let mailbox = Mailbox(store: store)
      let signedUp = accounts.filter { $0.userID != DemoMember.userID }
      #expect(!signedUp.isEmpty, "round \(round): nobody was signed up")
      for account in signedUp {
        let mails = try mailbox.messages(for: account.email).filter {
          $0.subject == RegistrationWording.userIDMailSubject
        }
        #expect(mails.count == 1, "round \(round): \(account.email) has \(mails.count) 利用者ID mails")
        #expect(mails.first?.body.contains(account.userID) == true)
      }
      #expect(try mailbox.outbox().isEmpty)
      #expect(store.leftoverTemporaryFiles().isEmpty)
    }
  }

  /// What a killed writer leaves (issue 12) is made good by ANY other process that opens the folder, whatever it
  /// came for (here one that only lists a mailbox): the journal is finished before it reads, temporary files of
  /// `FileIO`'s pattern and a Maildir's tmp/ leftovers are removed, other dotfiles are left alone, and the outbox
  /// is delivered once.
  @Test func anyOtherProcessOpeningTheFolderFinishesWhatAKilledWriterLeft() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let first = try StoreCoding.encode(TortureCounter(id: "x", value: 1))
    let second = try StoreCoding.encode(TortureCounter(id: "y", value: 1))
    let journal = Journal(entries: [
      Journal.Entry(path: "torture/x.json", contents: String(decoding: first, as: UTF8.self)),
      Journal.Entry(path: "torture/y.json", contents: String(decoding: second, as: UTF8.self)),
    ])
    try FileIO.writeAtomically(StoreCoding.encode(journal), to: store.journalURL)
    try FileIO.writeAtomically(first, to: folder.url.appendingPathComponent("torture/x.json"))
    let leftovers = [
      "tmp/.HKDEMU27.json.0123456789abcdef.tmp", "tmp/.0a1b.json.fedcba9876543210.tmp",
      "tmp/.settings.json.00000000000000ff.tmp", "mail/taro@example.jp/tmp/S000000000001.1795741200.Rabc.hokulink",
    ].map { folder.url.appendingPathComponent($0) }
    let kept = [
      folder.url.appendingPathComponent("accounts/.notes-of-the-tester"),
      folder.url.appendingPathComponent("tmp/.notes-of-the-tester"),
    ]
    for file in leftovers + kept {
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("half".utf8).write(to: file)
    }
    let mail = OutboxMail(
      key: "1795741200-userid-hktest23", to: "taro@example.jp", subject: "利用者IDのお知らせ", body: "利用者ID: HKTEST23",
      date: Date(timeIntervalSince1970: 1_795_741_200))
    try FileIO.writeAtomically(
      StoreCoding.encode(mail), to: folder.url.appendingPathComponent("outbox/\(mail.key).json"), under: folder.url)

    for _ in 0..<2 {
      let other = try Self.launch(["seen", folder.url.path, "nobody@example.jp"])
      other.waitUntilExit()
      #expect(other.terminationStatus == 0)
    }
    #expect(try store.read(TortureCounter.self, id: "y")?.value == 1)
    #expect(!FileManager.default.fileExists(atPath: store.journalURL.path))
    for file in leftovers { #expect(!FileManager.default.fileExists(atPath: file.path), "\(file.path) left") }
    for file in kept { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path) removed") }
    let delivered = try Mailbox(store: store).messages(for: "taro@example.jp")
    #expect(delivered.map(\.id) == [mail.messageID])
    #expect(try Mailbox(store: store).outbox().isEmpty)
  }

  @Test func threeProcessesDoingTwoHundredUpdatesEachLoseNone() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let tags = ["a", "b", "c"]
    let processes = try tags.map { try Self.launch(["count", folder.url.path, "200", $0]) }
    for process in processes { process.waitUntilExit() }
    for process in processes { #expect(process.terminationStatus == 0) }
    #expect(try store.read(TortureCounter.self, id: "counter")?.value == 600)
    let entries = try #require(try store.read(TortureList.self, id: "list")).entries
    #expect(entries.count == 600)
    #expect(Set(entries).count == 600)
    for tag in tags {
      // Each process's own appends stay in its order.
      let own = entries.filter { $0.hasPrefix(tag + "-") }
      #expect(own == (0..<200).map { "\(tag)-\($0)" })
    }
  }

  /// A writer killed at every one of its durable steps in turn (the fault hook `HOKULINK_TEST_CRASH_AT=N`), from the
  /// first until it finishes on its own, never leaves an unreadable record or a half-applied transaction.
  @Test func aWriterKilledAtEachOfItsDurableStepsNeverLeavesAnUnreadableRecord() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    let updates = 3
    var last = 0
    var kills = 0
    var point = 1
    while point < 1000 {
      let process = Process()
      process.executableURL = try Self.tortureExecutable()
      process.arguments = ["spin", folder.url.path, "\(updates)"]
      process.environment = ProcessInfo.processInfo.environment.merging([FaultHook.variable: "\(point)"]) { $1 }
      try process.run()
      process.waitUntilExit()
      if process.terminationReason == .exit {
        #expect(process.terminationStatus == 0, "step \(point): the writer failed")
        break
      }
      #expect(process.terminationStatus == SIGKILL, "step \(point)")
      kills += 1

      // Before anyone repairs anything: every JSON document in the folder parses as it is.
      for file in folder.allFiles() where file.pathExtension == "json" {
        let data = try Data(contentsOf: file)
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "step \(point): \(file.path) does not parse")
      }
      // Opening the folder finishes a half-applied transaction; then the two halves agree.
      let store = try folder.store()
      let counter = try store.read(TortureCounter.self, id: "counter")?.value ?? 0
      let mirror = try store.read(TortureCounter.self, id: "mirror")?.value ?? 0
      #expect(counter == mirror, "step \(point)")
      #expect(counter >= last, "step \(point): the counter went back from \(last) to \(counter)")
      last = counter
      if let slot = try store.lookup(index: "torture", key: "latest") {
        #expect(try store.read(TortureCounter.self, id: slot) != nil, "step \(point)")
      }
      point += 1
    }
    // Every update touches several files, so each has a dozen or more steps to die at.
    #expect(kills >= updates * 12, "only \(kills) kill points")
    #expect(last > 0)
  }
}

extension StoreProcessTests {
  @Test func processesOpeningANewFolderTogetherSetItUpOnce() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let processes = try (0..<3).map { try Self.launch(["count", folder.url.path, "1", "p\($0)"]) }
    for process in processes { process.waitUntilExit() }
    for process in processes { #expect(process.terminationStatus == 0) }
    let store = try folder.store()
    #expect(try store.ids(of: Account.self) == [DemoMember.userID])
    #expect(try store.read(TortureCounter.self, id: "counter")?.value == 3)
  }
}

extension StoreProcessTests {
  /// Someone deletes (or replaces) `.lock` every few milliseconds while eight processes each do 200 updates:
  /// the lock cannot be taken from under the writers, so none of the 1,600 updates is lost and no writer fails.
  @Test func eightWritersLoseNoUpdateWhileTheLockFileIsDeletedEveryFewMilliseconds() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let tags = (0..<8).map { "w\($0)" }
    let processes = try tags.map { try Self.launch(["count", folder.url.path, "200", $0]) }
    let lock = folder.url.appendingPathComponent(".lock").path
    var round = 0
    while processes.contains(where: \.isRunning) {
      round += 1
      unlink(lock)
      if round % 2 == 0 { FileManager.default.createFile(atPath: lock, contents: nil) }
      usleep(2_000)
    }
    for process in processes { process.waitUntilExit() }
    for process in processes { #expect(process.terminationStatus == 0) }
    #expect(try store.read(TortureCounter.self, id: "counter")?.value == 1600)
    let entries = try #require(try store.read(TortureList.self, id: "list")).entries
    #expect(entries.count == 1600)
    #expect(Set(entries).count == 1600)
  }

  /// Issue 12, hole 7: a listing while another process moves messages from new/ to cur/ shows each message once.
  /// Both sides hold the store's lock, so every listing sees each message in exactly one of the two folders.
  @Test func aListingWhileAnotherProcessMarksMessagesSeenNeverShowsOneTwice() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let mailbox = Mailbox(store: store)
    let address = "race@example.jp"
    let now = Date(timeIntervalSince1970: 1_795_741_200)
    let delivered = try (0..<60).map { try mailbox.deliver(at: now, to: address, subject: "s\($0)", body: "b").id }
    let expected = Array(delivered.reversed())
    let marker = try Self.launch(["seen", folder.url.path, address])
    var listings = 0
    repeat {
      listings += 1
      let ids = try mailbox.messages(for: address).map(\.id)
      #expect(ids == expected, "listing \(listings)")
    } while marker.isRunning
    marker.waitUntilExit()
    #expect(marker.terminationStatus == 0)
    let after = try mailbox.messages(for: address)
    #expect(after.map(\.id) == expected)
    #expect(after.filter { !$0.seen }.isEmpty)
  }
}
