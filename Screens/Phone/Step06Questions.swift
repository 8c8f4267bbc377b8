import HokuLinkCore
import HokuLinkUI

/// Step 6 設問項目: ご契約の用途 and ご家族人数, both required.
public struct QuestionsScreen: Screen {
  public let frame: ScreenFrame
  var errors: [RegistrationField: Reason] = [:]

  static let use: ControlID = "questions.use"
  static let family: ControlID = "questions.family"
  static let review: ControlID = "questions.next"

  /// Step 6 shows this device's sign-up draft (`env.draft`); it keeps no copy of its own.
  public init(frame: ScreenFrame = .phone) {
    self.frame = frame
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
      target: Self.review)
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    return Page([
      .choice(
        ChoiceSpec(
          id: Self.use, label: Localized(ja: "ご契約の用途", en: "The contract is for")(l),
          options: ContractUse.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: env.draft.entries.contractUse.flatMap { ContractUse.allCases.firstIndex(of: $0) },
          error: errors[.contractUse].map { $0(l) }, required: true)),
      .choice(
        ChoiceSpec(
          id: Self.family, label: Localized(ja: "ご家族人数", en: "People in the household")(l),
          options: FamilySize.allCases.map { l == .ja ? $0.labelJA : $0.labelEN },
          selected: env.draft.entries.familySize.flatMap { FamilySize.allCases.firstIndex(of: $0) },
          error: errors[.familySize].map { $0(l) }, style: .list, required: true)),
      .button(id: Self.review, label: Localized(ja: "入力内容を確認する", en: "Review")(l)),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    switch event {
    case .chose(Self.use, let index):
      env.editDraft {
        $0.entries.contractUse = ContractUse.allCases.indices.contains(index) ? ContractUse.allCases[index] : nil
      }
    case .chose(Self.family, let index):
      env.editDraft {
        $0.entries.familySize = FamilySize.allCases.indices.contains(index) ? FamilySize.allCases[index] : nil
      }
    case .activated(Self.review):
      let e = env.draft.entries
      do {
        try env.signUpStep {
          try $0.submitQuestions(device: env.deviceName, use: e.contractUse, familySize: e.familySize, now: env.now)
        }
        errors = [:]
        return .push(ConfirmScreen(frame: frame))
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

  public mutating func recheck(_ id: ControlID, _ env: AppEnvironment) -> Bool {
    let before = errors
    check(id, env)
    return errors != before
  }

  private mutating func check(_ id: ControlID, _ env: AppEnvironment) {
    let e = env.draft.entries
    switch id {
    case Self.use: errors[.contractUse] = e.contractUse == nil ? RegistrationWording.contractUseRequired : nil
    case Self.family: errors[.familySize] = e.familySize == nil ? RegistrationWording.familySizeRequired : nil
    default: break
    }
  }
}
