/// Lays out a page in page coordinates. Geometry never depends on the focus, the theme or the language,
/// so `Form.handle` (which has neither) hit-tests exactly what `Form.render` drew.
struct FormLayoutBuilder {
  let width: Int
  let focus: ControlID?
  let theme: Theme
  let language: Language
  var layout = ContentLayout()
  var y = 0
  private var needsGap = false

  static let requiredMark = " *"
  static let errorPrefix = "※ "
  /// English screens mark an error without ※, a Japanese convention (issue 9).
  static let errorPrefixEN = "! "
  static let mask: Character = "●"

  init(width: Int, focus: ControlID?, theme: Theme, language: Language) {
    self.width = max(1, width)
    self.focus = focus
    self.theme = theme
    self.language = language
  }

  static func build(_ page: Page, width: Int, focus: ControlID?, theme: Theme, language: Language)
    -> ContentLayout
  {
    var builder = FormLayoutBuilder(width: width, focus: focus, theme: theme, language: language)
    builder.place(page.controls)
    // A blank row under the guide's control when it ends the page, so that scrolled to the end the red frame's
    // bottom edge has its row rather than the key bar's.
    if let last = builder.layout.items.last, last.id == page.framed, last.block.maxY == builder.y { builder.y += 1 }
    builder.layout.height = builder.y
    builder.layout.framed = page.framed
    return builder.layout
  }

  private mutating func run(_ x: Int, _ text: String, _ style: Style, fill: Int = 0) {
    layout.runs.append(ContentLayout.Run(x: x, y: y, text: text, style: style, fill: fill))
  }

  /// Wrapped lines at `x`, each on its own row, later lines indented by `hangingIndent`; returns the widest
  /// line's width.
  @discardableResult
  private mutating func paragraph(_ text: String, x: Int = 0, style: Style, hangingIndent: Int = 0) -> Int {
    var lines = TextWrap.wrap(text, width: max(1, width - x))
    if hangingIndent > 0, lines.count > 1 {
      // The first line keeps the full width; the rest is wrapped again to the narrower indented column.
      var rest = Substring(text.dropFirst(lines[0].count))
      if rest.first == "\n" { rest = rest.dropFirst() }
      while rest.first == " " { rest = rest.dropFirst() }
      lines = [lines[0]] + TextWrap.wrap(String(rest), width: max(1, width - x - hangingIndent))
    }
    var widest = 0
    for (index, line) in lines.enumerated() {
      let lineX = index == 0 ? x : x + hangingIndent
      run(lineX, line, style)
      widest = max(widest, lineX - x + DisplayWidth.of(line))
      y += 1
    }
    return widest
  }

  private mutating func place(_ controls: [Control]) {
    for control in controls {
      switch control {
      case .spacer:
        // One row more than the usual gap, and no gap after it: a spacer widens a gap, never doubles it.
        y += needsGap ? 2 : 1
        needsGap = false
        continue
      default:
        if needsGap { y += 1 }
        needsGap = true
      }
      switch control {
      case .text(let text, let style): paragraph(text, style: textStyle(style))
      case .field(let spec): field(spec)
      case .checkbox(let id, let label, let checked, let error): checkbox(id, label, checked, error)
      case .choice(let spec): spec.style == .radio ? radio(spec) : list(spec)
      case .button(let id, let label, let kind): button(id, label, kind)
      case .link(let id, let label): link(id, label)
      case .summary(let rows): summary(rows)
      case .barChart(let title, let bars, let unit): barChart(title, bars, unit)
      case .divider:
        run(0, String(repeating: "─", count: width), theme.divider)
        y += 1
      case .group(let title, let inner):
        paragraph(title, style: theme.emphasis)
        needsGap = false
        place(inner)
      case .spacer: break
      }
    }
  }

  private func textStyle(_ style: TextStyle) -> Style {
    switch style {
    case .title: return theme.title
    case .body: return theme.body
    case .note: return theme.note
    case .error: return theme.error
    case .emphasis: return theme.emphasis
    case .small: return theme.small
    }
  }

  /// A control's label, with the required mark after its last line.
  private mutating func label(_ text: String, required: Bool) {
    let mark = required ? Self.requiredMark : ""
    let lines = TextWrap.wrap(text, width: max(1, width - DisplayWidth.of(mark)))
    for (index, line) in lines.enumerated() {
      run(0, line, theme.label)
      if index == lines.count - 1 && required {
        run(DisplayWidth.of(line), mark, theme.required)
      }
      y += 1
    }
  }

  private mutating func error(_ message: String?) {
    guard let message, !message.isEmpty else { return }
    let prefix = language == .ja ? Self.errorPrefix : Self.errorPrefixEN
    paragraph(prefix + message, style: theme.error, hangingIndent: DisplayWidth.of(prefix))
  }

  private mutating func field(_ spec: FieldSpec) {
    let top = y
    let focused = spec.id == focus
    label(spec.label, required: spec.required)
    let inputWidth = min(width, max(2, spec.width ?? width))
    let state = TextFieldState(text: spec.state.text, cursor: spec.state.cursor)
    let shown: [Character] = spec.masked ? Array(repeating: Self.mask, count: state.text.count) : Array(state.text)
    // Keep the insertion point inside the line: start late enough that the text before it fits, leaving
    // the last cell free for the cursor itself.
    var first = 0
    var before = DisplayWidth.of(String(shown[..<state.cursor]))
    while before > inputWidth - 1 && first < state.cursor {
      before -= DisplayWidth.of(shown[first])
      first += 1
    }
    var visible = ""
    var used = 0
    for character in shown[first...] {
      let cells = DisplayWidth.of(character)
      if used + cells > inputWidth { break }
      visible.append(character)
      used += cells
    }
    let style = focused ? theme.inputFocused : theme.input
    run(0, visible, style, fill: inputWidth)
    // An example goes beside a narrow field, else on the line under it: never inside, where it looks typed.
    let example = spec.placeholder.map { UIText.example(language) + $0 }
    var exampleBelow: String?
    if let example {
      let exampleX = inputWidth + 2
      if exampleX + DisplayWidth.of(example) <= width {
        run(exampleX, example, theme.small)
      } else {
        exampleBelow = example
      }
    }
    if focused { layout.cursor = Point(x: before, y: y) }
    let rect = Rect(x: 0, y: y, width: inputWidth, height: 1)
    y += 1
    if let exampleBelow { paragraph(exampleBelow, style: theme.small) }
    if let hint = spec.hint, !hint.isEmpty { paragraph(hint, style: theme.small) }
    error(spec.error)
    var item = FormLayout.Item(
      id: spec.id, kind: .field, rect: rect, block: Rect(x: 0, y: top, width: width, height: y - top), options: [])
    item.firstVisibleCharacter = first
    layout.items.append(item)
  }

  private mutating func checkbox(_ id: ControlID, _ text: String, _ checked: Bool, _ message: String?) {
    let top = y
    let focused = id == focus
    run(0, checked ? "[x]" : "[ ]", focused ? theme.focused : theme.label)
    let widest = paragraph(text, x: 4, style: focused ? theme.emphasis : theme.body)
    let rect = Rect(x: 0, y: top, width: 4 + widest, height: y - top)
    error(message)
    layout.items.append(
      FormLayout.Item(
        id: id, kind: .checkbox, rect: rect, block: Rect(x: 0, y: top, width: width, height: y - top), options: []))
  }

  private mutating func radio(_ spec: ChoiceSpec) {
    let top = y
    let focused = spec.id == focus
    label(spec.label, required: spec.required)
    let optionsTop = y
    var x = 0
    var rowUsed = false
    var optionRects: [Rect] = []
    // The option the arrows act on is the selected one, or the first while none is.
    let active = spec.selected ?? 0
    for (index, option) in spec.options.enumerated() {
      let isSelected = spec.selected == index
      let marker = isSelected ? "(●)" : "( )"
      let note = spec.notes[index].map { " " + $0 } ?? ""
      let textWidth = DisplayWidth.of(option) + DisplayWidth.of(note)
      let segment = 4 + textWidth
      if rowUsed && x + segment > width {
        y += 1
        x = 0
      }
      let optionTop = y
      run(x, marker, focused && index == active ? theme.focused : (isSelected ? theme.emphasis : theme.body))
      let textStyle = isSelected ? theme.emphasis : theme.body
      if 4 + textWidth <= width - x {
        run(x + 4, option, textStyle)
        if !note.isEmpty { run(x + 4 + DisplayWidth.of(option), note, theme.badge) }
        optionRects.append(Rect(x: x, y: y, width: segment, height: 1))
        x += segment + 2
      } else {
        // An option longer than the line wraps under its own text.
        let lines = TextWrap.wrap(option + note, width: max(1, width - x - 4))
        for (lineIndex, line) in lines.enumerated() {
          if lineIndex > 0 { y += 1 }
          run(x + 4, line, textStyle)
        }
        optionRects.append(Rect(x: x, y: optionTop, width: width - x, height: y - optionTop + 1))
        y += 1
        x = 0
        rowUsed = false
        continue
      }
      rowUsed = true
    }
    if rowUsed { y += 1 }
    let rect = Rect(x: 0, y: optionsTop, width: width, height: max(1, y - optionsTop))
    error(spec.error)
    layout.items.append(
      FormLayout.Item(
        id: spec.id, kind: .choice, rect: rect, block: Rect(x: 0, y: top, width: width, height: y - top),
        options: optionRects))
  }

  private mutating func list(_ spec: ChoiceSpec) {
    let top = y
    let focused = spec.id == focus
    label(spec.label, required: spec.required)
    let style = focused ? theme.inputFocused : theme.input
    run(0, "", style, fill: width)
    run(0, "<", focused ? theme.focused : style)
    run(width - 1, ">", focused ? theme.focused : style)
    if let selected = spec.selected, spec.options.indices.contains(selected) {
      let counter = " \(selected + 1)/\(spec.options.count) "
      let note = spec.notes[selected].map { " " + $0 } ?? ""
      let room = width - 4 - DisplayWidth.of(counter)
      run(2, clip(spec.options[selected], room), style)
      if !note.isEmpty {
        let optionWidth = DisplayWidth.of(clip(spec.options[selected], room))
        run(2 + optionWidth, clip(note, room - optionWidth), theme.badge)
      }
      run(width - 1 - DisplayWidth.of(counter), counter, theme.small)
    } else {
      run(2, clip(UIText.choosePlaceholder(language), width - 4), theme.placeholder)
    }
    let rect = Rect(x: 0, y: y, width: width, height: 1)
    y += 1
    error(spec.error)
    layout.items.append(
      FormLayout.Item(
        id: spec.id, kind: .choice, rect: rect, block: Rect(x: 0, y: top, width: width, height: y - top), options: []))
  }

  /// The longest start of `text` that fits `cells`.
  private func clip(_ text: String, _ cells: Int) -> String {
    var result = ""
    var used = 0
    for character in text {
      let characterWidth = DisplayWidth.of(character)
      if used + characterWidth > cells { break }
      result.append(character)
      used += characterWidth
    }
    return result
  }

  private mutating func button(_ id: ControlID, _ text: String, _ kind: ButtonKind) {
    let focused = id == focus
    let caption = "［ " + clip(text, max(1, width - 6)) + " ］"
    let captionWidth = DisplayWidth.of(caption)
    let x = max(0, (width - captionWidth) / 2)
    let style = focused ? theme.buttonFocused : (kind == .primary ? theme.buttonPrimary : theme.buttonSecondary)
    run(x, caption, style)
    let rect = Rect(x: x, y: y, width: min(captionWidth, width), height: 1)
    y += 1
    layout.items.append(FormLayout.Item(id: id, kind: .button, rect: rect, block: rect, options: []))
  }

  private mutating func link(_ id: ControlID, _ text: String) {
    let top = y
    var style = theme.link
    if id == focus { style.reverse = true }
    let widest = paragraph(text, style: style)
    let rect = Rect(x: 0, y: top, width: max(1, widest), height: y - top)
    layout.items.append(FormLayout.Item(id: id, kind: .link, rect: rect, block: rect, options: []))
  }

  /// Two columns: labels as wide as the widest that leaves 18 cells for values; a longer label, or a value too
  /// long for its column without spaces (an address, a mail address), goes whole on its own line with the value
  /// under it, so nothing is cut mid-word. When every value is an amount, they are right-aligned, as on a bill.
  private mutating func summary(_ rows: [(label: String, value: String)]) {
    let cap = max(1, width - 20)
    let labelColumn = max(1, rows.map { DisplayWidth.of($0.label) }.filter { $0 <= cap }.max() ?? cap)
    let valueX = labelColumn + 2
    let valueWidth = max(1, width - valueX)
    let rightAligned = !rows.isEmpty && rows.allSatisfy { Self.isAmount($0.value) }
    for row in rows {
      let top = y
      let cells = DisplayWidth.of(row.value)
      let unbreakable = cells > valueWidth && !row.value.contains(" ") && cells <= width - 2
      if DisplayWidth.of(row.label) > labelColumn || unbreakable {
        for line in TextWrap.wrap(row.label, width: width) {
          run(0, line, theme.summaryLabel)
          y += 1
        }
        for line in TextWrap.wrap(row.value, width: max(1, width - 2)) {
          run(2, line, theme.emphasis)
          y += 1
        }
        continue
      }
      let labelLines = TextWrap.wrap(row.label, width: labelColumn)
      let valueLines = TextWrap.wrap(row.value, width: valueWidth)
      for index in 0..<max(labelLines.count, valueLines.count) {
        y = top + index
        if index < labelLines.count { run(0, labelLines[index], theme.summaryLabel) }
        if index < valueLines.count {
          let x = rightAligned ? max(valueX, width - DisplayWidth.of(valueLines[index])) : valueX
          run(x, valueLines[index], theme.emphasis)
        }
      }
      y = top + max(labelLines.count, valueLines.count, 1)
    }
  }

  /// A number with at most a currency sign and a unit: 「10,899円」, "¥1,452", "-¥497", "259 kWh", "3,010 pt".
  static func isAmount(_ value: String) -> Bool {
    let parts = value.split(separator: " ", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let number = parts.first else { return false }
    let body = number.drop { $0 == "-" || $0 == "¥" || $0 == "−" }
    let digits = body.prefix { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
    guard let first = digits.first, first.isNumber else { return false }
    let unit = body.dropFirst(digits.count)
    guard unit.isEmpty || unit == "円" else { return false }
    return parts.count == 1 || parts[1].allSatisfy { $0.isLetter && $0.isASCII }
  }

  private mutating func barChart(_ title: String, _ bars: [(label: String, value: Int)], _ unit: String) {
    paragraph(title, style: theme.emphasis)
    let labelWidth = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
    let values = bars.map { "\($0.value)\(unit)" }
    let valueWidth = values.map { DisplayWidth.of($0) }.max() ?? 0
    let barSpace = max(1, width - labelWidth - valueWidth - 2)
    let largest = max(1, bars.map(\.value).max() ?? 1)
    for (index, bar) in bars.enumerated() {
      run(0, bar.label, theme.body)
      let value = max(0, bar.value)
      // Rounded to the nearest cell, and never invisible for a month that used anything.
      let length = value == 0 ? 0 : max(1, (value * barSpace + largest / 2) / largest)
      run(labelWidth + 1, String(repeating: "█", count: min(barSpace, length)), theme.chartBar)
      let text = values[index]
      run(width - DisplayWidth.of(text), text, theme.small)
      y += 1
    }
  }
}
