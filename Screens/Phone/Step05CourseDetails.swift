import HokuLinkCore
import HokuLinkUI

/// Step 5-3. いますぐ会員コース: the payment method and number (checked against the registry) and the initial
/// password twice. 通常会員コース: where the postcard with the initial password goes.
public struct CourseDetailsScreen: Screen {
  public let frame: ScreenFrame
  var course: Account.Course
  var method: RegistrationFlow.PaymentMethod?
  var number = TextFieldState()
  var password = TextFieldState()
  var passwordAgain = TextFieldState()
  var destination: RegistrationFlow.PostcardDestination?
  var errors: [RegistrationField: Reason] = [:]
  var formError: Reason?

  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    let e = (try? env.registrations.flow(device: env.deviceName))?.entries ?? RegistrationFlow.Entries()
    course = e.course ?? .postcard
    method = e.paymentMethod
    destination = e.postcardDestination
  }

  public var title: Localized {
    course == .immediate
      ? Localized(ja: "いますぐ会員コース", en: "Instant course") : Localized(ja: "通常会員コース", en: "Regular course")
  }
  public var stage: SignUpStage? { .details }
  public var address: String { signUpAddress("course-details") }

  public var guide: GuideNote? {
    GuideNote(
      step: "5-3",
      text: course == .immediate
        ? Localized(
          ja: "お支払方法と番号を入れ、初回ログインパスワード（仮のパスワード）を2回入れて「次へ」。",
          en: "Enter how you pay and its number, then a temporary first password twice, and press “Next”.")
        : Localized(
          ja: "初回ログインパスワードを送るハガキの送り先を選んで「次へ」。1週間程度で届きます。",
          en: "Choose where the postcard with your first password goes, then “Next”. It takes about a week."),
      target: "details.next")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    var controls: [Control] = []
    if course == .immediate {
      controls.append(
        .choice(
          ChoiceSpec(
            id: "details.method", label: Localized(ja: "お支払方法", en: "How you pay")(l),
            options: RegistrationFlow.PaymentMethod.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
            selected: method.flatMap { RegistrationFlow.PaymentMethod.allCases.firstIndex(of: $0) },
            error: errors[.paymentMethod].map { $0(l) }, required: true)))
      switch method {
      case .bankTransfer:
        controls.append(
          ruleField(
            AccountNumber.self, id: "details.number", label: Localized(ja: "口座番号", en: "Account number")(l),
            state: number, hint: Localized(ja: "半角数字7桁", en: "7 digits")(l), error: errors[.paymentNumber],
            language: l))
      case .creditCard:
        controls.append(
          ruleField(
            CardLast4.self, id: "details.number",
            label: Localized(ja: "クレジットカード番号下4桁", en: "Last 4 digits of the card")(l), state: number,
            hint: Localized(ja: "半角数字4桁", en: "4 digits")(l), error: errors[.paymentNumber], language: l))
      case nil:
        controls.append(
          .text(
            Localized(
              ja: "お支払方法を選ぶと、番号の入力欄が出ます。", en: "Choose how you pay to get the number field.")(l),
            style: .note))
      }
      controls.append(
        .text(
          Localized(
            ja: "初回ログインパスワードは仮のパスワードです。最初のログインの後、今後使うパスワードに変えていただきます。",
            en: "The first login password is temporary: after your first login you set the one you will keep.")(l),
          style: .note))
      controls.append(
        ruleField(
          Password.self, id: "details.password",
          label: Localized(ja: "初回ログインパスワード", en: "First login password")(l), state: password,
          hint: Localized(ja: "8〜64文字", en: "8 to 64 characters")(l), error: errors[.initialPassword], language: l,
          masked: true))
      controls.append(
        ruleField(
          Password.self, id: "details.password2",
          label: Localized(ja: "初回ログインパスワード(確認用)", en: "First login password (again)")(l),
          state: passwordAgain, error: errors[.initialPasswordConfirmation], language: l, masked: true))
    } else {
      controls.append(
        .text(
          Localized(
            ja: "初回ログインパスワードをハガキでお送りします。1週間程度で届きます。",
            en: "We post your first login password on a postcard; it takes about a week.")(l)))
      controls.append(
        .choice(
          ChoiceSpec(
            id: "details.destination",
            label: Localized(ja: "初回ログインパスワードの送付先", en: "Send the postcard to")(l),
            options: RegistrationFlow.PostcardDestination.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
            selected: destination.flatMap { RegistrationFlow.PostcardDestination.allCases.firstIndex(of: $0) },
            error: errors[.postcardDestination].map { $0(l) }, required: true)))
    }
    if let formError { controls.append(.text(formError(l), style: .error)) }
    controls.append(.button(id: "details.next", label: Localized(ja: "次へ", en: "Next")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose("details.method", let index):
      let all = RegistrationFlow.PaymentMethod.allCases
      let chosen = all.indices.contains(index) ? all[index] : nil
      if chosen != method { number = TextFieldState() }
      method = chosen
    case .chose("details.destination", let index):
      let all = RegistrationFlow.PostcardDestination.allCases
      destination = all.indices.contains(index) ? all[index] : nil
    case .edited("details.number", let state): number = state
    case .edited("details.password", let state): password = state
    case .edited("details.password2", let state): passwordAgain = state
    case .activated("details.next"): return next(env)
    default: break
    }
    return .stay
  }

  private mutating func next(_ env: AppEnvironment) -> Navigation {
    do {
      if course == .immediate {
        try env.registrations.submitImmediate(
          device: env.deviceName, method: method, number: number.text, password: password.text,
          passwordConfirmation: passwordAgain.text, now: env.now)
      } else {
        try env.registrations.submitPostcard(device: env.deviceName, destination: destination, now: env.now)
      }
      return .replace(QuestionsScreen(env: env, frame: frame))
    } catch let refusal as RegistrationRefusal {
      errors = refusal.fieldReasons
      formError = refusal.formReason
      // Secrets are never kept on a refused screen.
      number = TextFieldState()
      password = TextFieldState()
      passwordAgain = TextFieldState()
      if let flow = try? env.registrations.flow(device: env.deviceName), flow.entries.course == .postcard {
        course = .postcard  // too many misses or not eligible: the flow moved to 通常会員コース
      }
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      formError = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      return .stay
    }
  }

  public func saveDraft(_ env: AppEnvironment) {
    let (method, destination) = (method, destination)
    try? env.registrations.saveDraft(device: env.deviceName, at: .courseDetails, now: env.now) { e in
      e.paymentMethod = method
      e.postcardDestination = destination
    }
  }
}
