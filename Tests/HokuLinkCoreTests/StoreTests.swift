import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct StoreTests {
  @Test func createsTheFolderPrivateAndEveryFilePrivate() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { try $0.put(Note(id: "n1", text: "こんにちは")) }
    #expect(posixMode(folder.url) == 0o700)
    for directory in folder.allDirectories() { #expect(posixMode(directory) == 0o700, "\(directory.path)") }
    let files = folder.allFiles()
    #expect(files.count >= 5)
    for file in files { #expect(posixMode(file) == 0o600, "\(file.path)") }
  }

  /// A folder that others can only read is made private; one that group or others can write is refused instead
  /// (see StoreSafetyTests), as OpenSSH refuses such a `~/.ssh`.
  @Test func aFolderMadeBeforehandOrOpenedLaterWithALooserModeIsMadePrivate() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
    chmod(folder.url.path, 0o755)
    _ = try folder.store()
    #expect(posixMode(folder.url) == 0o700)
    chmod(folder.url.path, 0o750)
    _ = try folder.store()
    #expect(posixMode(folder.url) == 0o700)
    chmod(folder.url.path, 0o775)
    #expect(throws: StoreError.self) { try folder.store() }
    #expect(posixMode(folder.url) == 0o775)
  }

  @Test func aNewFolderHoldsTheBundledRegistryMetaAndTheDemoMember() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let copied = try Data(contentsOf: folder.url.appendingPathComponent("customers.json"))
    let bundled = try Data(contentsOf: try #require(CustomerRegistry.bundledURL))
    #expect(copied == bundled)
    #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("meta.json").path))
    #expect(try store.account(userID: "HKDEMU27") != nil)
  }

  @Test func aFolderThatAlreadyHasCustomersKeepsThem() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
    let own = Data(#"{"version": 1, "customers": []}"#.utf8)
    try own.write(to: folder.url.appendingPathComponent("customers.json"))
    let store = try folder.store()
    #expect(try Data(contentsOf: store.customersURL) == own)
    #expect(try store.customerRegistry().customers.isEmpty)
  }

  @Test func documentsArePrettySortedAndCarryTheSchemaVersion() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { try $0.put(Note(id: "n1", text: "hi")) }
    let text = try String(contentsOf: folder.url.appendingPathComponent("notes/n1.json"), encoding: .utf8)
    #expect(text == "{\n  \"id\" : \"n1\",\n  \"schemaVersion\" : 1,\n  \"text\" : \"hi\"\n}\n")
    for file in folder.allFiles() where file.pathExtension == "json" && file.lastPathComponent != "customers.json" {
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
      #expect(object?["schemaVersion"] as? Int == 1, "\(file.path)")
    }
  }

  @Test func readsBackWhatWasWrittenAndForgetsWhatWasDeleted() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { transaction in
      try transaction.put(Note(id: "a", text: "一"))
      #expect(try transaction.get(Note.self, id: "a")?.text == "一")
      try transaction.setIndex("note-title", key: "Title with / and ..", id: "a")
      try transaction.setSetting("colour", "blue")
    }
    #expect(try store.read(Note.self, id: "a") == Note(id: "a", text: "一"))
    #expect(try store.lookup(index: "note-title", key: "Title with / and ..") == "a")
    #expect(try store.setting("colour") == "blue")
    #expect(try store.ids(of: Note.self) == ["a"])
    try store.update { transaction in
      try transaction.delete(Note.self, id: "a")
      try transaction.removeIndex("note-title", key: "Title with / and ..")
    }
    #expect(try store.read(Note.self, id: "a") == nil)
    #expect(try store.lookup(index: "note-title", key: "Title with / and ..") == nil)
  }

  @Test func aThrowingUpdateWritesNothing() throws {
    struct Stop: Error {}
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    #expect(throws: Stop.self) {
      try store.update { transaction in
        try transaction.put(Note(id: "a", text: "never"))
        throw Stop()
      }
    }
    #expect(try store.read(Note.self, id: "a") == nil)
  }

  @Test(arguments: ["../escape", "a/b", "..", ".hidden", "", "名前", "a b"])
  func refusesRecordIDsThatAreNotSafeFileNames(id: String) throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    #expect(throws: StoreError.invalidRecordID(id)) { try store.read(Note.self, id: id) }
    #expect(throws: StoreError.invalidRecordID(id)) {
      try store.update { try $0.put(Note(id: id, text: "x")) }
    }
  }

  @Test func aDamagedFileIsReportedByNameAndLeftAsItIs() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { try $0.put(Note(id: "n1", text: "ok")) }
    let file = folder.url.appendingPathComponent("notes/n1.json")
    let damaged = Data("{\"id\": \"n1\", \"text\": ".utf8)
    try damaged.write(to: file)
    #expect(throws: StoreError.damaged(path: file.path)) { try store.read(Note.self, id: "n1") }
    #expect(throws: StoreError.damaged(path: file.path)) {
      try store.update { transaction in
        _ = try transaction.get(Note.self, id: "n1")
        try transaction.put(Note(id: "n1", text: "overwritten"))
      }
    }
    #expect(try Data(contentsOf: file) == damaged)
    let sentence = StoreError.damaged(path: file.path).description
    #expect(sentence.contains(file.path))
    #expect(sentence.hasSuffix(".") && sentence.filter { $0 == "." }.count <= 3)
  }

  @Test func aDocumentFromAnotherSchemaVersionCountsAsDamaged() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let file = folder.url.appendingPathComponent("notes/n2.json")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let future = Data(#"{"id": "n2", "schemaVersion": 2, "text": "from the future"}"#.utf8)
    try future.write(to: file)
    #expect(throws: StoreError.damaged(path: file.path)) { try store.read(Note.self, id: "n2") }
    #expect(try Data(contentsOf: file) == future)
  }

  @Test func aDamagedMetaFileStopsOpeningTheFolder() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    let meta = folder.url.appendingPathComponent("meta.json")
    try Data("not json".utf8).write(to: meta)
    #expect(throws: StoreError.damaged(path: meta.path)) { try folder.store() }
    #expect(try Data(contentsOf: meta) == Data("not json".utf8))
  }

  @Test func aJournalLeftByACrashIsFinishedByTheNextProcess() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    // As if a writer died after journaling a two-file transaction and applying only the first file.
    let first = try StoreCoding.encode(Note(id: "x", text: "both"))
    let second = try StoreCoding.encode(Note(id: "y", text: "both"))
    let journal = Journal(entries: [
      Journal.Entry(path: "notes/x.json", contents: String(decoding: first, as: UTF8.self)),
      Journal.Entry(path: "notes/y.json", contents: String(decoding: second, as: UTF8.self)),
    ])
    try FileIO.writeAtomically(StoreCoding.encode(journal), to: store.journalURL)
    try FileIO.writeAtomically(first, to: folder.url.appendingPathComponent("notes/x.json"))
    #expect(try store.read(Note.self, id: "y") == nil)
    _ = try folder.store()
    #expect(try store.read(Note.self, id: "x")?.text == "both")
    #expect(try store.read(Note.self, id: "y")?.text == "both")
    #expect(!FileManager.default.fileExists(atPath: store.journalURL.path))
  }

  @Test func threadsOfOneProcessDoNotLoseUpdates() async throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<4 {
        group.addTask {
          for _ in 0..<25 {
            try? store.update { transaction in
              var counter = try transaction.get(TortureCounter.self, id: "c") ?? TortureCounter(id: "c", value: 0)
              counter.value += 1
              try transaction.put(counter)
            }
          }
        }
      }
    }
    #expect(try store.read(TortureCounter.self, id: "c")?.value == 100)
  }
}

@Suite struct DataFolderTests {
  @Test func theOptionWinsOverEveryVariable() {
    let url = DataFolder.resolve(
      dataDir: "/tmp/x", environment: ["HOKULINK_HOME": "/h", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"])
    #expect(url.path == "/tmp/x")
  }

  @Test func thenHokulinkHomeThenXDGThenTheHomeFolder() {
    #expect(DataFolder.resolve(dataDir: nil, environment: ["HOKULINK_HOME": "/h", "XDG_DATA_HOME": "/x"]).path == "/h")
    #expect(DataFolder.resolve(dataDir: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/u"]).path == "/x/hokulink")
    #expect(DataFolder.resolve(dataDir: nil, environment: ["HOME": "/u"]).path == "/u/.local/share/hokulink")
  }

  @Test func aRelativeXDGDataHomeIsIgnoredAsTheSpecSays() {
    #expect(
      DataFolder.resolve(dataDir: nil, environment: ["XDG_DATA_HOME": "rel", "HOME": "/u"]).path
        == "/u/.local/share/hokulink")
  }
}
