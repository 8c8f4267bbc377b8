import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct AccountsTests {
  let now = Date(timeIntervalSince1970: 1_790_000_000)

  @Test func theDemoMemberIsRegisteredWithHashedSecretsAndNoProfile() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let demo = try #require(try store.account(userID: DemoMember.userID))
    #expect(demo.email == "hakusan.jiro@example.jp")
    #expect(demo.customerNumber == "410056789012")
    #expect(store.hasher.verify("hakusan-2026", against: try #require(demo.passwordHash)))
    #expect(demo.keywordHashes.count == 3)
    for (keyword, hash) in zip(DemoMember.keywords, demo.keywordHashes) {
      #expect(store.hasher.verifyKeyword(keyword, against: hash))
    }
    #expect(demo.profile == nil)
    #expect(demo.knownDeviceDigests.isEmpty)
    #expect(demo.initialPasswordHash == nil)
    #expect(try store.customerRegistry().customer(number: demo.customerNumber)?.name == "白山 次郎")
  }

  @Test func opensTheSameFolderTwiceWithoutASecondDemoMember() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let first = try folder.store()
    let before = try first.account(userID: DemoMember.userID)
    let second = try folder.store()
    #expect(try second.account(userID: DemoMember.userID) == before)
  }

  @Test func findsAMemberByIDInAnyCaseByEmailAndByCustomerNumber() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    #expect(try store.account(userID: "hkdemu27")?.userID == "HKDEMU27")
    #expect(try store.account(userID: "ＨＫＤＥＭＵ２７")?.userID == "HKDEMU27")
    #expect(try store.account(email: "Hakusan.Jiro@example.jp")?.userID == "HKDEMU27")
    #expect(try store.account(customerNumber: "410056789012")?.userID == "HKDEMU27")
    #expect(try store.account(userID: "HKDEMU28") == nil)
    #expect(try store.account(userID: "../../etc") == nil)
    #expect(try store.account(email: "nobody@example.jp") == nil)
    #expect(try store.account(customerNumber: "410012345678") == nil)
  }

  @Test func createsAMemberWithAFreshIDAndAnInitialPasswordThatExpires() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let account = try store.createAccount(
      email: "taro@example.jp", customerNumber: "410012345678", initialPassword: "first-pass-1", course: .immediate,
      notificationMail: true, now: now)
    #expect(UserIDGenerator.isWellFormed(account.userID))
    #expect(try store.account(userID: account.userID) == account)
    #expect(try store.account(email: "taro@example.jp") == account)
    #expect(try store.account(customerNumber: "410012345678") == account)
    #expect(store.hasher.verify("first-pass-1", against: try #require(account.initialPasswordHash)))
    #expect(account.passwordHash == nil)
    #expect(account.initialPasswordUsable(at: now.addingTimeInterval(6 * 86_400)))
    #expect(!account.initialPasswordUsable(at: now.addingTimeInterval(7 * 86_400)))
  }

  @Test func thePostcardCoursesInitialPasswordLastsThirtyDaysAfterArrival() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let account = try store.createAccount(
      email: "hanako@example.jp", customerNumber: "410023456789", initialPassword: "from-postcard", course: .postcard,
      notificationMail: false, now: now)
    #expect(account.initialPasswordUsable(at: now.addingTimeInterval(36 * 86_400)))
    #expect(!account.initialPasswordUsable(at: now.addingTimeInterval(37 * 86_400)))
  }

  @Test func refusesASecondMembershipForAnEmailOrACustomer() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    #expect(throws: AccountError.emailAlreadyRegistered) {
      try store.createAccount(
        email: "HAKUSAN.JIRO@example.jp", customerNumber: "410012345678", initialPassword: "p-12345678",
        course: .immediate, notificationMail: false, now: now)
    }
    #expect(throws: AccountError.customerAlreadyRegistered) {
      try store.createAccount(
        email: "other@example.jp", customerNumber: DemoMember.customerNumber, initialPassword: "p-12345678",
        course: .immediate, notificationMail: false, now: now)
    }
    #expect(try store.account(email: "other@example.jp") == nil)
  }

  @Test func anIndexEntryWhoseAccountIsMissingReadsAsNoAccount() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try store.update { transaction in
      try transaction.setIndex("email", key: "ghost@example.jp", id: "GHST2345")
    }
    #expect(try store.account(email: "ghost@example.jp") == nil)
    // And it does not block a real sign-up with that address.
    let account = try store.createAccount(
      email: "ghost@example.jp", customerNumber: "410012345678", initialPassword: "p-12345678", course: .immediate,
      notificationMail: false, now: now)
    #expect(try store.account(email: "ghost@example.jp") == account)
  }

  @Test func userIDsHaveTheRightShapeAndAreRandom() {
    let ids = (0..<500).map { _ in UserIDGenerator.random() }
    #expect(Set(ids).count == 500)
    for id in ids {
      #expect(UserIDGenerator.isWellFormed(id), "\(id)")
      #expect(!id.contains("I") && !id.contains("O") && !id.contains("0") && !id.contains("1"))
    }
    #expect(!UserIDGenerator.isWellFormed("1ABCDEFG"))
    #expect(!UserIDGenerator.isWellFormed("ABCDEFG"))
  }

  @Test func aRegistrationLinkWorksOnceForADayAndANewRequestVoidsTheOld() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let first = try store.createPendingRegistration(email: "new@example.jp", notificationMail: true, now: now)
    #expect(first.token.count * 6 >= 128)
    #expect(try store.pendingRegistration(token: first.token)?.email == "new@example.jp")
    let second = try store.createPendingRegistration(email: "new@example.jp", notificationMail: false, now: now)
    #expect(try store.pendingRegistration(token: first.token) == nil)
    #expect(try store.consumePendingRegistration(token: first.token, now: now) == nil)
    #expect(try store.consumePendingRegistration(token: second.token, now: now.addingTimeInterval(86_401)) == nil)
    #expect(try store.consumePendingRegistration(token: second.token, now: now.addingTimeInterval(3600)) != nil)
    #expect(try store.consumePendingRegistration(token: second.token, now: now.addingTimeInterval(3601)) == nil)
    // Only the digest of a token is on disk.
    for file in folder.allFiles() {
      #expect(try Data(contentsOf: file).range(of: Data(second.token.utf8)) == nil)
    }
  }

  @Test func fiveWrongPasswordsLockAnyTypedIDForThirtyMinutes() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    for typed in ["HKDEMU27", "NOSUCH99"] {
      for attempt in 1...5 {
        try store.update { transaction in
          var attempts = try transaction.loginAttempts(forTypedID: typed.lowercased())
          #expect(!attempts.isLocked(at: now), "\(typed) locked before attempt \(attempt)")
          attempts.recordFailure(at: now)
          try transaction.put(attempts)
        }
      }
      let attempts = try store.loginAttempts(forTypedID: typed)
      #expect(attempts.isLocked(at: now.addingTimeInterval(29 * 60)))
      #expect(!attempts.isLocked(at: now.addingTimeInterval(30 * 60)))
    }
    // The typed ID is not in any file name or document.
    for file in folder.allFiles() where file.path.contains("login-attempts") {
      #expect(!file.path.contains("NOSUCH99"))
      #expect(try Data(contentsOf: file).range(of: Data("NOSUCH99".utf8)) == nil)
    }
  }

  @Test func aDeviceIsRememberedByItsDigestOnly() {
    var account = Account(
      userID: "ABCD2345", email: "a@example.jp", customerNumber: "1", course: .immediate, createdAt: now)
    let token = Token.generate()
    #expect(!account.knowsDevice(token: token))
    account.rememberDevice(token: token)
    account.rememberDevice(token: token)
    #expect(account.knowsDevice(token: token))
    #expect(account.knownDeviceDigests == [Token.digest(token)])
  }
}
