import Foundation
import Testing

@testable import HokuLinkCore

/// Opening the store costs the same however many records it holds (issue 11/12): the open looks for what a killed
/// writer left in the data folder's `tmp/` only, never in the record, index or mail folders.
@Suite struct StoreOpenCostTests {
  @Test func aStoreOfManyRecordsIsOpenedListingOnlyItsTemporaryFolderAndTheOutbox() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let files = FileManager.default
    // Many record files, index entries and mailboxes, written as plain files (nothing reads them here).
    for kind in ["accounts", "index/email", "login-attempts"] {
      let directory = folder.url.appendingPathComponent(kind)
      try files.createDirectory(at: directory, withIntermediateDirectories: true)
      for number in 0..<2_000 {
        try Data("{}".utf8).write(to: directory.appendingPathComponent("HK\(number).json"))
      }
    }
    for number in 0..<300 {
      try files.createDirectory(
        at: folder.url.appendingPathComponent("mail/member\(number)@example.jp/tmp"), withIntermediateDirectories: true)
    }
    // A leftover in tmp/ is found and removed; a file of that pattern anywhere else is not even looked at.
    let leftover = folder.url.appendingPathComponent("tmp/.HK1.json.0123456789abcdef.tmp")
    try Data("half".utf8).write(to: leftover)
    let elsewhere = folder.url.appendingPathComponent("accounts/.HK1.json.fedcba9876543210.tmp")
    try Data("half".utf8).write(to: elsewhere)

    let probe = CostProbe()
    _ = try probe.observe { try folder.store() }
    let listed = probe.events.compactMap { event -> String? in
      if case .listFolder(let path) = event { return path }
      return nil
    }
    let tmp = store.folder.appendingPathComponent("tmp").path
    let outbox = store.folder.appendingPathComponent(OutboxMail.kind).path
    #expect(listed.contains(tmp), "\(listed)")
    #expect(Set(listed).isSubset(of: [tmp, outbox]), "\(listed)")
    #expect(!files.fileExists(atPath: leftover.path))
    #expect(files.fileExists(atPath: elsewhere.path))

    // A clean open lists tmp/ and the outbox once each.
    let clean = CostProbe()
    _ = try clean.observe { try folder.store() }
    let cleanListed = clean.events.compactMap { event -> String? in
      if case .listFolder(let path) = event { return path }
      return nil
    }
    #expect(cleanListed.sorted() == [outbox, tmp].sorted(), "\(cleanListed)")
  }
}
