import HokuLinkCore
import HokuLinkUI

/// Step 5-2 会員申請コース: いますぐ (おすすめ) or 通常; a customer who cannot use いますぐ is told why.
public struct CourseScreen: Screen {
  public let frame: ScreenFrame
  var error: Reason?

  static let choice: ControlID = "course.choice"
  static let toStep3: ControlID = "course.next"

  /// Step 5-2 shows the course of this device's sign-up draft (`env.draft`).
  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
  }

  public var title: Localized { Localized(ja: "会員申請コース", en: "Membership course") }
  public var stage: SignUpStage? { .details }
  public var address: String { signUpAddress("course") }

  public var guide: GuideNote? {
    GuideNote(
      step: "5-2",
      text: Localized(
        ja: "いますぐ会員コースか通常会員コースを選び、「STEP3へ」を押します。",
        en: "Choose the instant or the regular course, then press “To STEP3”."),
      target: Self.toStep3)
  }

  func offered(_ env: AppEnvironment) -> (courses: [Account.Course], why: Reason?) {
    env.signUpCourses
  }

  static func label(_ course: Account.Course, _ l: Language) -> String {
    course == .immediate
      ? Localized(ja: "いますぐ会員コース", en: "Instant course")(l)
      : Localized(ja: "通常会員コース", en: "Regular course")(l)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let (courses, why) = offered(env)
    var controls: [Control] = [
      .text(
        Localized(
          ja: "いますぐ会員コース: 電気料金を口座振替かクレジットカードでお支払いの方は、その番号で確認してすぐに使い始められます。",
          en: "Instant course: if you pay by bank transfer or card, we check that number and you can start at once.")(
            l), style: .note),
      .text(
        Localized(
          ja: "通常会員コース: 初回ログインパスワードをハガキでお送りします（1週間程度かかります）。",
          en: "Regular course: your first login password comes by postcard (about a week).")(l), style: .note),
    ]
    if let why { controls.append(.text(why(l), style: .error)) }
    controls.append(
      .choice(
        ChoiceSpec(
          id: Self.choice, label: Localized(ja: "会員申請コース", en: "Membership course")(l),
          options: courses.map { Self.label($0, l) },
          selected: env.draft.entries.course.flatMap { courses.firstIndex(of: $0) },
          error: error.map { $0(l) },
          notes: courses.first == .immediate ? [0: Localized(ja: "おすすめ", en: "Recommended")(l)] : [:],
          required: true)))
    controls.append(.button(id: Self.toStep3, label: Localized(ja: "STEP3へ", en: "To STEP3")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose(Self.choice, let index):
      let courses = offered(env).courses
      env.editDraft { $0.entries.course = courses.indices.contains(index) ? courses[index] : nil }
      error = nil
    case .activated(Self.toStep3):
      let course = env.draft.entries.course
      do {
        try env.signUpStep { try $0.chooseCourse(device: env.deviceName, course, now: env.now) }
        error = nil
        return .push(CourseDetailsScreen(env: env, frame: frame))
      } catch let refusal as RegistrationRefusal {
        error = refusal.fieldReasons[.course] ?? refusal.formReason
        return env.signUpDeadEnd(refusal, frame: frame)
      } catch {
        self.error = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      }
    default: break
    }
    return .stay
  }
}
