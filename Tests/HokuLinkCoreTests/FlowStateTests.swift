import CustomDump
import Foundation
import Testing

@testable import HokuLinkCore

/// State tests in the style of swift-composable-architecture's TestStore: each flow's pure transition is sent one
/// input after another, and after each the WHOLE state and the effects are compared with what the test expects,
/// written as the change from the state before (`send(input) { $0.step = … }`), with custom-dump's readable diff.
private struct TransitionTester<State: Equatable, Input, Context, Effect: Equatable, Refusal: Error & Equatable> {
  var state: State
  /// The facts of the store as the next input finds them; a test changes them between inputs.
  var context: Context
  let run: (State, Input, Context) -> Result<(State, [Effect]), Refusal>

  /// Sends `input`; the new state must be the old one changed by `change`, and the effects exactly `effects`.
  mutating func send(
    _ input: Input, effects: [Effect] = [], fileID: StaticString = #fileID, filePath: StaticString = #filePath,
    line: UInt = #line, column: UInt = #column, _ change: (inout State) -> Void = { _ in }
  ) {
    var expected = state
    change(&expected)
    switch run(state, input, context) {
    case .success(let (next, actual)):
      expectNoDifference(next, expected, fileID: fileID, filePath: filePath, line: line, column: column)
      expectNoDifference(actual, effects, fileID: fileID, filePath: filePath, line: line, column: column)
      state = next
    case .failure(let refusal):
      Issue.record(
        "refused: \(refusal)",
        sourceLocation: SourceLocation(
          fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
    }
  }

  /// Sends `input`, which must be refused exactly as `refusal` says; the state is left as it was.
  func refuse(
    _ input: Input, _ refusal: Refusal, fileID: StaticString = #fileID, filePath: StaticString = #filePath,
    line: UInt = #line, column: UInt = #column
  ) {
    switch run(state, input, context) {
    case .success(let (next, _)):
      Issue.record(
        "accepted, giving \(next)",
        sourceLocation: SourceLocation(
          fileID: "\(fileID)", filePath: "\(filePath)", line: Int(line), column: Int(column)))
    case .failure(let actual):
      expectNoDifference(actual, refusal, fileID: fileID, filePath: filePath, line: line, column: column)
    }
  }
}

@Suite struct RegistrationStateTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)  // 2026-11-27 10:00 JST
  static let device = "phone-1"
  static let registry = CustomerRegistry.bundledURL.flatMap { try? CustomerRegistry(contentsOf: $0) }
  static let hash = PasswordHash(algorithm: "test", iterations: 1, salt: "salt", hash: "hash")

  static func customer(_ number: String) throws -> Customer {
    try #require(registry?.customer(number: number))
  }

  private static func tester(_ context: RegistrationFlow.Context) -> TransitionTester<
    RegistrationFlow?, RegistrationFlow.Input, RegistrationFlow.Context, RegistrationFlow.Effect,
    RegistrationFlow.Refusal
  > {
    TransitionTester(state: nil, context: context) { state, input, context in
      RegistrationFlow.transition(state, input, context: context, now: now).map { ($0.0 as RegistrationFlow?, $0.1) }
    }
  }

  @Test func walkthroughAImmediateByBankTransferStateAfterEachInput() throws {
    let taro = try Self.customer("410012345678")
    var flow = Self.tester(RegistrationFlow.Context(device: Self.device, newFlowID: "flow-1"))
    let now = Self.now

    flow.send(.begin(onPC: false)) {
      $0 = RegistrationFlow(id: "flow-1", device: Self.device, onPC: false, now: now)
    }

    // Step 3: a refusal keeps nothing (the screen's draft holds the entries), then the right form.
    flow.refuse(
      .submitTerms(email: "taro@example", confirmation: "", agreed: false, notificationMail: false),
      RegistrationFlow.Refusal(
        .invalid(
          fields: Registrations.termsProblems(email: "taro@example", confirmation: "", agreed: false), form: nil)))
    flow.context.linkToken = "token-1"
    let digest = Token.digest("token-1")
    let pending = PendingRegistration(
      email: "taro@example.jp", tokenDigest: digest, notificationMail: true, createdAt: now,
      expiresAt: now.addingTimeInterval(24 * 3600))
    flow.send(
      .submitTerms(email: "taro@example.jp", confirmation: "taro@example.jp", agreed: true, notificationMail: true),
      effects: [
        .putPending(pending, usable: true),
        .send(
          OutboxMail(
            key: "1795741200-link-\(digest.prefix(24))", to: "taro@example.jp",
            subject: RegistrationWording.linkMailSubject,
            body: RegistrationWording.linkMailBody(
              url: RegistrationLink.url(token: "token-1"), expiresAt: now.addingTimeInterval(24 * 3600)),
            date: now)),
      ]
    ) {
      $0?.entries.email = "taro@example.jp"
      $0?.entries.emailConfirmation = "taro@example.jp"
      $0?.entries.agreed = true
      $0?.entries.notificationMail = true
      $0?.step = .mailSent
    }

    // Step 4 → 5-1: the link's pending sign-up is used, and the flow's time starts again from the link.
    flow.context.pending = pending
    var used = pending
    used.used = true
    flow.send(.openLink(digest: digest, onPC: false), effects: [.usePending(used)]) {
      $0?.verifiedEmail = "taro@example.jp"
      $0?.linkDigest = digest
      $0?.step = .customerInfo
    }
    // The same link again on this phone goes back into the flow: nothing changes, nothing is used up.
    flow.context.pending = used
    flow.send(.openLink(digest: digest, onPC: false))

    // Step 5-1: the registry's customer, matched by name and kind.
    flow.context.customer = taro
    let info = CustomerInfoInput(
      inquiryKind: .individual, contractName: taro.name, furigana: taro.kana, customerNumber: taro.customerNumber,
      postalCode: taro.postalCode, address: taro.address, phone: taro.phone)
    var wrongName = info
    wrongName.contractName = "北陸 次郎"
    flow.refuse(
      .submitCustomerInfo(wrongName),
      RegistrationFlow.Refusal(.invalid(fields: [:], form: RegistrationWording.customerMismatch)))
    flow.send(.submitCustomerInfo(info)) {
      $0?.entries.inquiryKind = .individual
      $0?.entries.contractName = "北陸　太郎"
      $0?.entries.furigana = "ホクリク　タロウ"
      $0?.entries.customerNumber = "410012345678"
      $0?.entries.postalCode = "9200981"
      $0?.entries.address = "石川県金沢市片町１丁目２番３号"
      $0?.entries.phone = "0762201234"
      $0?.customerNumber = "410012345678"
      $0?.step = .course
    }

    // Step 5-2 → 5-3.
    flow.send(.chooseCourse(.immediate)) {
      $0?.entries.course = .immediate
      $0?.step = .courseDetails
    }

    // Step 5-3: a wrong account number is counted for the customer and changes nothing else.
    func immediate(_ number: String) -> RegistrationFlow.Input {
      .submitImmediate(
        .init(
          method: .bankTransfer, number: number, password: "first-login-pass", passwordConfirmation: "first-login-pass")
      )
    }
    flow.context.initialPasswordHash = Self.hash
    flow.refuse(
      immediate("7654321"),
      RegistrationFlow.Refusal(
        .invalid(fields: [.paymentNumber: RegistrationWording.paymentMismatch(left: 4)], form: nil),
        effects: [.countPaymentMiss(customerNumber: "410012345678")]))
    flow.context.paymentMisses = 1
    flow.send(immediate("1234567")) {
      $0?.entries.paymentMethod = .bankTransfer
      $0?.paymentVerified = true
      $0?.initialPasswordHash = Self.hash
      $0?.step = .questions
    }

    // Step 6 → 7; 修正する goes back to 5-1 and undoes the payment check; forward again to 7.
    flow.refuse(
      .confirm, RegistrationFlow.Refusal(.outOfOrder(current: .questions)))
    flow.send(.submitQuestions(use: .detachedHouse, familySize: .two)) {
      $0?.entries.contractUse = .detachedHouse
      $0?.entries.familySize = .two
      $0?.step = .confirm
    }
    flow.send(.revise) {
      $0?.step = .customerInfo
      $0?.paymentVerified = false
      $0?.initialPasswordHash = nil
    }
    // Steps are never skipped: 5-1 was passed again, so 6 is not open from here.
    flow.refuse(
      .submitQuestions(use: .detachedHouse, familySize: .two),
      RegistrationFlow.Refusal(.outOfOrder(current: .customerInfo)))
    flow.send(.submitCustomerInfo(info)) { $0?.step = .course }
    flow.send(.chooseCourse(.immediate)) { $0?.step = .courseDetails }
    flow.send(immediate("1234567")) {
      $0?.paymentVerified = true
      $0?.initialPasswordHash = Self.hash
      $0?.step = .questions
    }
    flow.send(.submitQuestions(use: .detachedHouse, familySize: .two)) { $0?.step = .confirm }

    // Step 7: the account, with the 利用者ID issued from the candidate, and its mail, in one outcome.
    flow.context.userIDCandidate = "HKTEST23"
    let account = Account(
      userID: "HKTEST23", email: "taro@example.jp", customerNumber: "410012345678", initialPasswordHash: Self.hash,
      initialPasswordExpiresAt: now.addingTimeInterval(7 * 24 * 3600), notificationMail: true, course: .immediate,
      createdAt: now)
    flow.send(
      .confirm,
      effects: [
        .putAccount(account),
        .send(
          OutboxMail(
            key: "1795741200-userid-hktest23", to: "taro@example.jp", subject: RegistrationWording.userIDMailSubject,
            body: RegistrationWording.userIDMailBody(userID: "HKTEST23", course: .immediate), date: now)),
      ]
    ) {
      $0?.userID = "HKTEST23"
      $0?.step = .done
      $0?.initialPasswordHash = nil
    }
    // Done is done: a second 確定 (another window) is refused and issues nothing.
    flow.refuse(.confirm, RegistrationFlow.Refusal(.outOfOrder(current: .done)))
  }

  @Test func aPaymentSlipCustomerIsSwitchedToThePostcardCourseAndThatIsKept() throws {
    let ichiro = try Self.customer("410034567890")
    var context = RegistrationFlow.Context(device: Self.device, newFlowID: "flow-2")
    context.customer = ichiro
    var state = RegistrationFlow(id: "flow-2", device: Self.device, onPC: true, now: Self.now)
    state.step = .course
    state.customerNumber = ichiro.customerNumber
    let outcome = RegistrationFlow.transition(state, .chooseCourse(.immediate), context: context, now: Self.now)
    var kept = state
    kept.entries.course = .postcard
    expectNoDifference(
      outcome.map { $0.0 },
      .failure(
        RegistrationFlow.Refusal(
          .invalid(fields: [.course: RegistrationWording.paymentSlipNotEligible], form: nil), kept: kept)))
  }

  @Test func theFifthMissSwitchesToThePostcardCourseAndCountsTheMiss() throws {
    let taro = try Self.customer("410012345678")
    var context = RegistrationFlow.Context(device: Self.device, newFlowID: "flow-3")
    context.customer = taro
    context.paymentMisses = 4
    var state = RegistrationFlow(id: "flow-3", device: Self.device, onPC: false, now: Self.now)
    state.step = .courseDetails
    state.customerNumber = taro.customerNumber
    state.entries.course = .immediate
    let input = RegistrationFlow.Input.submitImmediate(
      .init(
        method: .bankTransfer, number: "7654321", password: "first-login-pass", passwordConfirmation: "first-login-pass"
      ))
    var kept = state
    kept.entries.course = .postcard
    kept.entries.paymentMethod = .bankTransfer
    expectNoDifference(
      RegistrationFlow.transition(state, input, context: context, now: Self.now).map { $0.0 },
      .failure(
        RegistrationFlow.Refusal(
          .invalid(fields: [:], form: RegistrationWording.paymentAttemptsExhausted), kept: kept,
          effects: [.countPaymentMiss(customerNumber: taro.customerNumber)])))
  }

  @Test func aRegisteredAddressGetsTheSameStateAndFilesButAMailWithoutALink() throws {
    var context = RegistrationFlow.Context(device: Self.device, newFlowID: "flow-4")
    context.linkToken = "token-4"
    context.emailHasAccount = true
    let state = RegistrationFlow(id: "flow-4", device: Self.device, onPC: false, now: Self.now)
    let input = RegistrationFlow.Input.submitTerms(
      email: DemoMember.email, confirmation: DemoMember.email, agreed: true, notificationMail: false)
    let digest = Token.digest("token-4")
    var expected = state
    expected.entries.email = DemoMember.email
    expected.entries.emailConfirmation = DemoMember.email
    expected.entries.agreed = true
    expected.step = .mailSent
    let outcome = RegistrationFlow.transition(state, input, context: context, now: Self.now)
    expectNoDifference(
      outcome.map { $0.0 }, .success(expected))
    expectNoDifference(
      try outcome.get().1,
      [
        .putPending(
          PendingRegistration(
            email: DemoMember.email, tokenDigest: digest, notificationMail: false, createdAt: Self.now,
            expiresAt: Self.now.addingTimeInterval(24 * 3600), used: true), usable: false),
        .send(
          OutboxMail(
            key: "1795741200-link-\(digest.prefix(24))", to: DemoMember.email,
            subject: RegistrationWording.linkMailSubject, body: RegistrationWording.alreadyRegisteredMailBody(),
            date: Self.now)),
      ])
  }

  @Test func beginningAgainKeepsTheAddressButStartsANewFlowAndAnExpiredFlowRefusesEverything() throws {
    var old = RegistrationFlow(id: "flow-old", device: Self.device, onPC: false, now: Self.now)
    old.entries.email = "taro@example.jp"
    old.entries.emailConfirmation = "taro@example.jp"
    old.entries.contractName = "北陸　太郎"
    old.step = .questions
    let context = RegistrationFlow.Context(device: Self.device, newFlowID: "flow-new")
    var expected = RegistrationFlow(id: "flow-new", device: Self.device, onPC: true, now: Self.now)
    expected.entries.email = "taro@example.jp"
    expected.entries.emailConfirmation = "taro@example.jp"
    expectNoDifference(
      RegistrationFlow.transition(old, .begin(onPC: true), context: context, now: Self.now).map { $0.0 },
      .success(expected))
    let later = Self.now.addingTimeInterval(24 * 3600)
    expectNoDifference(
      RegistrationFlow.transition(old, .submitQuestions(use: .other, familySize: .one), context: context, now: later)
        .map { $0.0 },
      .failure(RegistrationFlow.Refusal(.expired)))
  }
}

@Suite struct RecoveryStateTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)
  static let prepared = RecoveryFlow.Prepared(token: "reset-token", decoyUserID: "HKDECOY2", mailName: "mail-1")
  static let member = Account(
    userID: "HKDEMU27", email: "demo@example.jp", customerNumber: "410000000001", course: .immediate,
    createdAt: Date(timeIntervalSince1970: 0))

  @Test func aResetIsRequestedThenUsedOnceAndTheStateAfterEachIsWhole() throws {
    let digest = Token.digest("reset-token")
    var context = RecoveryFlow.Context(prepared: Self.prepared, account: Self.member, previousRequestID: "older")
    let request = RecoveryFlow(
      id: digest, userID: "HKDEMU27", createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(24 * 3600),
      used: false)
    let asked = RecoveryFlow.transition(
      nil, .requestReset(userID: "HKDEMU27", email: "DEMO@example.jp"), context: context, now: Self.now)
    expectNoDifference(
      try asked.get().0, request)
    expectNoDifference(
      try asked.get().1,
      [
        .replaceRequest(request, indexKey: "HKDEMU27", previous: "older"),
        .send(
          OutboxMail(
            key: "1795741200-reset-\(digest.prefix(24))", to: "demo@example.jp", subject: Recoveries.resetSubject,
            body: Recoveries.resetBody("reset-token"), date: Self.now)),
      ])

    context.prepared.newPasswordHash = PasswordHash(algorithm: "test", iterations: 1, salt: "s", hash: "h")
    let reset = RecoveryFlow.transition(
      request, .reset(digest: digest, password: "a-new-password-9"), context: context, now: Self.now)
    var usedRequest = request
    usedRequest.used = true
    var changed = Self.member
    changed.passwordHash = context.prepared.newPasswordHash
    expectNoDifference(try reset.get().0, usedRequest)
    expectNoDifference(try reset.get().1, [.putRequest(usedRequest), .putAccount(changed)])
    // The link is used up: the same input again is refused, whatever the password.
    expectNoDifference(
      RecoveryFlow.transition(
        usedRequest, .reset(digest: digest, password: "a-new-password-9"), context: context, now: Self.now
      ).map { $0.0 },
      .failure(.linkInvalid))
  }

  @Test func anUnmatchedRequestHasEffectsOfTheSameShapeThatMailNobody() throws {
    let digest = Token.digest("reset-token")
    let context = RecoveryFlow.Context(prepared: Self.prepared, account: Self.member)
    let asked = RecoveryFlow.transition(
      nil, .requestReset(userID: "HKDEMU27", email: "nobody@example.jp"), context: context, now: Self.now)
    let decoy = RecoveryFlow(
      id: digest, userID: "HKDEMU27", createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(24 * 3600),
      used: true)
    expectNoDifference(
      try asked.get().1,
      [
        .replaceRequest(decoy, indexKey: Recoveries.decoyKey("HKDEMU27"), previous: nil),
        .send(
          OutboxMail(
            key: "1795741200-reset-\(digest.prefix(24))", to: "nobody@example.jp", subject: Recoveries.resetSubject,
            body: Recoveries.resetBody("reset-token"), date: Self.now, decoy: true)),
      ])
    let userID = RecoveryFlow.transition(
      nil, .requestUserID(customerNumber: "410099999999", email: "nobody@example.jp"),
      context: RecoveryFlow.Context(prepared: Self.prepared), now: Self.now)
    expectNoDifference(
      try userID.get().1,
      [
        .send(
          OutboxMail(
            key: "1795741200-userid-mail-1", to: "nobody@example.jp", subject: Recoveries.userIDSubject,
            body: Recoveries.userIDBody("HKDECOY2"), date: Self.now, decoy: true))
      ])
  }
}

@Suite struct LoginStateTests {
  static let now = Date(timeIntervalSince1970: 1_795_741_200)
  static let initial = PasswordHash(algorithm: "test", iterations: 1, salt: "i", hash: "initial")
  static let chosen = PasswordHash(algorithm: "test", iterations: 1, salt: "n", hash: "new")
  static let keywords = (0..<3).map { PasswordHash(algorithm: "test", iterations: 1, salt: "k\($0)", hash: "kw") }

  static func session(notice: Bool, mustChange: Bool, initial: PasswordHash?) -> LoginFlow {
    LoginFlow(
      userID: "HKTEST23", channel: .app, startedAt: now, deviceWasKnown: false, noticeSeen: notice,
      mustChangePassword: mustChange, initialPasswordHash: initial, challengeIndex: nil, challengePassed: false)
  }

  /// A first login with the initial password: the notice, step 12, step 13, step 14, each only when it is due;
  /// the whole session and the account written after each.
  @Test func aFirstLoginGoesThroughEveryRequiredActionInOrder() throws {
    var account = Account(
      userID: "HKTEST23", email: "taro@example.jp", customerNumber: "410012345678", initialPasswordHash: Self.initial,
      initialPasswordExpiresAt: Self.now.addingTimeInterval(3600), course: .immediate, createdAt: Self.now)
    let context = LoginFlow.Context(account: account)
    var tester = TransitionTester<LoginFlow, LoginFlow.Input, LoginFlow.Context, LoginFlow.Effect, LoginFlow.Refusal>(
      state: Self.session(notice: false, mustChange: true, initial: Self.initial), context: context
    ) { state, input, context in LoginFlow.transition(state, input, context: context, now: Self.now) }

    tester.refuse(
      .setKeywords("はなこ", "ぽち", "かなざわ", deviceToken: "t"),
      .login(.outOfOrder(expected: .firstLoginNotice)))
    tester.send(.acknowledgeNotice) { $0 = Self.session(notice: true, mustChange: true, initial: Self.initial) }

    // Step 12: the same as the initial password is refused; a new one ends the initial password.
    tester.context.sameAsInitial = true
    tester.refuse(
      .setNewPassword(password: "hokuriku-2026", confirmation: "hokuriku-2026"),
      .newPassword(.sameAsInitial))
    tester.context.sameAsInitial = false
    tester.context.newPasswordHash = Self.chosen
    account.passwordHash = Self.chosen
    account.initialPasswordHash = nil
    account.initialPasswordExpiresAt = nil
    tester.send(
      .setNewPassword(password: "hokuriku-2026", confirmation: "hokuriku-2026"), effects: [.putAccount(account)]
    ) { $0 = Self.session(notice: true, mustChange: false, initial: nil) }

    // Step 13: the keywords (hashed before the lock) and this device becomes known.
    tester.context.account = account
    tester.context.keywordHashes = Self.keywords
    account.keywordHashes = Self.keywords
    account.rememberDevice(token: "device-token")
    tester.send(.setKeywords("はなこ", "ぽち", "かなざわ", deviceToken: "device-token"), effects: [.putAccount(account)])

    // Step 14 (app): a refused field, then the profile.
    tester.context.account = account
    tester.refuse(
      .setProfile(nickname: "たろう", birthMonth: "1985/04", gender: nil, postalCode: "9200981"),
      .profile(ProfileProblem(field: .gender, reason: Reason(ja: "性別を選択してください", en: "Choose a gender option"))))
    account.profile = Account.Profile(
      nickname: "たろう", birthYear: 1985, birthMonth: 4, gender: Gender.male.rawValue, postalCode: "9200981")
    tester.send(
      .setProfile(nickname: "たろう", birthMonth: "1985/04", gender: .male, postalCode: "9200981"),
      effects: [.putAccount(account)])
    tester.context.account = account
    expectNoDifference(Logins.next(tester.state, account: account), nil)
  }

  /// 「ログイン」 and the keyword check as inputs, from no state: wrong verdicts counted up to the limit, then locked
  /// whatever the verdict (nothing more counted); a verdict made against changed hashes (or none) is refused to be made
  /// again; a right one opens the login. The keyword check counts, the fifth locks both, and a right keyword passes.
  @Test func logInAndTheKeywordCheckCountFailuresAndLockAtTheLimit() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let password = PasswordHash(algorithm: "test", iterations: 1, salt: "p", hash: "password")
    var account = Account(
      userID: "HKTEST23", email: "taro@example.jp", customerNumber: "410012345678", passwordHash: password,
      course: .immediate, createdAt: Self.now)
    account.keywordHashes = Self.keywords
    var attempts = try LoginAttempts(typedID: "hktest23", in: store)
    var context = LoginFlow.Context(account: account)
    context.attempts = attempts
    context.passwordCheck = LoginFlow.PasswordCheck(
      verdict: .wrong, accountExisted: true, passwordHash: password, initialPasswordHash: nil)
    context.challengePick = 2
    var tester = TransitionTester<
      LoginFlow?, LoginFlow.Input, LoginFlow.Context, LoginFlow.Effect, LoginFlow.Refusal
    >(state: nil, context: context) { state, input, context in
      LoginFlow.transition(state, input, context: context, now: Self.now).map { ($0.0 as LoginFlow?, $0.1) }
    }
    let logIn = LoginFlow.Input.logIn(typedID: "hktest23", deviceToken: "new-phone", channel: .app)

    tester.refuse(.acknowledgeNotice, .login(.outOfOrder(expected: nil)))
    for count in 1..<Assumptions.lockoutThreshold {
      attempts.failedPasswordCount = count
      tester.refuse(logIn, .password(.wrong, kept: [.putAttempts(attempts)]))
      tester.context.attempts = attempts
    }
    // The fifth wrong one locks; from then on even the right password is locked and nothing is counted.
    attempts.failedPasswordCount = Assumptions.lockoutThreshold
    attempts.lockedUntil = Self.now.addingTimeInterval(Assumptions.lockoutDuration)
    tester.refuse(logIn, .password(.locked, kept: [.putAttempts(attempts)]))
    tester.context.attempts = attempts
    tester.context.passwordCheck?.verdict = .password
    tester.refuse(logIn, .password(.locked, kept: []))

    // A reset ended the lock: a verdict made against another hash, or none, must be made again.
    attempts.recordSuccess()
    tester.context.attempts = attempts
    tester.context.passwordCheck?.passwordHash = Self.chosen
    tester.refuse(logIn, .password(.changedMeanwhile, kept: []))
    tester.context.passwordCheck?.passwordHash = password
    tester.context.passwordCheck?.verdict = .notChecked
    tester.refuse(logIn, .password(.changedMeanwhile, kept: []))
    tester.context.passwordCheck?.verdict = .password
    func opened(notice: Bool, passed: Bool) -> LoginFlow {
      LoginFlow(
        userID: "HKTEST23", channel: .app, startedAt: Self.now, deviceWasKnown: false, noticeSeen: notice,
        mustChangePassword: false, initialPasswordHash: nil, challengeIndex: 2, challengePassed: passed)
    }
    tester.send(logIn) { $0 = opened(notice: false, passed: false) }
    tester.send(.acknowledgeNotice) { $0 = opened(notice: true, passed: false) }

    // The keyword check: four wrong counted on the account, the fifth locks the keywords and the password login.
    let answer = LoginFlow.Input.answerChallenge(deviceToken: "new-phone")
    tester.context.keywordCheck = LoginFlow.KeywordCheck(right: false, against: Self.keywords[2])
    for count in 1..<Assumptions.keywordLockoutThreshold {
      account.failedKeywordCount = count
      tester.refuse(answer, .keywordAnswer(.wrong, kept: [.putAccount(account)]))
      tester.context.account = account
    }
    let until = Self.now.addingTimeInterval(Assumptions.lockoutDuration)
    account.failedKeywordCount = Assumptions.keywordLockoutThreshold
    account.keywordLockedUntil = until
    attempts.lockedUntil = until
    tester.refuse(answer, .keywordAnswer(.locked, kept: [.putAccount(account), .putAttempts(attempts)]))
    tester.context.account = account
    tester.context.attempts = attempts
    tester.context.keywordCheck?.right = true
    tester.refuse(answer, .keywordAnswer(.locked, kept: []))

    // The lock over: a verdict against another keyword is made again; the right one passes and remembers the device.
    account.keywordLockedUntil = nil
    account.failedKeywordCount = 0
    tester.context.account = account
    tester.context.keywordCheck?.against = Self.keywords[0]
    tester.refuse(answer, .keywordAnswer(.changedMeanwhile, kept: []))
    tester.context.keywordCheck?.against = Self.keywords[2]
    account.rememberDevice(token: "new-phone")
    tester.send(answer, effects: [.putAccount(account)]) { $0 = opened(notice: true, passed: true) }
    tester.refuse(answer, .login(.outOfOrder(expected: .profile)))

    // An unknown ID: the same count and the same words as a real one.
    var unknown = LoginFlow.Context(account: nil)
    unknown.attempts = try LoginAttempts(typedID: "HKZZZZ99", in: store)
    unknown.passwordCheck = LoginFlow.PasswordCheck(
      verdict: .wrong, accountExisted: false, passwordHash: nil, initialPasswordHash: nil)
    var counted = try LoginAttempts(typedID: "HKZZZZ99", in: store)
    counted.failedPasswordCount = 1
    expectNoDifference(
      LoginFlow.transition(
        nil, .logIn(typedID: "HKZZZZ99", deviceToken: "d", channel: .app), context: unknown, now: Self.now
      ).map { $0.0 },
      .failure(.password(.wrong, kept: [.putAttempts(counted)])))
  }

  /// Two logins with the initial password open at once: only the first step 12 counts; the other must start again.
  @Test func aSecondStep12WithTheSameInitialPasswordIsRefused() {
    let account = Account(
      userID: "HKTEST23", email: "taro@example.jp", customerNumber: "410012345678", passwordHash: Self.chosen,
      course: .immediate, createdAt: Self.now)
    var context = LoginFlow.Context(account: account)
    context.newPasswordHash = Self.chosen
    let state = Self.session(notice: true, mustChange: true, initial: Self.initial)
    expectNoDifference(
      LoginFlow.transition(
        state, .setNewPassword(password: "hokuriku-2026", confirmation: "hokuriku-2026"), context: context,
        now: Self.now
      ).map { $0.0 },
      .failure(.login(.expired)))
    expectNoDifference(
      LoginFlow.transition(state, .acknowledgeNotice, context: context, now: Self.now.addingTimeInterval(3 * 3600))
        .map { $0.0 },
      .failure(.login(.expired)))
  }
}
