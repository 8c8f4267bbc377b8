import HokuLinkCore
import HokuLinkUI

/// Step 6 設問項目: ご契約の用途 and ご家族人数, both required.
public struct QuestionsScreen: Screen {
  public let frame: ScreenFrame
  var use: ContractUse?
  var family: FamilySize?
  var errors: [RegistrationField: Reason] = [:]

  public init(env: AppEnvironment, frame: ScreenFrame = .phone) {
    self.frame = frame
    let e = (try? env.registrations.flow(device: env.deviceName))?.entries ?? RegistrationFlow.Entries()
    use = e.contractUse
    family = e.familySize
  }

  public var title: Localized { Localized(ja: "設問項目", en: "A few questions") }
  public var stage: SignUpStage? { .details }
  public var address: String { signUpAddress("questions") }

  public var guide: GuideNote? {
    GuideNote(
      step: "6",
      text: Localized(
        ja: "ご契約の用途とご家族人数を選び、「入力内容を確認する」を押します。",
        en: "Choose what the contract is for and how many live with you, then press “Review”."),
      target: "questions.next")
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .choice(
        ChoiceSpec(
          id: "questions.use", label: Localized(ja: "ご契約の用途", en: "The contract is for")(l),
          options: ContractUse.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: use.flatMap { ContractUse.allCases.firstIndex(of: $0) },
          error: errors[.contractUse].map { $0(l) }, required: true)),
      .choice(
        ChoiceSpec(
          id: "questions.family", label: Localized(ja: "ご家族人数", en: "People in the household")(l),
          options: FamilySize.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: family.flatMap { FamilySize.allCases.firstIndex(of: $0) },
          error: errors[.familySize].map { $0(l) }, style: .list, required: true)),
      .button(id: "questions.next", label: Localized(ja: "入力内容を確認する", en: "Review")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose("questions.use", let index):
      use = ContractUse.allCases.indices.contains(index) ? ContractUse.allCases[index] : nil
    case .chose("questions.family", let index):
      family = FamilySize.allCases.indices.contains(index) ? FamilySize.allCases[index] : nil
    case .activated("questions.next"):
      do {
        try env.registrations.submitQuestions(device: env.deviceName, use: use, familySize: family, now: env.now)
        return .replace(ConfirmScreen(env: env, frame: frame))
      } catch let refusal as RegistrationRefusal {
        errors = refusal.fieldReasons
        return env.signUpDeadEnd(refusal, frame: frame)
      } catch {
        errors = [.contractUse: Reason(ja: "保存できませんでした: \(error)", en: "Could not save: \(error)")]
      }
    default: break
    }
    return .stay
  }

  public func saveDraft(_ env: AppEnvironment) {
    let (use, family) = (use, family)
    try? env.registrations.saveDraft(device: env.deviceName, at: .questions, now: env.now) { e in
      e.contractUse = use
      e.familySize = family
    }
  }
}
