import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The data folder's own secret for the file names made from what a person typed or owns (index entries for the
/// e-mail, the お客さま番号 and the 利用者ID; login attempts per typed ID). Each such name is HMAC-SHA256 under this
/// key, so a listing or a copy of the folder without `name-key.json` gives no dictionary a plain digest to match, and
/// no table made for one folder fits another. Kept at `<folder>/name-key.json`, 0600; one that group or others can
/// read is refused.
final class NameKeys: Sendable {
  static let fileName = "name-key.json"
  /// `StoreMeta.nameFormat` of a folder whose names are keyed; a folder without it has plain SHA-256 names.
  static let keyedFormat = 2
  static let keyBytes = 32

  private let secret = Mutex<Data?>(nil)

  var isLoaded: Bool { secret.withLock { $0 != nil } }

  func set(_ key: Data) { secret.withLock { $0 = key } }

  /// HMAC-SHA256 of `label` under the folder's key, as 64 lower-case hex digits.
  func name(_ label: String, path: String) throws -> String {
    guard let key = secret.withLock({ $0 }) else {
      throw StoreError.io(path: path, reason: "the key for file names was not loaded")
    }
    let code = HMAC<SHA256>.authenticationCode(for: Data(label.utf8), using: SymmetricKey(data: key))
    return Hex.lowercase(code)
  }

  /// The plain SHA-256 hex that names were made of before they were keyed; the keyed name is made from it, so a
  /// folder of plain names can be renamed to keyed ones without knowing what was typed.
  static func plainDigest(_ text: String) -> String {
    Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
  }

  static func isPlainDigest(_ name: String) -> Bool {
    name.count == 64 && name.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }

  /// What a key's name is made of, for an index entry (from the plain digest of its key text).
  static func indexLabel(_ index: String, plainDigest: String) -> String { "index/\(index)/\(plainDigest)" }

  static func loginAttemptsLabel(plainDigest: String) -> String { "login-attempts/\(plainDigest)" }
}

struct NameKeyDocument: Codable {
  var algorithm: String
  /// 32 random bytes, base64.
  var key: String
}

extension Store {
  var nameKeyURL: URL { folder.appendingPathComponent(NameKeys.fileName) }

  /// The keyed file name of an index entry.
  func keyedIndexName(_ index: String, key: String) throws -> String {
    try names.name(NameKeys.indexLabel(index, plainDigest: NameKeys.plainDigest(key)), path: nameKeyURL.path)
  }

  /// The keyed record id of the failed-login count for a normalised typed 利用者ID.
  func keyedLoginAttemptsID(normalisedTypedID: String) throws -> String {
    try names.name(
      NameKeys.loginAttemptsLabel(plainDigest: NameKeys.plainDigest(normalisedTypedID)), path: nameKeyURL.path)
  }

  /// Loads the key of a folder whose meta says its names are keyed; a missing key is the damaged stop, since
  /// without it no index entry or login count can be found again. Returns false when the names are still plain.
  func loadNameKey(meta: StoreMeta) throws -> Bool {
    guard meta.nameFormat == NameKeys.keyedFormat else { return false }
    guard let key = try readNameKey() else { throw noted(StoreError.damaged(path: nameKeyURL.path)) }
    names.set(key)
    return true
  }

  /// Under the lock: loads the key, or makes one (32 bytes from the system CSPRNG, written by the one write
  /// primitive, 0600), and renames a folder of plain names to keyed names in one journaled transaction that also
  /// sets the format in `meta.json`, so it runs once. `meta` nil: a new folder, whose meta is written by the caller.
  func prepareNames(meta: StoreMeta?) throws {
    if let meta, try loadNameKey(meta: meta) { return }
    if let key = try readNameKey() {
      names.set(key)
    } else {
      let key = Data(Token.randomBytes(NameKeys.keyBytes))
      let document = NameKeyDocument(algorithm: "HMAC-SHA256", key: key.base64EncodedString())
      try FileIO.writeAtomically(StoreCoding.encode(document), to: nameKeyURL, under: folder)
      names.set(key)
    }
    guard var meta else { return }
    meta.nameFormat = NameKeys.keyedFormat
    try migrateToKeyedNames(meta: meta)
  }

  /// The key file, refused (one sentence) when group or others can read it or someone else owns it, and read from
  /// the same descriptor that was checked, never through a link.
  private func readNameKey() throws -> Data? {
    let url = nameKeyURL
    let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw noted(StoreError.damaged(path: url.path))
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    var info = stat()
    guard fstat(fd, &info) == 0, FileIO.isRegularFile(info) else { throw noted(StoreError.damaged(path: url.path)) }
    if info.st_uid != geteuid() {
      throw StoreError.unsafeFolder(path: folder.path, reason: "its \(NameKeys.fileName) belongs to another user")
    }
    if info.st_mode & 0o077 != 0 {
      let mode = String(info.st_mode & 0o777, radix: 8)
      throw StoreError.io(
        path: url.path,
        reason: "group or others can read this key of the file names (mode \(mode)); make it private with chmod 600")
    }
    let data: Data
    do {
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw noted(StoreError.damaged(path: url.path))
    }
    let document = try noting { try StoreCoding.decode(NameKeyDocument.self, from: data, path: url.path) }
    guard document.algorithm == "HMAC-SHA256", let key = Data(base64Encoded: document.key),
      key.count == NameKeys.keyBytes
    else { throw noted(StoreError.damaged(path: url.path)) }
    return key
  }

  /// One journaled transaction: every plain-named index entry and login count is written under its keyed name,
  /// the plain ones removed, and `meta.json` given the keyed format last. A kill anywhere is finished by the journal.
  private func migrateToKeyedNames(meta: StoreMeta) throws {
    var puts: [StoreTransaction.Change] = []
    var removals: [StoreTransaction.Change] = []
    let files = FileManager.default
    let indexFolder = folder.appendingPathComponent("index")
    for index in ((try? files.contentsOfDirectory(atPath: indexFolder.path)) ?? []).sorted() where !index.hasPrefix(".")
    {
      for (plain, data) in try plainNamedDocuments(in: "index/\(index)") {
        let keyed = try names.name(NameKeys.indexLabel(index, plainDigest: plain), path: nameKeyURL.path)
        puts.append(StoreTransaction.Change(path: "index/\(index)/\(keyed).json", data: data))
        removals.append(StoreTransaction.Change(path: "index/\(index)/\(plain).json", data: nil))
      }
    }
    for (plain, data) in try plainNamedDocuments(in: LoginAttempts.kind) {
      let path = "\(LoginAttempts.kind)/\(plain).json"
      var attempts = try noting {
        try StoreCoding.decode(LoginAttempts.self, from: data, path: folder.appendingPathComponent(path).path)
      }
      attempts.id = try names.name(NameKeys.loginAttemptsLabel(plainDigest: plain), path: nameKeyURL.path)
      puts.append(
        StoreTransaction.Change(
          path: "\(LoginAttempts.kind)/\(attempts.id).json", data: try StoreCoding.encode(attempts)))
      removals.append(StoreTransaction.Change(path: path, data: nil))
    }
    let changes = puts + removals + [StoreTransaction.Change(path: "meta.json", data: try StoreCoding.encode(meta))]
    if changes.count == 1 {
      try FileIO.writeAtomically(StoreCoding.encode(meta), to: metaURL, under: folder)
      return
    }
    let journal = Journal(
      entries: changes.map {
        Journal.Entry(path: $0.path, contents: $0.data.map { String(decoding: $0, as: UTF8.self) })
      })
    try FileIO.writeAtomically(StoreCoding.encode(journal), to: journalURL, under: folder)
    for change in changes {
      let url = folder.appendingPathComponent(change.path)
      if let data = change.data {
        try FileIO.writeAtomically(data, to: url, under: folder)
      } else {
        try FileIO.remove(url)
      }
    }
    try FileIO.remove(journalURL)
  }

  /// The documents of one folder whose names are plain digests, each read as every record is (a damaged one stops).
  private func plainNamedDocuments(in relativeFolder: String) throws -> [(plain: String, data: Data)] {
    let directory = folder.appendingPathComponent(relativeFolder)
    let listed = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    var found: [(plain: String, data: Data)] = []
    for name in listed where name.hasSuffix(".json") && !name.hasPrefix(".") {
      let plain = String(name.dropLast(5))
      guard NameKeys.isPlainDigest(plain) else { continue }
      if let data = try readData(directory.appendingPathComponent(name)) { found.append((plain, data)) }
    }
    return found
  }
}
