import HokuLinkCore
import HokuLinkUI

/// Step 14 (walkthrough C step 6), app only: ニックネーム, 誕生年月, 性別, 郵便番号 (anywhere in Japan), 「始める」.
public struct ProfileScreen: Screen {
  let session: LoginFlow
  var errors: [ControlID: Reason] = [:]

  public init(session: LoginFlow) {
    self.session = session
  }

  static let nickname: ControlID = "profile.nickname"
  static let birthMonth: ControlID = "profile.birth"
  static let gender: ControlID = "profile.gender"
  static let postalCode: ControlID = "profile.postal"
  static let start: ControlID = "profile.start"

  static func control(of field: ProfileProblem.Field) -> ControlID {
    switch field {
    case .nickname: nickname
    case .birthMonth: birthMonth
    case .gender: gender
    case .postalCode: postalCode
    }
  }

  public var textBindings: [ControlID: WritableKeyPath<DeviceDrafts, String>] {
    [
      Self.nickname: \.member.nickname, Self.birthMonth: \.member.birthMonth,
      Self.postalCode: \.member.profilePostalCode,
    ]
  }

  public var title: Localized { Localized(ja: "プロフィール", en: "Profile") }

  public var guide: GuideNote? {
    GuideNote(
      steps: [.a: "14", .c: "6"],
      text: Localized(
        ja: "ニックネーム、誕生年月、性別、郵便番号を入力して、いちばん下の「始める」を押します。",
        en: "Fill in nickname, month of birth, gender and postal code, then press “Start” at the bottom."),
      target: Self.start)
  }

  /// Every problem of the screen at once, by control.
  static func problems(_ env: AppEnvironment) -> [ControlID: Reason] {
    let typed = env.memberDraft
    let found = Logins.profileProblems(
      nickname: typed.nickname, birthMonth: typed.birthMonth, gender: typed.gender,
      postalCode: typed.profilePostalCode, now: env.now)
    return Dictionary(uniqueKeysWithValues: found.map { (control(of: $0.key), $0.value) })
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let typed = env.memberDraft
    func error(_ id: ControlID) -> String? { errors[id].map { $0(l) } }
    return Page([
      .text(Localized(ja: "プロフィールを登録してください。", en: "Please fill in your profile.")(l)),
      .field(
        FieldSpec(
          id: Self.nickname, label: Localized(ja: "ニックネーム", en: "Nickname")(l),
          state: TextFieldState(text: typed.nickname), maxLength: Nickname.maxLength,
          normalize: { Nickname.normalize($0) }, error: error(Self.nickname), required: true)),
      .field(
        FieldSpec(
          id: Self.birthMonth, label: Localized(ja: "誕生年月", en: "Month of birth")(l),
          state: TextFieldState(text: typed.birthMonth), maxLength: BirthMonth.maxLength,
          normalize: { BirthMonth.normalize($0) }, placeholder: "1985/04", error: error(Self.birthMonth),
          required: true, width: 10)),
      .choice(
        ChoiceSpec(
          id: Self.gender, label: Localized(ja: "性別", en: "Gender")(l),
          options: Gender.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: typed.gender.flatMap { Gender.allCases.firstIndex(of: $0) }, error: error(Self.gender),
          required: true)),
      .field(
        FieldSpec(
          id: Self.postalCode, label: Localized(ja: "郵便番号", en: "Postal code")(l),
          state: TextFieldState(text: typed.profilePostalCode), maxLength: PostalCode.maxLength,
          normalize: { PostalCode.normalize($0) }, placeholder: "920-0981", error: error(Self.postalCode),
          required: true, width: 10)),
      .button(id: Self.start, label: Localized(ja: "始める", en: "Start")(l)),
    ])
  }

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    guard [Self.nickname, Self.birthMonth, Self.gender, Self.postalCode].contains(id) else { return false }
    let before = errors[id]
    errors[id] = Self.problems(env)[id]
    return errors[id] != before
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose(Self.gender, let index):
      env.editMemberDraft { $0.gender = Gender.allCases.indices.contains(index) ? Gender.allCases[index] : nil }
      return .stay
    case .activated(Self.start):
      errors = Self.problems(env)
      guard errors.isEmpty else { return .stay }
      let typed = env.memberDraft
      var session = self.session
      let problem: ProfileProblem?
      do {
        problem = try env.logins.setProfile(
          &session, nickname: typed.nickname, birthMonth: typed.birthMonth, gender: typed.gender,
          postalCode: typed.profilePostalCode, now: env.now)
      } catch {
        return .reset(LoginRoute.problem(error, frame: .phone))
      }
      if let problem {
        errors[Self.control(of: problem.field)] = problem.reason
        return .stay
      }
      return LoginRoute.advance(session, env, frame: .phone)
    default:
      return .stay
    }
  }
}
