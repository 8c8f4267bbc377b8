// One-call forms of the frames, for an app loop that draws a whole screen per frame (the runtime draft in
// Screens/Runtime calls these); each is the struct's `draw` with the usual defaults.

extension StepProgress {
  public typealias Stage = SignUpStage
}

extension PhoneFrame {
  /// Draws a phone titled `title` in `rect`, with the STEP header when `step` is given; returns the body.
  @discardableResult
  public static func render(
    into canvas: inout Canvas, rect: Rect, time: String = "9:41", title: String, step: SignUpStage? = nil,
    hints: [KeyHint] = KeyHint.standard, language: Language, theme: Theme
  ) -> Rect {
    PhoneFrame(title: title, time: time, step: step.map(StepProgress.init), hints: hints).draw(
      into: &canvas, area: rect, language: language, theme: theme)
  }

  /// The body `render` would return in `rect`, without drawing (the chrome's texts move nothing).
  public static func bodyRect(rect: Rect, step: SignUpStage? = nil) -> Rect {
    PhoneFrame(title: "", step: step.map(StepProgress.init), hints: []).geometry(area: rect).body
  }
}

extension BrowserFrame {
  /// Draws the browser in `rect` showing `address`, with `title` as tab and `siteTitle` (else the ほくリンク site's)
  /// as the site header; returns the body.
  @discardableResult
  public static func render(
    into canvas: inout Canvas, rect: Rect, address: String = BrowserFrame.siteURL, title: String,
    siteTitle: String? = nil, step: SignUpStage? = nil, hints: [KeyHint] = KeyHint.browser, language: Language,
    theme: Theme
  ) -> Rect {
    BrowserFrame(
      tabTitle: title, url: address, siteTitle: siteTitle ?? BrowserFrame.siteTitleJA,
      step: step.map(StepProgress.init),
      hints: hints
    ).draw(into: &canvas, area: rect, language: language, theme: theme)
  }

  /// The body `render` would return in `rect`, without drawing (the chrome's texts move nothing).
  public static func bodyRect(rect: Rect, step: SignUpStage? = nil) -> Rect {
    BrowserFrame(tabTitle: "", step: step.map(StepProgress.init), hints: []).geometry(area: rect).body
  }
}

extension GuidePanel {
  public static func render(
    into canvas: inout Canvas, rect: Rect, step: String, walkthrough: String? = nil, text: String,
    key: String? = nil, done: Bool = false, language: Language, theme: Theme
  ) {
    GuidePanel(step: step, walkthrough: walkthrough, instructions: text, key: key, done: done).draw(
      into: &canvas, area: rect, language: language, theme: theme)
  }

  /// The red frame around a control's on-screen rectangle, kept inside `clip` (the body); when there is no
  /// blank room beside it the control itself turns red.
  @discardableResult
  public static func frameControl(_ rect: Rect, in canvas: inout Canvas, clip: Rect, theme: Theme)
    -> GuideHighlight.Outcome
  {
    frameControlMark(rect, in: &canvas, clip: clip, theme: theme).outcome
  }

  /// As `frameControl`, and says where the frame went (nil when none was drawn).
  @discardableResult
  public static func frameControlMark(_ rect: Rect, in canvas: inout Canvas, clip: Rect, theme: Theme)
    -> (outcome: GuideHighlight.Outcome, box: GuideHighlight.Box?)
  {
    let visible = rect.intersection(clip)
    guard !visible.isEmpty else { return (.hidden, nil) }
    if let box = GuideHighlight.frameBox(rect, within: clip, in: &canvas, theme: theme) { return (.framed, box) }
    GuideHighlight.restyle(visible, in: &canvas, theme: theme)
    return (.restyled, nil)
  }
}

extension EnlargeScreen {
  /// The message is always in both languages (the person may not have chosen one yet); `language` is
  /// accepted so every frame is called alike.
  public static func render(into canvas: inout Canvas, language: Language, theme: Theme) {
    draw(into: &canvas, theme: theme)
  }
}

extension HelpOverlay {
  /// The help box centred on the whole canvas.
  @discardableResult
  public static func render(
    into canvas: inout Canvas, language: Language, supportLine: String, onPC: Bool = false, theme: Theme
  ) -> Rect {
    HelpOverlay(supportLine: supportLine, onPC: onPC).draw(
      into: &canvas, area: Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), language: language,
      theme: theme)
  }
}

extension Page {
  public func isField(_ id: ControlID) -> Bool { kind(of: id) == .field }

  /// A choice's options (nil when `id` is not a choice).
  public func options(of id: ControlID) -> [String]? { choice(id)?.options }
}
