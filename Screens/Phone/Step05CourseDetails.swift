import HokuLinkCore
import HokuLinkUI

/// Step 5-3. いますぐ会員コース: the payment method and number (checked against the registry) and the initial
/// password twice. 通常会員コース: where the postcard with the initial password goes.
public struct CourseDetailsScreen: Screen {
  public let frame: ScreenFrame
  var errors: [RegistrationField: Reason] = [:]
  var formError: Reason?
  /// The course of the draft as last shown: the title and guide have no environment to read it from.
  var course: Account.Course = .postcard

  static let method: ControlID = "details.method"
  static let paymentNumber: ControlID = "details.number"
  static let password: ControlID = "details.password"
  static let passwordConfirmation: ControlID = "details.password2"
  static let destination: ControlID = "details.destination"
  static let toQuestions: ControlID = "details.next"

  /// Step 5-3 shows this device's sign-up draft (`env.draft`), its secrets included (kept in memory only).
  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    self.course = env.draft.entries.course ?? .postcard
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [
      Self.paymentNumber: \.signUp.secrets.paymentNumber, Self.password: \.signUp.secrets.initialPassword,
      Self.passwordConfirmation: \.signUp.secrets.initialPasswordConfirmation,
    ]
  }

  static let fields: [ControlID: RegistrationField] = [
    Self.method: .paymentMethod, Self.paymentNumber: .paymentNumber, Self.password: .initialPassword,
    Self.passwordConfirmation: .initialPasswordConfirmation, Self.destination: .postcardDestination,
  ]

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
      target: Self.toQuestions)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let e = env.draft.entries
    let secrets = env.draft.secrets
    let method = e.paymentMethod
    var controls: [Control] = []
    if (e.course ?? .postcard) == .immediate {
      controls.append(
        .choice(
          ChoiceSpec(
            id: Self.method, label: Localized(ja: "お支払方法", en: "How you pay")(l),
            options: RegistrationFlow.PaymentMethod.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
            selected: method.flatMap { RegistrationFlow.PaymentMethod.allCases.firstIndex(of: $0) },
            error: errors[.paymentMethod].map { $0(l) }, required: true)))
      switch method {
      case .bankTransfer:
        controls.append(
          ruleField(
            AccountNumber.self, id: Self.paymentNumber, label: Localized(ja: "口座番号", en: "Account number")(l),
            state: TextFieldState(text: secrets.paymentNumber), hint: Localized(ja: "半角数字7桁", en: "7 digits")(l),
            error: errors[.paymentNumber],
            language: l))
      case .creditCard:
        controls.append(
          ruleField(
            CardLast4.self, id: Self.paymentNumber,
            label: Localized(ja: "クレジットカード番号下4桁", en: "Last 4 digits of the card")(l),
            state: TextFieldState(text: secrets.paymentNumber),
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
          Password.self, id: Self.password,
          label: Localized(ja: "初回ログインパスワード", en: "First login password")(l),
          state: TextFieldState(text: secrets.initialPassword),
          hint: Localized(ja: "8〜64文字", en: "8 to 64 characters")(l), error: errors[.initialPassword], language: l,
          masked: true))
      controls.append(
        ruleField(
          Password.self, id: Self.passwordConfirmation,
          label: Localized(ja: "初回ログインパスワード(確認用)", en: "First login password (again)")(l),
          state: TextFieldState(text: secrets.initialPasswordConfirmation), error: errors[.initialPasswordConfirmation],
          language: l, masked: true))
    } else {
      controls.append(
        .text(
          Localized(
            ja: "初回ログインパスワードをハガキでお送りします。1週間程度で届きます。",
            en: "We post your first login password on a postcard; it takes about a week.")(l)))
      controls.append(
        .choice(
          ChoiceSpec(
            id: Self.destination,
            label: Localized(ja: "初回ログインパスワードの送付先", en: "Send the postcard to")(l),
            options: RegistrationFlow.PostcardDestination.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
            selected: e.postcardDestination.flatMap {
              RegistrationFlow.PostcardDestination.allCases.firstIndex(of: $0)
            },
            error: errors[.postcardDestination].map { $0(l) }, required: true)))
    }
    if let formError { controls.append(.text(formError(l), style: .error)) }
    controls.append(.button(id: Self.toQuestions, label: Localized(ja: "次へ", en: "Next")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    course = env.draft.entries.course ?? .postcard
    switch event {
    case .chose(Self.method, let index):
      let all = RegistrationFlow.PaymentMethod.allCases
      let chosen = all.indices.contains(index) ? all[index] : nil
      env.editDraft { draft in
        // A number typed for the other method means nothing for this one.
        if chosen != draft.entries.paymentMethod { draft.secrets.paymentNumber = "" }
        draft.entries.paymentMethod = chosen
      }
      errors[.paymentNumber] = nil
    case .chose(Self.destination, let index):
      let all = RegistrationFlow.PostcardDestination.allCases
      env.editDraft { $0.entries.postcardDestination = all.indices.contains(index) ? all[index] : nil }
    case .activated(Self.toQuestions): return next(env)
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
    let e = env.draft.entries
    if field == .postcardDestination {
      errors[field] = e.postcardDestination == nil ? RegistrationWording.destinationRequired : nil
      return
    }
    let s = env.draft.secrets
    let problems = Registrations.immediateProblems(
      method: e.paymentMethod, number: s.paymentNumber, password: s.initialPassword,
      passwordConfirmation: s.initialPasswordConfirmation, email: e.email)
    errors[field] = problems[field]
    // The copy follows the password: a changed password makes a typed copy right or wrong again.
    if field == .initialPassword, !s.initialPasswordConfirmation.isEmpty {
      errors[.initialPasswordConfirmation] = problems[.initialPasswordConfirmation]
    }
  }

  private mutating func next(_ env: AppEnvironment) -> Navigation {
    let e = env.draft.entries
    let s = env.draft.secrets
    do {
      if e.course == .immediate {
        try env.signUpStep {
          try $0.submitImmediate(
            device: env.deviceName, method: e.paymentMethod, number: s.paymentNumber, password: s.initialPassword,
            passwordConfirmation: s.initialPasswordConfirmation, now: env.now)
        }
      } else {
        try env.signUpStep {
          try $0.submitPostcard(device: env.deviceName, destination: e.postcardDestination, now: env.now)
        }
      }
      errors = [:]
      formError = nil
      return .push(QuestionsScreen(frame: frame))
    } catch let refusal as RegistrationRefusal {
      // What was typed stays (in memory only), so a mistake is put right rather than typed again.
      errors = refusal.fieldReasons
      formError = refusal.formReason
      course = env.draft.entries.course ?? .postcard  // too many misses or not eligible: the flow moved to 通常
      return env.signUpDeadEnd(refusal, frame: frame)
    } catch {
      formError = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      return .stay
    }
  }
}
