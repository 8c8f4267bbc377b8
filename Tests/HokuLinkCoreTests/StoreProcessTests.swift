import Foundation
import HokuLinkCore
import Testing

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
