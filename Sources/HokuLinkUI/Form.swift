// HokuLinkUI: the pure toolkit, knowing nothing of the domain or the store. A screen describes a `Page`
// (controls showing values the app holds elsewhere); `Form.handle` turns a key and the viewport's `FormState` into
// a new state and an event (an edit, a choice, a press) that the app applies to its drafts; `Form.render` draws
// page and state into a `Canvas` and writes nothing; `CanvasDiff` says what a terminal must repaint between two
// canvases.

/// The viewport's state for one page, owned by the app and changed only by messages (keys, clicks, a resize):
/// which control has focus, how far the page is scrolled, and where the insertion point is in each field.
/// Drawing reads it and never writes it.
public struct FormState: Hashable, Sendable {
  public var focus: ControlID?
  /// Rows of the page scrolled above the viewport.
  public var scroll: Int
  /// The insertion point of each field edited on this page, in Characters (a field's text lives elsewhere).
  public var cursors: [ControlID: Int]

  public init(focus: ControlID? = nil, scroll: Int = 0, cursors: [ControlID: Int] = [:]) {
    self.focus = focus
    self.scroll = max(0, scroll)
    self.cursors = cursors
  }

  /// A fresh page's state: the first field focused (so typing starts there, as in the app), else nothing,
  /// so that a long text is read from its top rather than scrolled to its first button.
  public static func initial(for page: Page) -> FormState {
    FormState(focus: page.focusables.first { $0.kind == .field }?.id)
  }
}

/// What a key did to the page, for the screen to act on. Edits are proposals: the screen stores them.
public enum FormEvent: Hashable, Sendable {
  case none
  case edited(ControlID, TextFieldState)
  case toggled(ControlID, Bool)
  case chose(ControlID, Int)
  case activated(ControlID)
  /// Esc: the screen goes back.
  case back
}

/// Focus, keys, layout, scrolling and hit-testing for a `Page` (SPEC §6).
public enum Form {
  /// Tab / Shift-Tab move focus round the page; ↓ / ↑ move it too, but scroll first when the next control is
  /// beyond the visible part (so a long text is readable); Enter activates a button or link, on a checkbox or
  /// choice moves on, and on a field moves on or, in the form's last input, presses its main button; Space ticks a checkbox, picks a choice, presses a button;
  /// ←/→ move in a field or change a choice; PageUp/PageDown and the wheel scroll; a click focuses the
  /// control under it and presses, ticks or picks it; Esc is `.back`. A paste only ever edits a field.
  public static func handle(_ key: Key, page: Page, state: inout FormState, viewport: Rect) -> FormEvent {
    let geometry = ContentGeometry(viewport: viewport)
    let content = FormLayoutBuilder.build(
      page, width: geometry.width, focus: state.focus, theme: .monochrome, language: .ja)
    var runtime = Runtime(
      page: page, content: content, geometry: geometry, viewport: viewport, state: state)
    let event = runtime.handle(key)
    state = runtime.state
    return event
  }

  /// Draws the page into `rect`, a pure function of the page and the state: scrolled as `state` says (kept
  /// within the page, and never hiding the focused control), with a scrollbar when the page is taller than
  /// `rect`. The canvas cursor goes to the focused field's insertion point (nil when no field has focus, so no
  /// cursor is faked). Returns where everything is on screen.
  @discardableResult
  public static func render(
    _ page: Page, state: FormState, into canvas: inout Canvas, rect: Rect, language: Language, theme: Theme
  ) -> FormLayout {
    let geometry = ContentGeometry(viewport: rect)
    let content = FormLayoutBuilder.build(
      page, width: geometry.width, focus: state.focus, theme: theme, language: language)
    let top = scrollRevealingFocus(content: content, state: state, height: rect.height)

    canvas.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: theme.body)
    let limitX = geometry.x + geometry.width
    for run in content.runs where run.y >= top && run.y < top + rect.height {
      let x = geometry.x + run.x
      let y = rect.y + run.y - top
      guard x < limitX else { continue }
      if run.fill > 0 {
        canvas.fill(x: x, y: y, width: min(run.fill, limitX - x), height: 1, style: run.style)
      }
      canvas.put(run.text, x: x, y: y, style: run.style, limit: limitX - x)
    }
    if content.height > rect.height && rect.height > 0 {
      drawScrollbar(
        into: &canvas, x: geometry.scrollbarX, rect: rect, content: content.height, scroll: top, theme: theme)
    }
    if let cursor = content.cursor, cursor.y >= top, cursor.y < top + rect.height {
      canvas.cursor = Point(x: min(geometry.x + cursor.x, limitX), y: rect.y + cursor.y - top)
    } else {
      canvas.cursor = nil
    }
    return screenLayout(content: content, geometry: geometry, viewport: rect, scroll: top)
  }

  /// The layout `render` would produce, without drawing (for scripts and tests that only need positions).
  public static func layout(_ page: Page, state: FormState, rect: Rect) -> FormLayout {
    let geometry = ContentGeometry(viewport: rect)
    let content = FormLayoutBuilder.build(
      page, width: geometry.width, focus: state.focus, theme: .monochrome, language: .ja)
    let scroll = scrollRevealingFocus(content: content, state: state, height: rect.height)
    return screenLayout(content: content, geometry: geometry, viewport: rect, scroll: scroll)
  }

  /// The state with its scroll moved just enough to show the focused control (after a key, or when the
  /// page changed under it: an error appeared, focus moved to a wrong field).
  public static func revealingFocus(_ page: Page, state: FormState, rect: Rect) -> FormState {
    let geometry = ContentGeometry(viewport: rect)
    let content = FormLayoutBuilder.build(
      page, width: geometry.width, focus: state.focus, theme: .monochrome, language: .ja)
    var revealed = state
    revealed.scroll = scrollRevealingFocus(content: content, state: state, height: rect.height)
    return revealed
  }

  /// A page as it opens: at its top, read from its first line, with focus on the first control that starts in
  /// view (none when the first screenful is all text, so a long text is not skipped).
  public static func opening(_ page: Page, rect: Rect) -> FormState {
    let layout = layout(page, state: FormState(), rect: rect)
    let first = layout.items.first { item in
      item.rect.y >= layout.viewport.y && item.rect.y < layout.viewport.maxY
    }
    return revealingFocus(page, state: FormState(focus: first?.id), rect: rect)
  }

  /// The scroll that shows the focused control: its whole block (label to error) when it fits, else the control
  /// itself, and for the control the guide frames the rows of its frame too, when they fit; at the nearest scroll
  /// to the present one that does so and cuts no other control (see `cutsNoControl`), trying the larger view
  /// first; failing that, moved as little as it takes to show the first that fits. Without a focus the scroll
  /// stays (kept within the page).
  static func scrollRevealingFocus(content: ContentLayout, state: FormState, height: Int) -> Int {
    let maxScroll = max(0, content.height - height)
    let current = min(max(0, state.scroll), maxScroll)
    guard let focus = state.focus, let item = content.items.first(where: { $0.id == focus }) else { return current }
    let frame = focus == content.framed ? [content.frameArea(of: item)] : []
    let views = (frame + [item.block]).filter { $0.height <= height }
    for wanted in views {
      // Every scroll in `low...high` shows `wanted`; the nearest to the present one that cuts nothing is taken.
      let low = max(0, wanted.maxY - height)
      let high = min(maxScroll, wanted.y)
      guard low <= high else { continue }
      let start = min(max(current, low), high)
      for distance in 0...(high - low) {
        for candidate in [start + distance, start - distance] where (low...high).contains(candidate) {
          if cutsNoControl(content, scroll: candidate, height: height) { return candidate }
        }
      }
    }
    let wanted = views.first ?? item.rect
    var scroll = current
    if wanted.maxY > scroll + height { scroll = wanted.maxY - height }
    if wanted.y < scroll { scroll = wanted.y }
    return min(max(0, scroll), maxScroll)
  }

  /// Whether at `scroll` every control is either out of view or wholly in it, and the one the guide frames with
  /// the rows of its frame: none is cut by the key bar or the top of the viewport. A control too tall for that
  /// does not count.
  static func cutsNoControl(_ content: ContentLayout, scroll: Int, height: Int) -> Bool {
    content.items.allSatisfy { item in
      let rect = item.rect
      guard rect.maxY > scroll, rect.y < scroll + height else { return true }
      let kept = item.id == content.framed ? content.frameArea(of: item) : rect
      return kept.height > height || (kept.y >= scroll && kept.maxY <= scroll + height)
    }
  }

  static func screenLayout(content: ContentLayout, geometry: ContentGeometry, viewport: Rect, scroll: Int)
    -> FormLayout
  {
    let dx = geometry.x
    let dy = viewport.y - scroll
    let items = content.items.map { item in
      var moved = item
      moved.rect = item.rect.offsetBy(dx: dx, dy: dy)
      moved.block = item.block.offsetBy(dx: dx, dy: dy)
      moved.options = item.options.map { $0.offsetBy(dx: dx, dy: dy) }
      return moved
    }
    return FormLayout(items: items, viewport: viewport, contentHeight: content.height, scroll: scroll)
  }

  private static func drawScrollbar(
    into canvas: inout Canvas, x: Int, rect: Rect, content: Int, scroll: Int, theme: Theme
  ) {
    let height = rect.height
    let thumb = max(1, height * height / content)
    let room = max(1, content - height)
    let start = min(height - thumb, (scroll * (height - thumb) + room / 2) / room)
    for row in 0..<height {
      let onThumb = row >= start && row < start + thumb
      canvas.put(onThumb ? "┃" : "│", x: x, y: rect.y + row, style: onThumb ? theme.scrollbar : theme.divider)
    }
    // Arrows say there is more, in words a monochrome terminal still shows.
    if scroll > 0 { canvas.put("▲", x: x, y: rect.y, style: theme.scrollbar) }
    if scroll < content - height { canvas.put("▼", x: x, y: rect.maxY - 1, style: theme.scrollbar) }
  }
}

/// One key's effect, worked out against the page as laid out.
private struct Runtime {
  let page: Page
  let content: ContentLayout
  let geometry: ContentGeometry
  let viewport: Rect
  var state: FormState

  init(page: Page, content: ContentLayout, geometry: ContentGeometry, viewport: Rect, state: FormState) {
    self.page = page
    self.content = content
    self.geometry = geometry
    self.viewport = viewport
    self.state = state
    // A focus the page no longer has (the screen changed under it) counts as none.
    if let focus = state.focus, !page.focusableIDs.contains(focus) { self.state.focus = nil }
    self.state.scroll = Form.scrollRevealingFocus(content: content, state: self.state, height: viewport.height)
  }

  var ids: [ControlID] { content.items.map(\.id) }
  var maxScroll: Int { max(0, content.height - viewport.height) }
  var focusIndex: Int? { state.focus.flatMap { ids.firstIndex(of: $0) } }

  mutating func handle(_ key: Key) -> FormEvent {
    switch key {
    case .escape: return .back
    case .tab: return moveFocus(by: 1, wrap: true)
    case .backTab: return moveFocus(by: -1, wrap: true)
    case .down: return step(forward: true)
    case .up: return step(forward: false)
    case .pageDown: return scroll(by: max(1, viewport.height - 1))
    case .pageUp: return scroll(by: -max(1, viewport.height - 1))
    case .scrollDown: return scroll(by: 3)
    case .scrollUp: return scroll(by: -3)
    case .click(let x, let y): return click(x: x, y: y)
    case .resize, .function: return .none
    default: break
    }
    guard let focus = state.focus, let control = page.control(focus) else { return .none }
    switch control {
    case .field(let spec):
      if key == .enter { return enter(in: spec.id) }
      let next = spec.state.applying(key, maxLength: spec.maxLength, normalize: spec.normalize)
      return next == spec.state ? .none : .edited(spec.id, next)
    case .checkbox(let id, _, let checked, _):
      if key == .character(" ") { return .toggled(id, !checked) }
      if key == .enter { return moveFocus(by: 1, wrap: false) }
    case .choice(let spec):
      switch key {
      case .left: return choose(spec, spec.selected.map { $0 - 1 } ?? 0)
      case .right: return choose(spec, spec.selected.map { $0 + 1 } ?? 0)
      case .character(" "):
        // Space walks round the options, so a list can be gone through with it alone.
        guard !spec.options.isEmpty else { return .none }
        return choose(spec, spec.selected.map { ($0 + 1) % spec.options.count } ?? 0)
      case .enter: return moveFocus(by: 1, wrap: false)
      default: break
      }
    case .button(let id, _, _), .link(let id, _):
      if key == .enter || key == .character(" ") { return .activated(id) }
    default: break
    }
    return .none
  }

  /// Enter in a field moves on; in the last input of the form (nothing to fill, tick or choose after it) it
  /// presses the form's main button, as huh does.
  private mutating func enter(in id: ControlID) -> FormEvent {
    let focusables = page.focusables
    guard let index = focusables.firstIndex(where: { $0.id == id }) else { return moveFocus(by: 1, wrap: false) }
    let later = focusables[(index + 1)...]
    let inputs: Set<ControlKind> = [.field, .checkbox, .choice]
    if !later.contains(where: { inputs.contains($0.kind) }),
      let main = later.first(where: {
        if case .button(_, _, .primary) = page.control($0.id) { return true }
        return false
      })
    {
      return .activated(main.id)
    }
    return moveFocus(by: 1, wrap: false)
  }

  private func choose(_ spec: ChoiceSpec, _ index: Int) -> FormEvent {
    guard spec.options.indices.contains(index), index != spec.selected else { return .none }
    return .chose(spec.id, index)
  }

  private mutating func moveFocus(by delta: Int, wrap: Bool) -> FormEvent {
    guard !ids.isEmpty else { return .none }
    let next: Int
    if let current = focusIndex {
      let moved = current + delta
      if wrap {
        next = (moved % ids.count + ids.count) % ids.count
      } else {
        next = min(max(0, moved), ids.count - 1)
      }
    } else {
      // From nothing, start with what is in view.
      let visible = content.items.indices.filter { isVisible(content.items[$0].block) }
      next = (delta > 0 ? visible.first : visible.last) ?? (delta > 0 ? 0 : ids.count - 1)
    }
    state.focus = ids[next]
    state.scroll = Form.scrollRevealingFocus(content: content, state: state, height: viewport.height)
    return .none
  }

  private func isVisible(_ rect: Rect) -> Bool {
    rect.maxY > state.scroll && rect.y < state.scroll + viewport.height
  }

  /// ↓/↑: the next control when it starts on screen, else a page of scrolling towards it.
  private mutating func step(forward: Bool) -> FormEvent {
    let items = content.items
    let target: FormLayout.Item?
    if let current = focusIndex {
      let index = current + (forward ? 1 : -1)
      target = items.indices.contains(index) ? items[index] : nil
    } else {
      target =
        forward
        ? items.first { $0.block.y >= state.scroll } : items.last { $0.block.maxY <= state.scroll + viewport.height }
    }
    if let target {
      let onScreen =
        forward ? target.block.y < state.scroll + viewport.height : target.block.maxY > state.scroll
      if onScreen {
        state.focus = target.id
        state.scroll = Form.scrollRevealingFocus(content: content, state: state, height: viewport.height)
        return .none
      }
    }
    return scroll(by: (forward ? 1 : -1) * max(1, viewport.height - 1))
  }

  /// Scrolls; a focus that would pull the page back (its block no longer wholly in view) is dropped, so the
  /// next frame shows what was scrolled to.
  private mutating func scroll(by rows: Int) -> FormEvent {
    let old = state.scroll
    let target = min(max(0, old + rows), maxScroll)
    // As far as asked, else the nearest stop short of it that cuts no control (still moving the way it was going).
    let stops = Array(stride(from: target, to: old, by: target > old ? -1 : 1))
    state.scroll = stops.first { Form.cutsNoControl(content, scroll: $0, height: viewport.height) } ?? target
    if state.focus != nil,
      Form.scrollRevealingFocus(content: content, state: state, height: viewport.height) != state.scroll
    {
      state.focus = nil
    }
    return .none
  }

  private mutating func click(x: Int, y: Int) -> FormEvent {
    guard viewport.contains(x: x, y: y) else { return .none }
    let px = x - geometry.x
    let py = y - viewport.y + state.scroll
    guard let item = content.items.first(where: { $0.block.contains(x: px, y: py) }),
      let control = page.control(item.id)
    else { return .none }
    state.focus = item.id
    let onControl = item.rect.contains(x: px, y: py)
    switch control {
    case .field(let spec):
      guard onControl else { return .none }
      let placed = TextFieldState(
        text: spec.state.text,
        cursor: characterIndex(in: spec, column: px - item.rect.x, first: item.firstVisibleCharacter))
      return placed == spec.state ? .none : .edited(spec.id, placed)
    case .checkbox(let id, _, let checked, _):
      return onControl ? .toggled(id, !checked) : .none
    case .choice(let spec):
      if spec.style == .radio {
        guard let index = item.options.firstIndex(where: { $0.contains(x: px, y: py) }) else { return .none }
        return index == spec.selected ? .none : .chose(spec.id, index)
      }
      guard onControl else { return .none }
      if px < item.rect.x + 2 { return choose(spec, spec.selected.map { $0 - 1 } ?? 0) }
      if px >= item.rect.maxX - 2 { return choose(spec, spec.selected.map { $0 + 1 } ?? 0) }
      return .none
    case .button(let id, _, _), .link(let id, _):
      return onControl ? .activated(id) : .none
    default:
      return .none
    }
  }

  /// The insertion point nearest to a clicked column of a field's input line.
  private func characterIndex(in spec: FieldSpec, column: Int, first: Int) -> Int {
    let characters = Array(spec.state.text)
    var index = min(first, characters.count)
    var used = 0
    while index < characters.count {
      let cells = spec.masked ? 1 : DisplayWidth.of(characters[index])
      if used + cells > column { break }
      used += cells
      index += 1
    }
    return index
  }
}
