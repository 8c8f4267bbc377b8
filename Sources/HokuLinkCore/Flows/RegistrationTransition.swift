import Foundation

// How a sign-up's data flows (issue 8): a screen sends an `Input` (what the person did) to `Registrations`, which
// hashes any password outside the lock, then, in ONE `Store.update`, re-reads this device's flow, reads the facts
// the step needs into a `Context`, runs the pure `RegistrationFlow.transition` below and carries out the `Effect`s
// it returns (records to write, a payment miss to count, mail into the outbox) together with the new state. After
// the commit the outbox is delivered. Nothing here reads a file, a clock or a random source: all of it comes in.

extension RegistrationFlow {
  /// What the person did, as the screens send it.
  public enum Input: Sendable, Equatable {
    /// Step 3 opened: a sign-up starts (or starts again) on this device.
    case begin(onPC: Bool)
    /// Step 3 「送信する」.
    case submitTerms(email: String, confirmation: String, agreed: Bool, notificationMail: Bool)
    /// The mailed link followed, by the digest of its token.
    case openLink(digest: String, onPC: Bool)
    /// Step 5-1 「次へ」.
    case submitCustomerInfo(CustomerInfoInput)
    /// Step 5-2 「次へ」.
    case chooseCourse(Account.Course?)
    /// Step 5-3, いますぐ会員コース.
    case submitImmediate(ImmediateInput)
    /// Step 5-3, 通常会員コース.
    case submitPostcard(PostcardDestination?)
    /// Step 6 「次へ」.
    case submitQuestions(use: ContractUse?, familySize: FamilySize?)
    /// Step 7 「修正する」.
    case revise
    /// Step 7 「入力内容を確定する」.
    case confirm
    /// A field left: the draft's entries written through, so a restart finds them.
    case keepEntries(flowID: String, Entries)
  }

  /// What step 5-3 (いますぐ) asks for, as typed; held in memory only.
  public struct ImmediateInput: Sendable, Equatable {
    public var method: PaymentMethod?
    public var number: String
    public var password: String
    public var passwordConfirmation: String

    public init(method: PaymentMethod?, number: String, password: String, passwordConfirmation: String) {
      self.method = method
      self.number = number
      self.password = password
      self.passwordConfirmation = passwordConfirmation
    }
  }

  /// The facts a transition needs, read from the store inside the same transaction, and what was made before the
  /// lock (hashes, random ids): the transition itself reads nothing.
  public struct Context: Sendable {
    public var device: String
    /// The id a flow begun by this input gets (random, from outside).
    public var newFlowID: String
    public var postal: PostalDirectory
    /// The registry's customer for the number in question: typed at 5-1, the flow's own after it.
    public var customer: Customer?
    /// Whether the address in question (typed at step 3, verified at step 7) already has an account.
    public var emailHasAccount = false
    /// Whether the customer in question already has an account.
    public var customerHasAccount = false
    /// Wrong payment numbers counted so far for the flow's customer.
    public var paymentMisses = 0
    /// The pending sign-up a followed link names, as stored (valid or not).
    public var pending: PendingRegistration?
    /// A fresh token for step 3's mailed link.
    public var linkToken = ""
    /// The いますぐ initial password, hashed before the lock (nil when it was not worth hashing).
    public var initialPasswordHash: PasswordHash?
    /// The 通常 postcard's generated password and its hash, made before the lock.
    public var postcardPassword: String?
    public var postcardPasswordHash: PasswordHash?
    public var postcardID = ""
    /// A 利用者ID that no account holds, from a random source.
    public var userIDCandidate: String?
    /// The language of the screen that sent the input: its mails and postcard are written in it.
    public var language: MailLanguage = .ja

    public init(device: String, newFlowID: String, postal: PostalDirectory = .bundled) {
      self.device = device
      self.newFlowID = newFlowID
      self.postal = postal
    }
  }

  /// What a transition asks the store to do besides keeping the new state, as data.
  public enum Effect: Sendable, Equatable {
    /// A pending sign-up for the mailed link, replacing the address's previous one; `usable: false` is the decoy
    /// of an address that has an account (SPEC §4: the same files either way).
    case putPending(PendingRegistration, usable: Bool)
    /// The link's pending sign-up, now used.
    case usePending(PendingRegistration)
    case countPaymentMiss(customerNumber: String)
    /// The new member, with the 利用者ID issued to it.
    case putAccount(Account)
    case putPostcard(Postcard)
    /// A mail, into the outbox in the same transaction.
    case send(OutboxMail)
  }

  /// A refused input: why, and what is kept all the same (the course switched to 通常, a miss counted).
  public struct Refusal: Error, Equatable, Sendable {
    public var reason: RegistrationRefusal
    public var kept: RegistrationFlow?
    public var effects: [Effect]

    public init(_ reason: RegistrationRefusal, kept: RegistrationFlow? = nil, effects: [Effect] = []) {
      self.reason = reason
      self.kept = kept
      self.effects = effects
    }
  }

  public typealias Outcome = Result<(RegistrationFlow, [Effect]), Refusal>

  /// The sign-up's one state machine: the next state and its effects, or a refusal. Steps only move forward one
  /// at a time, or back to one passed before (Esc, 修正する); every entry is checked again here by the rules.
  public static func transition(_ state: RegistrationFlow?, _ input: Input, context: Context, now: Date) -> Outcome {
    switch input {
    case .begin(let onPC):
      var flow = RegistrationFlow(id: context.newFlowID, device: context.device, onPC: onPC, now: now)
      if let old = state, old.step < .done {
        flow.entries.email = old.entries.email
        flow.entries.emailConfirmation = old.entries.emailConfirmation
        flow.entries.notificationMail = old.entries.notificationMail
      }
      return .success((flow, []))
    case .submitTerms(let email, let confirmation, let agreed, let notificationMail):
      return current(state, now, allowed: [.terms, .mailSent]).flatMap {
        submitTerms($0, email, confirmation, agreed, notificationMail, context, now)
      }
    case .openLink(let digest, let onPC):
      return openLink(state, digest: digest, onPC: onPC, context, now)
    case .submitCustomerInfo(let info):
      return current(state, now, allowed: fromStep(.customerInfo)).flatMap { submitCustomerInfo($0, info, context) }
    case .chooseCourse(let course):
      return current(state, now, allowed: fromStep(.course)).flatMap { chooseCourse($0, course, context) }
    case .submitImmediate(let typed):
      return current(state, now, allowed: fromStep(.courseDetails)).flatMap { submitImmediate($0, typed, context) }
    case .submitPostcard(let destination):
      return current(state, now, allowed: fromStep(.courseDetails)).flatMap { flow in
        var flow = flow
        guard flow.entries.course == .postcard else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
        flow.entries.postcardDestination = destination
        guard destination != nil else {
          return .failure(
            Refusal(.invalid(fields: [.postcardDestination: RegistrationWording.destinationRequired], form: nil)))
        }
        flow.paymentVerified = false
        flow.initialPasswordHash = nil
        flow.step = .questions
        return .success((flow, []))
      }
    case .submitQuestions(let use, let familySize):
      return current(state, now, allowed: fromStep(.questions)).flatMap { flow in
        var flow = flow
        flow.entries.contractUse = use
        flow.entries.familySize = familySize
        var fields: [RegistrationField: Reason] = [:]
        if use == nil { fields[.contractUse] = RegistrationWording.contractUseRequired }
        if familySize == nil { fields[.familySize] = RegistrationWording.familySizeRequired }
        guard fields.isEmpty else { return .failure(Refusal(.invalid(fields: fields, form: nil))) }
        flow.step = .confirm
        return .success((flow, []))
      }
    case .revise:
      return current(state, now, allowed: [.confirm]).map { flow in
        var flow = flow
        flow.step = .customerInfo
        flow.paymentVerified = false
        flow.initialPasswordHash = nil
        return (flow, [])
      }
    case .confirm:
      return current(state, now, allowed: [.confirm]).flatMap { confirm($0, context, now) }
    case .keepEntries(let flowID, let entries):
      guard var flow = state, flow.isInProgress(at: now) else { return .failure(Refusal(.expired)) }
      guard flow.id == flowID else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
      flow.entries = entries
      return .success((flow, []))
    }
  }

  /// The flow when it is alive and at one of `allowed`.
  static func current(_ state: RegistrationFlow?, _ now: Date, allowed: Set<Step>) -> Result<RegistrationFlow, Refusal>
  {
    guard let flow = state, !flow.isExpired(at: now) else { return .failure(Refusal(.expired)) }
    guard allowed.contains(flow.step) else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
    return .success(flow)
  }

  /// The steps from which `step` may be passed again: itself and any later one before the end, so that
  /// Esc back a screen and forward again works; a step is never skipped.
  static func fromStep(_ step: Step) -> Set<Step> {
    Set(Step.allCases.filter { $0 >= step && $0 < .done })
  }

  private static func submitTerms(
    _ flow: RegistrationFlow, _ rawEmail: String, _ confirmation: String, _ agreed: Bool, _ notificationMail: Bool,
    _ context: Context, _ now: Date
  ) -> Outcome {
    var flow = flow
    let fields = Registrations.termsProblems(email: rawEmail, confirmation: confirmation, agreed: agreed)
    flow.entries.email = EmailAddress.normalize(rawEmail)
    flow.entries.emailConfirmation = EmailAddress.normalize(confirmation)
    flow.entries.agreed = agreed
    flow.entries.notificationMail = notificationMail
    guard fields.isEmpty, case .success(let address) = EmailAddress.validate(rawEmail) else {
      return .failure(Refusal(.invalid(fields: fields, form: nil)))
    }
    let digest = Token.digest(context.linkToken)
    let usable = !context.emailHasAccount
    let registration = PendingRegistration(
      email: address.value, tokenDigest: digest, notificationMail: notificationMail, createdAt: now,
      expiresAt: now.addingTimeInterval(Assumptions.registrationLinkLifetime), used: !usable)
    // The same screen and the same files whether or not the address has an account; only the mail differs.
    let body =
      usable
      ? RegistrationWording.linkMailBody(
        url: RegistrationLink.url(token: context.linkToken), expiresAt: registration.expiresAt, context.language)
      : RegistrationWording.alreadyRegisteredMailBody(context.language)
    let mail = OutboxMail(
      key: OutboxMail.key(date: now, "link", String(digest.prefix(24))), to: address.value,
      subject: RegistrationWording.linkSubject(context.language), body: body, date: now,
      from: context.language.sender)
    flow.step = .mailSent
    return .success((flow, [.putPending(registration, usable: usable), .send(mail)]))
  }

  private static func openLink(
    _ state: RegistrationFlow?, digest: String, onPC: Bool, _ context: Context, _ now: Date
  ) -> Outcome {
    // The same link on the same device goes back into the flow it started (SPEC §6: going back never uses it up).
    if let open = state, open.linkDigest == digest, open.isInProgress(at: now), open.step >= .customerInfo {
      return .success((open, []))
    }
    guard var registration = context.pending, registration.tokenDigest == digest, registration.isValid(at: now)
    else { return .failure(Refusal(.expired)) }
    registration.used = true
    var flow = RegistrationFlow(id: context.newFlowID, device: context.device, onPC: onPC, now: now)
    if let old = state, old.step < .done, !old.isExpired(at: now) {
      // Same sign-up continuing: keep what was typed, and the PC/phone it began on.
      flow.id = old.id
      flow.onPC = old.onPC
      flow.entries = old.entries
    }
    flow.entries.email = registration.email
    flow.entries.emailConfirmation = registration.email
    flow.entries.agreed = true
    flow.entries.notificationMail = registration.notificationMail
    flow.verifiedEmail = registration.email
    flow.linkDigest = digest
    flow.step = .customerInfo
    // The time allowed starts again from the link: the link itself was the 24 hours before.
    flow.expiresAt = now.addingTimeInterval(Assumptions.registrationFlowLifetime)
    return .success((flow, [.usePending(registration)]))
  }

  private static func submitCustomerInfo(_ flow: RegistrationFlow, _ input: CustomerInfoInput, _ context: Context)
    -> Outcome
  {
    var flow = flow
    flow.entries.inquiryKind = input.inquiryKind
    flow.entries.contractName = ContractName.normalize(input.contractName)
    flow.entries.furigana = Furigana.normalize(input.furigana)
    flow.entries.customerNumber = CustomerNumber.normalize(input.customerNumber)
    flow.entries.postalCode = PostalCode.normalize(input.postalCode)
    flow.entries.address = Address.normalize(input.address)
    flow.entries.phone = PhoneNumber.normalize(input.phone)
    let fields = Registrations.customerInfoProblems(input, postal: context.postal)
    guard fields.isEmpty, case .success(let name) = ContractName.validate(input.contractName),
      case .success(let number) = CustomerNumber.validate(input.customerNumber), let kind = input.inquiryKind
    else { return .failure(Refusal(.invalid(fields: fields, form: nil))) }
    guard let customer = context.customer, customer.customerNumber == number.value,
      ContractName.matchKey(customer.name) == ContractName.matchKey(name.value),
      Registrations.kind(kind) == customer.kind
    else { return .failure(Refusal(.invalid(fields: [:], form: RegistrationWording.customerMismatch))) }
    if context.customerHasAccount {
      return .failure(Refusal(.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)))
    }
    if flow.customerNumber != customer.customerNumber {
      flow.paymentVerified = false
      flow.initialPasswordHash = nil
    }
    flow.customerNumber = customer.customerNumber
    flow.step = .course
    return .success((flow, []))
  }

  /// Why いますぐ会員コース cannot be used for this customer, or nil when it can.
  static func immediateProblem(_ customer: Customer?, misses: Int) -> Reason? {
    guard let customer else { return nil }
    if customer.payment.method == .paymentSlip { return RegistrationWording.paymentSlipNotEligible }
    if misses >= Assumptions.paymentCheckAttempts { return RegistrationWording.paymentAttemptsExhausted }
    return nil
  }

  private static func chooseCourse(_ flow: RegistrationFlow, _ course: Account.Course?, _ context: Context)
    -> Outcome
  {
    var flow = flow
    flow.entries.course = course
    guard let course else {
      return .failure(Refusal(.invalid(fields: [.course: RegistrationWording.courseRequired], form: nil)))
    }
    if course == .immediate, let reason = immediateProblem(context.customer, misses: context.paymentMisses) {
      // The flow itself changes course: the screen shows 通常 from the flow.
      flow.entries.course = .postcard
      return .failure(Refusal(.invalid(fields: [.course: reason], form: nil), kept: flow))
    }
    flow.step = .courseDetails
    return .success((flow, []))
  }

  private static func submitImmediate(_ flow: RegistrationFlow, _ typed: ImmediateInput, _ context: Context)
    -> Outcome
  {
    var flow = flow
    guard flow.entries.course == .immediate else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
    flow.entries.paymentMethod = typed.method
    if let reason = immediateProblem(context.customer, misses: context.paymentMisses) {
      flow.entries.course = .postcard
      return .failure(Refusal(.invalid(fields: [:], form: reason), kept: flow))
    }
    let fields = Registrations.immediateProblems(
      method: typed.method, number: typed.number, password: typed.password,
      passwordConfirmation: typed.passwordConfirmation, email: flow.verifiedEmail)
    var typedNumber: String?
    switch typed.method {
    case nil: break
    case .bankTransfer: if case .success(let valid) = AccountNumber.validate(typed.number) { typedNumber = valid.value }
    case .creditCard: if case .success(let valid) = CardLast4.validate(typed.number) { typedNumber = valid.value }
    }
    guard fields.isEmpty, let method = typed.method, let typedNumber, let customerNumber = flow.customerNumber,
      let customer = context.customer, customer.customerNumber == customerNumber
    else { return .failure(Refusal(.invalid(fields: fields, form: nil))) }
    // Refusing when out of tries, counting a miss and accepting are decided on the count read in this same
    // transaction, so parallel attempts (two windows, two phones) cannot get past the limit.
    guard Registrations.paymentMatches(customer.payment, method: method, number: typedNumber) else {
      let misses = context.paymentMisses + 1
      let counted: [Effect] = [.countPaymentMiss(customerNumber: customerNumber)]
      let left = Assumptions.paymentCheckAttempts - misses
      if left <= 0 {
        flow.entries.course = .postcard
        return .failure(
          Refusal(
            .invalid(fields: [:], form: RegistrationWording.paymentAttemptsExhausted), kept: flow, effects: counted))
      }
      return .failure(
        Refusal(
          .invalid(fields: [.paymentNumber: RegistrationWording.paymentMismatch(left: left)], form: nil),
          effects: counted))
    }
    guard let hash = context.initialPasswordHash else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
    flow.initialPasswordHash = hash
    flow.paymentVerified = true
    flow.step = .questions
    return .success((flow, []))
  }

  private static func confirm(_ flow: RegistrationFlow, _ context: Context, _ now: Date) -> Outcome {
    var flow = flow
    let customer: Customer
    let email: String
    switch Registrations.recheck(flow, customer: context.customer, postal: context.postal) {
    case .success(let checked): (customer, email) = checked
    case .failure(let refusal): return .failure(Refusal(refusal))
    }
    if context.customerHasAccount {
      return .failure(Refusal(.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)))
    }
    if context.emailHasAccount {
      return .failure(Refusal(.invalid(fields: [:], form: RegistrationWording.emailAlreadyMember)))
    }
    let course = flow.entries.course ?? .postcard
    let initialHash: PasswordHash
    let lifetime: Double
    switch course {
    case .immediate:
      guard flow.paymentVerified, let hash = flow.initialPasswordHash else {
        return .failure(Refusal(.outOfOrder(current: flow.step)))
      }
      initialHash = hash
      lifetime = Assumptions.immediateInitialPasswordLifetime
    case .postcard:
      guard let hash = context.postcardPasswordHash, context.postcardPassword != nil else {
        return .failure(Refusal(.outOfOrder(current: flow.step)))
      }
      initialHash = hash
      lifetime = Assumptions.postcardDelay + Assumptions.postcardInitialPasswordLifetime
    }
    guard let userID = context.userIDCandidate else { return .failure(Refusal(.outOfOrder(current: flow.step))) }
    let account = Account(
      userID: userID, email: email, customerNumber: customer.customerNumber, initialPasswordHash: initialHash,
      initialPasswordExpiresAt: now.addingTimeInterval(lifetime), notificationMail: flow.entries.notificationMail,
      course: course, createdAt: now)
    var effects: [Effect] = [.putAccount(account)]
    if course == .postcard, let password = context.postcardPassword {
      let destination = flow.entries.postcardDestination == .enteredAddress ? flow.entries.address : customer.address
      effects.append(
        .putPostcard(
          PostcardOutbox.make(
            id: context.postcardID, customerNumber: customer.customerNumber, recipientName: customer.name,
            address: destination, initialPassword: password, now: now, language: context.language)))
    }
    effects.append(
      .send(
        OutboxMail(
          key: OutboxMail.key(date: now, "userid", userID), to: email,
          subject: RegistrationWording.userIDSubject(context.language),
          body: RegistrationWording.userIDMailBody(userID: userID, course: course, context.language), date: now,
          from: context.language.sender)))
    flow.userID = userID
    flow.step = .done
    flow.initialPasswordHash = nil
    return .success((flow, effects))
  }
}
