import HokuLinkCore
import HokuLinkUI

/// The running app: a stack of screens, each with its viewport state, and the overlays around them.
///
/// Data flows one way. A message (a key, a click, a resize) changes App state: the viewport (size, and per
/// screen the focus, scroll and insertion points) here, what is typed in `env.device.drafts` through the
/// screen's key-path bindings, and the flow through the screen's action, which calls a service the environment
/// hands out (screens never touch the store; `Device` in HokuLinkCore does). `render` is then a pure function of
/// that state: it reads, never writes. The terminal, `hokulink play` and the tests all drive it the same way.
public final class App {
  struct Entry {
    var screen: any Screen
    var form: FormState
  }

  public let env: AppEnvironment
  private var stack: [Entry]
  private var showingHelp = false
  public private(set) var guideVisible: Bool
  /// F2 on a password or keyword field: the focused one shows its text. Off on every new screen.
  public private(set) var secretShown = false
  /// The terminal's size, as the last `.resize` message said (80×24 until one arrives).
  public private(set) var size: (width: Int, height: Int) = (Layout.minimumWidth, Layout.minimumHeight)
  public private(set) var finished = false

  /// Why the app stopped on its own: a damaged data file (SPEC §5), to be told in one sentence.
  public var failure: StoreError? { env.device.failure }

  public init(env: AppEnvironment, root: any Screen) {
    self.env = env
    self.guideVisible = env.guide
    self.stack = []
    push(root)
  }

  /// Opens on several screens at once (a restart in the middle of a sign-up: Esc goes back through them).
  public convenience init(env: AppEnvironment, screens: [any Screen]) {
    self.init(env: env, root: screens.first ?? AppTopScreen())
    for screen in screens.dropFirst() { push(screen) }
  }

  public var screen: any Screen { stack[stack.count - 1].screen }

  /// What the guide panel says: the screen's own note, else (a mail, the phone's home) the nearest one beneath
  /// it without its red frame, so that the panel stays beside the phone on every screen.
  public var guideNote: GuideNote? {
    for (index, entry) in stack.enumerated().reversed() {
      guard var note = entry.screen.guide(env) else { continue }
      if index != stack.count - 1 {
        note.target = nil
        note.done = false
      }
      return note
    }
    return nil
  }

  /// The guide's step for what shows, as the panel titles it: "3", or "A 11 / C 4" while the walkthrough is not
  /// known and the numbers differ.
  public var guideStep: String? {
    guard let numbers = guideNote?.numbers(in: env.walkthrough, onPC: env.pc), let first = numbers.first else {
      return nil
    }
    if numbers.allSatisfy({ $0.step == first.step }) { return first.step }
    return numbers.map { "\($0.walkthrough.rawValue) \($0.step)" }.joined(separator: " / ")
  }

  /// The panel's first lines: which walkthrough (every one the step is in, until it is known) and, on a sign-up
  /// screen, the phone header's STEP, so that the two agree.
  func guideHeading(_ note: GuideNote) -> String {
    let l = env.language
    var lines = note.numbers(in: env.walkthrough, onPC: env.pc).map {
      "\($0.walkthrough.rawValue) \($0.walkthrough.name(l))"
    }
    if let stage = screen.stage {
      lines.append(stage.mark(l) == stage.title(l) ? stage.mark(l) : "\(stage.mark(l)) \(stage.title(l))")
    }
    return lines.joined(separator: "\n")
  }
  public var form: FormState { stack[stack.count - 1].form }
  /// The current screen's page, built once per change rather than once per use: a page may ask the device's
  /// services (home the registry, the mail app its Maildir), and a key both handles and draws it.
  public var page: Page {
    if let pageCache { return pageCache }
    let current = stack[stack.count - 1]
    let bound = current.form.cursors.filter { current.screen.textBindings[$0.key] != nil }
    // The guide's red frame goes round its target, so the page keeps room for it when scrolled.
    let built = current.screen.page(env).placingCursors(bound).framing(guideVisible ? guideNote?.target : nil)
    pageCache = built
    return built
  }

  private var pageCache: Page?

  /// The focused field when it is a masked one (a password or keyword), which F2 may show.
  private var focusedSecret: ControlID? {
    guard let focus = form.focus, page.field(focus)?.masked == true else { return nil }
    return focus
  }

  /// The page as drawn: with the focused secret field in clear while F2 is on.
  private var shownPage: Page {
    guard secretShown, let secret = focusedSecret else { return page }
    return page.revealing(secret)
  }

  /// Builds the page again on next use: after the screen changed, or when time or another process may have
  /// changed what it shows (the terminal's once-a-minute redraw, `clock advance` in a script).
  public func refresh() {
    pageCache = nil
  }
  public var depth: Int { stack.count }

  private var tooSmall: Bool { Layout.isTooSmall(width: size.width, height: size.height) }

  /// Handles one message; afterwards `finished` tells whether the person quit.
  public func handle(_ key: Key) {
    switch key {
    case .control("c"):
      close()
      return
    case .resize(let width, let height):
      size = (width, height)
      reveal()
      return
    case .function(1):
      showingHelp.toggle()
      return
    default:
      break
    }
    // Under 「画面を大きくしてください」 nothing is shown to act on: only Ctrl-C and F1 work.
    if tooSmall { return }
    switch key {
    case .function(3):
      guideVisible.toggle()
      refresh()
      reveal()
      return
    case .function(4):
      // The phone's home screen; on the PC, the browser's bookmarks (the PC is not a phone).
      showingHelp = false
      if env.pc {
        if !(screen is BookmarksScreen) { push(BookmarksScreen()) }
      } else if !(screen is HomeScreen) {
        push(HomeScreen())
      }
      return
    case .function(2) where !showingHelp:
      if focusedSecret != nil { secretShown.toggle() }
      return
    default:
      break
    }
    if showingHelp {
      if key == .escape || key == .enter { showingHelp = false }
      return
    }
    var state = form
    let before = state.focus
    let event = Form.handle(key, page: shownPage, state: &state, viewport: bodyRect())
    stack[stack.count - 1].form = state
    if let before, before != state.focus { leave(before) }
    apply(event)
  }

  /// Gives an event to the current screen, as if its control produced it (scripts use this too).
  public func apply(_ event: FormEvent) {
    switch event {
    case .none:
      return
    case .back:
      popScreen()
      return
    default:
      break
    }
    let shown = page
    var current = stack[stack.count - 1].screen
    var changed: ControlID?
    switch event {
    case .edited(let id, let field):
      if let path = current.textBindings[id] {
        stack[stack.count - 1].form.cursors[id] = field.cursor
        env.editDrafts { $0[keyPath: path] = field.text }
      }
      changed = id
    case .toggled(let id, let on):
      if let path = current.toggleBindings[id] {
        env.editDrafts { $0[keyPath: path] = on }
        env.keepDraft()
      }
      changed = id
    case .chose(let id, _):
      changed = id
    default:
      break
    }
    // A press may submit the step: the flow record then holds every entry first, as a refusal adopts it back.
    if case .activated = event { env.keepDraft() }
    let navigation = current.handle(event, env)
    if case .chose = event { env.keepDraft() }
    // An error goes as soon as its control is put right (huh's feel), before any button is pressed.
    if let changed, shown.error(of: changed) != nil { _ = current.recheck(changed, env) }
    stack[stack.count - 1].screen = current
    refresh()
    if case .activated = event, case .stay = navigation, let wrong = page.firstInvalid ?? current.refusedFocus {
      // A failed submit: every error shows, and focus (with the real cursor) goes to the first wrong field.
      stack[stack.count - 1].form.focus = wrong
    }
    reveal()
    navigate(navigation)
    if env.device.failure != nil { finished = true }
  }

  /// Moves the focus to a control (scripts, and a click); the control left is checked, as with Tab.
  public func focus(_ id: ControlID) {
    let before = form.focus
    stack[stack.count - 1].form.focus = id
    if let before, before != id { leave(before) }
    reveal()
  }

  /// Ends the app: the draft's last entries are written, then `finished` is set.
  public func close() {
    env.keepDraft()
    finished = true
  }

  /// Focus left a control: its entry is kept, and the screen checks it (huh validates on blur).
  private func leave(_ id: ControlID) {
    env.keepDraft()
    guard page.control(id) != nil else { return }
    var current = stack[stack.count - 1].screen
    let changed = current.recheck(id, env)
    stack[stack.count - 1].screen = current
    if changed { refresh() }
  }

  /// Scrolls the current page just enough to show its focus, at the present size.
  private func reveal() {
    guard !stack.isEmpty else { return }
    stack[stack.count - 1].form = Form.revealingFocus(page, state: form, rect: bodyRect())
  }

  /// Goes where a navigation says (for `hokulink open URL`).
  public func follow(_ navigation: Navigation) {
    navigate(navigation)
  }

  func navigate(_ navigation: Navigation) {
    if case .stay = navigation {} else { env.keepDraft() }
    switch navigation {
    case .stay: break
    case .push(let next): push(next)
    case .pushAll(let screens): for next in screens { push(next) }
    case .replace(let next):
      stack.removeLast()
      push(next)
    case .reset(let next):
      stack.removeAll()
      push(next)
    case .unwind(let type, let otherwise):
      if let index = stack.lastIndex(where: { ObjectIdentifier(Swift.type(of: $0.screen)) == type }) {
        stack.removeSubrange((index + 1)...)
        secretShown = false
        refresh()
        reveal()
      } else {
        stack.removeLast()
        push(otherwise)
      }
    case .pop:
      popScreen()
    case .quit:
      close()
    }
  }

  private func push(_ screen: any Screen) {
    secretShown = false
    stack.append(Entry(screen: screen, form: FormState()))
    refresh()
    stack[stack.count - 1].form = Form.opening(page, rect: bodyRect())
  }

  private func popScreen() {
    guard stack.count > 1 else { return }
    env.keepDraft()
    secretShown = false
    stack.removeLast()
    refresh()
    reveal()
  }

  /// Where the page goes at the present size: the frame's body, from the frame's geometry (nothing is drawn).
  private func bodyRect() -> Rect {
    let current = screen
    switch current.frame(env) {
    case .phone:
      let split = Layout.split(width: size.width, height: size.height, guide: guideShown)
      return PhoneFrame.bodyRect(rect: split.phone, step: current.stage)
    case .browser:
      let split = Layout.splitBrowser(width: size.width, height: size.height, guide: guideShown)
      return BrowserFrame.bodyRect(rect: split.browser, step: current.stage)
    }
  }

  /// The page's viewport at the present size, as keys scroll it; the drawn frame's body is the same rectangle.
  public var viewport: Rect { bodyRect() }

  /// Whether the guide panel is wanted beside the frame (shown, and there is a note to show).
  private var guideShown: Bool { guideVisible && guideNote != nil }

  private func drawFrame(into canvas: inout Canvas, width: Int, height: Int, theme: Theme)
    -> (body: Rect, guide: Rect?)
  {
    let current = screen
    let hints = focusedSecret.map { _ in KeyHint.withSecretSwitch(shown: secretShown) }
    let browserHints =
      focusedSecret.map { _ in KeyHint.withSecretSwitch(shown: secretShown, KeyHint.browser) } ?? KeyHint.browser
    switch current.frame(env) {
    case .phone:
      let split = Layout.split(width: width, height: height, guide: guideShown)
      let body = PhoneFrame.render(
        into: &canvas, rect: split.phone, time: env.statusTime, title: current.title(env.language),
        step: current.stage, hints: hints ?? KeyHint.standard, language: env.language, theme: theme)
      return (body, split.guide)
    case .browser:
      let split = Layout.splitBrowser(width: width, height: height, guide: guideShown)
      let body = BrowserFrame.render(
        into: &canvas, rect: split.browser, address: current.address, title: current.title(env.language),
        siteTitle: current.siteTitle(env)?(env.language), step: current.stage, hints: browserHints,
        language: env.language, theme: theme)
      return (body, split.guide)
    }
  }

  /// Draws the whole screen at this size: a pure function of the app's state.
  public func render(width: Int, height: Int) -> Canvas {
    guard !Layout.isTooSmall(width: width, height: height) else {
      var canvas = Canvas(width: width, height: height)
      EnlargeScreen.render(into: &canvas, language: env.language, theme: env.colors ? .standard : .monochrome)
      return canvas
    }
    return draw(width: width, height: height).canvas
  }

  /// One frame as drawn, with where its parts went: for tests that check the layout from its rectangles rather
  /// than from the text.
  public struct Drawn {
    public var canvas: Canvas
    /// The same frame (phone or browser, and the guide panel) with no page drawn into it.
    public var chrome: Canvas
    /// The phone's or browser's body, the page's viewport: the border is the column on each side of it, the
    /// key bar the row under it.
    public var body: Rect
    public var layout: FormLayout
    /// The guide's red frame: how the control was marked, and where the frame went when one was drawn.
    public var redFrame: (outcome: GuideHighlight.Outcome, box: GuideHighlight.Box?)?
  }

  /// The screen as `render` draws it at this size (which must be at least 80×24), with `form` in place of the
  /// current page's viewport state when given (a focus and scroll the keys would reach; the app keeps its own).
  public func drawn(width: Int, height: Int, form state: FormState? = nil) -> Drawn {
    let saved = stack[stack.count - 1].form
    if let state { stack[stack.count - 1].form = state }
    defer { stack[stack.count - 1].form = saved }
    var drawn = draw(width: width, height: height)
    var chrome = Canvas(width: width, height: height)
    let theme = env.colors ? Theme.standard : Theme.monochrome
    _ = drawFrame(into: &chrome, width: width, height: height, theme: theme)
    drawn.chrome = chrome
    return drawn
  }

  private func draw(width: Int, height: Int) -> Drawn {
    var canvas = Canvas(width: width, height: height)
    let theme = env.colors ? Theme.standard : Theme.monochrome
    let note = guideVisible ? guideNote : nil
    let (body, guideRect) = drawFrame(into: &canvas, width: width, height: height, theme: theme)
    let layout = Form.render(shownPage, state: form, into: &canvas, rect: body, language: env.language, theme: theme)
    var redFrame: (outcome: GuideHighlight.Outcome, box: GuideHighlight.Box?)?
    if let note, let guideRect {
      GuidePanel.render(
        into: &canvas, rect: guideRect, step: guideStep ?? "", walkthrough: guideHeading(note),
        text: note.text(env.language), key: note.target.flatMap { page.label(of: $0) }, done: note.done,
        language: env.language, theme: theme)
      if let target = note.target, layout.item(target) != nil {
        redFrame = GuideHighlight.mark(target, layout: layout, in: &canvas, theme: theme)
      }
    }
    if showingHelp {
      HelpOverlay.render(
        into: &canvas, language: env.language, supportLine: env.supportLine, onPC: env.pc, theme: theme)
    }
    return Drawn(canvas: canvas, chrome: canvas, body: body, layout: layout, redFrame: redFrame)
  }
}
