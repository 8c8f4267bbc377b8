import HokuLinkCore
import HokuLinkUI

/// Step 5-1 ご利用者情報: who holds the contract. Matched against the registry by お客さま番号, ご契約名義 and
/// 照会区分, with one wording for every mismatch.
public struct CustomerInfoScreen: Screen {
  public let frame: ScreenFrame
  /// The text 住所 was last filled with from 郵便番号, so a later code replaces it but never what was typed.
  var filledAddress: String?
  var errors: [RegistrationField: Reason] = [:]
  var formError: Reason?
  /// A mismatch with the registry (an unknown number reads the same) is a dead end: the support line shows.
  var deadEnd = false

  static let kind: ControlID = "info.kind"
  static let name: ControlID = "info.name"
  static let kana: ControlID = "info.kana"
  static let customerNumber: ControlID = "info.number"
  static let postalField: ControlID = "info.postal"
  static let addressField: ControlID = "info.address"
  static let phone: ControlID = "info.phone"
  static let toStep2: ControlID = "info.next"

  /// Step 5-1 shows this device's sign-up draft (`env.draft`); it keeps no copy of its own.
  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  static let fields: [ControlID: RegistrationField] = [
    Self.kind: .inquiryKind, Self.name: .contractName, Self.kana: .furigana, Self.customerNumber: .customerNumber,
    Self.postalField: .postalCode, Self.addressField: .address, Self.phone: .phone,
  ]

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [
      Self.name: \.signUp.entries.contractName, Self.kana: \.signUp.entries.furigana,
      Self.customerNumber: \.signUp.entries.customerNumber,
      Self.postalField: \.signUp.entries.postalCode, Self.addressField: \.signUp.entries.address,
      Self.phone: \.signUp.entries.phone,
    ]
  }

  public var title: Localized { Localized(ja: "ご利用者情報", en: "Your details") }
  public var stage: SignUpStage? { .details }
  public var address: String { signUpAddress("customer") }

  public var guide: GuideNote? {
    GuideNote(
      step: "5-1",
      text: Localized(
        ja: "検針票を見ながら、照会区分から電話番号まですべて入力し、「STEP2へ」を押します。",
        en: "With your meter reading slip at hand, fill in every item, then press “To STEP2”."),
      target: Self.toStep2)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let e = env.draft.entries
    var controls: [Control] = [
      .text(
        Localized(
          ja: "ご契約の内容を入力してください（すべて必須）。", en: "Enter the details of your contract (all required).")(l),
        style: .note),
      .choice(
        ChoiceSpec(
          id: Self.kind, label: Localized(ja: "照会区分", en: "Customer type")(l),
          options: InquiryKind.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: e.inquiryKind.flatMap { InquiryKind.allCases.firstIndex(of: $0) },
          error: errors[.inquiryKind].map { $0(l) }, required: true)),
      ruleField(
        ContractName.self, id: Self.name, label: Localized(ja: "ご契約名義", en: "Contract holder")(l),
        state: TextFieldState(text: e.contractName),
        hint: Localized(ja: "全角（例: 北陸 太郎）", en: "Full-width (e.g. 北陸 太郎)")(l), error: errors[.contractName],
        language: l),
      ruleField(
        Furigana.self, id: Self.kana, label: Localized(ja: "フリガナ", en: "Furigana")(l),
        state: TextFieldState(text: e.furigana),
        hint: Localized(ja: "全角カタカナ", en: "Full-width katakana")(l), error: errors[.furigana], language: l),
      ruleField(
        CustomerNumber.self, id: Self.customerNumber, label: Localized(ja: "お客さま番号", en: "Customer number")(l),
        state: TextFieldState(text: e.customerNumber),
        hint: Localized(ja: "半角英数字（検針票に記載）", en: "Letters and digits (on your slip)")(l),
        error: errors[.customerNumber], language: l),
      ruleField(
        PostalCode.self, id: Self.postalField, label: Localized(ja: "郵便番号", en: "Postal code")(l),
        state: TextFieldState(text: e.postalCode),
        hint: Localized(ja: "半角数字7桁（住所が入ります）", en: "7 digits (fills the address)")(l),
        error: errors[.postalCode], language: l),
      ruleField(
        Address.self, id: Self.addressField, label: Localized(ja: "住所", en: "Address")(l),
        state: TextFieldState(text: e.address),
        hint: Localized(ja: "全角", en: "Full-width")(l), error: errors[.address], language: l),
      ruleField(
        PhoneNumber.self, id: Self.phone, label: Localized(ja: "電話番号", en: "Phone number")(l),
        state: TextFieldState(text: e.phone),
        hint: Localized(ja: "半角数字", en: "Digits")(l), error: errors[.phone], language: l),
    ]
    if let formError {
      controls.append(.text(formError(l), style: .error))
      if deadEnd { controls.append(.text(env.supportLine, style: .small)) }
    }
    controls.append(.button(id: Self.toStep2, label: Localized(ja: "STEP2へ", en: "To STEP2")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose(Self.kind, let index):
      let kind = InquiryKind.allCases.indices.contains(index) ? InquiryKind.allCases[index] : nil
      env.editDraft { $0.entries.inquiryKind = kind }
    case .edited(Self.postalField, _):
      // The draft already holds the code typed (bound by key path); the address follows it.
      let place = env.draft.entries.address
      if let fill = env.registrations.addressFill(postalCode: env.draft.entries.postalCode),
        place.isEmpty || place == filledAddress
      {
        env.editDraft { $0.entries.address = fill }
        filledAddress = fill
        if errors[.address] != nil { check(Self.addressField, env) }
      }
    case .activated(Self.toStep2): return next(env)
    default: break
    }
    return .stay
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    let before = errors
    check(id, env)
    return errors != before
  }

  private mutating func check(_ id: ControlID, _ env: AppEnvironment) {
    guard let field = Self.fields[id] else { return }
    errors[field] = env.registrations.problems(Self.input(env.draft.entries))[field]
  }

  static func input(_ e: RegistrationFlow.Entries) -> CustomerInfoInput {
    CustomerInfoInput(
      inquiryKind: e.inquiryKind, contractName: e.contractName, furigana: e.furigana,
      customerNumber: e.customerNumber, postalCode: e.postalCode, address: e.address, phone: e.phone)
  }

  private mutating func next(_ env: AppEnvironment) -> Navigation {
    let input = Self.input(env.draft.entries)
    do {
      try env.signUpStep { try $0.submitCustomerInfo(device: env.deviceName, input, now: env.now) }
      errors = [:]
      formError = nil
      deadEnd = false
      return .push(CourseScreen(frame: frame))
    } catch let refusal as RegistrationRefusal {
      errors = refusal.fieldReasons
      formError = refusal.formReason
      deadEnd = refusal.formReason != nil
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      formError = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      deadEnd = false
      return .stay
    }
  }
}
