// Times the store's per-operation cost at 100, 10,000 and 1,000,000 accounts, interleaved (SPEC §5: cost must not
// grow with the number of accounts), and the production KDF on its own. Run: swift run -c release hokulink-bench
import Foundation
import HokuLinkCore

// `--timing` prints the known-against-unknown timing ratios of SPEC §4 instead (Timing.swift).
if CommandLine.arguments.contains("--timing") {
  try runTimingBenchmark()
  exit(0)
}

// `--kdf-only` times just the production KDF and the setup of a new data folder (useful in a debug build).
let kdfOnly = CommandLine.arguments.contains("--kdf-only")

/// The value after `name` on the command line, if any.
func argument(_ name: String) -> String? {
  guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else {
    return nil
  }
  return CommandLine.arguments[index + 1]
}

// `--sizes 100,10000,1000000` and `--runs 201`: the first size is the baseline, the last the one compared with it.
let sizes = kdfOnly ? [] : (argument("--sizes") ?? "100,10000,1000000").split(separator: ",").compactMap { Int($0) }
let runs = argument("--runs").flatMap(Int.init) ?? 201
if !kdfOnly && sizes.count < 2 {
  FileHandle.standardError.write(Data("hokulink-bench: --sizes needs at least two sizes, e.g. 100,1000000\n".utf8))
  exit(2)
}

func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

func milliseconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// Deterministic distinct IDs of the issued shape: a letter, then seven base-32 digits of `index`.
func userID(_ index: Int) -> String {
  let letters = Assumptions.userIDLetters
  let alphabet = letters + Assumptions.userIDDigits
  var id = String(letters[index % letters.count])
  var rest = index / letters.count
  for _ in 1..<Assumptions.userIDLength {
    id.append(alphabet[rest % alphabet.count])
    rest /= alphabet.count
  }
  return id
}

let operations = [
  "create pending registration", "create account", "look up by user ID", "look up by e-mail",
  "look up by customer number",
]
let clock = ContinuousClock()
let now = Date()
let root = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: root) }

// One store per size, all seeded before any measurement, so that the sizes can be measured in turn.
var stores: [Store] = []
for size in sizes {
  let store = try Store(folder: root.appendingPathComponent("data-\(size)"), kdf: .testing(iterations: 1000))
  // The fast path: one hash shared by every generated account, written without fsync.
  let sharedHash = store.hasher.hash("bench-password")
  let build = try clock.measure {
    var batch: [Account] = []
    for index in 0..<size {
      let id = userID(index)
      if id == DemoMember.userID { continue }
      batch.append(
        Account(
          userID: id, email: "member\(index)@example.jp", customerNumber: String(format: "5%011d", index),
          passwordHash: sharedHash, keywordHashes: [sharedHash, sharedHash, sharedHash], course: .immediate,
          createdAt: now))
      if batch.count == 1000 {
        try store.bulkInsertAccountsWithoutDurability(batch)
        batch.removeAll(keepingCapacity: true)
      }
    }
    try store.bulkInsertAccountsWithoutDurability(batch)
  }
  print("built a store of \(size) accounts in \(String(format: "%.1f", milliseconds(build) / 1000)) s")
  fflush(nil)  // shown now: seeding a large store takes minutes
  stores.append(store)
}

/// One sample of every operation against `store` (of `size` accounts); `run` keeps new records distinct.
func sample(_ store: Store, size: Int, run: Int, lookupsOnly: Bool = false, into samples: inout [[Duration]]) throws {
  var generator = SystemRandomNumberGenerator()
  if !lookupsOnly { try sampleWrites(store, run: run, into: &samples) }
  let target = Int.random(in: 0..<size, using: &generator)
  samples[2].append(
    try clock.measure {
      guard try store.account(userID: userID(target).lowercased()) != nil || userID(target) == DemoMember.userID
      else { fatalError("lookup by ID failed") }
    })
  samples[3].append(
    try clock.measure {
      guard try store.account(email: "member\(target)@example.jp") != nil else {
        fatalError("lookup by e-mail failed")
      }
    })
  samples[4].append(
    try clock.measure {
      guard try store.account(customerNumber: String(format: "5%011d", target)) != nil else {
        fatalError("lookup by customer number failed")
      }
    })
}

func sampleWrites(_ store: Store, run: Int, into samples: inout [[Duration]]) throws {
  samples[0].append(
    try clock.measure {
      _ = try store.createPendingRegistration(email: "new\(run)@example.jp", notificationMail: false, now: now)
    })
  samples[1].append(
    try clock.measure {
      _ = try store.createAccount(
        email: "joined\(run)@example.jp", customerNumber: String(format: "6%011d", run),
        initialPassword: "initial-\(run)", course: .immediate, notificationMail: false, now: now)
    })
}

/// Bytes this process has made the kernel read from the disk so far (/proc/self/io), nil where there is none.
func bytesReadFromDisk() -> Int? {
  guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
  for line in text.split(separator: "\n") where line.hasPrefix("read_bytes:") {
    return Int(line.dropFirst("read_bytes:".count).trimmingCharacters(in: .whitespaces))
  }
  return nil
}

func printTable(_ title: String, _ samples: [[[Duration]]], rows: [Int]) {
  print("")
  print(title)
  let ratioTitle = "  \(sizes[sizes.count - 1])/\(sizes[0])"
  let header =
    ["operation".padding(toLength: 30, withPad: " ", startingAt: 0)]
    + sizes.map { String(repeating: " ", count: max(0, 12 - "\($0)".count)) + "\($0)" } + [ratioTitle]
  print(header.joined())
  for index in rows {
    let medians = sizes.indices.map { milliseconds(median(samples[$0][index])) }
    let ratio = (medians.last ?? 0) / (medians.first ?? 1)
    print(
      operations[index].padding(toLength: 30, withPad: " ", startingAt: 0)
        + medians.map { String(format: "%12.3f", $0) }.joined()
        + String(format: "%\(ratioTitle.count).2f", ratio))
  }
  fflush(nil)
}

// Interleaved: each run takes one sample of every operation from every size in turn, so that a change in the
// machine's load (other builds, the page cache) falls on all sizes alike instead of on whichever came last. Returns
// the samples per size and operation, and the MiB read from the disk meanwhile.
@MainActor func interleaved(lookupsOnly: Bool) throws -> (samples: [[[Duration]]], readMiB: Int?) {
  var samples = [[[Duration]]](repeating: [[Duration]](repeating: [], count: operations.count), count: sizes.count)
  let before = bytesReadFromDisk()
  for run in 0..<runs {
    for (position, store) in stores.enumerated() {
      try sample(store, size: sizes[position], run: run, lookupsOnly: lookupsOnly, into: &samples[position])
    }
  }
  let after = bytesReadFromDisk()
  return (samples, before.flatMap { before in after.map { ($0 - before) / 1_048_576 } })
}

if !kdfOnly {
  let cold = try interleaved(lookupsOnly: false)
  printTable(
    "median of \(runs) runs interleaved across the sizes, milliseconds"
      + " (testing KDF, 1000 iterations, for the initial password)", cold.samples, rows: Array(operations.indices))
  if let read = cold.readMiB { print("read from disk while measuring: \(read) MiB") }

  // `--warm`: the look-ups again, once every file of every store has been read (so that the kernel's caches hold
  // them, as they hold all of a small store, unless the machine lacks the memory): the disk's share of the ratio
  // is then gone, and the bytes read say whether it was.
  if CommandLine.arguments.contains("--warm") {
    let warming = try clock.measure {
      for store in stores {
        guard let files = FileManager.default.enumerator(at: store.folder, includingPropertiesForKeys: nil) else {
          continue
        }
        for case let file as URL in files { _ = try? Data(contentsOf: file) }
      }
    }
    print(String(format: "read every file of every store once: %.1f s", milliseconds(warming) / 1000))
    let warm = try interleaved(lookupsOnly: true)
    printTable(
      "the look-ups again with every file read once before (warm caches), median of \(runs)", warm.samples,
      rows: [2, 3, 4])
    if let read = warm.readMiB { print("read from disk while measuring: \(read) MiB") }
  }
  fflush(nil)  // shown before the large store's slow removal at exit
}

let production = PasswordHasher(configuration: .production)
let hashes = (0..<5).map { _ in clock.measure { _ = production.hash("hakusan-2026") } }
print("")
print(
  "production KDF (PBKDF2-HMAC-SHA256, \(KDFConfiguration.production.iterations) iterations): "
    + String(format: "%.1f ms per hash (median of 5)", milliseconds(median(hashes))))

let setupFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-bench-\(UUID().uuidString)")
let setup = try clock.measure { _ = try Store(folder: setupFolder, kdf: .production) }
try? FileManager.default.removeItem(at: setupFolder)
print(String(format: "new data folder with the production KDF (demo member: 4 hashes): %.1f ms", milliseconds(setup)))
