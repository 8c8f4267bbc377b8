import Foundation
import Testing

@testable import HokuLinkCore

/// The login of steps 11–14 and walkthrough C, against a real store with a fixed clock.
@Suite struct LoginsTests {
  /// 2026-11-27 10:00 JST.
  static let now = Date(timeIntervalSince1970: 1_795_741_200)

  struct World {
    let folder = TemporaryDataFolder()
    let store: Store
    let flow: Logins

    init(challenge: Int = 1) throws {
      store = try folder.store()
      flow = Logins(store: store, pickChallenge: { challenge })
    }

    func newMember(course: Account.Course = .immediate, initial: String = "kari-pass-2026") throws -> Account {
      try store.createAccount(
        email: "new.member@example.jp", customerNumber: "410012345678", initialPassword: initial, course: course,
        notificationMail: false, now: LoginsTests.now)
    }

    func session(_ result: LoginResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoginFlow {
      guard case .loggedIn(let session) = result else {
        Issue.record("expected a login, got \(result)", sourceLocation: sourceLocation)
        throw LoginError.accountMissing
      }
      return session
    }
  }

  static func at(minutes: Double) -> Date { now.addingTimeInterval(minutes * 60) }

  // MARK: Password and lockout

  @Test func theDemoMemberOnANewDeviceSeesTheNoticeThenOneKeywordThenTheProfile() throws {
    let world = try World(challenge: 2)
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: "hkdemu27", password: DemoMember.password, deviceToken: "phone-a", channel: .app, now: Self.now))
    #expect(try world.flow.next(session) == .firstLoginNotice)
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    #expect(try world.flow.next(session) == .keywordChallenge(index: 2))
    #expect(
      try world.flow.answerChallenge(&session, keyword: "はくさん", deviceToken: "phone-a", now: Self.now) == .passed)
    #expect(try world.flow.next(session) == .profile)
    #expect(try world.store.account(userID: DemoMember.userID)?.knowsDevice(token: "phone-a") == true)
  }

  @Test func aKnownDeviceGoesStraightHomeAfterThePassword() throws {
    let world = try World()
    defer { world.folder.remove() }
    var first = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "phone-a", channel: .web,
        now: Self.now))
    try world.flow.acknowledgeNotice(&first, now: Self.now)
    _ = try world.flow.answerChallenge(&first, keyword: "ますずし", deviceToken: "phone-a", now: Self.now)
    #expect(try world.flow.next(first) == nil)
    let again = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "phone-a", channel: .web,
        now: Self.now))
    #expect(try world.flow.next(again) == nil)
    let other = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "phone-b", channel: .web,
        now: Self.now))
    #expect(try world.flow.next(other) == .firstLoginNotice)
  }

  @Test func afterFiveWrongPasswordsTheRightOneIsRefusedInTheWordsAnUnknownIDGets() throws {
    let world = try World()
    defer { world.folder.remove() }
    var known: [LoginResult] = []
    var unknown: [LoginResult] = []
    for minute in 0..<5 {
      known.append(
        try world.flow.logIn(
          userID: DemoMember.userID, password: "wrong-\(minute)", deviceToken: "d", channel: .app,
          now: Self.at(minutes: Double(minute))))
      unknown.append(
        try world.flow.logIn(
          userID: "HKZZZZ99", password: "wrong-\(minute)", deviceToken: "d", channel: .app,
          now: Self.at(minutes: Double(minute))))
    }
    #expect(known == [.wrong, .wrong, .wrong, .wrong, .locked])
    #expect(unknown == known)
    let sixth = try world.flow.logIn(
      userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
      now: Self.at(minutes: 6))
    let unknownSixth = try world.flow.logIn(
      userID: "HKZZZZ99", password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.at(minutes: 6))
    #expect(sixth == .locked)
    #expect(unknownSixth == .locked)
    #expect(LoginWords.words(for: sixth) == LoginWords.words(for: unknownSixth))
    #expect(LoginWords.words(for: sixth)?.ja.contains("30分") == true)
  }

  @Test func theLockoutEndsAfterThirtySimulatedMinutes() throws {
    let world = try World()
    defer { world.folder.remove() }
    for _ in 0..<5 {
      _ = try world.flow.logIn(
        userID: DemoMember.userID, password: "nope-nope", deviceToken: "d", channel: .app, now: Self.now)
    }
    let justBefore = try world.flow.logIn(
      userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
      now: Self.at(minutes: 29.9))
    #expect(justBefore == .locked)
    let after = try world.flow.logIn(
      userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
      now: Self.at(minutes: 30))
    guard case .loggedIn = after else {
      Issue.record("the lock should be over, got \(after)")
      return
    }
    // A success starts a fresh count: four more misses do not lock.
    for _ in 0..<4 {
      #expect(
        try world.flow.logIn(
          userID: DemoMember.userID, password: "nope-nope", deviceToken: "d", channel: .app,
          now: Self.at(minutes: 31)) == .wrong)
    }
  }

  /// Verdicts made in parallel (all hashed before any was counted) are counted under the lock one by one: never
  /// past the limit, the one reaching it answers locked, and every later one is refused as locked, right or not.
  @Test func verdictsMadeInParallelAreNeverCountedPastTheLimit() throws {
    let world = try World()
    defer { world.folder.remove() }
    for id in [DemoMember.userID, "HKZZZZ99"] {
      let checks = try (0..<Assumptions.lockoutThreshold + 3).map { _ in
        try world.flow.checkPassword(typedID: id, password: "nope-nope", now: Self.now)
      }
      #expect(checks.allSatisfy { $0.verdict == .wrong })
      let answers = try checks.map {
        try world.flow.settlePassword($0, typedID: id, deviceToken: "d", channel: .app, now: Self.now)
      }
      let expected: [LoginResult?] =
        Array(repeating: .wrong, count: Assumptions.lockoutThreshold - 1) + Array(repeating: .locked, count: 4)
      #expect(answers == expected, "\(id)")
      #expect(try world.store.loginAttempts(forTypedID: id).failedPasswordCount == Assumptions.lockoutThreshold)
    }
    let right = try world.flow.logIn(
      userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now)
    let unknown = try world.flow.logIn(
      userID: "HKZZZZ99", password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now)
    #expect(right == .locked)
    #expect(LoginWords.words(for: right) == LoginWords.words(for: unknown))
  }

  /// A right password whose hash finished after other attempts locked the ID is refused too.
  @Test func aRightPasswordIsRefusedWhenOtherAttemptsLockedTheIDWhileItWasHashing() throws {
    let world = try World()
    defer { world.folder.remove() }
    let mine = try world.flow.checkPassword(typedID: DemoMember.userID, password: DemoMember.password, now: Self.now)
    #expect(mine.verdict == .password)
    for _ in 0..<Assumptions.lockoutThreshold {
      _ = try world.flow.logIn(
        userID: DemoMember.userID, password: "nope-nope", deviceToken: "d", channel: .app, now: Self.now)
    }
    #expect(
      try world.flow.settlePassword(mine, typedID: DemoMember.userID, deviceToken: "d", channel: .app, now: Self.now)
        == .locked)
    #expect(
      try world.store.loginAttempts(forTypedID: DemoMember.userID).failedPasswordCount == Assumptions.lockoutThreshold)
  }

  /// Wrong and right guesses from many threads at once: no more than the limit are ever counted, and once it is
  /// reached even the right password gets the locked answer.
  @Test func parallelGuessesFromManyThreadsAreNeverCountedPastTheLimit() throws {
    let world = try World()
    defer { world.folder.remove() }
    let flow = world.flow
    let answers = Answers()
    DispatchQueue.concurrentPerform(iterations: 16) { attempt in
      let answer = try? flow.logIn(
        userID: DemoMember.userID, password: "guess-\(attempt)", deviceToken: "d", channel: .app, now: Self.now)
      answers.add(answer)
    }
    let all = answers.all
    #expect(all.count == 16)
    #expect(all.filter { $0 == .wrong }.count == Assumptions.lockoutThreshold - 1, "\(all)")
    #expect(all.filter { $0 == .locked }.count == 16 - (Assumptions.lockoutThreshold - 1), "\(all)")
    let attempts = try world.store.loginAttempts(forTypedID: DemoMember.userID)
    #expect(attempts.failedPasswordCount == Assumptions.lockoutThreshold)
    #expect(attempts.isLocked(at: Self.now))
    // Right guesses racing after the limit: every one is locked, and the count does not move.
    let rights = Answers()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      rights.add(
        try? flow.logIn(
          userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    }
    #expect(rights.all == Array(repeating: .locked, count: 4))
    #expect(
      try world.store.loginAttempts(forTypedID: DemoMember.userID).failedPasswordCount == Assumptions.lockoutThreshold)
  }

  /// Answers collected from several threads.
  final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [LoginResult?] = []
    func add(_ answer: LoginResult?) { lock.withLock { answers.append(answer) } }
    var all: [LoginResult?] { lock.withLock { answers } }
  }

  @Test func aRightPasswordWhileAnotherAttemptIsCountedLogsInAndClearsTheCount() throws {
    let world = try World()
    defer { world.folder.remove() }
    _ = try world.flow.logIn(
      userID: DemoMember.userID, password: "nope-first", deviceToken: "d", channel: .app, now: Self.now)
    #expect(try world.store.loginAttempts(forTypedID: DemoMember.userID).failedPasswordCount == 1)
    _ = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    #expect(try world.store.loginAttempts(forTypedID: DemoMember.userID).failedPasswordCount == 0)
    // The fifth attempt in a row may still be the right one.
    for minute in 0..<4 {
      _ = try world.flow.logIn(
        userID: DemoMember.userID, password: "nope-\(minute)", deviceToken: "d", channel: .app, now: Self.now)
    }
    _ = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    #expect(try world.store.loginAttempts(forTypedID: DemoMember.userID).lockedUntil == nil)
  }

  /// Keyword verdicts made in parallel are counted one by one under the lock; the fifth locks the keywords and the
  /// password login, and a right keyword hashed before that but counted after it is refused as locked.
  @Test func keywordAttemptsStillHashingCountTowardTheLockAndTheRightKeywordIsThenRefused() throws {
    let world = try World(challenge: 1)
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    let mine = try world.flow.checkKeyword(session, keyword: "ますずし", now: Self.now)
    #expect(mine.right == true)
    let wrongs = try (0..<Assumptions.keywordLockoutThreshold + 2).map { _ in
      try world.flow.checkKeyword(session, keyword: "かに", now: Self.now)
    }
    var answers: [KeywordChallengeResult?] = []
    for check in wrongs {
      answers.append(try world.flow.settleKeyword(&session, check, deviceToken: "d", now: Self.now))
    }
    #expect(
      answers
        == Array(repeating: .wrong, count: Assumptions.keywordLockoutThreshold - 1)
        + Array(repeating: .locked, count: 3))
    #expect(
      try world.store.account(userID: DemoMember.userID)?.failedKeywordCount == Assumptions.keywordLockoutThreshold)
    #expect(try world.flow.settleKeyword(&session, mine, deviceToken: "d", now: Self.now) == .locked)
    #expect(
      try world.flow.answerChallenge(&session, keyword: "ますずし", deviceToken: "d", now: Self.now) == .locked)
    #expect(session.challengePassed == false)
    #expect(try world.store.account(userID: DemoMember.userID)?.knowsDevice(token: "d") == false)
    #expect(
      try world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
        now: Self.at(minutes: 1)) == .locked)
  }

  @Test func theFifthKeywordMayStillBeTheRightOneAndLiftsItsOwnLock() throws {
    let world = try World(challenge: 1)
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    for _ in 1..<Assumptions.keywordLockoutThreshold {
      #expect(try world.flow.answerChallenge(&session, keyword: "かに", deviceToken: "d", now: Self.now) == .wrong)
    }
    #expect(
      try world.flow.answerChallenge(&session, keyword: "ますずし", deviceToken: "d", now: Self.now) == .passed)
    let stored = try #require(try world.store.account(userID: DemoMember.userID))
    #expect(stored.failedKeywordCount == 0 && stored.keywordLockedUntil == nil)
    #expect(try world.store.loginAttempts(forTypedID: DemoMember.userID).lockedUntil == nil)
  }

  /// A wrong password for a real ID, an unknown ID and an ID of the wrong shape each do the same work: one key
  /// derivation with the same parameters and the same commits of the attempt counter, so neither the time nor the
  /// folder's activity tells them apart. Counted, not timed (the wall-clock ratio is `hokulink-bench --timing`).
  @Test func aWrongLoginCostsTheSameForARealAnUnknownAndAMalformedID() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let flow = Logins(store: store)
    func cost(_ id: String) throws -> CostSummary {
      var outcome: LoginResult?
      let summary = try CostSummary.of {
        outcome = try flow.logIn(userID: id, password: "not-it-at-all", deviceToken: "d", channel: .app, now: Self.now)
      }
      #expect(outcome == .wrong, "\(id)")
      return summary
    }
    // Each ID's first attempt, then a second one (the counter file exists by then).
    for round in 1...2 {
      let real = try cost(DemoMember.userID)
      let unknown = try cost("HKZZZZ99")
      let malformed = try cost("no such id!")
      #expect(real.kdf == [1000], "round \(round): \(real)")
      #expect(unknown == real, "round \(round): real \(real); unknown \(unknown)")
      #expect(malformed == real, "round \(round): real \(real); malformed \(malformed)")
    }
  }

  @Test func theIDIsTypedInAnyCaseAndWidth() throws {
    let world = try World()
    defer { world.folder.remove() }
    let result = try world.flow.logIn(
      userID: " ｈｋｄｅｍｕ２７ ", password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now)
    #expect(try world.session(result).userID == DemoMember.userID)
  }

  // MARK: Keyword challenge

  @Test(arguments: ["のどぐろ", "ノドグロ", "ﾉﾄﾞｸﾞﾛ", " のどぐろ "])
  func theKeywordChallengeAcceptsTheRightKeywordInHiraganaOrKatakana(typed: String) throws {
    let world = try World(challenge: 0)
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    #expect(try world.flow.answerChallenge(&session, keyword: "ますずし", deviceToken: "d", now: Self.now) == .wrong)
    #expect(try world.flow.next(session) == .keywordChallenge(index: 0))
    #expect(try world.flow.answerChallenge(&session, keyword: typed, deviceToken: "d", now: Self.now) == .passed)
  }

  @Test func fiveWrongKeywordsLockTheLoginForThirtyMinutes() throws {
    let world = try World(challenge: 1)
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    var answers: [KeywordChallengeResult] = []
    for _ in 0..<6 {
      answers.append(try world.flow.answerChallenge(&session, keyword: "かに", deviceToken: "d", now: Self.now))
    }
    #expect(answers == [.wrong, .wrong, .wrong, .wrong, .locked, .locked])
    #expect(
      try world.flow.answerChallenge(&session, keyword: "ますずし", deviceToken: "d", now: Self.now) == .locked)
    #expect(
      try world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
        now: Self.at(minutes: 1)) == .locked)
    var later = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app,
        now: Self.at(minutes: 31)))
    try world.flow.acknowledgeNotice(&later, now: Self.at(minutes: 31))
    #expect(
      try world.flow.answerChallenge(&later, keyword: "ますずし", deviceToken: "d", now: Self.at(minutes: 31)) == .passed)
  }

  // MARK: A new member: initial password, then the required actions in order

  @Test func theInitialPasswordLeadsOnlyToANewPasswordThenKeywordsThenTheProfile() throws {
    let world = try World()
    defer { world.folder.remove() }
    let account = try world.newMember()
    var session = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app, now: Self.now))
    #expect(session.challengeIndex == nil)
    #expect(try world.flow.next(session) == .firstLoginNotice)
    #expect(throws: LoginError.outOfOrder(expected: .firstLoginNotice)) {
      _ = try world.flow.setKeywords(&session, "あ", "い", "う", deviceToken: "d", now: Self.now)
    }
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    #expect(try world.flow.next(session) == .newPassword)
    #expect(throws: LoginError.outOfOrder(expected: .newPassword)) {
      _ = try world.flow.setKeywords(&session, "あ", "い", "う", deviceToken: "d", now: Self.now)
    }
    #expect(throws: LoginError.outOfOrder(expected: .newPassword)) {
      _ = try world.flow.setProfile(
        &session, nickname: "じろう", birthMonth: "1985/04", gender: .male, postalCode: "920-0981", now: Self.now)
    }

    let same = try world.flow.setNewPassword(
      &session, password: "kari-pass-2026", confirmation: "kari-pass-2026", now: Self.now)
    #expect(same?.reason.ja.contains("初回ログインパスワード") == true)
    let asID = try world.flow.setNewPassword(
      &session, password: account.userID.lowercased(), confirmation: account.userID.lowercased(), now: Self.now)
    #expect(asID?.reason.ja.contains("利用者ID") == true)
    let asEmail = try world.flow.setNewPassword(
      &session, password: "new.member@example.jp", confirmation: "new.member@example.jp", now: Self.now)
    #expect(asEmail?.reason.ja.contains("メールアドレス") == true)
    let common = try world.flow.setNewPassword(&session, password: "password", confirmation: "password", now: Self.now)
    #expect(common?.field == .password)
    let mismatch = try world.flow.setNewPassword(
      &session, password: "tateyama-2026", confirmation: "tateyama-2025", now: Self.now)
    #expect(mismatch?.field == .confirmation)
    #expect(
      try world.flow.setNewPassword(
        &session, password: "tateyama-2026", confirmation: "tateyama-2026", now: Self.now) == nil)

    #expect(try world.flow.next(session) == .keywordSetup)
    let repeated = try world.flow.setKeywords(&session, "かに", "カニ", "ぶり", deviceToken: "d", now: Self.now)
    #expect(repeated?.index == 1)
    #expect(try world.flow.setKeywords(&session, "かに", "ぶり", "たら", deviceToken: "d", now: Self.now) == nil)

    #expect(try world.flow.next(session) == .profile)
    let nowhere = try world.flow.setProfile(
      &session, nickname: "じろう", birthMonth: "1985/04", gender: .male, postalCode: "000-0000", now: Self.now)
    #expect(nowhere?.field == .postalCode)
    let future = try world.flow.setProfile(
      &session, nickname: "じろう", birthMonth: "2027/01", gender: .male, postalCode: "920-0981", now: Self.now)
    #expect(future?.field == .birthMonth)
    let noGender = try world.flow.setProfile(
      &session, nickname: "じろう", birthMonth: "1985/04", gender: nil, postalCode: "920-0981", now: Self.now)
    #expect(noGender?.field == .gender)
    let noName = try world.flow.setProfile(
      &session, nickname: " ", birthMonth: "1985/04", gender: .male, postalCode: "920-0981", now: Self.now)
    #expect(noName?.field == .nickname)
    // A postal code anywhere in Japan will do: this one is in Sapporo.
    #expect(
      try world.flow.setProfile(
        &session, nickname: "じろう", birthMonth: "1985/04", gender: .male, postalCode: "001-0010", now: Self.now)
        == nil)
    #expect(try world.flow.next(session) == nil)

    let stored = try #require(try world.store.account(userID: account.userID))
    #expect(stored.profile?.birthYear == 1985)
    #expect(stored.profile?.postalCode == "0010010")
    #expect(stored.keywordHashes.count == 3)
    #expect(stored.knowsDevice(token: "d"))
    #expect(stored.initialPasswordHash == nil)
    // The new password works, and on this device nothing more is asked.
    let again = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "tateyama-2026", deviceToken: "d", channel: .app, now: Self.now))
    #expect(try world.flow.next(again) == nil)
  }

  @Test func theWebLoginAsksNoProfile() throws {
    let world = try World()
    defer { world.folder.remove() }
    let account = try world.newMember()
    var session = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "pc", channel: .web, now: Self.now))
    try world.flow.acknowledgeNotice(&session, now: Self.now)
    _ = try world.flow.setNewPassword(&session, password: "tateyama-2026", confirmation: "tateyama-2026", now: Self.now)
    _ = try world.flow.setKeywords(&session, "かに", "ぶり", "たら", deviceToken: "pc", now: Self.now)
    #expect(try world.flow.next(session) == nil)
  }

  @Test func aMemberInterruptedBeforeStep12LogsInAgainWithTheInitialPasswordUntilStep12IsDone() throws {
    let world = try World()
    defer { world.folder.remove() }
    let account = try world.newMember()
    var abandoned = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app, now: Self.now))
    try world.flow.acknowledgeNotice(&abandoned, now: Self.now)
    #expect(try world.flow.next(abandoned) == .newPassword)
    // The app was closed here; the next login with the initial password leads to step 12 again, and only there.
    var again = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app,
        now: Self.at(minutes: 10)))
    try world.flow.acknowledgeNotice(&again, now: Self.at(minutes: 10))
    #expect(try world.flow.next(again) == .newPassword)
    #expect(throws: LoginError.outOfOrder(expected: .newPassword)) {
      _ = try world.flow.setKeywords(&again, "かに", "ぶり", "たら", deviceToken: "d", now: Self.at(minutes: 10))
    }
    #expect(
      try world.flow.setNewPassword(
        &again, password: "tateyama-2026", confirmation: "tateyama-2026", now: Self.at(minutes: 10)) == nil)
    // After step 12 the initial password is refused, and a login left open with it cannot set another.
    #expect(
      try world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app,
        now: Self.at(minutes: 11)) == .wrong)
    #expect(throws: LoginError.expired) {
      _ = try world.flow.setNewPassword(
        &abandoned, password: "hakusan-2026", confirmation: "hakusan-2026", now: Self.at(minutes: 12))
    }
    _ = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "tateyama-2026", deviceToken: "d", channel: .app,
        now: Self.at(minutes: 13)))
  }

  @Test func theInstantCoursesInitialPasswordExpiresAfterSevenDays() throws {
    let world = try World()
    defer { world.folder.remove() }
    let account = try world.newMember(course: .immediate)
    let late = Self.now.addingTimeInterval(7 * 86_400)
    #expect(
      try world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app, now: late)
        == .initialPasswordExpired)
    let inTime = Self.now.addingTimeInterval(7 * 86_400 - 60)
    _ = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app, now: inTime))
  }

  @Test func thePostcardsInitialPasswordLastsThirtyDaysAfterArrival() throws {
    let world = try World()
    defer { world.folder.remove() }
    let account = try world.newMember(course: .postcard)
    let arrival = Self.now.addingTimeInterval(Assumptions.postcardDelay)
    #expect(
      try world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app,
        now: arrival.addingTimeInterval(30 * 86_400)) == .initialPasswordExpired)
    _ = try world.session(
      world.flow.logIn(
        userID: account.userID, password: "kari-pass-2026", deviceToken: "d", channel: .app,
        now: arrival.addingTimeInterval(29 * 86_400)))
  }

  @Test func aLoginInProgressRunsOutAfterAnHour() throws {
    let world = try World()
    defer { world.folder.remove() }
    var session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: DemoMember.password, deviceToken: "d", channel: .app, now: Self.now))
    #expect(throws: LoginError.expired) {
      try world.flow.acknowledgeNotice(&session, now: Self.at(minutes: 61))
    }
  }

  // MARK: Recovery

  @Test func aForgottenIDIsMailedOnlyWhenNumberAndAddressMatchAndTheAnswerIsTheSame() throws {
    let world = try World()
    defer { world.folder.remove() }
    let recovery = Recoveries(store: world.store)
    #expect(
      try recovery.requestUserID(customerNumber: "41-0056-7890-12", email: DemoMember.email, now: Self.now) == nil)
    #expect(
      try recovery.requestUserID(customerNumber: "410056789012", email: "someone@example.jp", now: Self.now) == nil)
    #expect(
      try recovery.requestUserID(customerNumber: "410099999999", email: "nobody@example.jp", now: Self.now) == nil)
    let mails = try recovery.mailbox.messages(for: DemoMember.email)
    #expect(mails.map(\.subject) == [Recoveries.userIDSubject])
    #expect(mails.first?.body.contains(DemoMember.userID) == true)
    #expect(try recovery.mailbox.messages(for: "someone@example.jp").isEmpty)
    #expect(try recovery.mailbox.messages(for: "nobody@example.jp").isEmpty)
    #expect(
      try recovery.requestUserID(customerNumber: "4100", email: DemoMember.email, now: Self.now)?.field
        == .customerNumber)
  }

  @Test func aResetLinkWorksOnceForADayEndsTheLockoutAndANewOneVoidsTheOld() throws {
    let world = try World()
    defer { world.folder.remove() }
    let recovery = Recoveries(store: world.store)
    for _ in 0..<5 {
      _ = try world.flow.logIn(
        userID: DemoMember.userID, password: "nope-nope", deviceToken: "d", channel: .app, now: Self.now)
    }
    #expect(try recovery.requestPasswordReset(userID: "HKZZZZ99", email: DemoMember.email, now: Self.now) == nil)
    func tokens() throws -> Set<String> {
      Set(
        try recovery.mailbox.messages(for: DemoMember.email).flatMap(\.links).compactMap(
          Recoveries.resetToken(fromLink:))
      )
    }
    #expect(try recovery.requestPasswordReset(userID: "hkdemu27", email: DemoMember.email, now: Self.now) == nil)
    let older = try #require(try tokens().first)
    #expect(try recovery.requestPasswordReset(userID: "hkdemu27", email: DemoMember.email, now: Self.now) == nil)
    let newest = try #require(try tokens().subtracting([older]).first)
    #expect(try tokens().count == 2)
    #expect(try recovery.linkState(token: older, now: Self.now) == .invalid)
    #expect(try recovery.linkState(token: newest, now: Self.now.addingTimeInterval(86_400)) == .invalid)
    #expect(try recovery.linkState(token: newest, now: Self.now) == .valid)

    let weak = try recovery.resetPassword(token: newest, password: "12345678", confirmation: "12345678", now: Self.now)
    guard case .failure(.password(let problem)) = weak else {
      Issue.record("a common password should be refused")
      return
    }
    #expect(problem.field == .password)
    #expect(
      try recovery.resetPassword(
        token: newest, password: "tsurugi-2026", confirmation: "tsurugi-2026", now: Self.now)
        == .success(DemoMember.userID))
    #expect(
      try recovery.resetPassword(
        token: newest, password: "tsurugi-2027", confirmation: "tsurugi-2027", now: Self.now) == .failure(.linkInvalid))
    // The lock is over and the new password works at once.
    let session = try world.session(
      world.flow.logIn(
        userID: DemoMember.userID, password: "tsurugi-2026", deviceToken: "d", channel: .app, now: Self.now))
    #expect(session.userID == DemoMember.userID)
  }

  @Test func theStoreKeepsOnlyDigestsOfResetTokensAndHashesOfNewSecrets() throws {
    let world = try World()
    defer { world.folder.remove() }
    let recovery = Recoveries(store: world.store)
    _ = try recovery.requestPasswordReset(userID: DemoMember.userID, email: DemoMember.email, now: Self.now)
    let token = try #require(
      try recovery.mailbox.messages(for: DemoMember.email).first?.links.first.flatMap(Recoveries.resetToken(fromLink:)))
    _ = try recovery.resetPassword(token: token, password: "tsurugi-2026", confirmation: "tsurugi-2026", now: Self.now)
    for file in world.folder.allFiles() where !file.path.contains("/mail/") {
      let text = String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
      #expect(!text.contains(token), "\(file.lastPathComponent) holds the token")
      #expect(!text.contains("tsurugi-2026"), "\(file.lastPathComponent) holds the password")
    }
  }
}
