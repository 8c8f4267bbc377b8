import Foundation

// How a sign-up's data flows (issue 8): every public step below is one input of the pure
// `RegistrationFlow.transition` (RegistrationTransition.swift). A step hashes what it must outside the lock (the
// KDF), then runs ONE `Store.update` that re-reads this device's flow, reads the facts of the step into the
// transition's `Context`, runs the transition and carries out its effects with the new state, all in the same
// commit; only then is the outbox delivered into the Maildir. Because the flow is read and written under the same
// lock, two windows on one device cannot skip a step: each input is decided on the flow as it is stored.

/// The sign-up's service over one data folder: the store side of `RegistrationFlow.transition`.
public struct Registrations: Sendable {
  public let store: Store
  public let mailbox: Mailbox
  public let postcards: PostcardOutbox
  /// The postal tables, mapped only when a step needs them (never at start-up).
  public var postal: PostalDirectory { postalOverride ?? .bundled }
  private let postalOverride: PostalDirectory?
  /// Test seam: runs inside the step-7 transaction after the account is staged and before the rest,
  /// so a test can fail there and check that nothing was written.
  let afterAccountStaged: (@Sendable () throws -> Void)?

  public init(store: Store, postal: PostalDirectory? = nil) {
    self.init(store: store, postal: postal, afterAccountStaged: nil)
  }

  init(store: Store, postal: PostalDirectory? = nil, afterAccountStaged: (@Sendable () throws -> Void)?) {
    self.store = store
    self.mailbox = Mailbox(store: store)
    self.postcards = PostcardOutbox(store: store)
    self.postalOverride = postal
    self.afterAccountStaged = afterAccountStaged
  }

  // MARK: Reading

  /// This device's flow, whatever its state (nil when none was started).
  public func flow(device: String) throws -> RegistrationFlow? {
    try store.read(RegistrationFlow.self, id: RegistrationFlow.recordID(device: device))
  }

  /// This device's flow when it is between step 3 and step 7 and not expired: what a restart reopens.
  public func flowInProgress(device: String, now: Date) throws -> RegistrationFlow? {
    guard let flow = try flow(device: device), flow.isInProgress(at: now) else { return nil }
    return flow
  }

  /// The text 住所 is filled with for a contract 郵便番号, or nil while the code is incomplete or outside the area.
  public func addressFill(postalCode raw: String) -> String? {
    guard case .success(let code) = PostalCode.validate(raw) else { return nil }
    return postal.addressFill(code)
  }

  /// The courses step 5-2 offers this flow's customer, and why いますぐ is missing when it is.
  public func courses(for flow: RegistrationFlow) throws -> (courses: [Account.Course], why: Reason?) {
    if let reason = try immediateProblem(customerNumber: flow.customerNumber) {
      return ([.postcard], reason)
    }
    return ([.immediate, .postcard], nil)
  }

  /// The registry's customer matched at step 5-1.
  public func customer(of flow: RegistrationFlow) throws -> Customer? {
    guard let number = flow.customerNumber else { return nil }
    return try store.customerRegistry().customer(number: number)
  }

  public func paymentMisses(customerNumber: String) throws -> Int {
    try store.read(PaymentCheckAttempts.self, id: customerNumber)?.misses ?? 0
  }

  /// Why いますぐ会員コース cannot be used for this customer, or nil when it can.
  func immediateProblem(customerNumber: String?) throws -> Reason? {
    guard let customerNumber else { return nil }
    return RegistrationFlow.immediateProblem(
      try store.customerRegistry().customer(number: customerNumber),
      misses: try paymentMisses(customerNumber: customerNumber))
  }

  // MARK: The one path of every step

  /// What is made before the lock: slow hashes and random values, handed to the transition through its context.
  struct Prepared {
    var linkToken = ""
    var initialPasswordHash: PasswordHash?
    var postcardPassword: String?
    var postcardPasswordHash: PasswordHash?
    var language: MailLanguage = .ja
  }

  /// Runs one input: ONE transaction re-reads the flow, builds the context, runs the transition and writes the new
  /// state with its effects; then the outbox is delivered, outside the lock. A refusal commits what it keeps (the
  /// course switched, a miss counted) and is then thrown.
  @discardableResult
  func run(device: String, _ input: RegistrationFlow.Input, now: Date, prepared: Prepared = Prepared()) throws
    -> RegistrationFlow
  {
    let outcome = try store.update { transaction -> Result<RegistrationFlow, RegistrationRefusal> in
      let state = try transaction.get(RegistrationFlow.self, id: RegistrationFlow.recordID(device: device))
      let context = try self.context(for: input, state: state, device: device, prepared, in: transaction)
      /// The next state over the stored one, numbered one more than the record it replaces.
      func write(_ next: RegistrationFlow) throws -> RegistrationFlow {
        guard next != state else { return next }
        var numbered = next
        numbered.revision = (state?.revision ?? 0) + 1
        try transaction.put(numbered)
        return numbered
      }
      switch RegistrationFlow.transition(state, input, context: context, now: now) {
      case .success(let (next, effects)):
        try carryOut(effects, in: &transaction)
        return .success(try write(next))
      case .failure(let refusal):
        try carryOut(refusal.effects, in: &transaction)
        if let kept = refusal.kept { _ = try write(kept) }
        return .failure(refusal.reason)
      }
    }
    // After the commit and outside the lock; a failure leaves the mail in the outbox for the next process.
    _ = try? mailbox.deliverOutbox()
    return try outcome.get()
  }

  /// The facts `input` needs, read in the transaction that will write its outcome.
  private func context(
    for input: RegistrationFlow.Input, state: RegistrationFlow?, device: String, _ prepared: Prepared,
    in transaction: StoreTransaction
  ) throws -> RegistrationFlow.Context {
    var context = RegistrationFlow.Context(device: device, newFlowID: RegistrationFlow.randomID(), postal: postal)
    context.language = prepared.language
    func customer(_ number: String?) throws -> Customer? {
      guard let number else { return nil }
      return try store.customerRegistry().customer(number: number)
    }
    switch input {
    case .submitTerms(let email, _, _, _):
      context.linkToken = prepared.linkToken
      if case .success(let address) = EmailAddress.validate(email) {
        context.emailHasAccount = try transaction.account(email: address.value) != nil
      }
    case .openLink(let digest, _):
      if (try? StoreCoding.validateName(digest)) != nil {
        context.pending = try transaction.get(PendingRegistration.self, id: digest)
      }
    case .submitCustomerInfo(let info):
      if case .success(let number) = CustomerNumber.validate(info.customerNumber) {
        context.customer = try customer(number.value)
        context.customerHasAccount = try transaction.account(customerNumber: number.value) != nil
      }
    case .chooseCourse, .submitImmediate:
      context.customer = try customer(state?.customerNumber)
      if let number = state?.customerNumber {
        context.paymentMisses = try transaction.get(PaymentCheckAttempts.self, id: number)?.misses ?? 0
      }
      context.initialPasswordHash = prepared.initialPasswordHash
    case .confirm:
      context.customer = try customer(state?.customerNumber)
      if let number = state?.customerNumber {
        context.customerHasAccount = try transaction.account(customerNumber: number) != nil
      }
      if let email = state?.verifiedEmail { context.emailHasAccount = try transaction.account(email: email) != nil }
      context.userIDCandidate = try UserIDGenerator.unique(in: transaction)
      context.postcardPassword = prepared.postcardPassword
      context.postcardPasswordHash = prepared.postcardPasswordHash
      context.postcardID = PostcardOutbox.randomID(now: Date())
    case .begin, .submitPostcard, .submitQuestions, .revise, .keepEntries:
      break
    }
    return context
  }

  /// Carries out a transition's effects in its transaction.
  private func carryOut(_ effects: [RegistrationFlow.Effect], in transaction: inout StoreTransaction) throws {
    for effect in effects {
      switch effect {
      case .putPending(let registration, let usable):
        try transaction.putPendingRegistration(registration, usable: usable)
      case .usePending(let registration):
        try transaction.put(registration)
      case .countPaymentMiss(let customerNumber):
        var attempts =
          try transaction.get(PaymentCheckAttempts.self, id: customerNumber)
          ?? PaymentCheckAttempts(customerNumber: customerNumber, misses: 0)
        attempts.misses += 1
        try transaction.put(attempts)
      case .putAccount(let account):
        do {
          try transaction.insertAccount(account)
        } catch AccountError.emailAlreadyRegistered {
          throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.emailAlreadyMember)
        } catch AccountError.customerAlreadyRegistered {
          throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)
        }
        try afterAccountStaged?()
      case .putPostcard(let postcard):
        try transaction.put(postcard)
      case .send(let mail):
        try transaction.send(mail)
      }
    }
  }

  // MARK: Step 3

  /// Starts (or restarts) a sign-up on this device at step 3, keeping the e-mail typed last time.
  @discardableResult
  public func begin(device: String, onPC: Bool, now: Date) throws -> RegistrationFlow {
    try run(device: device, .begin(onPC: onPC), now: now)
  }

  /// Step 3 「送信する」: checks the fields, then mails 「会員情報登録用URLのご案内」. The screen and the flow are
  /// the same whether or not the address already has an account; only the mail differs (it says so, no link).
  /// May be asked again from step 4: a new link voids the old one.
  @discardableResult
  public func submitTerms(
    device: String, email rawEmail: String, confirmation: String, agreed: Bool, notificationMail: Bool, now: Date,
    language: MailLanguage = .ja
  ) throws -> RegistrationFlow {
    try run(
      device: device,
      .submitTerms(email: rawEmail, confirmation: confirmation, agreed: agreed, notificationMail: notificationMail),
      now: now, prepared: Prepared(linkToken: Token.generate(), language: language))
  }

  // MARK: Step 4 → 5

  /// Follows a mailed link on this device: valid once, for 24 simulated hours, and only the newest one.
  /// Returns the flow at step 5-1, or nil when the link is unknown, used, voided or expired.
  /// The same link opened again on the same device goes back into the flow it started, wherever that is (SPEC §6:
  /// going back never uses a link up); on another device it is refused as used.
  public func openLink(_ url: String, device: String, onPC: Bool, now: Date) throws -> RegistrationFlow? {
    guard let token = RegistrationLink.token(in: url) else { return nil }
    do {
      return try run(device: device, .openLink(digest: Token.digest(token), onPC: onPC), now: now)
    } catch is RegistrationRefusal {
      return nil
    }
  }

  // MARK: Step 5-1

  @discardableResult
  public func submitCustomerInfo(device: String, _ input: CustomerInfoInput, now: Date) throws -> RegistrationFlow {
    try run(device: device, .submitCustomerInfo(input), now: now)
  }

  /// What is wrong with each field of step 5-1, by the same rules as its submit (screens check a field with it
  /// when focus leaves it).
  public func problems(_ input: CustomerInfoInput) -> [RegistrationField: Reason] {
    Self.customerInfoProblems(input, postal: postal)
  }

  static func customerInfoProblems(_ input: CustomerInfoInput, postal: PostalDirectory) -> [RegistrationField: Reason] {
    var fields: [RegistrationField: Reason] = [:]
    if input.inquiryKind == nil { fields[.inquiryKind] = RegistrationWording.inquiryKindRequired }
    func check<T>(_ result: Result<T, Reason>, _ field: RegistrationField) {
      if case .failure(let reason) = result { fields[field] = reason }
    }
    check(ContractName.validate(input.contractName), .contractName)
    check(Furigana.validate(input.furigana), .furigana)
    check(CustomerNumber.validate(input.customerNumber), .customerNumber)
    check(ServiceAreaPostalCode.validate(input.postalCode, in: postal), .postalCode)
    check(Address.validate(input.address), .address)
    check(PhoneNumber.validate(input.phone), .phone)
    return fields
  }

  /// What is wrong with each field of step 3, by the same rules as 「送信する」.
  public static func termsProblems(email: String, confirmation: String, agreed: Bool) -> [RegistrationField: Reason] {
    var fields: [RegistrationField: Reason] = [:]
    if case .failure(let reason) = EmailAddress.validate(email) { fields[.email] = reason }
    if let reason = EmailAddress.confirm(email, confirmation) { fields[.emailConfirmation] = reason }
    if !agreed { fields[.agreement] = RegistrationWording.agreementRequired }
    return fields
  }

  /// What is wrong with each field of step 5-3 (いますぐ), before the registry is asked.
  public static func immediateProblems(
    method: RegistrationFlow.PaymentMethod?, number: String, password: String, passwordConfirmation: String,
    email: String?
  ) -> [RegistrationField: Reason] {
    var fields: [RegistrationField: Reason] = [:]
    switch method {
    case nil:
      fields[.paymentMethod] = RegistrationWording.paymentMethodRequired
    case .bankTransfer:
      if case .failure(let reason) = AccountNumber.validate(number) { fields[.paymentNumber] = reason }
    case .creditCard:
      if case .failure(let reason) = CardLast4.validate(number) { fields[.paymentNumber] = reason }
    }
    if case .failure(let reason) = Password.validate(password, userID: nil, email: email) {
      fields[.initialPassword] = reason
    } else if !Password.same(password, passwordConfirmation) {
      fields[.initialPasswordConfirmation] = RegistrationWording.passwordsDiffer
    }
    return fields
  }

  static func kind(_ inquiry: InquiryKind) -> Customer.Kind {
    inquiry == .individual ? .individual : .corporate
  }

  // MARK: Step 5-2

  @discardableResult
  public func chooseCourse(device: String, _ course: Account.Course?, now: Date) throws -> RegistrationFlow {
    try run(device: device, .chooseCourse(course), now: now)
  }

  // MARK: Step 5-3

  /// いますぐ会員コース: the payment method and number must match the registry (a miss is counted for the
  /// customer; after `Assumptions.paymentCheckAttempts` the flow switches to 通常会員コース), and the initial
  /// password must follow the password rule. The password is kept only as a salted hash, made before the lock.
  @discardableResult
  public func submitImmediate(
    device: String, method: RegistrationFlow.PaymentMethod?, number: String, password: String,
    passwordConfirmation: String, now: Date
  ) throws -> RegistrationFlow {
    // Hashed only when the password could pass, so a form refused for its shape costs no KDF.
    var prepared = Prepared()
    if case .success = Password.validate(password, userID: nil, email: nil),
      Password.same(password, passwordConfirmation)
    {
      prepared.initialPasswordHash = store.hasher.hash(password.precomposedStringWithCompatibilityMapping)
    }
    let typed = RegistrationFlow.ImmediateInput(
      method: method, number: number, password: password, passwordConfirmation: passwordConfirmation)
    return try run(device: device, .submitImmediate(typed), now: now, prepared: prepared)
  }

  static func paymentMatches(_ payment: Payment, method: RegistrationFlow.PaymentMethod, number: String) -> Bool {
    switch (payment.method, method) {
    case (.bankTransfer, .bankTransfer): return payment.accountNumber == number
    case (.creditCard, .creditCard): return payment.cardLast4 == number
    default: return false
    }
  }

  /// 通常会員コース: where the postcard goes.
  @discardableResult
  public func submitPostcard(
    device: String, destination: RegistrationFlow.PostcardDestination?, now: Date
  ) throws -> RegistrationFlow {
    try run(device: device, .submitPostcard(destination), now: now)
  }

  // MARK: Step 6

  @discardableResult
  public func submitQuestions(device: String, use: ContractUse?, familySize: FamilySize?, now: Date) throws
    -> RegistrationFlow
  {
    try run(device: device, .submitQuestions(use: use, familySize: familySize), now: now)
  }

  // MARK: Step 7

  /// 「修正する」: back to step 5-1 with every entry kept. The payment check and the initial password are
  /// undone (they are not kept in the clear), so step 5-3 asks for them again.
  @discardableResult
  public func revise(device: String, now: Date) throws -> RegistrationFlow {
    try run(device: device, .revise, now: now)
  }

  /// 「入力内容を確定する」: everything is checked again, then the account (and, for 通常, the postcard), the
  /// flow's end and 「利用者IDのお知らせ」 in the outbox are written in ONE store transaction, so a kill leaves
  /// either none of them or all. The mail is delivered after the commit, exactly once, by this process or by
  /// whichever process opens the store next.
  @discardableResult
  public func confirm(device: String, now: Date, language: MailLanguage = .ja) throws -> RegistrationFlow {
    // The slow hash of a postcard password is made before the lock; the course is read here only as a hint
    // (the transition refuses when it changed meanwhile).
    var prepared = Prepared(language: language)
    if try flow(device: device)?.entries.course == .postcard {
      let password = InitialPassword.generate()
      prepared.postcardPassword = password
      prepared.postcardPasswordHash = store.hasher.hash(password)
    }
    return try run(device: device, .confirm, now: now, prepared: prepared)
  }

  /// Every entry checked again with the rules, and the customer matched again: the screen's word is not enough.
  static func recheck(_ flow: RegistrationFlow, customer: Customer?, postal: PostalDirectory)
    -> Result<(Customer, String), RegistrationRefusal>
  {
    let e = flow.entries
    guard let email = flow.verifiedEmail, case .success = EmailAddress.validate(email),
      case .success(let name) = ContractName.validate(e.contractName), case .success = Furigana.validate(e.furigana),
      case .success(let number) = CustomerNumber.validate(e.customerNumber),
      case .success = ServiceAreaPostalCode.validate(e.postalCode, in: postal),
      case .success = Address.validate(e.address), case .success = PhoneNumber.validate(e.phone),
      let kind = e.inquiryKind, e.course != nil, e.contractUse != nil, e.familySize != nil,
      number.value == flow.customerNumber
    else { return .failure(.outOfOrder(current: flow.step)) }
    guard let customer, customer.customerNumber == number.value,
      ContractName.matchKey(customer.name) == ContractName.matchKey(name.value), customer.kind == Self.kind(kind)
    else { return .failure(.invalid(fields: [:], form: RegistrationWording.customerMismatch)) }
    if e.course == .immediate && customer.payment.method == .paymentSlip {
      return .failure(.invalid(fields: [:], form: RegistrationWording.paymentSlipNotEligible))
    }
    if e.course == .postcard && e.postcardDestination == nil {
      return .failure(.outOfOrder(current: flow.step))
    }
    return .success((customer, email))
  }

  // MARK: Drafts

  /// Writes the entries of the app's draft into this device's sign-up in progress, whatever its step: the app
  /// calls it as entries change, so a restart (or a kill) finds them. Only the same flow is written (a draft of
  /// a flow started again elsewhere is dropped). Entries never hold a secret.
  public func keepEntries(device: String, flowID: String, _ entries: RegistrationFlow.Entries, now: Date) throws {
    do {
      try run(device: device, .keepEntries(flowID: flowID, entries), now: now)
    } catch is RegistrationRefusal {
      // Another flow, or none in progress: the draft is not this device's sign-up any more.
    }
  }

  /// The steps from which `step` may be passed again (see `RegistrationFlow.fromStep`).
  static func fromStep(_ step: RegistrationFlow.Step) -> Set<RegistrationFlow.Step> {
    RegistrationFlow.fromStep(step)
  }
}

/// The generated initial password printed on the 通常会員コース postcard.
enum InitialPassword {
  /// 10 characters without look-alikes, from the CSPRNG: easy to copy from paper, never on the common list.
  static func generate() -> String {
    let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    var generator = SystemRandomNumberGenerator()
    while true {
      let candidate = String((0..<10).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
      if case .success = Password.validate(candidate) { return candidate }
    }
  }
}
