import Foundation
import Testing

@testable import HokuLinkCore

/// Issue 12, hole 9: every file name made from what a person typed or owns is HMAC-SHA256 under the data folder's
/// own key, not a plain digest that a dictionary could match; a folder of plain names is renamed once, on open.
@Suite(.serialized) struct NameKeyTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)
  static let email = "Tateyama.Hanako@Example.jp"
  static let customerNumber = "410023456789"
  /// A password typed by mistake into the 利用者ID field: what hole 9 gave away.
  static let typedIDs = ["toyama-bay-sushi", DemoMember.userID.lowercased(), "NOSUCH99"]

  static func sha256(_ text: String) -> String { NameKeys.plainDigest(text) }

  static func names(in folder: TemporaryDataFolder, _ relative: String) -> [String] {
    let directory = folder.url.appendingPathComponent(relative)
    return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// A folder with a second account, failed logins for several typed IDs (one locked), and a claimed mailbox.
  static func populate(_ store: Store) throws {
    try store.update { transaction in
      try transaction.insertAccount(
        Account(
          userID: "ABCD2345", email: email, customerNumber: customerNumber, course: .immediate, createdAt: now))
      for (offset, typed) in typedIDs.enumerated() {
        var attempts = try transaction.loginAttempts(forTypedID: typed)
        for _ in 0...(offset == 0 ? 4 : offset) { attempts.recordFailure(at: now) }
        try transaction.put(attempts)
      }
    }
    try Mailbox(store: store).claim(email, device: "phone-a")
  }

  /// What `populate` left must all still be found, by what was typed.
  static func expectWorking(_ store: Store, _ where: String) throws {
    #expect(try store.account(email: email.lowercased())?.userID == "ABCD2345", "\(`where`)")
    #expect(try store.account(customerNumber: customerNumber)?.userID == "ABCD2345", "\(`where`)")
    #expect(try store.account(email: DemoMember.email)?.userID == DemoMember.userID, "\(`where`)")
    #expect(try store.account(customerNumber: DemoMember.customerNumber)?.userID == DemoMember.userID, "\(`where`)")
    #expect(try store.account(userID: "abcd2345") != nil, "\(`where`)")
    let locked = try store.loginAttempts(forTypedID: typedIDs[0].uppercased())
    #expect(locked.failedPasswordCount == 5 && locked.isLocked(at: now), "\(`where`)")
    #expect(try store.loginAttempts(forTypedID: typedIDs[1]).failedPasswordCount == 2, "\(`where`)")
    #expect(try store.loginAttempts(forTypedID: typedIDs[2]).failedPasswordCount == 3, "\(`where`)")
    #expect(try Mailbox(store: store).owner(of: email) == "phone-a", "\(`where`)")
  }

  @Test func indexAndLoginAttemptNamesAreNotThePlainDigestOfWhatWasTyped() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try Self.populate(store)
    let plain: Set<String> =
      Set(Self.typedIDs.map { Self.sha256(UserIDGenerator.normalise($0)) }).union([
        Self.sha256(Self.email.lowercased()), Self.sha256(Self.customerNumber), Self.sha256(DemoMember.email),
        Self.sha256(DemoMember.customerNumber), Self.sha256(Mailbox.folderName(for: Self.email)),
      ])
    var seen = 0
    for relative in ["index/email", "index/customer-number", "index/mail-owner", "login-attempts"] {
      for name in Self.names(in: folder, relative) {
        seen += 1
        #expect(!plain.contains(name), "\(relative)/\(name) is a plain digest")
        #expect(name.count == 64)
      }
    }
    #expect(seen == 2 + 2 + 1 + Self.typedIDs.count)
    // Nothing typed is in any name or in a login count's document.
    for file in folder.allFiles() where file.path.contains("login-attempts") {
      let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
      #expect(!file.path.contains("toyama") && !text.contains("toyama") && !text.contains("TOYAMA"))
      for digest in plain { #expect(!text.contains(digest)) }
    }
    try Self.expectWorking(store, "fresh")
  }

  @Test func twoFoldersHaveTwoKeysSoTheSameEmailGetsTwoNames() throws {
    let first = TemporaryDataFolder()
    let second = TemporaryDataFolder()
    defer {
      first.remove()
      second.remove()
    }
    let one = try first.store().indexPath("email", key: Self.email)
    let other = try second.store().indexPath("email", key: Self.email)
    #expect(one != other)
    #expect(try first.store().indexPath("email", key: Self.email) == one)
  }

  @Test func theKeyIs32RandomBytesInA0600FileAndOneOthersCanReadIsRefused() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    let keyFile = folder.url.appendingPathComponent(NameKeys.fileName)
    #expect(posixMode(keyFile) == 0o600)
    let document = try JSONDecoder().decode(NameKeyDocument.self, from: Data(contentsOf: keyFile))
    #expect(Data(base64Encoded: document.key)?.count == 32)
    #expect(document.algorithm == "HMAC-SHA256")
    for mode in [0o644, 0o640, 0o604] {
      #expect(chmod(keyFile.path, mode_t(mode)) == 0)
      #expect(throws: StoreError.self) { _ = try folder.store() }
      do {
        _ = try folder.store()
      } catch let error as StoreError {
        #expect(error.description.contains(keyFile.path) && error.description.contains("chmod 600"), "\(error)")
      }
      // Refused, not repaired behind the person's back.
      #expect(posixMode(keyFile) == mode)
    }
    #expect(chmod(keyFile.path, 0o600) == 0)
    _ = try folder.store()
  }

  @Test func aMissingOrLinkedKeyInAKeyedFolderIsTheDamagedStopNamingIt() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    try Self.populate(try folder.store())
    let keyFile = folder.url.appendingPathComponent(NameKeys.fileName)
    let saved = try Data(contentsOf: keyFile)
    try FileManager.default.removeItem(at: keyFile)
    #expect(throws: StoreError.damaged(path: keyFile.path)) { _ = try folder.store() }
    // A new key is not made in its place: every name would be lost.
    #expect(!FileManager.default.fileExists(atPath: keyFile.path))
    let elsewhere = folder.url.deletingLastPathComponent().appendingPathComponent("key-elsewhere.json")
    try saved.write(to: elsewhere)
    #expect(chmod(elsewhere.path, 0o600) == 0)
    #expect(symlink(elsewhere.path, keyFile.path) == 0)
    #expect(throws: StoreError.damaged(path: keyFile.path)) { _ = try folder.store() }
    try FileManager.default.removeItem(at: keyFile)
    try saved.write(to: keyFile)
    #expect(chmod(keyFile.path, 0o600) == 0)
    try Self.expectWorking(try folder.store(), "key put back")
  }

  /// The key is made by the first process; another process (the `store-torture` helper) finds by the same input
  /// the same file, both ways round.
  @Test func theSameInputMapsToTheSameNameAcrossProcesses() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    // The helper makes the folder and its key, and writes an index entry for "latest".
    let helper = try StoreProcessTests.launch(["spin", folder.url.path, "1"])
    helper.waitUntilExit()
    #expect(helper.terminationStatus == 0)
    let store = try folder.store()
    let slot = try #require(try store.lookup(index: "torture", key: "latest"))
    #expect(try store.read(TortureCounter.self, id: slot)?.value == 1)
    #expect(
      Self.names(in: folder, "index/torture") == [
        String(try store.indexPath("torture", key: "latest").dropFirst(14).dropLast(5))
      ])
    #expect(!Self.names(in: folder, "index/torture").contains(Self.sha256("latest")))
    // And back: the helper replaces the entry this process reads, under the same name.
    let again = try StoreProcessTests.launch(["spin", folder.url.path, "1"])
    again.waitUntilExit()
    #expect(again.terminationStatus == 0)
    #expect(try store.lookup(index: "torture", key: "latest") == "slot-2")
    #expect(Self.names(in: folder, "index/torture").count == 1)
  }

  /// Turns a keyed folder back into one of plain names, as a folder written before the keyed names would be.
  static func makePlain(_ folder: TemporaryDataFolder, _ store: Store) throws {
    let files = FileManager.default
    let entries: [(index: String, key: String)] = [
      ("email", Self.email.lowercased()), ("email", DemoMember.email), ("customer-number", Self.customerNumber),
      ("customer-number", DemoMember.customerNumber), ("mail-owner", Mailbox.folderName(for: Self.email)),
    ]
    for entry in entries {
      let keyed = folder.url.appendingPathComponent(try store.indexPath(entry.index, key: entry.key))
      let plain = folder.url.appendingPathComponent("index/\(entry.index)/\(Self.sha256(entry.key)).json")
      try files.moveItem(at: keyed, to: plain)
    }
    for typed in typedIDs {
      let keyedID = try LoginAttempts.recordID(forTypedID: typed, in: store)
      var attempts = try #require(try store.read(LoginAttempts.self, id: keyedID))
      attempts.id = Self.sha256(UserIDGenerator.normalise(typed))
      let plain = folder.url.appendingPathComponent("login-attempts/\(attempts.id).json")
      try StoreCoding.encode(attempts).write(to: plain)
      try files.removeItem(at: folder.url.appendingPathComponent("login-attempts/\(keyedID).json"))
    }
    try files.removeItem(at: folder.url.appendingPathComponent(NameKeys.fileName))
    let meta = folder.url.appendingPathComponent("meta.json")
    try StoreCoding.encode(StoreMeta(createdAt: now)).write(to: meta)
    for file in folder.allFiles() { _ = chmod(file.path, 0o600) }
    // Every name is plain now: nothing keyed was missed.
    for relative in ["index/email", "index/customer-number", "index/mail-owner", "login-attempts"] {
      for name in names(in: folder, relative) {
        #expect(
          entries.map { Self.sha256($0.key) }.contains(name)
            || typedIDs.map { Self.sha256(UserIDGenerator.normalise($0)) }.contains(name), "\(relative)/\(name)")
      }
    }
  }

  @Test func aFolderOfPlainNamesIsRenamedOnceOnOpenAndEverythingStillWorks() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try Self.populate(store)
    try Self.makePlain(folder, store)

    let migrated = try folder.store()
    try Self.expectWorking(migrated, "migrated")
    let meta = try StoreCoding.decode(
      StoreMeta.self, from: Data(contentsOf: folder.url.appendingPathComponent("meta.json")), path: "meta.json")
    #expect(meta.nameFormat == NameKeys.keyedFormat)
    #expect(posixMode(folder.url.appendingPathComponent(NameKeys.fileName)) == 0o600)
    #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("journal.json").path))
    #expect(Self.names(in: folder, "index/email").count == 2)
    #expect(Self.names(in: folder, "login-attempts").count == Self.typedIDs.count)
    for name in Self.names(in: folder, "index/email") { #expect(name != Self.sha256(DemoMember.email)) }
    // Once: a later open changes nothing on disk.
    let probe = CostProbe()
    let reopened = try probe.observe { try folder.store() }
    #expect(CostSummary(probe.events).steps.isEmpty, "\(CostSummary(probe.events))")
    try Self.expectWorking(reopened, "reopened")
    // A login still counts on the migrated record, not on a new one.
    try reopened.update { transaction in
      var attempts = try transaction.loginAttempts(forTypedID: Self.typedIDs[2])
      attempts.recordFailure(at: Self.now)
      try transaction.put(attempts)
    }
    #expect(try reopened.loginAttempts(forTypedID: Self.typedIDs[2]).failedPasswordCount == 4)
    // The demo member logs in with its password; the success clears the migrated count of its typed ID.
    let result = try Logins(store: reopened, pickChallenge: { 1 }).logIn(
      userID: "hkdemu27", password: DemoMember.password, deviceToken: "phone-a", channel: .app, now: Self.now)
    guard case .loggedIn = result else {
      Issue.record("the demo member could not log in after the renaming: \(result)")
      return
    }
    #expect(try reopened.loginAttempts(forTypedID: DemoMember.userID).failedPasswordCount == 0)
    #expect(Self.names(in: folder, "login-attempts").count == Self.typedIDs.count)
  }

  /// The renaming is one journaled transaction: a process killed at any of its durable steps leaves a folder that
  /// the next open finishes, with nothing lost and nothing left under a plain name.
  @Test func aKillAtEachStepOfTheRenamingLosesNothing() throws {
    let template = TemporaryDataFolder()
    defer { template.remove() }
    let store = try template.store()
    try Self.populate(store)
    try Self.makePlain(template, store)
    var point = 1
    var kills = 0
    while point < 500 {
      let folder = TemporaryDataFolder()
      defer { folder.remove() }
      try FileManager.default.createDirectory(
        at: folder.url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: template.url, to: folder.url)
      let process = Process()
      process.executableURL = try StoreProcessTests.tortureExecutable()
      process.arguments = ["spin", folder.url.path, "0"]
      process.environment = ProcessInfo.processInfo.environment.merging([FaultHook.variable: "\(point)"]) { $1 }
      try process.run()
      process.waitUntilExit()
      let finished = process.terminationReason == .exit
      if finished { #expect(process.terminationStatus == 0, "step \(point)") } else { kills += 1 }
      let reopened = try folder.store()
      try Self.expectWorking(reopened, "killed at step \(point)")
      for relative in ["index/email", "index/customer-number", "index/mail-owner", "login-attempts"] {
        let expected = relative == "login-attempts" ? Self.typedIDs.count : relative == "index/mail-owner" ? 1 : 2
        #expect(Self.names(in: folder, relative).count == expected, "step \(point): \(relative)")
      }
      if finished { break }
      point += 1
    }
    // The key, the journal, five index entries, three counts and meta: dozens of steps.
    #expect(kills >= 30, "only \(kills) kill points")
  }
}
