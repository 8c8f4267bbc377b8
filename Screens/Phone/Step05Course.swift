import HokuLinkCore
import HokuLinkUI

/// Step 5-2 会員申請コース: いますぐ (おすすめ) or 通常; a customer who cannot use いますぐ is told why.
public struct CourseScreen: Screen {
  public let frame: ScreenFrame
  var course: Account.Course?
  var error: Reason?

  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    course = (try? env.registrations.flow(device: env.deviceName))?.entries.course
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
      target: "course.next")
  }

  func offered(_ env: AppEnvironment) -> (courses: [Account.Course], why: Reason?) {
    guard let flow = try? env.registrations.flow(device: env.deviceName),
      let offer = try? env.registrations.courses(for: flow)
    else { return ([.immediate, .postcard], nil) }
    return offer
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
          id: "course.choice", label: Localized(ja: "会員申請コース", en: "Membership course")(l),
          options: courses.map { Self.label($0, l) }, selected: course.flatMap { courses.firstIndex(of: $0) },
          error: error.map { $0(l) },
          notes: courses.first == .immediate ? [0: Localized(ja: "おすすめ", en: "Recommended")(l)] : [:],
          required: true)))
    controls.append(.button(id: "course.next", label: Localized(ja: "STEP3へ", en: "To STEP3")(l)))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose("course.choice", let index):
      let courses = offered(env).courses
      course = courses.indices.contains(index) ? courses[index] : nil
    case .activated("course.next"):
      do {
        try env.registrations.chooseCourse(device: env.deviceName, course, now: env.now)
        return .replace(CourseDetailsScreen(env: env, frame: frame))
      } catch let refusal as RegistrationRefusal {
        error = refusal.fieldReasons[.course] ?? refusal.formReason
        course = (try? env.registrations.flow(device: env.deviceName))?.entries.course
        return env.signUpDeadEnd(refusal, frame: frame)
      } catch {
        self.error = Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")
      }
    default: break
    }
    return .stay
  }

  public func saveDraft(_ env: AppEnvironment) {
    let course = self.course
    try? env.registrations.saveDraft(device: env.deviceName, at: .course, now: env.now) { $0.course = course }
  }
}
