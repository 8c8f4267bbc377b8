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

/// What a piece of code costs, counted through the `CostProbe` seam: the measure the tests compare between a
/// known and an unknown identity (SPEC §4), exactly, instead of timing them.
struct CostSummary: Equatable, CustomStringConvertible {
  /// Iteration counts of every key derivation, in order.
  var kdf: [Int] = []
  /// Files changed by each committed transaction, in order.
  var commits: [Int] = []
  /// Durable steps by kind (write, fsync, rename, unlink).
  var steps: [String: Int] = [:]
  /// Writes into a Maildir: the mail-sized work.
  var mailWrites = 0

  init(_ events: [CostEvent]) {
    for event in events {
      switch event {
      case .kdf(let iterations): kdf.append(iterations)
      case .commit(let files): commits.append(files)
      case .listFolder: break
      case .step(let step, let path):
        switch step {
        case .write:
          steps["write", default: 0] += 1
          if path.contains("/mail/") || path.contains("/mail-decoy/") { mailWrites += 1 }
        case .fsync: steps["fsync", default: 0] += 1
        case .rename: steps["rename", default: 0] += 1
        case .unlink: steps["unlink", default: 0] += 1
        }
      }
    }
  }

  /// The cost of running `body` once.
  static func of(_ body: () throws -> Void) rethrows -> CostSummary {
    let probe = CostProbe()
    try probe.observe(body)
    return CostSummary(probe.events)
  }

  var description: String {
    "kdf \(kdf), commits \(commits), steps \(steps.sorted { $0.key < $1.key }), mail \(mailWrites)"
  }
}
