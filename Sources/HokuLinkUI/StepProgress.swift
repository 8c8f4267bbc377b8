/// The four stages of sign-up that the guide shows at the top of each screen.
public enum SignUpStage: Int, Hashable, Sendable, CaseIterable, Comparable {
  case prepare = 1, email, details, complete

  public static func < (lhs: SignUpStage, rhs: SignUpStage) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The short mark in the progress line: STEP1, STEP2, STEP3, 登録完了.
  public var mark: Localized {
    switch self {
    case .prepare: return Localized(ja: "STEP1", en: "STEP1")
    case .email: return Localized(ja: "STEP2", en: "STEP2")
    case .details: return Localized(ja: "STEP3", en: "STEP3")
    case .complete: return Localized(ja: "登録完了", en: "Done")
    }
  }

  public var title: Localized {
    switch self {
    case .prepare: return Localized(ja: "登録前のご用意", en: "Get ready")
    case .email: return Localized(ja: "メールアドレスを登録", en: "Register your e-mail")
    case .details: return Localized(ja: "お客様情報を入力", en: "Enter your details")
    case .complete: return Localized(ja: "登録完了", en: "Registration complete")
    }
  }

  /// The guide's word of encouragement for the stage (none once it is over).
  public var cheer: Localized? {
    switch self {
    case .prepare: return Localized(ja: "準備はできた?", en: "Ready?")
    case .email: return Localized(ja: "がんばって!", en: "Keep going!")
    case .details: return Localized(ja: "あともう少し!", en: "Almost there!")
    case .complete: return nil
    }
  }
}

/// The STEP header: the four stages with the current one highlighted, then its name and cheer. Two rows.
public struct StepProgress: Hashable, Sendable {
  public var current: SignUpStage
  public init(_ current: SignUpStage) { self.current = current }

  public static let height = 2

  /// The two rows as plain text (for the accessible mode and tests).
  public func lines(language: Language) -> [String] {
    let marks = SignUpStage.allCases.map { $0.mark(language) }.joined(separator: " → ")
    var second = current.title(language)
    if let cheer = current.cheer { second += "  " + cheer(language) }
    return [marks, second]
  }

  /// Draws the two rows from (x, y) within `width` cells; returns the rows used.
  @discardableResult
  public func draw(into canvas: inout Canvas, x: Int, y: Int, width: Int, language: Language, theme: Theme) -> Int {
    let total = DisplayWidth.of(lines(language: language)[0])
    var column = x + max(0, (width - total) / 2)
    let end = x + width
    for stage in SignUpStage.allCases {
      if stage != .prepare { column += canvas.put(" → ", x: column, y: y, style: theme.stepTodo, limit: end - column) }
      let style = stage == current ? theme.stepCurrent : (stage < current ? theme.stepDone : theme.stepTodo)
      column += canvas.put(stage.mark(language), x: column, y: y, style: style, limit: end - column)
    }
    let title = current.title(language)
    let cheer = current.cheer.map { "  " + $0(language) } ?? ""
    var second = x + max(0, (width - DisplayWidth.of(title + cheer)) / 2)
    second += canvas.put(title, x: second, y: y + 1, style: theme.emphasis, limit: end - second)
    canvas.put(cheer, x: second, y: y + 1, style: theme.cheer, limit: end - second)
    return Self.height
  }
}
