/// The styles the toolkit draws with. `standard` uses colour; `monochrome` (for NO_COLOR) keeps every
/// distinction with bold, underline, dim and reverse alone, so nothing is told by colour only.
public struct Theme: Hashable, Sendable {
  public var body: Style
  public var title: Style
  public var note: Style
  public var small: Style
  public var error: Style
  public var emphasis: Style
  public var label: Style
  public var required: Style
  public var input: Style
  public var inputFocused: Style
  public var placeholder: Style
  public var focused: Style
  public var buttonPrimary: Style
  public var buttonSecondary: Style
  public var buttonFocused: Style
  public var link: Style
  public var badge: Style
  public var summaryLabel: Style
  public var chartBar: Style
  public var divider: Style
  public var scrollbar: Style
  public var frame: Style
  public var statusBar: Style
  public var header: Style
  public var stepDone: Style
  public var stepCurrent: Style
  public var stepTodo: Style
  public var cheer: Style
  public var hintKey: Style
  public var hintText: Style
  public var guideFrame: Style
  public var guideTitle: Style
  public var addressBar: Style

  public static let standard = Theme(
    body: .plain,
    title: Style(foreground: .blue, bold: true),
    note: Style(dim: true),
    small: Style(dim: true),
    error: Style(foreground: .red, bold: true),
    emphasis: Style(bold: true),
    label: Style(bold: true),
    required: Style(foreground: .red, bold: true),
    input: Style(underline: true),
    inputFocused: Style(foreground: .cyan, bold: true, underline: true),
    placeholder: Style(underline: true, dim: true),
    focused: Style(reverse: true),
    buttonPrimary: Style(foreground: .white, background: .blue, bold: true),
    buttonSecondary: Style(foreground: .blue),
    buttonFocused: Style(bold: true, reverse: true),
    link: Style(foreground: .cyan, underline: true),
    badge: Style(foreground: .red, bold: true),
    summaryLabel: Style(dim: true),
    chartBar: Style(foreground: .green),
    divider: Style(dim: true),
    scrollbar: Style(foreground: .blue),
    frame: Style(foreground: .white),
    statusBar: Style(bold: true),
    header: Style(foreground: .white, background: .blue, bold: true),
    stepDone: Style(foreground: .green),
    stepCurrent: Style(foreground: .white, background: .red, bold: true),
    stepTodo: Style(dim: true),
    cheer: Style(foreground: .magenta, bold: true),
    hintKey: Style(foreground: .yellow, bold: true),
    hintText: .plain,
    guideFrame: Style(foreground: .red, bold: true),
    guideTitle: Style(foreground: .red, bold: true),
    addressBar: Style(underline: true))

  public static let monochrome = Theme(
    body: .plain,
    title: Style(bold: true),
    note: Style(dim: true),
    small: Style(dim: true),
    error: Style(bold: true),
    emphasis: Style(bold: true),
    label: Style(bold: true),
    required: Style(bold: true),
    input: Style(underline: true),
    inputFocused: Style(bold: true, underline: true),
    placeholder: Style(underline: true, dim: true),
    focused: Style(reverse: true),
    buttonPrimary: Style(bold: true),
    buttonSecondary: .plain,
    buttonFocused: Style(bold: true, reverse: true),
    link: Style(underline: true),
    badge: Style(bold: true),
    summaryLabel: Style(dim: true),
    chartBar: .plain,
    divider: Style(dim: true),
    scrollbar: .plain,
    frame: .plain,
    statusBar: Style(bold: true),
    header: Style(bold: true, reverse: true),
    stepDone: .plain,
    stepCurrent: Style(bold: true, reverse: true),
    stepTodo: Style(dim: true),
    cheer: Style(bold: true),
    hintKey: Style(bold: true),
    hintText: .plain,
    guideFrame: Style(bold: true),
    guideTitle: Style(bold: true, underline: true),
    addressBar: Style(underline: true))

  /// The theme to use: colour unless NO_COLOR is set (the caller reads the environment).
  public static func forEnvironment(noColor: Bool) -> Theme { noColor ? .monochrome : .standard }
}
