import Foundation
import Testing

@testable import HokuLinkCore

/// SPEC §4: a request that matches no account answers with the same words AND in about the same time as one
/// that does. Each case is timed 15 times, interleaved with the other so drift hits both, on a temp folder
/// with the testing KDF; the medians must be within a factor of two.
private struct UsedFlag: Decodable { var used: Bool }

@Suite(.serialized) struct SignUpTimingTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)  // 2026-11-27 10:00 JST
  static let runs = 15

  private static func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  private static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  /// Times `known` and `unknown` alternately and checks the ratio of their medians.
  private static func expectSimilarTimes(
    _ what: String, prepare: (Int) throws -> Void = { _ in }, known: (Int) throws -> Void,
    unknown: (Int) throws -> Void
  ) throws {
    var knownTimes: [Double] = []
    var unknownTimes: [Double] = []
    // One untimed round each, so first-time folder creation is not measured.
    try prepare(-1)
    try known(-1)
    try unknown(-1)
    for run in 0..<runs {
      try prepare(run)
      knownTimes.append(try seconds { try known(run) })
      unknownTimes.append(try seconds { try unknown(run) })
    }
    let ratio = median(knownTimes) / median(unknownTimes)
    #expect(
      (0.5...2.0).contains(ratio),
      "\(what): known \(median(knownTimes) * 1000) ms, unknown \(median(unknownTimes) * 1000) ms, ratio \(ratio)")
  }

  @Test func aForgottenIDTakesAboutAsLongWhenNothingMatchesAndMailsNobody() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let recovery = Recovery(store: try folder.store())
    try Self.expectSimilarTimes(
      "forgotten ID",
      known: { _ in
        _ = try recovery.requestUserID(
          customerNumber: DemoMember.customerNumber, email: DemoMember.email, now: Self.now)
      },
      unknown: { _ in
        _ = try recovery.requestUserID(customerNumber: "410099999999", email: "nobody@example.jp", now: Self.now)
      })
    #expect(try recovery.mailbox.messages(for: "nobody@example.jp").isEmpty)
    #expect(recovery.mailbox.addresses() == [DemoMember.email])
    #expect(try recovery.mailbox.messages(for: DemoMember.email).count == Self.runs + 1)
  }

  @Test func aForgottenPasswordTakesAboutAsLongWhenNothingMatchesAndMailsNobody() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let recovery = Recovery(store: try folder.store())
    try Self.expectSimilarTimes(
      "forgotten password",
      known: { _ in
        _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: DemoMember.email, now: Self.now)
      },
      unknown: { _ in
        // A real ID with the wrong address: its own reset link must not be voided by the decoy.
        _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: "nobody@example.jp", now: Self.now)
      })
    #expect(try recovery.mailbox.messages(for: "nobody@example.jp").isEmpty)
    #expect(recovery.mailbox.addresses() == [DemoMember.email])
    // A decoy for the real ID (wrong address) leaves the member's own newest link working.
    func tokens() throws -> Set<String> {
      Set(
        try recovery.mailbox.messages(for: DemoMember.email).flatMap(\.links).compactMap(Recovery.resetToken(fromLink:))
      )
    }
    let before = try tokens()
    _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: DemoMember.email, now: Self.now)
    let newest = try #require(try tokens().subtracting(before).first)
    _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: "nobody@example.jp", now: Self.now)
    #expect(try recovery.linkState(token: newest, now: Self.now) == .valid)
  }

  @Test func step3TakesAboutAsLongForARegisteredAddressAsForANewOne() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let registrations = Registrations(store: try folder.store())
    func submit(_ email: String, device: String) throws {
      try registrations.submitTerms(
        device: device, email: email, confirmation: email, agreed: true, notificationMail: false, now: Self.now)
    }
    try Self.expectSimilarTimes(
      "step 3",
      prepare: { run in
        try registrations.begin(device: "known-\(run)", onPC: false, now: Self.now)
        try registrations.begin(device: "unknown-\(run)", onPC: false, now: Self.now)
      },
      known: { run in try submit(DemoMember.email, device: "known-\(run)") },
      unknown: { run in try submit("new\(run + 1)@example.jp", device: "unknown-\(run)") })
    // Both answers commit a pending-registration record: one per new address, plus the one decoy kept at a
    // time (each replaces the last), which is already used and so never opens step 5.
    let pending = folder.allFiles().filter { $0.deletingLastPathComponent().lastPathComponent == "pending" }
    #expect(pending.count == Self.runs + 2)
    let records = try pending.map { try JSONDecoder().decode(UsedFlag.self, from: Data(contentsOf: $0)) }
    #expect(records.filter(\.used).count == 1)
    let mails = try registrations.mailbox.messages(for: DemoMember.email)
    #expect(mails.count == Self.runs + 1)
    #expect(mails.allSatisfy { $0.links.isEmpty })
  }
}
