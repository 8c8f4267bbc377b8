import HokuLinkCore
import HokuLinkUI

/// Step 5-1 ご利用者情報: who holds the contract. Matched against the registry by お客さま番号, ご契約名義 and
/// 照会区分, with one wording for every mismatch.
public struct CustomerInfoScreen: Screen {
  public let frame: ScreenFrame
  var kind: InquiryKind?
  var name: TextFieldState
  var kana: TextFieldState
  var number: TextFieldState
  var postal: TextFieldState
  var place: TextFieldState
  var phone: TextFieldState
  /// The text 住所 was last filled with from 郵便番号, so a later code replaces it but never what was typed.
  var filledAddress: String?
  var errors: [RegistrationField: Reason] = [:]
  var formError: Reason?

  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    let e = (try? env.registrations.flow(device: env.deviceName))?.entries ?? RegistrationFlow.Entries()
    kind = e.inquiryKind
    name = TextFieldState(text: e.contractName)
    kana = TextFieldState(text: e.furigana)
    number = TextFieldState(text: e.customerNumber)
    postal = TextFieldState(text: e.postalCode)
    place = TextFieldState(text: e.address)
    phone = TextFieldState(text: e.phone)
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
      target: "info.next")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = [
      .text(
        Localized(
          ja: "ご契約の内容を入力してください（すべて必須）。", en: "Enter the details of your contract (all required).")(l),
        style: .note),
      .choice(
        ChoiceSpec(
          id: "info.kind", label: Localized(ja: "照会区分", en: "Customer type")(l),
          options: InquiryKind.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: kind.flatMap { InquiryKind.allCases.firstIndex(of: $0) },
          error: errors[.inquiryKind].map { $0(l) }, required: true)),
      ruleField(
        ContractName.self, id: "info.name", label: Localized(ja: "ご契約名義", en: "Contract holder")(l), state: name,
        hint: Localized(ja: "全角（例: 北陸 太郎）", en: "Full-width (e.g. 北陸 太郎)")(l), error: errors[.contractName],
        language: l),
      ruleField(
        Furigana.self, id: "info.kana", label: Localized(ja: "フリガナ", en: "Furigana")(l), state: kana,
        hint: Localized(ja: "全角カタカナ", en: "Full-width katakana")(l), error: errors[.furigana], language: l),
      ruleField(
        CustomerNumber.self, id: "info.number", label: Localized(ja: "お客さま番号", en: "Customer number")(l),
        state: number, hint: Localized(ja: "半角英数字（検針票に記載）", en: "Letters and digits (on your slip)")(l),
        error: errors[.customerNumber], language: l),
      ruleField(
        PostalCode.self, id: "info.postal", label: Localized(ja: "郵便番号", en: "Postal code")(l), state: postal,
        hint: Localized(ja: "半角数字7桁（住所が入ります）", en: "7 digits (fills the address)")(l),
        error: errors[.postalCode], language: l),
      ruleField(
        Address.self, id: "info.address", label: Localized(ja: "住所", en: "Address")(l), state: place,
        hint: Localized(ja: "全角", en: "Full-width")(l), error: errors[.address], language: l),
      ruleField(
        PhoneNumber.self, id: "info.phone", label: Localized(ja: "電話番号", en: "Phone number")(l), state: phone,
        hint: Localized(ja: "半角数字", en: "Digits")(l), error: errors[.phone], language: l),
    ]
    if let formError {
      controls.append(.text(formError(l), style: .error))
    }
    controls.append(.button(id: "info.next", label: Localized(ja: "STEP2へ", en: "To STEP2")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose("info.kind", let index):
      kind = InquiryKind.allCases.indices.contains(index) ? InquiryKind.allCases[index] : nil
    case .edited("info.name", let state): name = state
    case .edited("info.kana", let state): kana = state
    case .edited("info.number", let state): number = state
    case .edited("info.postal", let state):
      postal = state
      if let fill = env.registrations.addressFill(postalCode: state.text),
        place.text.isEmpty || place.text == filledAddress
      {
        place = TextFieldState(text: fill)
        filledAddress = fill
      }
    case .edited("info.address", let state): place = state
    case .edited("info.phone", let state): phone = state
    case .activated("info.next"): return next(env)
    default: break
    }
    return .stay
  }

  var input: CustomerInfoInput {
    CustomerInfoInput(
      inquiryKind: kind, contractName: name.text, furigana: kana.text, customerNumber: number.text,
      postalCode: postal.text, address: place.text, phone: phone.text)
  }

  private mutating func next(_ env: AppEnvironment) -> Navigation {
    do {
      try env.registrations.submitCustomerInfo(device: env.deviceName, input, now: env.now)
      return .replace(CourseScreen(env: env, frame: frame))
    } catch let refusal as RegistrationRefusal {
      errors = refusal.fieldReasons
      formError = refusal.formReason
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      formError = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      return .stay
    }
  }

  public func saveDraft(_ env: AppEnvironment) {
    let input = self.input
    try? env.registrations.saveDraft(device: env.deviceName, at: .customerInfo, now: env.now) { e in
      e.inquiryKind = input.inquiryKind
      e.contractName = input.contractName
      e.furigana = input.furigana
      e.customerNumber = input.customerNumber
      e.postalCode = input.postalCode
      e.address = input.address
      e.phone = input.phone
    }
  }
}
