import Foundation
import Testing

@testable import HokuLinkCore

/// What someone who can plant files in or around the data folder could try: links at the names the store writes,
/// a folder others own or can write, files of the wrong kind or mode. Nothing outside the folder may change, and
/// anything wrong inside it is one sentence naming the file.
@Suite struct StoreSafetyTests {
  /// A folder beside the data folder that no store write may reach: its files and modes, to compare.
  struct Outside {
    let url: URL

    init(beside folder: TemporaryDataFolder) throws {
      url = folder.url.deletingLastPathComponent().appendingPathComponent("outside")
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A victim file with known contents, mode 0644.
    func victim(_ index: Int) throws -> URL {
      let file = url.appendingPathComponent("victim-\(index)")
      try Data("untouched \(index)\n".utf8).write(to: file)
      chmod(file.path, 0o644)
      return file
    }

    var snapshot: [String: String] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
      var result: [String: String] = [:]
      for name in names {
        let file = url.appendingPathComponent(name)
        let contents = (try? String(contentsOf: file, encoding: .utf8)) ?? "<unreadable>"
        result[name] = "\(String(posixMode(file), radix: 8)) \(contents)"
      }
      return result
    }
  }

  static func plantLink(at path: String, to target: URL) {
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = symlink(target.path, path)
  }

  /// A transaction of several files (so it is journaled) and an index entry.
  static func writeSome(_ store: Store) throws {
    try store.update { transaction in
      try transaction.put(Note(id: "n1", text: "一"))
      try transaction.put(Note(id: "n2", text: "二"))
      try transaction.setIndex("notes", key: "first", id: "n1")
    }
  }

  @Test func linksPlantedAtEveryTemporaryLockAndRecordNameNeverChangeAnythingOutsideTheFolder() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    // The names a transaction writes, as the fault hook's steps report them.
    let probe = CostProbe()
    try probe.observe { try Self.writeSome(store) }
    var names: Set<String> = [folder.url.appendingPathComponent(".lock").path]
    for case .step(let step, let path) in probe.events {
      let url = URL(fileURLWithPath: path)
      switch step {
      case .write:
        names.insert(path)  // the temporary file this write used
      case .rename:
        names.insert(path)  // the record, index entry or journal itself
        let temp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        names.insert(temp.path)  // the fixed temporary name of a writer that trusted its lock
      default: break
      }
    }
    #expect(names.count >= 9, "\(names.sorted())")

    let outside = try Outside(beside: folder)
    for (index, name) in names.sorted().enumerated() {
      // Half point at existing files (written through, or chmodded), half dangle (created through).
      let target = index % 2 == 0 ? try outside.victim(index) : outside.url.appendingPathComponent("new-\(index)")
      Self.plantLink(at: name, to: target)
    }
    let before = outside.snapshot

    // Writing again, in this process and as a new process opening the folder: refused or done, but only inside.
    _ = try? Self.writeSome(store)
    _ = try? Self.writeSome(try folder.store())
    _ = try? store.update { try $0.put(Note(id: "n3", text: "三")) }
    _ = try? store.read(Note.self, id: "n1")

    #expect(outside.snapshot == before)
  }

  /// The data folder's one folder of temporary files is checked like every folder of it: a link in its place is
  /// refused at a write and never listed or emptied at open (a file of the temporary pattern where it points stays),
  /// and a tmp/ that group or others can read is made 0700 again.
  @Test func aLinkInPlaceOfTheTemporaryFolderIsRefusedAndItIsKeptPrivate() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let outside = try Outside(beside: folder)
    _ = try outside.victim(0)
    try Data("keep\n".utf8).write(to: outside.url.appendingPathComponent(".x.json.0123456789abcdef.tmp"))
    let tmp = folder.url.appendingPathComponent("tmp")
    Self.plantLink(at: tmp.path, to: outside.url)
    let before = outside.snapshot

    #expect(throws: (any Error).self) { try store.update { try $0.put(Note(id: "n9", text: "九")) } }
    _ = try? folder.store()
    _ = try? Self.writeSome(store)
    #expect(outside.snapshot == before)
    #expect(try store.read(Note.self, id: "n9") == nil)

    try FileManager.default.removeItem(at: tmp)
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: false)
    chmod(tmp.path, 0o755)
    try store.update { try $0.put(Note(id: "n9", text: "九")) }
    #expect(try store.read(Note.self, id: "n9")?.text == "九")
    #expect(posixMode(tmp) == 0o700)
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }

  @Test func aLinkInPlaceOfARecordIsAStopNamingItNotARead() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { try $0.put(Note(id: "n1", text: "一")) }
    let outside = try Outside(beside: folder)
    let victim = outside.url.appendingPathComponent("note.json")
    try FileManager.default.copyItem(at: folder.url.appendingPathComponent("notes/n1.json"), to: victim)
    let record = folder.url.appendingPathComponent("notes/n1.json")
    Self.plantLink(at: record.path, to: victim)
    #expect(throws: StoreError.damaged(path: record.path)) { try store.read(Note.self, id: "n1") }
  }

  @Test func aLinkInPlaceOfAFolderOfTheStoreIsRefusedNotWrittenThrough() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let outside = try Outside(beside: folder)
    for kind in ["notes", "index"] {
      Self.plantLink(at: folder.url.appendingPathComponent(kind).path, to: outside.url)
    }
    #expect(throws: StoreError.self) { try store.update { try $0.put(Note(id: "n1", text: "一")) } }
    #expect(throws: StoreError.self) { try store.update { try $0.setIndex("notes", key: "k", id: "n1") } }
    #expect(outside.snapshot.isEmpty, "\(outside.snapshot)")
  }

  // MARK: The folder itself

  @Test func aFolderAnotherUserOwnsIsRefusedInOneSentence() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    #expect(chown(folder.url.path, 65534, 65534) == 0)
    let error = #expect(throws: StoreError.self) { try folder.store() }
    let sentence = error?.description ?? ""
    #expect(sentence.contains(folder.url.path), "\(sentence)")
    #expect(sentence.contains("another user"), "\(sentence)")
    #expect(!sentence.contains("\n"))
  }

  @Test(arguments: [0o777, 0o770, 0o702])
  func aFolderGroupOrOthersCanWriteIsRefusedAndLeftAsItIs(mode: Int) throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    chmod(folder.url.path, mode_t(mode))
    let error = #expect(throws: StoreError.self) { try folder.store() }
    #expect(error?.description.contains(folder.url.path) == true)
    #expect(posixMode(folder.url) == mode)
  }

  @Test func aFileThatGroupOrOthersCanReadIsPutBackTo0600WhenItIsRead() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let account = folder.url.appendingPathComponent("accounts/\(DemoMember.userID).json")
    let registry = folder.url.appendingPathComponent("customers.json")
    chmod(account.path, 0o644)
    chmod(registry.path, 0o644)
    #expect(try store.account(userID: DemoMember.userID) != nil)
    _ = try store.customerRegistry()
    #expect(posixMode(account) == 0o600)
    #expect(posixMode(registry) == 0o600)
  }

  // MARK: Records that cannot be read

  /// Something that is not a readable regular file, in place of a record: a folder, a FIFO (which would block a
  /// plain open) or a link that loops. Tests run as root, so a chmod 000 file would still be readable.
  enum Obstacle: String, CaseIterable, Sendable {
    case directory, fifo, loop

    func plant(at url: URL) throws {
      try? FileManager.default.removeItem(at: url)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      switch self {
      case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
      case .fifo: #expect(mkfifo(url.path, 0o600) == 0)
      case .loop: #expect(symlink(url.lastPathComponent, url.path) == 0)
      }
    }
  }

  /// One read of each record kind the flows keep, through the API that reads it.
  static var kinds: [(name: String, path: (Store) throws -> String, read: (Store) throws -> Void)] {
    [
      (
        "accounts", { _ in "accounts/\(DemoMember.userID).json" },
        { _ = try $0.account(userID: DemoMember.userID) }
      ),
      (
        "index", { try $0.indexPath(AccountIndex.customerNumber, key: DemoMember.customerNumber) },
        { _ = try $0.account(customerNumber: DemoMember.customerNumber) }
      ),
      (
        "login-attempts", { "login-attempts/\(try LoginAttempts.recordID(forTypedID: "SOMEONE1", in: $0)).json" },
        { _ = try $0.loginAttempts(forTypedID: "SOMEONE1") }
      ),
      ("pending", { _ in "pending/abc.json" }, { _ = try $0.read(PendingRegistration.self, id: "abc") }),
      (
        "password-resets", { _ in "password-resets/abc.json" },
        { _ = try $0.read(RecoveryFlow.self, id: "abc") }
      ),
      (
        "registration-flows", { _ in "registration-flows/\(RegistrationFlow.recordID(device: "default")).json" },
        { _ = try Registrations(store: $0).flow(device: "default") }
      ),
    ]
  }

  @Test(arguments: Obstacle.allCases)
  func anUnreadableRecordOfEveryKindIsTheDamagedStopNamingIt(obstacle: Obstacle) throws {
    for kind in Self.kinds {
      let folder = TemporaryDataFolder()
      defer { folder.remove() }
      let store = try folder.store()
      let file = folder.url.appendingPathComponent(try kind.path(store))
      try obstacle.plant(at: file)
      #expect(throws: StoreError.damaged(path: file.path), "\(kind.name)") { try kind.read(store) }
      #expect(store.damagedFile == .damaged(path: file.path), "\(kind.name)")
      // Inside a transaction too: nothing is committed, and the obstacle stays.
      #expect(throws: StoreError.damaged(path: file.path), "\(kind.name)") {
        try store.update {
          _ = try $0.get(Note.self, id: "x"); try kind.read(store)
        }
      }
      #expect(try store.read(Note.self, id: "x") == nil)
      #expect(FileManager.default.fileExists(atPath: file.path) || obstacle == .loop)
    }
  }
}
