// Times the store's per-operation cost at 100 and 100,000 accounts (SPEC §5: cost must not grow with
// the number of accounts), and the production KDF on its own. Run: swift run -c release hokulink-bench
import Foundation
import HokuLinkCore

// `--timing` prints the known-against-unknown timing ratios of SPEC §4 instead (Timing.swift).
if CommandLine.arguments.contains("--timing") {
  try runTimingBenchmark()
  exit(0)
}

// `--kdf-only` times just the production KDF and the setup of a new data folder (useful in a debug build).
let kdfOnly = CommandLine.arguments.contains("--kdf-only")
let sizes = kdfOnly ? [] : [100, 100_000]
let runs = 201

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

struct Row {
  var operation: String
  var timings: [Int: Duration] = [:]
}

var rows = [
  Row(operation: "create pending registration"), Row(operation: "create account"),
  Row(operation: "look up by user ID"), Row(operation: "look up by e-mail"),
  Row(operation: "look up by customer number"),
]
let clock = ContinuousClock()
let now = Date()

for size in sizes {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-bench-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: root) }
  let store = try Store(folder: root.appendingPathComponent("data"), kdf: .testing(iterations: 1000))

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

  var generator = SystemRandomNumberGenerator()
  var samples = [[Duration]](repeating: [], count: rows.count)
  for run in 0..<runs {
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
  for index in rows.indices { rows[index].timings[size] = median(samples[index]) }
}

if !kdfOnly {
  print("")
  print("median of \(runs) runs, milliseconds (testing KDF, 1000 iterations, for the initial password)")
  let header =
    ["operation".padding(toLength: 30, withPad: " ", startingAt: 0)]
    + sizes.map { String(repeating: " ", count: max(0, 12 - "\($0)".count)) + "\($0)" } + ["  100k/100"]
  print(header.joined())
  for row in rows {
    let small = milliseconds(row.timings[sizes[0]] ?? .zero)
    let large = milliseconds(row.timings[sizes[1]] ?? .zero)
    print(
      row.operation.padding(toLength: 30, withPad: " ", startingAt: 0)
        + String(format: "%12.3f%12.3f%10.2f", small, large, large / small))
  }

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
