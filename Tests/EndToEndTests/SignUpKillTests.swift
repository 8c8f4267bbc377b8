import Foundation
import HokuLinkCore
import Testing

/// SIGKILL at any moment of a sign-up leaves either no account or a whole one (SPEC §5, issue 4): the real
/// binary plays the bank-transfer script and is killed after a different delay each round, then the data
/// folder is opened again (which finishes a journaled commit) and checked.
@Suite(.serialized) struct SignUpKillTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts/signup-a-immediate-bank.play")

  @Test func aKilledSignUpLeavesNoAccountOrAWholeOne() throws {
    let customer = "410012345678"
    var finished = 0
    var none = 0
    // Delays spread over the whole script, measured first on this machine (so a slow or busy machine still
    // sees kills land before and after the commit), denser towards the end where the account is written.
    let whole = try Self.timeToFinish()
    let delays = (1...16).map { whole * Double($0) / 16 } + (0..<8).map { whole * (0.7 + 0.04 * Double($0)) }
    for delay in delays {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-kill-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: folder) }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
      process.arguments = ["play", "--headless", Self.script.path, "--data-dir", folder.path]
      process.environment = ProcessInfo.processInfo.environment.merging(["HOKULINK_TEST_KDF_ITERATIONS": "1000"]) {
        $1
      }
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(process.processIdentifier, &status, 0)

      // A kill before the folder was set up leaves nothing to check.
      guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("meta.json").path) else { continue }
      let store = try Store(folder: folder, kdf: .testing(iterations: 1000))
      let accountFiles = store.folder.appendingPathComponent("accounts")
      let ids = (try? FileManager.default.contentsOfDirectory(atPath: accountFiles.path)) ?? []
      let account = try store.account(customerNumber: customer)
      if let account {
        // Whole: its file, both index entries, its initial password, and the flow marked done.
        #expect(ids.contains("\(account.userID).json"))
        #expect(try store.account(email: account.email)?.userID == account.userID)
        #expect(account.initialPasswordHash != nil)
        let flow = try Registrations(store: store).flow(device: "default")
        #expect(flow?.step == .done && flow?.userID == account.userID, "delay \(delay)")
        finished += 1
      } else {
        // None: only the demo member, and the flow (if any) not done.
        #expect(ids == ["\(DemoMember.userID).json"], "delay \(delay): \(ids)")
        let flow = try Registrations(store: store).flow(device: "default")
        #expect(flow?.step != .done, "delay \(delay)")
        none += 1
      }
    }
    // Both outcomes were seen, so the kills did land before and after the commit.
    // (The last delay is the whole run, so at least that one finishes.)
    #expect(none > 0)
    #expect(finished > 0)
  }

  /// How long the script takes to play to its end here, in seconds.
  static func timeToFinish() throws -> Double {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
    process.arguments = ["play", "--headless", script.path, "--data-dir", folder.path]
    process.environment = ProcessInfo.processInfo.environment.merging(["HOKULINK_TEST_KDF_ITERATIONS": "1000"]) {
      $1
    }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let started = Date()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return Date().timeIntervalSince(started) * 1.05
  }
}
