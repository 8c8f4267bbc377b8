import HokuLinkCore
import HokuLinkUI

/// Step 14 (walkthrough C step 6), app only: ニックネーム, 誕生年月, 性別, 郵便番号 (anywhere in Japan), 「始める」.
public struct ProfileScreen: Screen {
  let session: LoginFlow
  var fields = FieldValues()
  var gender: Int?
  var problem: ProfileProblem?

  public init(session: LoginFlow) {
    self.session = session
  }

  public var title: Localized { Localized(ja: "プロフィール", en: "Profile") }

  public var guide: GuideNote? {
    GuideNote(
      step: "14",
      text: Localized(
        ja: "ニックネーム、誕生年月、性別、郵便番号を入力して、いちばん下の「始める」を押します(会員の方の手順6)。",
        en:
          "Fill in nickname, month of birth, gender and postal code, then press “Start” at the bottom (members: step 6)."
      ),
      target: "profile.start")
  }

  static let fieldIDs: [ControlID] = ["profile.nickname", "profile.birth", "profile.postal"]

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    func error(_ field: ProfileProblem.Field) -> String? {
      guard let problem, problem.field == field else { return nil }
      return problem.reason(l)
    }
    return Page([
      .text(Localized(ja: "プロフィールを登録してください。", en: "Please fill in your profile.")(l)),
      .field(
        FieldSpec(
          id: "profile.nickname", label: Localized(ja: "ニックネーム", en: "Nickname")(l),
          state: fields["profile.nickname"], maxLength: Nickname.maxLength, normalize: { Nickname.normalize($0) },
          error: error(.nickname), required: true)),
      .field(
        FieldSpec(
          id: "profile.birth", label: Localized(ja: "誕生年月", en: "Month of birth")(l), state: fields["profile.birth"],
          maxLength: BirthMonth.maxLength, normalize: { BirthMonth.normalize($0) }, placeholder: "1985/04",
          error: error(.birthMonth), required: true, width: 10)),
      .choice(
        ChoiceSpec(
          id: "profile.gender", label: Localized(ja: "性別", en: "Gender")(l),
          options: Gender.allCases.map { l == .ja ? $0.labelJA : $0.labelEN }, selected: gender,
          error: error(.gender), required: true)),
      .field(
        FieldSpec(
          id: "profile.postal", label: Localized(ja: "郵便番号", en: "Postal code")(l), state: fields["profile.postal"],
          maxLength: PostalCode.maxLength, normalize: { PostalCode.normalize($0) }, placeholder: "920-0981",
          error: error(.postalCode), required: true, width: 10)),
      .button(id: "profile.start", label: Localized(ja: "始める", en: "Start")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    if fields.take(event, fields: Self.fieldIDs) { return .stay }
    switch event {
    case .chose("profile.gender", let index):
      gender = index
      return .stay
    case .activated("profile.start"):
      var session = self.session
      let chosen = gender.flatMap { Gender.allCases.indices.contains($0) ? Gender.allCases[$0] : nil }
      do {
        problem = try Logins(store: env.store).setProfile(
          &session, nickname: fields.text("profile.nickname"), birthMonth: fields.text("profile.birth"),
          gender: chosen, postalCode: fields.text("profile.postal"), now: env.now)
      } catch {
        return .reset(LoginRoute.problem(error, frame: .phone))
      }
      if problem != nil { return .stay }
      return LoginRoute.advance(session, env, frame: .phone)
    default:
      return .stay
    }
  }
}
