import HokuLinkCore
import HokuLinkUI

/// The running app: a stack of screens, each with its form state, and the overlays around them.
/// Keys go in, a Canvas comes out; the terminal, `hokulink play` and the tests all drive it the same way.
public final class App {
  struct Entry {
    var screen: any Screen
    var form: FormState
  }

  public let env: AppEnvironment
  private var stack: [Entry]
  private var showingHelp = false
  public private(set) var guideVisible: Bool
  private var lastBody: Rect?
  public private(set) var finished = false

  /// Why the app stopped on its own: a damaged data file (SPEC §5), to be told in one sentence.
  public var failure: StoreError? { env.store.damagedFile }

  public init(env: AppEnvironment, root: any Screen) {
    self.env = env
    self.guideVisible = env.guide
    self.stack = []
    push(root)
  }

  public var screen: any Screen { stack[stack.count - 1].screen }
  public var form: FormState { stack[stack.count - 1].form }
  /// The current screen's page, built once per change rather than once per use: a page may read the store
  /// (the home screen reads the registry, the mail app its Maildir), and a key both handles and draws it.
  public var page: Page {
    if let pageCache { return pageCache }
    let built = screen.page(env)
    pageCache = built
    return built
  }

  private var pageCache: Page?

  /// Builds the page again on next use: after the screen changed, or when time or another process may have
  /// changed what it shows (the terminal's once-a-minute redraw, `clock advance` in a script).
  public func refresh() {
    pageCache = nil
  }
  public var depth: Int { stack.count }

  /// Handles one key; afterwards `finished` tells whether the person quit.
  public func handle(_ key: Key) {
    switch key {
    case .control("c"):
      finished = true
      return
    case .resize:
      return
    case .function(1):
      showingHelp.toggle()
      return
    case .function(3):
      guideVisible.toggle()
      return
    case .function(4):
      showingHelp = false
      if !(screen is HomeScreen) { push(HomeScreen()) }
      return
    default:
      break
    }
    if showingHelp {
      if key == .escape || key == .enter { showingHelp = false }
      return
    }
    var state = form
    let viewport = lastBody ?? Rect(x: 0, y: 0, width: 80, height: 24)
    let event = Form.handle(key, page: page, state: &state, viewport: viewport)
    stack[stack.count - 1].form = state
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
    var current = stack[stack.count - 1].screen
    let navigation = current.handle(event, env)
    stack[stack.count - 1].screen = current
    refresh()
    navigate(navigation)
    if env.store.damagedFile != nil { finished = true }
  }

  /// Moves the focus to a control (scripts, and a click).
  public func focus(_ id: ControlID) {
    stack[stack.count - 1].form.focus = id
  }

  /// Lets every open screen keep its entries before the app ends.
  public func saveProgress() {
    for entry in stack { entry.screen.saveDraft(env) }
  }

  /// Goes where a navigation says (for `hokulink open URL`).
  public func follow(_ navigation: Navigation) {
    navigate(navigation)
  }

  func navigate(_ navigation: Navigation) {
    switch navigation {
    case .stay: break
    case .push(let next): push(next)
    case .replace(let next):
      stack.removeLast()
      push(next)
    case .reset(let next):
      stack.removeAll()
      push(next)
    case .pop:
      popScreen()
    case .quit:
      finished = true
    }
  }

  private func push(_ screen: any Screen) {
    stack.append(Entry(screen: screen, form: FormState()))
    refresh()
    stack[stack.count - 1].form.focus = page.focusableIDs.first
  }

  private func popScreen() {
    guard stack.count > 1 else { return }
    stack.removeLast()
    refresh()
  }

  /// Draws the whole screen at this size.
  public func render(width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    let theme = env.colors ? Theme.standard : Theme.monochrome
    guard width >= 80, height >= 24 else {
      EnlargeScreen.render(into: &canvas, language: env.language, theme: theme)
      lastBody = nil
      return canvas
    }
    let current = screen
    let note = guideVisible ? current.guide : nil
    let split: (frame: Rect, guide: Rect?)
    switch current.frame {
    case .phone:
      let phone = Layout.split(width: width, height: height, guide: note != nil)
      split = (phone.phone, phone.guide)
    case .browser:
      let browser = Layout.splitBrowser(width: width, height: height, guide: note != nil)
      split = (browser.browser, browser.guide)
    }
    let body: Rect
    switch current.frame {
    case .phone:
      body = PhoneFrame.render(
        into: &canvas, rect: split.frame, time: env.statusTime, title: current.title(env.language),
        step: current.stage, language: env.language, theme: theme)
    case .browser:
      body = BrowserFrame.render(
        into: &canvas, rect: split.frame, address: current.address, title: current.title(env.language),
        step: current.stage, language: env.language, theme: theme)
    }
    var state = form
    let layout = Form.render(page, state: &state, into: &canvas, rect: body, language: env.language, theme: theme)
    stack[stack.count - 1].form = state
    lastBody = body
    if let note, let guideRect = split.guide {
      GuidePanel.render(
        into: &canvas, rect: guideRect, step: note.step, text: note.text(env.language),
        key: note.target.flatMap { page.label(of: $0) }, language: env.language, theme: theme)
      if let target = note.target, let rect = layout.rect(of: target) {
        GuidePanel.frameControl(rect, in: &canvas, clip: body, theme: theme)
      }
    }
    if showingHelp {
      HelpOverlay.render(into: &canvas, language: env.language, supportLine: env.supportLine, theme: theme)
    }
    return canvas
  }
}
