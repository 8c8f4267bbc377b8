/// A phone drawn in the terminal: rounded outline, status bar, app header, optional STEP header, the body
/// where a page goes, and the key hints.
public struct PhoneFrame: Sendable {
  public var title: String
  /// The simulated clock's time, already formatted (e.g. "9:41").
  public var time: String
  public var carrier: String
  public var batteryPercent: Int
  public var step: StepProgress?
  public var hints: [KeyHint]

  public init(
    title: String, time: String = "9:41", carrier: String = "hokulink", batteryPercent: Int = 100,
    step: StepProgress? = nil, hints: [KeyHint] = KeyHint.standard
  ) {
    self.title = title
    self.time = time
    self.carrier = carrier
    self.batteryPercent = batteryPercent
    self.step = step
    self.hints = hints
  }

  public enum Alignment: Sendable { case leading, center }

  /// Where the phone's parts go in `area`, worked out without drawing: `draw` uses it, and so does a caller that
  /// only needs the body (the app, on every key), so the two cannot disagree.
  public func geometry(area: Rect, alignment: Alignment = .center) -> FrameGeometry {
    let width = min(area.width, Layout.phoneWidth)
    let height = min(area.height, Layout.phoneMaximumHeight)
    let x = alignment == .center ? area.x + (area.width - width) / 2 : area.x
    let y = area.y + (area.height - height) / 2
    let outline = Rect(x: x, y: y, width: width, height: height)
    let inner = outline.insetBy(dx: 1, dy: 1)
    guard inner.height >= 4, inner.width >= 10 else { return FrameGeometry(outline: outline, inner: inner) }
    // The status bar takes the first row inside.
    return FrameGeometry(outline: outline, inner: inner, headerRow: inner.y + 1, step: step != nil)
  }

  /// Draws the phone in `area` (at most `Layout.phoneWidth` wide, centred or at the left) and returns the
  /// body rectangle, for `Form.render`. At 80×24 the body is 17 rows with a STEP header, 19 without.
  @discardableResult
  public func draw(
    into canvas: inout Canvas, area: Rect, language: Language, theme: Theme, alignment: Alignment = .center
  ) -> Rect {
    let geometry = geometry(area: area, alignment: alignment)
    let outline = geometry.outline
    canvas.fill(x: outline.x, y: outline.y, width: outline.width, height: outline.height, style: theme.body)
    canvas.drawBox(outline, style: theme.frame, rounded: true)
    let inner = geometry.inner
    guard geometry.headerRow != nil else { return geometry.body }

    // Status bar: time at the left, carrier in the middle, battery at the right.
    let row = inner.y
    canvas.put(" " + time, x: inner.x, y: row, style: theme.statusBar)
    canvas.putCentered(carrier, x: inner.x, y: row, width: inner.width, style: theme.small)
    let battery = "\(batteryPercent)% ▮▮▮▯ "
    canvas.put(battery, x: inner.maxX - DisplayWidth.of(battery), y: row, style: theme.statusBar)

    drawHeaderStepAndHints(
      title, step: step, hints: hints, into: &canvas, geometry: geometry, language: language, theme: theme)
    return geometry.body
  }
}

/// The PC site in a browser-like window: a tab, an address bar with the URL, the site's header, optional
/// STEP header, the body and the key hints.
public struct BrowserFrame: Sendable {
  public static let siteURL = "https://www.hokuriku-denryoku.example/hokulink/"
  public static let siteTitleJA = "ほくリンク"

  public var tabTitle: String
  public var url: String
  public var siteTitle: String
  public var step: StepProgress?
  public var hints: [KeyHint]

  public init(
    tabTitle: String, url: String = BrowserFrame.siteURL, siteTitle: String = BrowserFrame.siteTitleJA,
    step: StepProgress? = nil, hints: [KeyHint] = KeyHint.browser
  ) {
    self.tabTitle = tabTitle
    self.url = url
    self.siteTitle = siteTitle
    self.step = step
    self.hints = hints
  }

  /// Where the browser's parts go in `area`, worked out without drawing (see `PhoneFrame.geometry`).
  public func geometry(area: Rect) -> FrameGeometry {
    guard area.height >= 8, area.width >= 20 else {
      return FrameGeometry(outline: area, inner: Rect(x: area.x, y: area.y, width: 0, height: 0))
    }
    // The tab sits above the window, as browsers draw it.
    let window = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    let inner = window.insetBy(dx: 1, dy: 1)
    // The address bar and the line under it take the first two rows inside.
    return FrameGeometry(outline: window, inner: inner, headerRow: inner.y + 2, step: step != nil)
  }

  /// Draws the browser over all of `area` and returns the body rectangle. At 80×24: 15 rows with a STEP
  /// header, 17 without.
  @discardableResult
  public func draw(into canvas: inout Canvas, area: Rect, language: Language, theme: Theme) -> Rect {
    canvas.fill(x: area.x, y: area.y, width: area.width, height: area.height, style: theme.body)
    let geometry = geometry(area: area)
    guard geometry.headerRow != nil else { return geometry.body }
    let tab = " " + tabTitle + "  × "
    canvas.put(" ", x: area.x, y: area.y)
    canvas.put(tab, x: area.x + 1, y: area.y, style: theme.header, limit: area.width - 6)
    let window = geometry.outline
    canvas.drawBox(window, style: theme.frame)
    let inner = geometry.inner
    var row = inner.y
    var column = inner.x + 1
    column += canvas.put("← → ↻ ", x: column, y: row, style: theme.small)
    let barWidth = inner.maxX - 1 - column
    canvas.fill(x: column, y: row, width: barWidth, height: 1, style: theme.addressBar)
    canvas.put(" " + url, x: column, y: row, style: theme.addressBar, limit: barWidth)
    row += 1
    canvas.put("├" + String(repeating: "─", count: inner.width) + "┤", x: window.x, y: row, style: theme.frame)
    // English pages name the site by its English brand (issue 9); a title given by the caller stays.
    let title = language == .en && siteTitle == Self.siteTitleJA ? "HokuLink" : siteTitle
    drawHeaderStepAndHints(
      title, step: step, hints: hints, into: &canvas, geometry: geometry, language: language, theme: theme)
    return geometry.body
  }
}

/// Where a frame puts its parts, as a pure function of its area (`PhoneFrame.geometry`, `BrowserFrame.geometry`):
/// the one source of the frames' geometry, for drawing and for knowing the body without drawing.
public struct FrameGeometry: Hashable, Sendable {
  /// The frame's box: the phone's rounded outline, or the browser's window under its tab.
  public var outline: Rect
  /// Inside the box.
  public var inner: Rect
  /// The header line with the title; nil when the area is too small for more than the box.
  public var headerRow: Int?
  /// The first of the STEP header's rows, when there is one and room for it.
  public var stepRow: Int?
  /// The key hints' row (the last inside), when there is a header.
  public var hintRow: Int?
  /// Where the page goes: between the header (and STEP) and the hints; empty at the inner corner when the area
  /// is too small.
  public var body: Rect

  /// A frame too small for anything inside its box.
  init(outline: Rect, inner: Rect) {
    self.outline = outline
    self.inner = inner
    self.body = Rect(x: inner.x, y: inner.y, width: 0, height: 0)
  }

  /// What both frames have below their own chrome: the header line at `headerRow`, the STEP header when there is
  /// one and room, and the key hints on the last row; the body between them.
  init(outline: Rect, inner: Rect, headerRow: Int, step: Bool) {
    self.outline = outline
    self.inner = inner
    self.headerRow = headerRow
    var row = headerRow + 1
    if step, inner.maxY - row > StepProgress.height + 2 {
      stepRow = row
      row += StepProgress.height
    }
    let hintRow = inner.maxY - 1
    self.hintRow = hintRow
    self.body = Rect(x: inner.x, y: row, width: inner.width, height: hintRow - row)
  }
}

/// What both frames draw below their own chrome, where `geometry` puts it: the header line, the STEP progress when
/// there is room, and the key hints on the last row.
func drawHeaderStepAndHints(
  _ title: String, step: StepProgress?, hints: [KeyHint], into canvas: inout Canvas, geometry: FrameGeometry,
  language: Language, theme: Theme
) {
  let inner = geometry.inner
  guard let row = geometry.headerRow, let hintRow = geometry.hintRow else { return }
  canvas.fill(x: inner.x, y: row, width: inner.width, height: 1, style: theme.header)
  canvas.putCentered(title, x: inner.x, y: row, width: inner.width, style: theme.header)
  if let step, let stepRow = geometry.stepRow {
    step.draw(into: &canvas, x: inner.x, y: stepRow, width: inner.width, language: language, theme: theme)
  }
  KeyHint.draw(
    hints, into: &canvas, x: inner.x + 1, y: hintRow, width: inner.width - 2, language: language, theme: theme)
}

/// The guide beside the phone: which step of the guide this is, what to do, and the key to press.
public struct GuidePanel: Sendable {
  /// The guide's step number as it prints it: "2", "5-1".
  public var step: String
  /// The walkthrough's name, e.g. 「スマホから新規会員登録」.
  public var walkthrough: String?
  public var instructions: String
  /// The key or control to press, e.g. "Enter 「送信する」".
  public var key: String?
  /// The walkthrough ends here: the key line says there is nothing left to press.
  public var done: Bool

  public init(step: String, walkthrough: String? = nil, instructions: String, key: String? = nil, done: Bool = false) {
    self.step = step
    self.walkthrough = walkthrough
    self.instructions = instructions
    self.key = key
    self.done = done
  }

  /// "押すキー: label" on one line when it fits, else the label whole on the lines after (cut only when it alone
  /// is wider than the panel).
  static func keyLines(_ prefix: String, _ label: String, width: Int) -> [String] {
    let line = "\(prefix): \(label)"
    if DisplayWidth.of(line) <= width { return [line] }
    return ["\(prefix):"] + TextWrap.wrap(label, width: width, keepingQuotes: true)
  }

  public func draw(into canvas: inout Canvas, area: Rect, language: Language, theme: Theme) {
    canvas.fill(x: area.x, y: area.y, width: area.width, height: area.height, style: theme.body)
    guard area.width >= 8, area.height >= 4 else { return }
    canvas.drawBox(area, style: theme.guideFrame)
    canvas.put(
      " \(UIText.guideStep(language)) \(step) ", x: area.x + 2, y: area.y, style: theme.guideTitle,
      limit: area.width - 4)
    let inner = area.insetBy(dx: 2, dy: 1)
    var lines: [(String, Style)] = []
    if let walkthrough {
      lines +=
        TextWrap.wrap(walkthrough, width: inner.width, keepingQuotes: true).map { ($0, theme.small) } + [
          ("", theme.body)
        ]
    }
    lines += TextWrap.wrap(instructions, width: inner.width, keepingQuotes: true).map { ($0, theme.body) }
    if let key = done ? UIText.guideDone(language) : key {
      lines.append(("", theme.body))
      lines += Self.keyLines(UIText.guideKey(language), key, width: inner.width).map { ($0, theme.hintKey) }
    }
    // The last row says how to hide the panel; everything else gets what is left.
    for (offset, line) in lines.prefix(max(0, inner.height - 1)).enumerated() {
      canvas.put(line.0, x: inner.x, y: inner.y + offset, style: line.1, limit: inner.width)
    }
    canvas.put(UIText.guideToggle(language), x: inner.x, y: inner.maxY - 1, style: theme.small, limit: inner.width)
  }
}

/// The guide's red frame (赤枠) around the control to press.
public enum GuideHighlight {
  public enum Outcome: Hashable, Sendable {
    /// A frame was drawn in the blank cells around the control.
    case framed
    /// There was no blank room: the control's own cells were turned red and bold instead.
    case restyled
    /// The control is not on screen.
    case hidden
  }

  /// Where a red frame went, so that a test can check it from its rectangle: `box` is the frame with what it
  /// encloses (cut to the rows shown); `top` and `bottom` say whether those edges were drawn (the sides always are).
  public struct Box: Hashable, Sendable {
    public var rect: Rect
    public var top: Bool
    public var bottom: Bool
    /// All four sides were drawn.
    public var isWhole: Bool { top && bottom }
  }

  /// Frames the control `id` of a rendered page: a whole frame around the control, else around its block
  /// (label to error, so that an error line under a checkbox is not where the bottom edge goes), else (no room,
  /// or a frame the key bar or the viewport's top would cut) by restyling the control. Never draws over text, so
  /// no wide character is cut.
  @discardableResult
  public static func draw(_ id: ControlID, layout: FormLayout, in canvas: inout Canvas, theme: Theme) -> Outcome {
    mark(id, layout: layout, in: &canvas, theme: theme).outcome
  }

  /// As `draw`, and says where the frame went (nil when it was not drawn).
  @discardableResult
  public static func mark(_ id: ControlID, layout: FormLayout, in canvas: inout Canvas, theme: Theme)
    -> (outcome: Outcome, box: Box?)
  {
    guard let item = layout.item(id), layout.visibleRect(of: id) != nil else { return (.hidden, nil) }
    for rect in [item.rect, item.block] {
      if let box = frameBox(rect, within: layout.viewport, in: &canvas, theme: theme, whole: true) {
        return (.framed, box)
      }
    }
    restyle(item.rect.intersection(layout.viewport), in: &canvas, theme: theme)
    return (.restyled, nil)
  }

  /// Frames `rect` when the columns beside it and the rows above and below are blank and inside `clip`;
  /// a row above or below that is not free is left out as long as both sides can be drawn.
  @discardableResult
  public static func frame(_ rect: Rect, within clip: Rect, in canvas: inout Canvas, theme: Theme) -> Bool {
    frameBox(rect, within: clip, in: &canvas, theme: theme) != nil
  }

  /// As `frame`, and says where the frame went; with `whole`, draws only a frame with all four sides.
  @discardableResult
  public static func frameBox(
    _ rect: Rect, within clip: Rect, in canvas: inout Canvas, theme: Theme, whole: Bool = false
  ) -> Box? {
    let visible = rect.intersection(clip)
    guard !visible.isEmpty else { return nil }
    let left = Rect(x: rect.x - 1, y: visible.y, width: 1, height: visible.height)
    let right = Rect(x: rect.maxX, y: visible.y, width: 1, height: visible.height)
    guard clip.contains(x: left.x, y: left.y), clip.contains(x: right.x, y: right.y),
      canvas.isBlank(left), canvas.isBlank(right)
    else { return nil }
    let top = Rect(x: rect.x - 1, y: rect.y - 1, width: rect.width + 2, height: 1)
    let bottom = Rect(x: rect.x - 1, y: rect.maxY, width: rect.width + 2, height: 1)
    let horizontal = String(repeating: "─", count: rect.width)
    let drawTop = rect.y >= clip.y && clip.contains(x: top.x, y: top.y) && canvas.isBlank(top)
    let drawBottom = rect.maxY <= clip.maxY - 1 && canvas.isBlank(bottom)
    if whole && !(drawTop && drawBottom) { return nil }
    for row in visible.y..<visible.maxY {
      canvas.put("│", x: left.x, y: row, style: theme.guideFrame)
      canvas.put("│", x: right.x, y: row, style: theme.guideFrame)
    }
    if drawTop { canvas.put("┌" + horizontal + "┐", x: top.x, y: top.y, style: theme.guideFrame) }
    if drawBottom { canvas.put("└" + horizontal + "┘", x: bottom.x, y: bottom.y, style: theme.guideFrame) }
    let y = drawTop ? top.y : visible.y
    let maxY = drawBottom ? bottom.maxY : visible.maxY
    return Box(rect: Rect(x: left.x, y: y, width: rect.width + 2, height: maxY - y), top: drawTop, bottom: drawBottom)
  }

  /// Turns the cells red and bold (underlined too, so it shows without colour), text untouched.
  public static func restyle(_ rect: Rect, in canvas: inout Canvas, theme: Theme) {
    canvas.restyle(x: rect.x, y: rect.y, width: rect.width, height: rect.height) { style in
      style.foreground = theme.guideFrame.foreground
      style.bold = true
      style.underline = true
      style.reverse = false
    }
  }
}

/// Shown instead of the app while the terminal is smaller than 80×24.
public enum EnlargeScreen {
  public static func draw(into canvas: inout Canvas, theme: Theme) {
    canvas.fill(x: 0, y: 0, width: canvas.width, height: canvas.height, style: theme.body)
    let size = "\(canvas.width)×\(canvas.height)"
    let paragraphs: [(String, Style)] = [
      (UIText.enlarge(.ja), theme.emphasis), (UIText.enlarge(.en), theme.emphasis), ("", theme.body),
      ("\(UIText.currentSize(.ja)) / \(UIText.currentSize(.en)): \(size)", theme.note),
    ]
    var lines: [(String, Style)] = []
    for (text, style) in paragraphs {
      lines += TextWrap.wrap(text, width: max(1, canvas.width - 2)).map { ($0, style) }
    }
    let top = max(0, (canvas.height - lines.count) / 2)
    for (offset, line) in lines.enumerated() {
      canvas.putCentered(line.0, x: 0, y: top + offset, width: canvas.width, style: line.1)
    }
    canvas.cursor = nil
  }
}

/// F1: the keys and the support line, in a box over the screen.
public struct HelpOverlay: Sendable {
  /// The support line to show, e.g. 「ほくリンク」に関する各種ご相談・お問い合わせ 0120-896950 ….
  public var supportLine: String
  /// On the PC, F4 opens the browser's bookmarks, not a phone's home screen.
  public var onPC: Bool

  public init(supportLine: String, onPC: Bool = false) {
    self.supportLine = supportLine
    self.onPC = onPC
  }

  /// Draws the box centred in `area` and returns it.
  @discardableResult
  public func draw(into canvas: inout Canvas, area: Rect, language: Language, theme: Theme) -> Rect {
    let width = min(area.width, 60)
    let inner = width - 4
    let keys = UIText.helpKeys.map { key in
      let action = onPC && key.key(language) == "F4" ? UIText.pcBookmarksKey : key.action
      return (key.key(language), action(language))
    }
    let keyColumn = min(inner / 2, keys.map { DisplayWidth.of($0.0) }.max() ?? 0)
    // Each row is a list of pieces at x offsets: the key, then its action (wrapped under itself).
    var rows: [[(x: Int, text: String, style: Style)]] = []
    for (key, action) in keys {
      for (index, line) in TextWrap.wrap(action, width: max(1, inner - keyColumn - 2)).enumerated() {
        rows.append([(0, index == 0 ? key : "", theme.hintKey), (keyColumn + 2, line, theme.body)])
      }
    }
    rows.append([])
    rows += TextWrap.wrap(supportLine, width: inner).map { [(0, $0, theme.body)] }
    rows.append([])
    rows.append([(0, UIText.closeHelp(language), theme.small)])
    let height = min(area.height, rows.count + 2)
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    canvas.fill(x: box.x, y: box.y, width: box.width, height: box.height, style: theme.body)
    canvas.drawBox(box, style: theme.frame)
    canvas.put(" \(UIText.helpTitle(language)) ", x: box.x + 2, y: box.y, style: theme.title, limit: width - 4)
    for (offset, row) in rows.prefix(max(0, height - 2)).enumerated() {
      for part in row {
        canvas.put(part.text, x: box.x + 2 + part.x, y: box.y + 1 + offset, style: part.style, limit: inner - part.x)
      }
    }
    canvas.cursor = nil
    return box
  }
}
