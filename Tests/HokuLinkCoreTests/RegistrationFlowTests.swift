import Foundation
import Testing

@testable import HokuLinkCore

/// A data folder, the sign-up transitions and a fixed clock that tests move by hand.
private final class SignUpWorld {
  let folder = TemporaryDataFolder()
  let store: Store
  let registrations: Registrations
  var now = Date(timeIntervalSince1970: 1_795_741_200)  // 2026-11-27 10:00 JST
  let device = "test-phone"

  init(afterAccountStaged: (@Sendable () throws -> Void)? = nil) throws {
    store = try folder.store()
    registrations = Registrations(store: store, afterAccountStaged: afterAccountStaged)
  }

  deinit { folder.remove() }

  var flow: RegistrationFlow? { try? registrations.flow(device: device) }

  func customer(_ number: String) throws -> Customer {
    try #require(try store.customerRegistry().customer(number: number))
  }

  /// Step 3 and the link, for `email`; returns the mailed link.
  @discardableResult
  func reachStep5(email: String, on device: String? = nil) throws -> RegistrationFlow {
    let device = device ?? self.device
    try registrations.begin(device: device, onPC: false, now: now)
    try registrations.submitTerms(
      device: device, email: email, confirmation: email, agreed: true, notificationMail: false, now: now)
    let link = try #require(try latestLink(for: email))
    return try #require(try registrations.openLink(link, device: device, onPC: false, now: now))
  }

  /// The link of the mail that arrived last: the one not among the links seen so far.
  func latestLink(for email: String) throws -> String? {
    let links = try registrations.mailbox.messages(for: email).flatMap(\.links)
    let fresh = links.filter { !seenLinks.contains($0) }
    seenLinks.formUnion(links)
    return fresh.first
  }

  private var seenLinks: Set<String> = []

  func info(for customer: Customer, kind: InquiryKind? = nil, name: String? = nil, number: String? = nil)
    -> CustomerInfoInput
  {
    CustomerInfoInput(
      inquiryKind: kind ?? (customer.kind == .individual ? .individual : .corporation),
      contractName: name ?? customer.name, furigana: customer.kana, customerNumber: number ?? customer.customerNumber,
      postalCode: customer.postalCode, address: customer.address, phone: customer.phone)
  }

  /// Steps 5-1 to 6 for a customer, by the course the payment allows (with the right number).
  func reachConfirm(_ customer: Customer, device: String? = nil) throws {
    let device = device ?? self.device
    try registrations.submitCustomerInfo(device: device, info(for: customer), now: now)
    switch customer.payment.method {
    case .paymentSlip:
      try registrations.chooseCourse(device: device, .postcard, now: now)
      try registrations.submitPostcard(device: device, destination: .contractAddress, now: now)
    case .bankTransfer, .creditCard:
      try registrations.chooseCourse(device: device, .immediate, now: now)
      let card = customer.payment.method == .creditCard
      try registrations.submitImmediate(
        device: device, method: card ? .creditCard : .bankTransfer,
        number: (card ? customer.payment.cardLast4 : customer.payment.accountNumber) ?? "",
        password: "first-login-pass", passwordConfirmation: "first-login-pass", now: now)
    }
    try registrations.submitQuestions(device: device, use: .detachedHouse, familySize: .two, now: now)
  }
}

private func lastDigitChanged(_ customer: Customer) -> String {
  String(((customer.customerNumber.last?.wholeNumberValue ?? 0) + 1) % 10)
}

private func refusal(_ body: () throws -> Void) -> RegistrationRefusal? {
  do {
    try body()
    return nil
  } catch let refusal as RegistrationRefusal {
    return refusal
  } catch {
    Issue.record("unexpected error \(error)")
    return nil
  }
}

@Suite struct RegistrationFlowTests {
  @Test func stepsOnlyMoveForward() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.registrations.begin(device: world.device, onPC: false, now: world.now)
    #expect(
      refusal {
        try world.registrations.submitCustomerInfo(device: world.device, world.info(for: taro), now: world.now)
      }
        == .outOfOrder(current: .terms))
    try world.reachStep5(email: "taro@example.jp")
    #expect(
      refusal {
        try world.registrations.submitQuestions(device: world.device, use: .other, familySize: .one, now: world.now)
      }
        == .outOfOrder(current: .customerInfo))
    #expect(
      refusal { try world.registrations.confirm(device: world.device, now: world.now) }
        == .outOfOrder(current: .customerInfo))
    try world.reachConfirm(taro)
    #expect(world.flow?.step == .confirm)
    // Back only by 修正する, to step 5-1, with every entry kept and the secret-derived state undone.
    let revised = try world.registrations.revise(device: world.device, now: world.now)
    #expect(revised.step == .customerInfo)
    #expect(revised.entries.contractName == "北陸　太郎")
    #expect(revised.entries.course == .immediate)
    #expect(revised.initialPasswordHash == nil && !revised.paymentVerified)
    try world.reachConfirm(taro)
    let done = try world.registrations.confirm(device: world.device, now: world.now)
    #expect(done.step == .done)
    #expect(
      refusal { try world.registrations.confirm(device: world.device, now: world.now) } == .outOfOrder(current: .done))
    #expect(
      refusal { try world.registrations.revise(device: world.device, now: world.now) } == .outOfOrder(current: .done))
  }

  @Test func aFlowExpiresAndMustStartAgain() throws {
    let world = try SignUpWorld()
    try world.reachStep5(email: "taro@example.jp")
    #expect(try world.registrations.flowInProgress(device: world.device, now: world.now) != nil)
    world.now += Assumptions.registrationFlowLifetime
    #expect(try world.registrations.flowInProgress(device: world.device, now: world.now) == nil)
    let taro = try world.customer("410012345678")
    #expect(
      refusal {
        try world.registrations.submitCustomerInfo(device: world.device, world.info(for: taro), now: world.now)
      }
        == .expired)
  }

  @Test func aLinkWorksOnceFor24HoursAndANewRequestVoidsTheOldOne() throws {
    let world = try SignUpWorld()
    let email = "link@example.jp"
    let regs = world.registrations
    try regs.begin(device: world.device, onPC: false, now: world.now)
    try regs.submitTerms(
      device: world.device, email: email, confirmation: email, agreed: true, notificationMail: false, now: world.now)
    let first = try #require(try world.latestLink(for: email))
    #expect(first.hasPrefix("hokulink://register?token="))
    // Asking again (from step 4) voids the first link.
    try regs.submitTerms(
      device: world.device, email: email, confirmation: email, agreed: true, notificationMail: true, now: world.now)
    let second = try #require(try world.latestLink(for: email))
    #expect(first != second)
    #expect(try regs.openLink(first, device: world.device, onPC: false, now: world.now) == nil)
    // The new one starts a flow once: again on this phone it goes back into that flow (SPEC §6), elsewhere
    // it is used.
    let flow = try #require(try regs.openLink(second, device: world.device, onPC: false, now: world.now))
    #expect(flow.step == .customerInfo && flow.verifiedEmail == email && flow.entries.notificationMail)
    #expect(try regs.openLink(second, device: world.device, onPC: false, now: world.now)?.id == flow.id)
    #expect(try regs.openLink(second, device: "another-phone", onPC: false, now: world.now) == nil)
    // A third link, opened after 24 simulated hours, no longer works.
    try regs.begin(device: world.device, onPC: false, now: world.now)
    try regs.submitTerms(
      device: world.device, email: email, confirmation: email, agreed: true, notificationMail: false, now: world.now)
    let third = try #require(try world.latestLink(for: email))
    #expect(try regs.openLink(third, device: world.device, onPC: false, now: world.now + 24 * 3600) == nil)
    #expect(
      try regs.openLink("hokulink://register?token=not-a-real-token", device: world.device, onPC: false, now: world.now)
        == nil)
  }

  @Test func anAddressWithAnAccountGetsTheSameScreenAndAMailSayingSo() throws {
    let world = try SignUpWorld()
    let regs = world.registrations
    try regs.begin(device: world.device, onPC: false, now: world.now)
    let known = try regs.submitTerms(
      device: world.device, email: DemoMember.email, confirmation: DemoMember.email, agreed: true,
      notificationMail: false, now: world.now)
    try regs.begin(device: "other", onPC: false, now: world.now)
    let unknown = try regs.submitTerms(
      device: "other", email: "new@example.jp", confirmation: "new@example.jp", agreed: true, notificationMail: false,
      now: world.now)
    #expect(known.step == .mailSent && unknown.step == .mailSent)
    let mail = try #require(try regs.mailbox.messages(for: DemoMember.email).first)
    let other = try #require(try regs.mailbox.messages(for: "new@example.jp").first)
    #expect(mail.subject == other.subject)
    #expect(mail.links.isEmpty)
    #expect(mail.body.contains("すでにほくリンクに登録されています"))
    #expect(mail.body.contains("0120-896950"))
    #expect(other.links.count == 1)
  }

  @Test func step3RefusesBadFieldsWithAReasonEach() throws {
    let world = try SignUpWorld()
    try world.registrations.begin(device: world.device, onPC: false, now: world.now)
    let refused = refusal {
      try world.registrations.submitTerms(
        device: world.device, email: "a@b@c", confirmation: "x@y", agreed: false, notificationMail: false,
        now: world.now)
    }
    #expect(Set(refused?.fieldReasons.keys.map { $0 } ?? []) == [.email, .emailConfirmation, .agreement])
    #expect(world.flow?.step == .terms)
  }

  @Test func everyCustomerMismatchIsWordedTheSame() throws {
    let world = try SignUpWorld()
    try world.reachStep5(email: "taro@example.jp")
    let taro = try world.customer("410012345678")
    let wrongs = [
      world.info(for: taro, name: "北陸 次郎"),
      world.info(for: taro, kind: .corporation),
      world.info(for: taro, number: "410099999999"),
      world.info(for: taro, number: "410023456789"),  // an existing number with another's name
    ]
    for input in wrongs {
      let refused = refusal { try world.registrations.submitCustomerInfo(device: world.device, input, now: world.now) }
      #expect(refused == .invalid(fields: [:], form: RegistrationWording.customerMismatch))
    }
    // The name matches with any spacing; the flow then moves on.
    try world.registrations.submitCustomerInfo(
      device: world.device, world.info(for: taro, name: "北陸太郎"), now: world.now)
    #expect(world.flow?.step == .course)
  }

  @Test func aCustomerWhoIsAlreadyAMemberIsToldSoWithTheSupportLine() throws {
    let world = try SignUpWorld()
    try world.reachStep5(email: "jiro2@example.jp")
    let jiro = try world.customer(DemoMember.customerNumber)
    let refused = refusal {
      try world.registrations.submitCustomerInfo(device: world.device, world.info(for: jiro), now: world.now)
    }
    #expect(refused == .invalid(fields: [:], form: RegistrationWording.customerAlreadyMember))
    #expect(refused?.formReason?.ja.contains("0120-896950") == true)
  }

  @Test func fivePaymentMissesLeaveOnlyTheRegularCourseForThatCustomer() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.reachStep5(email: "taro@example.jp")
    try world.registrations.submitCustomerInfo(device: world.device, world.info(for: taro), now: world.now)
    try world.registrations.chooseCourse(device: world.device, .immediate, now: world.now)
    for attempt in 1...Assumptions.paymentCheckAttempts {
      let wrongMethod = attempt == 2  // the right number under the wrong method is a miss too
      let refused = refusal {
        try world.registrations.submitImmediate(
          device: world.device, method: wrongMethod ? .creditCard : .bankTransfer,
          number: wrongMethod ? "4242" : "7654321",
          password: "first-login-pass", passwordConfirmation: "first-login-pass", now: world.now)
      }
      if attempt < Assumptions.paymentCheckAttempts {
        #expect(
          refused?.fieldReasons[.paymentNumber]
            == RegistrationWording.paymentMismatch(left: Assumptions.paymentCheckAttempts - attempt))
      } else {
        #expect(refused?.formReason == RegistrationWording.paymentAttemptsExhausted)
      }
    }
    #expect(try world.registrations.paymentMisses(customerNumber: taro.customerNumber) == 5)
    let flow = try #require(world.flow)
    #expect(flow.entries.course == .postcard)
    #expect(try world.registrations.courses(for: flow).courses == [.postcard])
    // Even the right number is refused now, and another device for the same customer gets only 通常 too.
    #expect(
      refusal {
        try world.registrations.submitImmediate(
          device: world.device, method: .bankTransfer, number: "1234567", password: "first-login-pass",
          passwordConfirmation: "first-login-pass", now: world.now)
      } != nil)
    try world.reachStep5(email: "taro2@example.jp", on: "second-phone")
    try world.registrations.submitCustomerInfo(device: "second-phone", world.info(for: taro), now: world.now)
    #expect(
      refusal { try world.registrations.chooseCourse(device: "second-phone", .immediate, now: world.now) }?
        .fieldReasons[
          .course] == RegistrationWording.paymentAttemptsExhausted)
  }

  /// The limit is decided in the transaction that counts: attempts racing each other never get past it,
  /// and once it is reached the right number is refused.
  @Test func parallelPaymentAttemptsNeverGetPastTheLimit() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    let devices = (0..<6).map { "phone-\($0)" }
    for (index, device) in devices.enumerated() {
      try world.reachStep5(email: "taro\(index)@example.jp", on: device)
      try world.registrations.submitCustomerInfo(device: device, world.info(for: taro), now: world.now)
      try world.registrations.chooseCourse(device: device, .immediate, now: world.now)
    }
    let registrations = world.registrations
    let now = world.now
    DispatchQueue.concurrentPerform(iterations: 24) { attempt in
      _ = try? registrations.submitImmediate(
        device: devices[attempt % devices.count], method: .bankTransfer, number: "7654321",
        password: "first-login-pass", passwordConfirmation: "first-login-pass", now: now)
    }
    #expect(try registrations.paymentMisses(customerNumber: taro.customerNumber) == Assumptions.paymentCheckAttempts)
    // Reach 5-3 again with the limit spent and a stale screen: the right number is still refused.
    try world.reachStep5(email: "taro-late@example.jp", on: "late-phone")
    try world.registrations.submitCustomerInfo(device: "late-phone", world.info(for: taro), now: world.now)
    var flow = try #require(try world.registrations.flow(device: "late-phone"))
    flow.entries.course = .immediate
    flow.step = .courseDetails
    let stale = flow
    try world.store.update { try $0.put(stale) }
    #expect(
      refusal {
        try world.registrations.submitImmediate(
          device: "late-phone", method: .bankTransfer, number: "1234567", password: "first-login-pass",
          passwordConfirmation: "first-login-pass", now: world.now)
      }?.formReason == RegistrationWording.paymentAttemptsExhausted)
    #expect(try world.registrations.flow(device: "late-phone")?.paymentVerified == false)
  }

  @Test func aPaymentSlipCustomerIsToldWhyTheInstantCourseIsNotPossible() throws {
    let world = try SignUpWorld()
    let ichiro = try world.customer("410034567890")
    try world.reachStep5(email: "ichiro@example.jp")
    try world.registrations.submitCustomerInfo(device: world.device, world.info(for: ichiro), now: world.now)
    let flow = try #require(world.flow)
    let offer = try world.registrations.courses(for: flow)
    #expect(offer.courses == [.postcard])
    #expect(offer.why == RegistrationWording.paymentSlipNotEligible)
    #expect(
      refusal { try world.registrations.chooseCourse(device: world.device, .immediate, now: world.now) }?.fieldReasons[
        .course] == RegistrationWording.paymentSlipNotEligible)
  }

  @Test func thePostcardWithTheInitialPasswordArrivesSevenDaysLater() throws {
    let world = try SignUpWorld()
    let ichiro = try world.customer("410034567890")
    try world.reachStep5(email: "ichiro@example.jp")
    try world.reachConfirm(ichiro)
    let done = try world.registrations.confirm(device: world.device, now: world.now)
    let outbox = PostcardOutbox(store: world.store)
    #expect(try outbox.arrived(at: world.now + 7 * 86_400 - 1).isEmpty)
    let card = try #require(try outbox.arrived(at: world.now + 7 * 86_400).first)
    #expect(card.customerNumber == ichiro.customerNumber && card.address == ichiro.address)
    let line = try #require(card.body.split(separator: "\n").first { $0.hasPrefix("初回ログインパスワード: ") })
    let password = String(line.dropFirst("初回ログインパスワード: ".count))
    let userID = try #require(done.userID)
    let account = try #require(try world.store.account(userID: userID))
    #expect(account.course == .postcard)
    #expect(world.store.hasher.verify(password, against: try #require(account.initialPasswordHash)))
  }

  @Test func confirmingMailsTheUserIDAndNeverKeepsSecretsInTheFlow() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.reachStep5(email: "taro@example.jp")
    try world.reachConfirm(taro)
    let flowFile = world.store.folder.appendingPathComponent(
      "\(RegistrationFlow.kind)/\(RegistrationFlow.recordID(device: world.device)).json")
    let text = try String(contentsOf: flowFile, encoding: .utf8)
    #expect(!text.contains("first-login-pass"))
    #expect(!text.contains("\"1234567\""))  // the account number (the customer number holds these digits too)
    let done = try world.registrations.confirm(device: world.device, now: world.now)
    let userID = try #require(done.userID)
    #expect(try world.registrations.mailbox.outbox().isEmpty)
    let mail = try #require(
      try world.registrations.mailbox.messages(for: "taro@example.jp").first {
        $0.subject == RegistrationWording.userIDMailSubject
      })
    #expect(mail.body.contains("利用者ID: \(userID)"))
    let account = try #require(try world.store.account(customerNumber: taro.customerNumber))
    #expect(account.userID == userID && account.email == "taro@example.jp" && account.course == .immediate)
    #expect(world.store.hasher.verify("first-login-pass", against: try #require(account.initialPasswordHash)))
  }

  /// A failure injected between the account's writes and the rest of the step-7 transaction leaves no
  /// trace: no account file, no index entry, no postcard, the flow still at step 7; a retry then succeeds.
  @Test func confirmingIsOneAtomicStep() throws {
    struct Injected: Error {}
    let world = try SignUpWorld(afterAccountStaged: { throw Injected() })
    let ichiro = try world.customer("410034567890")
    try world.reachStep5(email: "ichiro@example.jp")
    try world.reachConfirm(ichiro)
    let before = Set(world.folder.allFiles().map(\.path))
    #expect(throws: Injected.self) { try world.registrations.confirm(device: world.device, now: world.now) }
    #expect(Set(world.folder.allFiles().map(\.path)) == before)
    #expect(try world.store.account(customerNumber: ichiro.customerNumber) == nil)
    #expect(try world.store.account(email: "ichiro@example.jp") == nil)
    #expect(try PostcardOutbox(store: world.store).all().isEmpty)
    #expect(world.flow?.step == .confirm)
    let retry = Registrations(store: world.store)
    let done = try retry.confirm(device: world.device, now: world.now)
    #expect(try world.store.account(customerNumber: ichiro.customerNumber)?.userID == done.userID)
    #expect(try PostcardOutbox(store: world.store).all().count == 1)
  }

  /// A delivery that fails after the commit leaves the mail in the outbox, not lost: the step is done, and any
  /// process that opens the store next (another device's, a `hokulink mail`) delivers it, once.
  @Test func aUserIDMailLeftInTheOutboxIsDeliveredOnceByTheNextProcessThatOpensTheStore() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.reachStep5(email: "taro@example.jp")
    try world.reachConfirm(taro)
    let box = world.registrations.mailbox.maildir(for: "taro@example.jp")
    let aside = box.deletingLastPathComponent().appendingPathComponent("aside")
    try FileManager.default.moveItem(at: box, to: aside)
    FileManager.default.createFile(atPath: box.path, contents: Data())
    let done = try world.registrations.confirm(device: world.device, now: world.now)
    #expect(done.step == .done)
    #expect(try world.registrations.mailbox.outbox().count == 1)
    try FileManager.default.removeItem(at: box)
    try FileManager.default.moveItem(at: aside, to: box)
    for _ in 0..<2 { _ = try Store(folder: world.store.folder, kdf: world.store.kdf) }
    let subjects = try world.registrations.mailbox.messages(for: "taro@example.jp").map(\.subject)
    #expect(subjects.filter { $0 == RegistrationWording.userIDMailSubject }.count == 1)
    #expect(try world.registrations.mailbox.outbox().isEmpty)
  }

  @Test func theDraftsEntriesAreKeptAtAnyStepButOnlyForTheSameFlow() throws {
    let world = try SignUpWorld()
    let flow = try world.reachStep5(email: "taro@example.jp")
    var entries = flow.entries
    entries.contractName = "北陸"
    try world.registrations.keepEntries(device: world.device, flowID: flow.id, entries, now: world.now)
    #expect(world.flow?.entries.contractName == "北陸")
    #expect(world.flow?.step == .customerInfo)
    // A draft of an older flow on this device (started again elsewhere) never overwrites the new one.
    entries.email = "stale@example.jp"
    try world.registrations.keepEntries(device: world.device, flowID: "an-older-flow", entries, now: world.now)
    #expect(world.flow?.entries.email == "taro@example.jp")
  }

  /// Esc back a screen and forward again: an earlier step may be passed again from a later one, never skipped.
  @Test func anEarlierStepCanBePassedAgainFromALaterOne() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.reachStep5(email: "taro@example.jp")
    try world.reachConfirm(taro)
    let again = try world.registrations.submitCustomerInfo(device: world.device, world.info(for: taro), now: world.now)
    #expect(again.step == .course)
    let course = try world.registrations.chooseCourse(device: world.device, .immediate, now: world.now)
    #expect(course.step == .courseDetails)
    #expect(
      refusal { try world.registrations.confirm(device: world.device, now: world.now) }
        == .outOfOrder(current: .courseDetails))
  }

  /// The same link on the same phone goes back into its flow wherever it is; on another phone it is used.
  @Test func theSameLinkAgainGoesBackIntoItsFlowOnlyOnTheSamePhone() throws {
    let world = try SignUpWorld()
    let taro = try world.customer("410012345678")
    try world.registrations.begin(device: world.device, onPC: false, now: world.now)
    try world.registrations.submitTerms(
      device: world.device, email: "taro@example.jp", confirmation: "taro@example.jp", agreed: true,
      notificationMail: false, now: world.now)
    let link = try #require(try world.latestLink(for: "taro@example.jp"))
    let opened = try #require(try world.registrations.openLink(link, device: world.device, onPC: false, now: world.now))
    try world.registrations.submitCustomerInfo(device: world.device, world.info(for: taro), now: world.now)
    let reopened = try #require(
      try world.registrations.openLink(link, device: world.device, onPC: false, now: world.now))
    #expect(reopened.id == opened.id)
    #expect(reopened.step == .course)
    #expect(reopened.customerNumber == "410012345678")
    #expect(try world.registrations.openLink(link, device: "another-phone", onPC: false, now: world.now) == nil)
  }

  /// Each demo customer registers by the course their payment allows, and none by a wrong name, number,
  /// kind or payment number (白山 次郎 is the demo member: first told so, then registers once that member is gone).
  @Test func everyDemoCustomerCanRegisterOnlyWithTheRightDetails() throws {
    let world = try SignUpWorld()
    let customers = try world.store.customerRegistry().customers
    #expect(customers.count == 6)
    for (index, customer) in customers.enumerated() {
      let device = "device-\(index)"
      let email = "customer\(index)@example.jp"
      try world.reachStep5(email: email, on: device)
      let otherKind: InquiryKind = customer.kind == .individual ? .corporation : .individual
      for wrong in [
        world.info(for: customer, name: customer.name + "子"), world.info(for: customer, kind: otherKind),
        world.info(for: customer, number: String(customer.customerNumber.dropLast()) + lastDigitChanged(customer)),
      ] {
        #expect(
          refusal { try world.registrations.submitCustomerInfo(device: device, wrong, now: world.now) }
            == .invalid(fields: [:], form: RegistrationWording.customerMismatch))
      }
      if customer.customerNumber == DemoMember.customerNumber {
        #expect(
          refusal {
            try world.registrations.submitCustomerInfo(device: device, world.info(for: customer), now: world.now)
          }
            == .invalid(fields: [:], form: RegistrationWording.customerAlreadyMember))
        try world.store.update { transaction in
          try transaction.delete(Account.self, id: DemoMember.userID)
          try transaction.removeIndex(AccountIndex.email, key: AccountIndex.emailKey(DemoMember.email))
          try transaction.removeIndex(AccountIndex.customerNumber, key: DemoMember.customerNumber)
        }
      }
      try world.registrations.submitCustomerInfo(device: device, world.info(for: customer), now: world.now)
      if customer.payment.method != .paymentSlip {
        // A wrong payment number is refused (one miss), then the right one passes.
        try world.registrations.chooseCourse(device: device, .immediate, now: world.now)
        let card = customer.payment.method == .creditCard
        #expect(
          refusal {
            try world.registrations.submitImmediate(
              device: device, method: card ? .creditCard : .bankTransfer, number: card ? "9999" : "9999999",
              password: "first-login-pass", passwordConfirmation: "first-login-pass", now: world.now)
          }?.fieldReasons[.paymentNumber] != nil)
        try world.registrations.submitImmediate(
          device: device, method: card ? .creditCard : .bankTransfer,
          number: (card ? customer.payment.cardLast4 : customer.payment.accountNumber) ?? "",
          password: "first-login-pass",
          passwordConfirmation: "first-login-pass", now: world.now)
      } else {
        #expect(refusal { try world.registrations.chooseCourse(device: device, .immediate, now: world.now) } != nil)
        try world.registrations.chooseCourse(device: device, .postcard, now: world.now)
        try world.registrations.submitPostcard(device: device, destination: .contractAddress, now: world.now)
      }
      try world.registrations.submitQuestions(device: device, use: .other, familySize: .one, now: world.now)
      let done = try world.registrations.confirm(device: device, now: world.now)
      let account = try #require(try world.store.account(customerNumber: customer.customerNumber))
      #expect(account.userID == done.userID)
      #expect(account.course == (customer.payment.method == .paymentSlip ? .postcard : .immediate))
    }
  }
}
