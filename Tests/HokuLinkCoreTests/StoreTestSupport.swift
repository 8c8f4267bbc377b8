import Foundation
import HokuLinkCore

/// A fresh data folder under the system temp directory, removed by `remove()`.
struct TemporaryDataFolder {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("hokulink-tests-\(UUID().uuidString)")
      .appendingPathComponent("data")
  }

  /// A store with a cheap KDF: tests only, as `KDFConfiguration.testing` says.
  func store() throws -> Store { try Store(folder: url, kdf: .testing(iterations: 1000)) }

  func remove() { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }

  /// Every regular file under the folder, hidden ones included.
  func allFiles() -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    return enumerator.compactMap { $0 as? URL }.filter {
      (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
  }

  func allDirectories() -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isDirectoryKey])
    else { return [url] }
    return [url]
      + enumerator.compactMap { $0 as? URL }.filter {
        (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
      }
  }
}

func posixMode(_ url: URL) -> Int {
  let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
  return ((attributes?[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

/// A record kind of the tests' own, as flows and devices will define theirs.
struct Note: StoredRecord, Equatable {
  static let kind = "notes"
  var recordID: String { id }
  var id: String
  var text: String
}

/// The records written by the `store-torture` helper.
struct TortureCounter: StoredRecord {
  static let kind = "torture"
  var recordID: String { id }
  var id: String
  var value: Int
}

struct TortureList: StoredRecord {
  static let kind = "torture-list"
  var recordID: String { id }
  var id: String
  var entries: [String]
}
