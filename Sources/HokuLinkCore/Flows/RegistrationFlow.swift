import Foundation

/// One sign-up in progress on one device (walkthrough A steps 3–8, B steps 3–8), stored at
/// `registration-flows/<recordID>.json`. Its `step` never skips ahead; a step may be passed again from a later
/// one (Esc back, 修正する), and it ends at `expiresAt` (`Assumptions.registrationFlowLifetime`). Its `entries`
/// are the draft the app's screens bind to (`RegistrationDraft`), written through when a field is left or the screen changes. Nothing secret is kept here in
/// the clear: the payment number is checked and dropped, the initial password is kept only as a salted hash.
public struct RegistrationFlow: StoredRecord, Equatable {
  public static let kind = "registration-flows"
  public var recordID: String { Self.recordID(device: device) }

  /// The steps, in the only order they may be passed.
  public enum Step: Int, Codable, Sendable, Comparable, CaseIterable {
    /// Step 3: e-mail and the terms.
    case terms = 3
    /// Step 4: the mail with the link is on its way.
    case mailSent = 4
    /// Step 5-1: ご利用者情報.
    case customerInfo = 51
    /// Step 5-2: 会員申請コース.
    case course = 52
    /// Step 5-3: payment check and initial password, or the postcard's destination.
    case courseDetails = 53
    /// Step 6: 設問項目.
    case questions = 6
    /// Step 7: 入力内容確認.
    case confirm = 7
    /// Step 8: 受付完了; the account exists.
    case done = 8

    /// The order of the steps (the raw values are the guide's numbers, not an order).
    var position: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Step, b: Step) -> Bool { a.position < b.position }
  }

  /// お支払方法 at step 5-3 (いますぐ会員コース).
  public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case bankTransfer
    case creditCard

    public var labelJA: String { self == .bankTransfer ? "口座振替" : "クレジットカード" }
    public var labelEN: String { self == .bankTransfer ? "Bank transfer" : "Credit card" }
  }

  /// 初回ログインパスワードの送付先 (通常会員コース).
  public enum PostcardDestination: String, Codable, Sendable, CaseIterable {
    /// The address the utility has for the contract (first option, as the guide shows).
    case contractAddress
    /// The 住所 typed at step 5-1.
    case enteredAddress

    public var labelJA: String { self == .contractAddress ? "ご契約住所" : "ご入力いただいた住所" }
    public var labelEN: String { self == .contractAddress ? "Contract address" : "The address you entered" }
  }

  /// What the person typed or picked, as typed, so a screen can show it again after 修正する or a restart.
  /// No password and no payment number: those are typed again when needed.
  public struct Entries: Codable, Sendable, Equatable {
    public var email = ""
    public var emailConfirmation = ""
    public var agreed = false
    public var notificationMail = false
    public var inquiryKind: InquiryKind?
    public var contractName = ""
    public var furigana = ""
    public var customerNumber = ""
    public var postalCode = ""
    public var address = ""
    public var phone = ""
    public var course: Account.Course?
    public var paymentMethod: PaymentMethod?
    public var postcardDestination: PostcardDestination?
    public var contractUse: ContractUse?
    public var familySize: FamilySize?

    public init() {}
  }

  /// Random, so two sign-ups on one device are told apart in the store and in tests.
  public var id: String
  public var device: String
  /// Whether it was started on the PC site (walkthrough B), so a restart reopens it in the browser frame.
  public var onPC: Bool
  public var step: Step
  public var entries: Entries
  public var createdAt: Date
  public var expiresAt: Date
  /// The address the link was mailed to; set when the link is followed.
  public var verifiedEmail: String?
  /// The digest of the link that opened step 5-1, so the same link on the same device goes back into this flow.
  public var linkDigest: String?
  /// The matched お客さま番号 (digits only), set when step 5-1 passes.
  public var customerNumber: String?
  /// Set when the payment number matched the registry at step 5-3 (いますぐ会員コース).
  public var paymentVerified: Bool
  /// The いますぐ initial password, hashed at step 5-3.
  public var initialPasswordHash: PasswordHash?
  /// The 利用者ID issued at step 7; never shown on screen, only mailed (through the outbox, in the same commit).
  public var userID: String?
  /// How many writes this device's flow record has had, counted by `Registrations` as it writes the next state
  /// over the one it read under the same lock: two writes from one state (a lost step) would share a number.
  /// nil in a record written before it was counted.
  public var revision: Int?

  public init(device: String, onPC: Bool, now: Date) {
    self.init(id: Self.randomID(), device: device, onPC: onPC, now: now)
  }

  public init(id: String, device: String, onPC: Bool, now: Date) {
    self.id = id
    self.device = device
    self.onPC = onPC
    self.step = .terms
    self.entries = Entries()
    self.createdAt = now
    self.expiresAt = now.addingTimeInterval(Assumptions.registrationFlowLifetime)
    self.paymentVerified = false
  }

  /// A fresh flow id from the CSPRNG.
  public static func randomID() -> String { String(Token.digest(Token.generate()).prefix(24)) }

  public static func recordID(device: String) -> String {
    "device-" + Token.digest("registration-flow:" + device).prefix(40)
  }

  public func isExpired(at now: Date) -> Bool { now >= expiresAt }

  /// Whether a restart should reopen this flow: between step 3 and step 7, and not expired.
  public func isInProgress(at now: Date) -> Bool { step < .done && !isExpired(at: now) }
}

/// The fields of the sign-up, to tell a screen under which field a reason goes.
public enum RegistrationField: String, Sendable, Hashable, CaseIterable {
  case email, emailConfirmation, agreement
  case inquiryKind, contractName, furigana, customerNumber, postalCode, address, phone
  case course
  case paymentMethod, paymentNumber, initialPassword, initialPasswordConfirmation
  case postcardDestination
  case contractUse, familySize
}

/// Why a step was not accepted.
public enum RegistrationRefusal: Error, Equatable, Sendable {
  /// Reasons under fields, and at most one for the whole form (a mismatch, an existing membership).
  case invalid(fields: [RegistrationField: Reason], form: Reason?)
  /// The sign-up is older than `Assumptions.registrationFlowLifetime`, or there is none: start again.
  case expired
  /// The step asked for is not the flow's current one (steps only move forward, or back by 修正する).
  case outOfOrder(current: RegistrationFlow.Step)

  public var fieldReasons: [RegistrationField: Reason] {
    if case .invalid(let fields, _) = self { return fields }
    return [:]
  }

  public var formReason: Reason? {
    switch self {
    case .invalid(_, let form): return form
    case .expired: return RegistrationWording.expired
    case .outOfOrder: return RegistrationWording.outOfOrder
    }
  }
}

/// What step 5-1 asks for, as typed.
public struct CustomerInfoInput: Sendable, Equatable {
  public var inquiryKind: InquiryKind?
  public var contractName: String
  public var furigana: String
  public var customerNumber: String
  public var postalCode: String
  public var address: String
  public var phone: String

  public init(
    inquiryKind: InquiryKind?, contractName: String, furigana: String, customerNumber: String, postalCode: String,
    address: String, phone: String
  ) {
    self.inquiryKind = inquiryKind
    self.contractName = contractName
    self.furigana = furigana
    self.customerNumber = customerNumber
    self.postalCode = postalCode
    self.address = address
    self.phone = phone
  }
}

/// A per-customer count of wrong payment numbers at step 5-3, at `payment-checks/<customerNumber>.json`.
/// Kept per customer (not per device) so that changing phones does not reset it.
public struct PaymentCheckAttempts: StoredRecord, Equatable {
  public static let kind = "payment-checks"
  public var recordID: String { customerNumber }
  public var customerNumber: String
  public var misses: Int

  public var exhausted: Bool { misses >= Assumptions.paymentCheckAttempts }
}
