import Foundation
import HokuLinkCore

/// `hokulink-bench --timing`: the wall-clock side of SPEC §4's "about the same time" for a known and an unknown
/// identity. The test suite compares the work done on both paths exactly (SameCostTests); this prints how long each
/// path takes here, interleaved, and the ratio of the medians, with a KDF slow enough to dominate, as a figure that
/// may wobble on a busy machine instead of a test that fails.
func runTimingBenchmark(runs: Int = 21) throws {
  let now = Date()
  let clock = ContinuousClock()
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-bench-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: root) }
  let store = try Store(folder: root.appendingPathComponent("data"), kdf: .testing(iterations: 60_000))
  let login = Logins(store: store)
  let recovery = Recoveries(store: store)
  let registrations = Registrations(store: store)

  struct Case {
    var name: String
    var known: (Int) throws -> Void
    var unknown: (Int) throws -> Void
  }
  let cases = [
    Case(
      name: "wrong password: real ID / unknown ID",
      known: { _ in
        _ = try login.logIn(
          userID: DemoMember.userID, password: "not-it-at-all", deviceToken: "d", channel: .app, now: now)
      },
      unknown: { _ in
        _ = try login.logIn(userID: "HKZZZZ99", password: "not-it-at-all", deviceToken: "d", channel: .app, now: now)
      }),
    Case(
      name: "forgotten ID: match / none",
      known: { _ in
        _ = try recovery.requestUserID(customerNumber: DemoMember.customerNumber, email: DemoMember.email, now: now)
      },
      unknown: { _ in
        _ = try recovery.requestUserID(customerNumber: "410099999999", email: "nobody@example.jp", now: now)
      }),
    Case(
      name: "forgotten password: match / none",
      known: { _ in
        _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: DemoMember.email, now: now)
      },
      unknown: { _ in
        _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: "nobody@example.jp", now: now)
      }),
    Case(
      name: "step 3: registered / new address",
      known: { run in
        try registrations.begin(device: "known-\(run)", onPC: false, now: now)
        try registrations.submitTerms(
          device: "known-\(run)", email: DemoMember.email, confirmation: DemoMember.email, agreed: true,
          notificationMail: false, now: now)
      },
      unknown: { run in
        try registrations.begin(device: "unknown-\(run)", onPC: false, now: now)
        let email = "new\(run)@example.jp"
        try registrations.submitTerms(
          device: "unknown-\(run)", email: email, confirmation: email, agreed: true, notificationMail: false, now: now)
      }),
  ]
  print("known against unknown identities, wall clock, median of \(runs) interleaved runs (KDF 60,000 iterations)")
  print("case".padding(toLength: 40, withPad: " ", startingAt: 0) + "   known ms  unknown ms   ratio")
  for item in cases {
    try item.known(-1)
    try item.unknown(-1)
    var known: [Duration] = []
    var unknown: [Duration] = []
    for run in 0..<runs {
      known.append(try clock.measure { try item.known(run) })
      unknown.append(try clock.measure { try item.unknown(run) })
    }
    let k = milliseconds(median(known))
    let u = milliseconds(median(unknown))
    print(
      item.name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%11.2f%12.2f%8.2f", k, u, k / u))
  }
}
