import HokuLinkCore
import HokuLinkUI

/// Step 7 入力内容確認: everything entered, read-only, secrets masked. 「修正する」 goes back to step 5-1 with
/// every entry kept (the payment number and the initial password too, in memory; step 5-3 checks them again);
/// 「入力内容を確定する」 creates the account.
public struct ConfirmScreen: Screen {
  public let frame: ScreenFrame
  var formError: Reason?
  /// Whether this screen already submitted (a second press while the first is on its way does nothing).
  var submitted = false

  static let fix: ControlID = "confirm.fix"
  static let submit: ControlID = "confirm.submit"

  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "入力内容確認", en: "Review your entries") }
  public var stage: SignUpStage? { .details }
  public var address: String { signUpAddress("confirm") }

  public var guide: GuideNote? {
    GuideNote(
      step: "7",
      text: Localized(
        ja: "内容に間違いがないか確かめ、「入力内容を確定する」を押します。直すときは「修正する」。",
        en: "Check everything, then press “Confirm”. To change something, press “Correct”."),
      target: Self.submit)
  }

  static func rows(_ flow: RegistrationFlow, _ l: Language) -> [(label: String, value: String)] {
    let e = flow.entries
    let yes = Localized(ja: "受け取る", en: "Yes")(l)
    let no = Localized(ja: "受け取らない", en: "No")(l)
    func pick<T: LabelledChoice>(_ value: T?) -> String { value.map { l == .ja ? $0.labelJA : $0.labelEN } ?? "" }
    var rows: [(String, String)] = [
      (Localized(ja: "メールアドレス", en: "E-mail")(l), flow.verifiedEmail ?? e.email),
      (Localized(ja: "検針結果更新通知メール", en: "Meter reading mail")(l), e.notificationMail ? yes : no),
      (Localized(ja: "照会区分", en: "Customer type")(l), pick(e.inquiryKind)),
      (Localized(ja: "ご契約名義", en: "Contract holder")(l), e.contractName),
      (Localized(ja: "フリガナ", en: "Furigana")(l), e.furigana),
      (
        Localized(ja: "お客さま番号", en: "Customer number")(l),
        (try? CustomerNumber.validate(e.customerNumber).get().formatted) ?? e.customerNumber
      ),
      (
        Localized(ja: "郵便番号", en: "Postal code")(l),
        (try? PostalCode.validate(e.postalCode).get().formatted) ?? e.postalCode
      ),
      (Localized(ja: "住所", en: "Address")(l), e.address),
      (Localized(ja: "電話番号", en: "Phone")(l), e.phone),
      (Localized(ja: "会員申請コース", en: "Course")(l), CourseScreen.label(e.course ?? .postcard, l)),
    ]
    if e.course == .immediate {
      let method = e.paymentMethod
      rows.append(
        (Localized(ja: "お支払方法", en: "How you pay")(l), method.map { l == .ja ? $0.labelJA : $0.labelEN } ?? ""))
      rows.append(
        method == .creditCard
          ? (Localized(ja: "クレジットカード番号下4桁", en: "Card, last 4")(l), "●●●●")
          : (Localized(ja: "口座番号", en: "Account number")(l), "●●●●●●●"))
      rows.append((Localized(ja: "初回ログインパスワード", en: "First password")(l), "●●●●●●●●"))
    } else {
      let destination = e.postcardDestination
      rows.append(
        (
          Localized(ja: "初回ログインパスワードの送付先", en: "Postcard goes to")(l),
          destination.map { l == .ja ? $0.labelJA : $0.labelEN } ?? ""
        ))
    }
    rows.append((Localized(ja: "ご契約の用途", en: "Contract for")(l), pick(e.contractUse)))
    rows.append((Localized(ja: "ご家族人数", en: "Household")(l), pick(e.familySize)))
    return rows
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    guard let flow = try? env.registrations.flow(device: env.deviceName) else {
      return Page([.text(RegistrationWording.expired(l), style: .error)])
    }
    var controls: [Control] = [
      .text(
        Localized(
          ja: "入力内容をご確認ください。よろしければ「入力内容を確定する」を押してください。",
          en: "Please check your entries; if all is right, press “Confirm”.")(l), style: .note),
      .summary(Self.rows(flow, l)),
    ]
    if let formError { controls.append(.text(formError(l), style: .error)) }
    controls.append(.button(id: Self.fix, label: Localized(ja: "修正する", en: "Correct")(l), kind: .secondary))
    controls.append(.button(id: Self.submit, label: Localized(ja: "入力内容を確定する", en: "Confirm")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    do {
      switch event {
      case .activated(Self.fix):
        try env.signUpStep { try $0.revise(device: env.deviceName, now: env.now) }
        return .unwind(to: ObjectIdentifier(CustomerInfoScreen.self), otherwise: CustomerInfoScreen(frame: frame))
      case .activated(Self.submit):
        guard !submitted else { return .stay }
        return done(
          try env.registrations.confirm(device: env.deviceName, now: env.now, language: env.mailLanguage), env)
      default:
        return .stay
      }
    } catch let refusal as RegistrationRefusal {
      formError = refusal.formReason
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      // The account may be committed before the error: then the sign-up is done and step 8 shown (its mail is in
      // the outbox, delivered by the next process that opens the store).
      if let flow = try? env.registrations.flow(device: env.deviceName), flow.step == .done {
        return done(flow, env)
      }
      formError = Reason(ja: "登録できませんでした: \(error)", en: "Could not register: \(error)")
      return .stay
    }
  }

  private mutating func done(_ flow: RegistrationFlow, _ env: AppEnvironment) -> Navigation {
    submitted = true
    let course = flow.entries.course ?? .postcard
    let customer = flow.customerNumber ?? ""
    if course == .postcard { env.rememberLetterbox(customer) }
    return .replace(SignUpDoneScreen(course: course, customerNumber: customer, frame: frame))
  }
}
