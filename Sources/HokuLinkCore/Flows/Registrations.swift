import Foundation

/// The sign-up state machine's transitions against one data folder. Every step is validated here again
/// with the Rules types, whatever the screen already checked; each transition is one `Store.update` that
/// re-reads the flow, so two windows on one device cannot skip a step.
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

  // MARK: Step 3

  /// Starts (or restarts) a sign-up on this device at step 3, keeping the e-mail typed last time.
  @discardableResult
  public func begin(device: String, onPC: Bool, now: Date) throws -> RegistrationFlow {
    try store.update { transaction in
      var flow = RegistrationFlow(device: device, onPC: onPC, now: now)
      if let old = try transaction.get(RegistrationFlow.self, id: flow.recordID), old.step < .done {
        flow.entries.email = old.entries.email
        flow.entries.emailConfirmation = old.entries.emailConfirmation
        flow.entries.notificationMail = old.entries.notificationMail
      }
      try transaction.put(flow)
      return flow
    }
  }

  /// Step 3 「送信する」: checks the fields, then mails 「会員情報登録用URLのご案内」. The screen and the flow are
  /// the same whether or not the address already has an account; only the mail differs (it says so, no link).
  /// May be asked again from step 4: a new link voids the old one.
  @discardableResult
  public func submitTerms(
    device: String, email rawEmail: String, confirmation: String, agreed: Bool, notificationMail: Bool, now: Date
  ) throws -> RegistrationFlow {
    var flow = try current(device: device, now: now, allowed: [.terms, .mailSent])
    let fields = Self.termsProblems(email: rawEmail, confirmation: confirmation, agreed: agreed)
    let email = EmailAddress.validate(rawEmail)
    flow.entries.email = EmailAddress.normalize(rawEmail)
    flow.entries.emailConfirmation = EmailAddress.normalize(confirmation)
    flow.entries.agreed = agreed
    flow.entries.notificationMail = notificationMail
    guard fields.isEmpty, case .success(let address) = email else {
      throw RegistrationRefusal.invalid(fields: fields, form: nil)
    }
    if try store.account(email: address.value) != nil {
      // An unusable decoy commit, so this answer writes the same files as a new sign-up's (SPEC §4 timing).
      _ = try store.createPendingRegistration(
        email: address.value, notificationMail: notificationMail, now: now, usable: false)
      try mailbox.deliver(
        at: now, to: address.value, subject: RegistrationWording.linkMailSubject,
        body: RegistrationWording.alreadyRegisteredMailBody())
    } else {
      let (token, registration) = try store.createPendingRegistration(
        email: address.value, notificationMail: notificationMail, now: now)
      try mailbox.deliver(
        at: now, to: address.value, subject: RegistrationWording.linkMailSubject,
        body: RegistrationWording.linkMailBody(
          url: RegistrationLink.url(token: token), expiresAt: registration.expiresAt))
    }
    flow.step = .mailSent
    try save(flow)
    return flow
  }

  // MARK: Step 4 → 5

  /// Follows a mailed link on this device: valid once, for 24 simulated hours, and only the newest one.
  /// Returns the flow at step 5-1, or nil when the link is unknown, used, voided or expired.
  /// The same link opened again on the same device goes back into the flow it started, wherever that is (SPEC §6:
  /// going back never uses a link up); on another device it is refused as used.
  public func openLink(_ url: String, device: String, onPC: Bool, now: Date) throws -> RegistrationFlow? {
    guard let token = RegistrationLink.token(in: url) else { return nil }
    let digest = Token.digest(token)
    if let open = try flow(device: device), open.linkDigest == digest, open.isInProgress(at: now),
      open.step >= .customerInfo
    {
      return open
    }
    guard let registration = try store.consumePendingRegistration(token: token, now: now) else { return nil }
    return try store.update { transaction in
      var flow = RegistrationFlow(device: device, onPC: onPC, now: now)
      if let old = try transaction.get(RegistrationFlow.self, id: flow.recordID), old.step < .done,
        !old.isExpired(at: now)
      {
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
      try transaction.put(flow)
      return flow
    }
  }

  // MARK: Step 5-1

  @discardableResult
  public func submitCustomerInfo(device: String, _ input: CustomerInfoInput, now: Date) throws -> RegistrationFlow {
    var flow = try current(device: device, now: now, allowed: Self.fromStep(.customerInfo))
    flow.entries.inquiryKind = input.inquiryKind
    flow.entries.contractName = ContractName.normalize(input.contractName)
    flow.entries.furigana = Furigana.normalize(input.furigana)
    flow.entries.customerNumber = CustomerNumber.normalize(input.customerNumber)
    flow.entries.postalCode = PostalCode.normalize(input.postalCode)
    flow.entries.address = Address.normalize(input.address)
    flow.entries.phone = PhoneNumber.normalize(input.phone)

    let fields = problems(input)
    guard fields.isEmpty, case .success(let name) = ContractName.validate(input.contractName),
      case .success(let number) = CustomerNumber.validate(input.customerNumber), let kind = input.inquiryKind
    else {
      throw RegistrationRefusal.invalid(fields: fields, form: nil)
    }

    let registry = try store.customerRegistry()
    let customer = registry.customer(number: number.value)
    let matches =
      customer.map {
        ContractName.matchKey($0.name) == ContractName.matchKey(name.value) && Self.kind(kind) == $0.kind
      } ?? false
    guard matches, let customer else {
      throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerMismatch)
    }
    if try store.account(customerNumber: customer.customerNumber) != nil {
      throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)
    }
    if flow.customerNumber != customer.customerNumber {
      flow.paymentVerified = false
      flow.initialPasswordHash = nil
    }
    flow.customerNumber = customer.customerNumber
    flow.step = .course
    try save(flow)
    return flow
  }

  /// What is wrong with each field of step 5-1, by the same rules as its submit (screens check a field with it
  /// when focus leaves it).
  public func problems(_ input: CustomerInfoInput) -> [RegistrationField: Reason] {
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
    var flow = try current(device: device, now: now, allowed: Self.fromStep(.course))
    flow.entries.course = course
    guard let course else {
      throw RegistrationRefusal.invalid(fields: [.course: RegistrationWording.courseRequired], form: nil)
    }
    if course == .immediate, let reason = try immediateProblem(customerNumber: flow.customerNumber) {
      flow.entries.course = .postcard
      try save(flow)  // the flow itself changed course: the screen shows 通常 from the flow
      throw RegistrationRefusal.invalid(fields: [.course: reason], form: nil)
    }
    flow.step = .courseDetails
    try save(flow)
    return flow
  }

  /// Why いますぐ会員コース cannot be used for this customer, or nil when it can.
  func immediateProblem(customerNumber: String?) throws -> Reason? {
    guard let customerNumber, let customer = try store.customerRegistry().customer(number: customerNumber) else {
      return nil
    }
    if customer.payment.method == .paymentSlip { return RegistrationWording.paymentSlipNotEligible }
    if try paymentMisses(customerNumber: customerNumber) >= Assumptions.paymentCheckAttempts {
      return RegistrationWording.paymentAttemptsExhausted
    }
    return nil
  }

  // MARK: Step 5-3

  /// いますぐ会員コース: the payment method and number must match the registry (a miss is counted for the
  /// customer; after `Assumptions.paymentCheckAttempts` the flow switches to 通常会員コース), and the initial
  /// password must follow the password rule. The password is kept only as a salted hash.
  @discardableResult
  public func submitImmediate(
    device: String, method: RegistrationFlow.PaymentMethod?, number: String, password: String,
    passwordConfirmation: String, now: Date
  ) throws -> RegistrationFlow {
    var flow = try current(device: device, now: now, allowed: Self.fromStep(.courseDetails))
    guard flow.entries.course == .immediate else { throw RegistrationRefusal.outOfOrder(current: flow.step) }
    flow.entries.paymentMethod = method
    if let reason = try immediateProblem(customerNumber: flow.customerNumber) {
      flow.entries.course = .postcard
      try save(flow)
      throw RegistrationRefusal.invalid(fields: [:], form: reason)
    }
    let fields = Self.immediateProblems(
      method: method, number: number, password: password, passwordConfirmation: passwordConfirmation,
      email: flow.verifiedEmail)
    var typedNumber: String?
    switch method {
    case nil: break
    case .bankTransfer: if case .success(let valid) = AccountNumber.validate(number) { typedNumber = valid.value }
    case .creditCard: if case .success(let valid) = CardLast4.validate(number) { typedNumber = valid.value }
    }
    guard fields.isEmpty, let method, let typedNumber, let customerNumber = flow.customerNumber,
      let customer = try store.customerRegistry().customer(number: customerNumber)
    else {
      throw RegistrationRefusal.invalid(fields: fields, form: nil)
    }

    // Refusing when out of tries, counting a miss and accepting are decided in ONE transaction on the
    // customer's count, so parallel attempts (two windows, two phones) cannot get past the limit.
    let matches = Self.paymentMatches(customer.payment, method: method, number: typedNumber)
    let misses: Int? = try store.update { transaction in
      var attempts =
        try transaction.get(PaymentCheckAttempts.self, id: customerNumber)
        ?? PaymentCheckAttempts(customerNumber: customerNumber, misses: 0)
      if attempts.exhausted { return attempts.misses }
      if matches { return nil }
      attempts.misses += 1
      try transaction.put(attempts)
      return attempts.misses
    }
    if let misses {
      let left = Assumptions.paymentCheckAttempts - misses
      if left <= 0 {
        flow.entries.course = .postcard
        try save(flow)
        throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.paymentAttemptsExhausted)
      }
      throw RegistrationRefusal.invalid(
        fields: [.paymentNumber: RegistrationWording.paymentMismatch(left: left)], form: nil)
    }
    // Hashed before the store's lock is taken, so other processes are not held up by the KDF.
    flow.initialPasswordHash = store.hasher.hash(password.precomposedStringWithCompatibilityMapping)
    flow.paymentVerified = true
    flow.step = .questions
    try save(flow)
    return flow
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
    var flow = try current(device: device, now: now, allowed: Self.fromStep(.courseDetails))
    guard flow.entries.course == .postcard else { throw RegistrationRefusal.outOfOrder(current: flow.step) }
    flow.entries.postcardDestination = destination
    guard destination != nil else {
      throw RegistrationRefusal.invalid(
        fields: [.postcardDestination: RegistrationWording.destinationRequired], form: nil)
    }
    flow.paymentVerified = false
    flow.initialPasswordHash = nil
    flow.step = .questions
    try save(flow)
    return flow
  }

  // MARK: Step 6

  @discardableResult
  public func submitQuestions(device: String, use: ContractUse?, familySize: FamilySize?, now: Date) throws
    -> RegistrationFlow
  {
    var flow = try current(device: device, now: now, allowed: Self.fromStep(.questions))
    flow.entries.contractUse = use
    flow.entries.familySize = familySize
    var fields: [RegistrationField: Reason] = [:]
    if use == nil { fields[.contractUse] = RegistrationWording.contractUseRequired }
    if familySize == nil { fields[.familySize] = RegistrationWording.familySizeRequired }
    guard fields.isEmpty else {
      throw RegistrationRefusal.invalid(fields: fields, form: nil)
    }
    flow.step = .confirm
    try save(flow)
    return flow
  }

  // MARK: Step 7

  /// 「修正する」: back to step 5-1 with every entry kept. The payment check and the initial password are
  /// undone (they are not kept in the clear), so step 5-3 asks for them again.
  @discardableResult
  public func revise(device: String, now: Date) throws -> RegistrationFlow {
    var flow = try current(device: device, now: now, allowed: [.confirm])
    flow.step = .customerInfo
    flow.paymentVerified = false
    flow.initialPasswordHash = nil
    try save(flow)
    return flow
  }

  /// 「入力内容を確定する」: everything is checked again, then the account (and, for 通常, the postcard) and the
  /// flow's end are written in ONE store transaction, so a crash leaves either no account or a whole one.
  /// 「利用者IDのお知らせ」 is mailed after the commit; a crash or failure before it is made good by
  /// `resendUserIDMailIfNeeded`, which the app calls at every start for its device's finished flow.
  @discardableResult
  public func confirm(device: String, now: Date) throws -> RegistrationFlow {
    let before = try current(device: device, now: now, allowed: [.confirm])
    // The slow hash of a postcard password is made before the lock is taken.
    let postcardPassword = before.entries.course == .postcard ? InitialPassword.generate() : nil
    let postcardHash = postcardPassword.map { store.hasher.hash($0) }
    let registry = try store.customerRegistry()

    let finished = try store.update { transaction -> RegistrationFlow in
      guard var flow = try transaction.get(RegistrationFlow.self, id: RegistrationFlow.recordID(device: device)),
        !flow.isExpired(at: now)
      else { throw RegistrationRefusal.expired }
      guard flow.step == .confirm, flow.id == before.id else {
        throw RegistrationRefusal.outOfOrder(current: flow.step)
      }
      let (customer, email) = try Self.recheck(flow, registry: registry, postal: postal)
      if try transaction.account(customerNumber: customer.customerNumber) != nil {
        throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)
      }
      let course = flow.entries.course ?? .postcard
      let initialHash: PasswordHash
      let lifetime: Double
      switch course {
      case .immediate:
        guard flow.paymentVerified, let hash = flow.initialPasswordHash else {
          throw RegistrationRefusal.outOfOrder(current: flow.step)
        }
        initialHash = hash
        lifetime = Assumptions.immediateInitialPasswordLifetime
      case .postcard:
        guard let hash = postcardHash else { throw RegistrationRefusal.outOfOrder(current: flow.step) }
        initialHash = hash
        lifetime = Assumptions.postcardDelay + Assumptions.postcardInitialPasswordLifetime
      }
      let account = Account(
        userID: try UserIDGenerator.unique(in: transaction), email: email, customerNumber: customer.customerNumber,
        initialPasswordHash: initialHash, initialPasswordExpiresAt: now.addingTimeInterval(lifetime),
        notificationMail: flow.entries.notificationMail, course: course, createdAt: now)
      do {
        try transaction.insertAccount(account)
      } catch AccountError.emailAlreadyRegistered {
        throw RegistrationRefusal.invalid(
          fields: [:],
          form: Reason(
            ja: "このメールアドレスはすでにほくリンクに登録されています。\(HokuLink.supportLineJA)",
            en: "This e-mail address is already registered with ほくリンク. \(HokuLink.supportLineEN)"))
      } catch AccountError.customerAlreadyRegistered {
        throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerAlreadyMember)
      }
      try afterAccountStaged?()
      if let postcardPassword {
        let destination =
          flow.entries.postcardDestination == .enteredAddress ? flow.entries.address : customer.address
        try transaction.put(
          postcards.make(
            customerNumber: customer.customerNumber, recipientName: customer.name, address: destination,
            initialPassword: postcardPassword, now: now))
      }
      flow.userID = account.userID
      flow.step = .done
      flow.initialPasswordHash = nil
      try transaction.put(flow)
      return flow
    }
    return try resendUserIDMailIfNeeded(finished)
  }

  /// Mails 「利用者IDのお知らせ」 for a finished flow that has not had it yet, and notes that it went.
  @discardableResult
  public func resendUserIDMailIfNeeded(_ flow: RegistrationFlow) throws -> RegistrationFlow {
    guard flow.step == .done, !flow.userIDMailSent, let userID = flow.userID,
      let account = try store.account(userID: userID)
    else { return flow }
    try mailbox.deliver(
      to: account.email, subject: RegistrationWording.userIDMailSubject,
      body: RegistrationWording.userIDMailBody(userID: userID, course: account.course))
    var sent = flow
    sent.userIDMailSent = true
    try save(sent)
    return sent
  }

  /// Every entry checked again with the rules, and the customer matched again: the screen's word is not enough.
  static func recheck(_ flow: RegistrationFlow, registry: CustomerRegistry, postal: PostalDirectory) throws
    -> (Customer, String)
  {
    let e = flow.entries
    guard let email = flow.verifiedEmail, case .success = EmailAddress.validate(email),
      case .success(let name) = ContractName.validate(e.contractName), case .success = Furigana.validate(e.furigana),
      case .success(let number) = CustomerNumber.validate(e.customerNumber),
      case .success = ServiceAreaPostalCode.validate(e.postalCode, in: postal),
      case .success = Address.validate(e.address), case .success = PhoneNumber.validate(e.phone),
      let kind = e.inquiryKind, e.course != nil, e.contractUse != nil, e.familySize != nil,
      number.value == flow.customerNumber
    else { throw RegistrationRefusal.outOfOrder(current: flow.step) }
    guard let customer = registry.customer(number: number.value),
      ContractName.matchKey(customer.name) == ContractName.matchKey(name.value), customer.kind == Self.kind(kind)
    else { throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.customerMismatch) }
    if e.course == .immediate && customer.payment.method == .paymentSlip {
      throw RegistrationRefusal.invalid(fields: [:], form: RegistrationWording.paymentSlipNotEligible)
    }
    if e.course == .postcard && e.postcardDestination == nil {
      throw RegistrationRefusal.outOfOrder(current: flow.step)
    }
    return (customer, email)
  }

  // MARK: Drafts

  /// Writes the entries of the app's draft into this device's sign-up in progress, whatever its step: the app
  /// calls it as entries change, so a restart (or a kill) finds them. Only the same flow is written (a draft of
  /// a flow started again elsewhere is dropped). Entries never hold a secret.
  public func keepEntries(device: String, flowID: String, _ entries: RegistrationFlow.Entries, now: Date) throws {
    try store.update { transaction in
      guard var flow = try transaction.get(RegistrationFlow.self, id: RegistrationFlow.recordID(device: device)),
        flow.id == flowID, flow.isInProgress(at: now), flow.entries != entries
      else { return }
      flow.entries = entries
      try transaction.put(flow)
    }
  }

  // MARK: Internals

  private func current(device: String, now: Date, allowed: Set<RegistrationFlow.Step>) throws -> RegistrationFlow {
    guard let flow = try flow(device: device), !flow.isExpired(at: now) else { throw RegistrationRefusal.expired }
    guard allowed.contains(flow.step) else { throw RegistrationRefusal.outOfOrder(current: flow.step) }
    return flow
  }

  /// Writes the flow only if nobody moved it meanwhile (another window on the same device).
  private func save(_ flow: RegistrationFlow) throws {
    try store.update { transaction in
      let stored = try transaction.get(RegistrationFlow.self, id: flow.recordID)
      if let stored, stored.id != flow.id { throw RegistrationRefusal.outOfOrder(current: stored.step) }
      try transaction.put(flow)
    }
  }

  /// The steps from which `step` may be passed again: itself and any later one before the end, so that
  /// Esc back a screen and forward again works; a step is never skipped.
  static func fromStep(_ step: RegistrationFlow.Step) -> Set<RegistrationFlow.Step> {
    Set(RegistrationFlow.Step.allCases.filter { $0 >= step && $0 < .done })
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
