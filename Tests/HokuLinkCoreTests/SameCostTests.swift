import Foundation
import Testing

@testable import HokuLinkCore

/// SPEC §4: a request that matches no account answers with the same words and does the same work as one that
/// does: the same key derivations with the same parameters, the same commits, the same durable steps and the same
/// mail-sized writes. The work is counted through the `CostProbe` seam and compared exactly, so the result does not
/// depend on how busy the machine is. (The wall-clock ratio is a benchmark: `hokulink-bench --timing`.)
private struct UsedFlag: Decodable { var used: Bool }

@Suite struct SameCostTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)  // 2026-11-27 10:00 JST
  static let runs = 3

  /// Runs `known` and `unknown` alternately and checks that every round costs the same on both paths.
  private static func expectSameCost(
    _ what: String, prepare: (Int) throws -> Void = { _ in }, known: (Int) throws -> Void,
    unknown: (Int) throws -> Void
  ) throws {
    // Round -1 is each path's first request; the later rounds repeat one (a previous request is then replaced).
    for run in -1..<runs {
      try prepare(run)
      let knownCost = try CostSummary.of { try known(run) }
      let unknownCost = try CostSummary.of { try unknown(run) }
      #expect(knownCost.mailWrites == 1, "\(what), round \(run): \(knownCost)")
      #expect(knownCost == unknownCost, "\(what), round \(run): known \(knownCost); unknown \(unknownCost)")
    }
  }

  // Asked from an English screen too (issue 9): the English mail and its decoy cost the same as each other.
  @Test(arguments: MailLanguage.allCases)
  func aForgottenIDTakesAboutAsLongWhenNothingMatchesAndMailsNobody(language: MailLanguage) throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let recovery = Recoveries(store: try folder.store())
    try Self.expectSameCost(
      "forgotten ID",
      known: { _ in
        _ = try recovery.requestUserID(
          customerNumber: DemoMember.customerNumber, email: DemoMember.email, now: Self.now, language: language)
      },
      unknown: { _ in
        _ = try recovery.requestUserID(
          customerNumber: "410099999999", email: "nobody@example.jp", now: Self.now, language: language)
      })
    #expect(try recovery.mailbox.messages(for: "nobody@example.jp").isEmpty)
    #expect(recovery.mailbox.addresses() == [DemoMember.email])
    #expect(try recovery.mailbox.messages(for: DemoMember.email).count == Self.runs + 1)
    let subjects = Set(try recovery.mailbox.messages(for: DemoMember.email).map(\.subject))
    #expect(subjects == [language == .ja ? Recoveries.userIDSubject : "Your HokuLink user ID"])
  }

  // Asked from an English screen too (issue 9): the English mail and its decoy cost the same as each other.
  @Test(arguments: MailLanguage.allCases)
  func aForgottenPasswordTakesAboutAsLongWhenNothingMatchesAndMailsNobody(language: MailLanguage) throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let recovery = Recoveries(store: try folder.store())
    try Self.expectSameCost(
      "forgotten password",
      known: { _ in
        _ = try recovery.requestPasswordReset(
          userID: DemoMember.userID, email: DemoMember.email, now: Self.now, language: language)
      },
      unknown: { _ in
        // A real ID with the wrong address: its own reset link must not be voided by the decoy.
        _ = try recovery.requestPasswordReset(
          userID: DemoMember.userID, email: "nobody@example.jp", now: Self.now, language: language)
      })
    #expect(try recovery.mailbox.messages(for: "nobody@example.jp").isEmpty)
    #expect(recovery.mailbox.addresses() == [DemoMember.email])
    // A decoy for the real ID (wrong address) leaves the member's own newest link working.
    func tokens() throws -> Set<String> {
      Set(
        try recovery.mailbox.messages(for: DemoMember.email).flatMap(\.links).compactMap(
          Recoveries.resetToken(fromLink:))
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
    try Self.expectSameCost(
      "step 3",
      prepare: { run in
        try registrations.begin(device: "known-\(run)", onPC: false, now: Self.now)
        try registrations.begin(device: "unknown-\(run)", onPC: false, now: Self.now)
      },
      known: { run in try submit(DemoMember.email, device: "known-\(run)") },
      unknown: { run in try submit("new@example.jp", device: "unknown-\(run)") })
    // Both answers commit a pending-registration record that replaces the address's previous one: the new
    // address's, and the registered address's decoy, which is already used and so never opens step 5.
    let pending = folder.allFiles().filter { $0.deletingLastPathComponent().lastPathComponent == "pending" }
    #expect(pending.count == 2)
    let records = try pending.map { try JSONDecoder().decode(UsedFlag.self, from: Data(contentsOf: $0)) }
    #expect(records.filter(\.used).count == 1)
    let mails = try registrations.mailbox.messages(for: DemoMember.email)
    #expect(mails.count == Self.runs + 1)
    #expect(mails.allSatisfy { $0.links.isEmpty })
  }
}
