import Crypto
import Foundation
import Synchronization

/// The local JSON store (SPEC §5): one document per record, one small file per index entry,
/// atomic replacement for every file and an exclusive file lock around every read-modify-write.
///
///     <folder>/meta.json                     schemaVersion; present once the folder is fully set up
///     <folder>/customers.json                the customer registry (its own fixed format, version 1)
///     <folder>/settings.json                 small key-value document (the clock offset)
///     <folder>/<kind>/<recordID>.json        one document per record: accounts/HKDEMU27.json, pending/…
///     <folder>/index/<name>/<hmac>.json      one file per index entry → record id; the name keyed (`NameKeys`)
///     <folder>/name-key.json                 the random key of those names, 0600
///     <folder>/journal.json                  only between the two halves of a multi-file commit
///     <folder>/mail/<address>/{tmp,new,cur}  Maildir (see `Mailbox`)
///     the folder itself                      the flock target (a file in it could be deleted from under the lock)
public final class Store: Sendable {
  public let folder: URL
  /// The password KDF used for everything this store hashes; `.production` unless a test says otherwise.
  public let kdf: KDFConfiguration

  public var hasher: PasswordHasher { PasswordHasher(configuration: kdf) }

  private let damage = Mutex<StoreError?>(nil)
  /// The folder's key for file names made from typed or owned text (`NameKeys`), loaded at open.
  let names = NameKeys()

  /// The first damaged file this store met. The app stops on it with a message naming the file, rather
  /// than carry on around a record it cannot read (SPEC §5).
  public var damagedFile: StoreError? { damage.withLock { $0 } }

  /// Remembers a `.damaged` error on its way up, and passes every error on unchanged.
  func noting<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw noted(error)
    }
  }

  /// Records a `.damaged` error (the first one wins) and returns it, to be thrown.
  func noted(_ error: StoreError) -> StoreError {
    if case .damaged = error { damage.withLock { if $0 == nil { $0 = error } } }
    return error
  }

  /// Opens the data folder, creating it (0700) with a copy of the bundled registry and the demo member on first use.
  public init(folder: URL, kdf: KDFConfiguration = .production) throws {
    self.folder = folder.standardizedFileURL
    self.kdf = kdf
    try FileIO.makeDirectory(self.folder)
    try Store.checkOwnership(self.folder)
    // A folder that is set up and has no unfinished commit opens without the lock and without reading
    // the registry: this is every start but the first, and it keeps start-up fast.
    let files = FileManager.default
    if let meta = try readData(metaURL), !files.fileExists(atPath: journalURL.path),
      files.fileExists(atPath: customersURL.path)
    {
      let decoded = try noting { try StoreCoding.decode(StoreMeta.self, from: meta, path: metaURL.path) }
      // A folder whose names are still plain digests goes on below, to be renamed under the lock.
      if try loadNameKey(meta: decoded) {
        Store.keepPrivate(self.folder)
        try finishWhatAKillLeft()
        return
      }
    }
    // A folder made beforehand (an empty --data-dir) is made private too; a folder that holds other things is
    // left as it is, since it is not ours.
    if (try? files.contentsOfDirectory(atPath: self.folder.path))?.allSatisfy({ $0 == ".lock" }) ?? false {
      Store.keepPrivate(self.folder)
    }
    // The slow hashes for the demo member are made before taking the lock, so other processes are not held up.
    let needsSetup = try readData(metaURL) == nil
    let demo = needsSetup ? DemoMember.makeAccount(hasher: hasher, now: Date()) : nil
    try withLock {
      try replayJournal()
      if try readData(customersURL) == nil {
        guard let bundled = CustomerRegistry.bundledURL, let data = try FileIO.read(bundled, keepPrivate: false) else {
          throw StoreError.io(path: customersURL.path, reason: "the bundled customer registry is missing")
        }
        try FileIO.writeAtomically(data, to: customersURL, under: folder)
      }
      if let data = try readData(metaURL) {
        try prepareNames(meta: try noting { try StoreCoding.decode(StoreMeta.self, from: data, path: metaURL.path) })
      } else {
        try prepareNames(meta: nil)
        var transaction = StoreTransaction(store: self)
        let account = demo ?? DemoMember.makeAccount(hasher: hasher, now: Date())
        if try transaction.account(userID: account.userID) == nil {
          try transaction.insertAccount(account)
        }
        try commit(transaction)
        // meta.json last: its presence means the folder was set up completely.
        try FileIO.writeAtomically(
          StoreCoding.encode(StoreMeta(createdAt: Date(), nameFormat: NameKeys.keyedFormat)), to: metaURL, under: folder
        )
      }
    }
    try finishWhatAKillLeft()
  }

  /// Every process that opens the store makes good what a killed one left (issue 12), whichever device it is for:
  /// a journal is finished (above, before anything is read), temporary files of a write cut short are removed, and
  /// mail still in the outbox is delivered. The temporary files are looked for (in `tmp/` only) without the lock and
  /// removed under it, where no writer of ours has one open (every write happens under the lock).
  func finishWhatAKillLeft() throws {
    if !leftoverTemporaryFiles().isEmpty {
      try withLock {
        try replayJournal()
        for url in leftoverTemporaryFiles() { try FileIO.remove(url, durable: false) }
      }
    }
    try Mailbox(store: self).deliverOutbox()
  }

  /// `FileIO.writeAtomically`'s temporary files (`.<name>.<16 hex digits>.tmp`) in the data folder's `tmp/`, the
  /// one folder listed at open, however many records there are; a Maildir's own `tmp/` is cleared when that box is
  /// next written (`Mailbox`). A link or a file in place of `tmp/` is not listed (nothing is removed through it).
  func leftoverTemporaryFiles() -> [URL] {
    let tmp = folder.appendingPathComponent(FileIO.temporaryFolderName)
    var info = stat()
    guard lstat(tmp.path, &info) == 0, FileIO.isDirectory(info) else { return [] }
    return FileIO.listFolder(tmp).filter(FileIO.isTemporaryName).map { tmp.appendingPathComponent($0) }
  }

  /// As OpenSSH treats `~/.ssh`: a data folder that another user owns, or that group or others can write in, is
  /// refused rather than used, since whoever can write there can plant links or records.
  static func checkOwnership(_ folder: URL) throws {
    var info = stat()
    guard stat(folder.path, &info) == 0 else { throw StoreError.io(path: folder.path, reason: FileIO.errnoReason()) }
    if info.st_uid != geteuid() {
      throw StoreError.unsafeFolder(path: folder.path, reason: "it belongs to another user (uid \(info.st_uid))")
    }
    if info.st_mode & 0o022 != 0 {
      let mode = String(info.st_mode & 0o777, radix: 8)
      throw StoreError.unsafeFolder(path: folder.path, reason: "group or others can write in it (mode \(mode))")
    }
  }

  /// Reads a file of the folder; any error but absence (a folder, a link or a FIFO in its place, EACCES, EIO) is
  /// the same stop as a damaged document: one sentence naming the file, remembered in `damagedFile`.
  func readData(_ url: URL) throws -> Data? {
    do {
      return try FileIO.read(url)
    } catch StoreError.io {
      throw noted(StoreError.damaged(path: url.path))
    }
  }

  /// The data folder is 0700 (SPEC §5), also when it was made beforehand with another mode.
  static func keepPrivate(_ folder: URL) {
    var info = stat()
    if stat(folder.path, &info) == 0, info.st_mode & 0o077 != 0 { _ = chmod(folder.path, 0o700) }
  }

  var metaURL: URL { folder.appendingPathComponent("meta.json") }
  var journalURL: URL { folder.appendingPathComponent("journal.json") }
  var settingsURL: URL { folder.appendingPathComponent("settings.json") }
  /// The customer registry this folder uses (a tester may bring their own).
  public var customersURL: URL { folder.appendingPathComponent("customers.json") }

  // MARK: Reading without the lock: every file is replaced atomically, so a reader sees a whole document.

  public func read<R: StoredRecord>(_: R.Type, id: String) throws -> R? {
    try readDocument(R.self, at: recordPath(R.self, id: id))
  }

  /// The record id an index entry points to; the caller treats an id whose record is missing as absent.
  public func lookup(index: String, key: String) throws -> String? {
    try readDocument(IndexEntry.self, at: indexPath(index, key: key))?.id
  }

  public func setting(_ key: String) throws -> String? {
    try readDocument(SettingsDocument.self, at: "settings.json")?.values[key]
  }

  /// The ids of every stored record of one kind; cost grows with that kind only (postcards, not accounts).
  public func ids<R: StoredRecord>(of _: R.Type) throws -> [String] {
    try StoreCoding.validateName(R.kind)
    let directory = folder.appendingPathComponent(R.kind)
    return FileIO.listFolder(directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map {
      String($0.dropLast(5))
    }.sorted()
  }

  public func customerRegistry() throws -> CustomerRegistry {
    try noting { try CustomerRegistry(contentsOf: customersURL) }
  }

  // MARK: Writing

  /// Runs `body` holding the store's exclusive lock, then commits its changes all together.
  /// Not re-entrant: do not call `update` from inside `body`.
  public func update<T>(_ body: (inout StoreTransaction) throws -> T) throws -> T {
    try withLock {
      try replayJournal()
      var transaction = StoreTransaction(store: self)
      let result = try body(&transaction)
      try commit(transaction)
      return result
    }
  }

  func withLock<T>(_ body: () throws -> T) throws -> T {
    let fd = try FileIO.lockExclusively(folder)
    defer { FileIO.unlock(fd) }
    return try body()
  }

  func readDocument<T: Decodable>(_ type: T.Type, at relativePath: String) throws -> T? {
    let url = folder.appendingPathComponent(relativePath)
    guard let data = try readData(url) else { return nil }
    return try noting { try StoreCoding.decode(T.self, from: data, path: url.path) }
  }

  func recordPath<R: StoredRecord>(_: R.Type, id: String) throws -> String {
    try StoreCoding.validateName(R.kind)
    try StoreCoding.validateName(id)
    return "\(R.kind)/\(id).json"
  }

  /// Index keys are hashed into the file name under the folder's key (`NameKeys`), so any text (an e-mail address)
  /// is a safe key and the name gives nothing typed away.
  func indexPath(_ index: String, key: String) throws -> String {
    try StoreCoding.validateName(index)
    return "index/\(index)/\(try keyedIndexName(index, key: key)).json"
  }

  /// One changed file: a single atomic rename. Several: a journal first, so a crash halfway is finished
  /// by the next process that takes the lock, and the transaction is seen whole or not at all.
  func commit(_ transaction: StoreTransaction) throws {
    let changes = transaction.orderedChanges()
    CostProbe.note(.commit(files: changes.count))
    if changes.isEmpty { return }
    if changes.count == 1, let only = changes.first {
      try apply(only)
      return
    }
    let journal = Journal(
      entries: changes.map {
        Journal.Entry(path: $0.path, contents: $0.data.map { String(decoding: $0, as: UTF8.self) })
      })
    try FileIO.writeAtomically(StoreCoding.encode(journal), to: journalURL, under: folder)
    for change in changes { try apply(change) }
    try FileIO.remove(journalURL)
  }

  private func apply(_ change: StoreTransaction.Change) throws {
    let url = folder.appendingPathComponent(change.path)
    if let data = change.data {
      try FileIO.writeAtomically(data, to: url, under: folder)
    } else {
      try FileIO.remove(url)
    }
  }

  /// Finishes a transaction that a crashed process had journaled but not fully applied.
  private func replayJournal() throws {
    guard let data = try readData(journalURL) else { return }
    let journal = try noting { try StoreCoding.decode(Journal.self, from: data, path: journalURL.path) }
    for entry in journal.entries {
      // The journal names only paths this code wrote; still refuse one that would leave the folder.
      guard !entry.path.hasPrefix("/"), !entry.path.split(separator: "/").contains("..") else {
        throw noted(StoreError.damaged(path: journalURL.path))
      }
      try apply(StoreTransaction.Change(path: entry.path, data: entry.contents.map { Data($0.utf8) }))
    }
    try FileIO.remove(journalURL)
  }
}

struct StoreMeta: Codable {
  var createdAt: Date
  /// `NameKeys.keyedFormat` once index and login-attempt names are keyed; absent in a folder of plain names.
  var nameFormat: Int? = nil
}

struct IndexEntry: Codable {
  var index: String
  var id: String
}

struct SettingsDocument: Codable {
  var values: [String: String]
}

struct Journal: Codable {
  struct Entry: Codable {
    var path: String
    /// The new document, or nil to delete the file.
    var contents: String?
  }
  var entries: [Entry]
}
