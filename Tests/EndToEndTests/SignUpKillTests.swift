import Foundation
import HokuLinkCore
import Testing
import TmuxTesting

/// SIGKILL at any moment of a sign-up leaves either no account or a whole one (SPEC §5): the real binary plays the
/// bank-transfer script and is killed by the fault hook (`HOKULINK_TEST_CRASH_AT=N`) just before its Nth durable
/// step, for every N from the first step until the script finishes on its own. After each kill every JSON document
/// must parse as it is; then ANOTHER process opens the folder for another device, which must finish whatever the kill
/// left (a journaled commit, temporary files, the outbox), and the folder is checked: no account, or a whole one with
/// exactly one 「利用者IDのお知らせ」.
@Suite(.serialized) struct SignUpKillTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scripts/signup-a-immediate-bank.play")
  static let customer = "410012345678"

  enum Outcome: Equatable { case finished, killed }

  @Test func aSignUpKilledAtEachOfItsDurableStepsLeavesNoAccountOrAWholeOne() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("hokulink-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    // A data folder set up once (registry, demo member), copied for every kill point, so only the sign-up's own
    // steps are counted.
    let template = root.appendingPathComponent("template")
    _ = try Store(folder: template, kdf: .testing(iterations: 1000))

    var finished = 0
    var none = 0
    var point = 1
    var ended = false
    // Four kill points at a time: each process has its own copy of the folder.
    while !ended && point < 5000 {
      let batch = Array(point..<point + 4)
      let runs = try batch.map { try Self.start(at: $0, root: root, template: template) }
      for (at, process, folder) in runs {
        process.waitUntilExit()
        if process.terminationReason == .exit {
          #expect(process.terminationStatus == 0, "step \(at): the script failed")
          ended = true
          continue
        }
        #expect(process.terminationStatus == SIGKILL, "step \(at)")
        let whole = try Self.check(folder, at: at)
        if whole { finished += 1 } else { none += 1 }
        try? FileManager.default.removeItem(at: folder)
      }
      point += batch.count
    }
    #expect(ended, "the script never finished")
    // Both outcomes were seen: kills landed before the account's commit and after it.
    #expect(none > 0)
    #expect(finished > 0)
  }

  static func start(at point: Int, root: URL, template: URL) throws -> (Int, Process, URL) {
    let folder = root.appendingPathComponent("kill-\(point)")
    try FileManager.default.copyItem(at: template, to: folder)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
    process.arguments = ["play", "--headless", script.path, "--data-dir", folder.path]
    process.environment = ProcessInfo.processInfo.environment.merging([
      "HOKULINK_TEST_KDF_ITERATIONS": "1000", FaultHook.variable: "\(point)",
    ]) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return (point, process, folder)
  }

  /// Checks a folder left by a kill; true when it holds the new account whole, false when it holds none of it.
  static func check(_ folder: URL, at point: Int) throws -> Bool {
    // Before anything repairs anything: every JSON document parses as it was left.
    let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects ?? []
    for case let file as URL in files where file.pathExtension == "json" {
      let data = try Data(contentsOf: file)
      #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "step \(point): \(file.path) does not parse")
    }
    // Then another process opens the store, for another device (`hokulink mail` opens it as every command does):
    // it finishes a journal, removes what a write cut short and delivers the outbox, whoever was killed.
    let next = Process()
    next.executableURL = URL(fileURLWithPath: BuiltProducts.hokulink)
    next.arguments = ["mail", "--data-dir", folder.path, "--device", "another-phone"]
    next.environment = ProcessInfo.processInfo.environment.merging(["HOKULINK_TEST_KDF_ITERATIONS": "1000"]) { $1 }
    next.standardOutput = FileHandle.nullDevice
    next.standardError = FileHandle.nullDevice
    try next.run()
    next.waitUntilExit()
    #expect(next.terminationStatus == 0, "step \(point): the next process failed")
    // Nothing inconsistent is left: no temporary file, nothing in the outbox or a Maildir's tmp/, every document whole.
    let after = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects ?? []
    for case let file as URL in after {
      let name = file.lastPathComponent
      #expect(!(name.hasPrefix(".") && name.hasSuffix(".tmp")), "step \(point): \(file.path) left")
      #expect(file.deletingLastPathComponent().lastPathComponent != "tmp", "step \(point): \(file.path) left")
      #expect(file.deletingLastPathComponent().lastPathComponent != "outbox", "step \(point): \(file.path) left")
      if file.pathExtension == "json", let data = try? Data(contentsOf: file) {
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "step \(point): \(file.path) does not parse")
      }
    }
    let store = try Store(folder: folder, kdf: .testing(iterations: 1000))
    let userIDMails = try Mailbox(store: store).messages(for: "hokuriku.taro@example.jp").filter {
      $0.subject == RegistrationWording.userIDMailSubject
    }
    let ids =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("accounts").path)) ?? []
    let visible = ids.filter { !$0.hasPrefix(".") }
    let flow = try Registrations(store: store).flow(device: "default")
    if let account = try store.account(customerNumber: customer) {
      // Whole: its file, both index entries, its initial password, and the flow marked done.
      #expect(visible.contains("\(account.userID).json"), "step \(point)")
      #expect(try store.account(email: account.email)?.userID == account.userID, "step \(point)")
      #expect(try store.account(userID: account.userID)?.userID == account.userID, "step \(point)")
      #expect(account.initialPasswordHash != nil, "step \(point)")
      #expect(flow?.step == .done && flow?.userID == account.userID, "step \(point)")
      // Exactly one 利用者ID mail, with this ID, whichever process delivered it.
      #expect(userIDMails.count == 1, "step \(point): \(userIDMails.count) 利用者ID mails")
      #expect(userIDMails.first?.body.contains(account.userID) == true, "step \(point)")
      return true
    }
    // None: only the demo member, no index entry for the new address, and the flow (if any) not done.
    #expect(visible == ["\(DemoMember.userID).json"], "step \(point): \(visible)")
    #expect(try store.account(email: "hokuriku.taro@example.jp") == nil, "step \(point)")
    #expect(flow?.step != .done, "step \(point)")
    #expect(userIDMails.isEmpty, "step \(point): a 利用者ID mail without its account")
    return false
  }
}
