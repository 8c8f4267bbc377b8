import Foundation
import HokuLinkUI
import Screens
import Testing

/// Issue 9's layout test, from the layout's own rectangles rather than the text of the goldens: on every screen the
/// shipped scripts reach (both languages, phone and PC, at 80×24 and 120×32), with the focus moved through every
/// control by Tab, Shift-Tab, ↓ and ↑, no control is cut by the key bar or a border, nothing is drawn over the frame,
/// and the guide's red frame is whole, inside the body, a blank cell from the border, with no text over it.
final class LayoutInspector {
  let width: Int
  let height: Int
  /// Each fault once, with the first state it was seen in.
  private(set) var faults: [String: String] = [:]
  private(set) var states = 0
  private var toured: Set<String> = []

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// The app as it stands and every state Tab, Shift-Tab, ↓ and ↑ reach from it, checked; the app is not changed.
  func tour(_ app: App, _ language: Language, _ script: String) {
    let page = app.page
    let name = String(describing: type(of: app.screen))
    let key = "\(language) \(name) \(app.form) \(page)"
    guard toured.insert(key).inserted else { return }
    let place = "\(script) \(name) (\(language), \(width)×\(height))"
    let first = app.drawn(width: width, height: height)
    check(first, app, app.form, place)
    let count = page.focusables.count
    for keys in [[Key.tab], [.backTab], [.down], [.up]] {
      var state = app.form
      var seen: Set<FormState> = [state]
      // ↓ and ↑ also scroll a page at a time towards a control out of view: enough presses to cross the page.
      let presses = keys == [.tab] || keys == [.backTab] ? count : count + first.layout.contentHeight + 2
      for _ in 0..<presses {
        _ = Form.handle(keys[0], page: page, state: &state, viewport: first.body)
        guard seen.insert(state).inserted else {
          if keys == [.tab] || keys == [.backTab] { continue }
          break
        }
        check(app.drawn(width: width, height: height, form: state), app, state, place + " after \(keys[0])")
      }
    }
  }

  /// A label as a fault names it: a link's one-time token left out, so that the fault reads the same every run.
  static func name(_ label: String) -> String {
    guard let token = label.range(of: "token=") else { return label }
    return label[..<token.upperBound] + "…"
  }

  /// The screen of the state being checked, shown with the first sighting of each fault.
  private var screenText = ""

  private func fault(_ problem: String, _ place: String) {
    if faults[problem] == nil { faults[problem] = place + "\n" + screenText }
  }

  private func check(_ drawn: App.Drawn, _ app: App, _ state: FormState, _ place: String) {
    states += 1
    screenText = drawn.canvas.text
    let body = drawn.body
    let layout = drawn.layout
    let screen = String(describing: type(of: app.screen))
    let label = { (id: ControlID) in Self.name(app.page.label(of: id) ?? id.description) }
    // With a focus, the scroll is the app's to choose; without one (scrolled by ↓, ↑ or a page), it is where the
    // person put it, which may be the page's top with a control under the key bar.
    let chosen = state.focus != nil
    for item in layout.items {
      let visible = item.rect.intersection(body)
      guard !visible.isEmpty else { continue }
      if chosen && item.rect.height <= body.height && visible != item.rect {
        let edge = item.rect.maxY > body.maxY ? "the key bar" : "the top of the body"
        fault("\(screen): 「\(label(item.id))」 is cut by \(edge)", place)
      }
      // Beside every control, a column for the red frame and one before the border: a blank one on the left, the
      // scrollbar's on the right (blank unless the page scrolls).
      if item.rect.x - 2 < body.x || item.rect.maxX + 1 > body.maxX - 1 {
        fault("\(screen): 「\(label(item.id))」 leaves no room for the red frame and a cell before the border", place)
      }
    }
    // The focused control shows whole, label to error, when it fits.
    if let focus = state.focus, let item = layout.item(focus), item.block.height <= body.height,
      item.block.intersection(body) != item.block
    {
      fault("\(screen): the focused 「\(label(focus))」 is not shown whole", place)
    }
    // Nothing of the page over the border, the row above the body or the key bar.
    var frameCells: [(Int, Int)] = []
    for x in (body.x - 1)...body.maxX { frameCells += [(x, body.y - 1), (x, body.maxY)] }
    for y in body.y..<body.maxY { frameCells += [(body.x - 1, y), (body.maxX, y)] }
    for (x, y) in frameCells where drawn.canvas[x, y] != drawn.chrome[x, y] {
      fault("\(screen): the page draws 「\(drawn.canvas[x, y].text)」 over the frame at (\(x), \(y))", place)
      break
    }
    checkRedFrame(drawn, app, mustFrame: chosen && Self.frameFits(drawn, app, state), place)
  }

  /// Whether one view can hold both the focused control (its block when that fits) and the red frame round the
  /// guide's control (round the control, or round its block when labels or errors touch it, with a row above and
  /// below within the page): if not, the frame may give way to the focus.
  static func frameFits(_ drawn: App.Drawn, _ app: App, _ state: FormState) -> Bool {
    let layout = drawn.layout
    let height = drawn.body.height
    guard let target = app.guideNote?.target, let framed = layout.item(target) else { return true }
    let inner = framed.block == framed.rect ? framed.rect : framed.block
    let pageTop = layout.viewport.y - layout.scroll
    var top = max(pageTop, inner.y - 1)
    var bottom = min(pageTop + layout.contentHeight, inner.maxY + 1)
    if let focus = state.focus, let item = layout.item(focus) {
      let shown = item.block.height <= height ? item.block : item.rect
      top = min(top, shown.y)
      bottom = max(bottom, shown.maxY)
    }
    return bottom - top <= height
  }

  /// The red frame, when drawn, is whole and clear of the border and of text; with `mustFrame`, it is drawn whenever
  /// its control is on screen (else the control may be restyled instead, its frame having no room).
  private func checkRedFrame(_ drawn: App.Drawn, _ app: App, mustFrame: Bool, _ place: String) {
    guard let red = drawn.redFrame, let target = app.guideNote?.target else { return }
    let screen = String(describing: type(of: app.screen))
    let name = "the red frame round 「\(Self.name(app.page.label(of: target) ?? target.description))」 on \(screen)"
    let body = drawn.body
    switch red.outcome {
    case .hidden: return
    case .restyled:
      if mustFrame { fault("\(name) found no room: the control was restyled", place) }
      return
    case .framed: break
    }
    guard let box = red.box?.rect else {
      fault("\(name) says it was drawn but not where", place)
      return
    }
    if red.box?.top != true { fault("\(name) has no top edge", place) }
    if red.box?.bottom != true { fault("\(name) has no bottom edge", place) }
    if box.y < body.y || box.maxY > body.maxY {
      fault("\(name) is not inside the body", place + " (\(box) in \(body))")
    }
    // A blank cell between the frame and the border, on each side.
    if box.x - 1 < body.x || box.maxX + 1 > body.maxX {
      fault("\(name) touches the border", place + " (\(box) in \(body))")
    } else {
      let sides = (box.y..<box.maxY).flatMap { [drawn.canvas[box.x - 1, $0], drawn.canvas[box.maxX, $0]] }
      if sides.contains(where: { $0.text != " " || $0.isContinuation }) {
        fault("\(name) has no blank cell between it and the border", place)
      }
    }
    // No text over it: every cell of its edges is the frame's own.
    let frameStyle = (app.env.colors ? Theme.standard : Theme.monochrome).guideFrame
    var edges: [(Int, Int)] = (box.y..<box.maxY).flatMap { [(box.x, $0), (box.maxX - 1, $0)] }
    if red.box?.top == true { edges += (box.x..<box.maxX).map { ($0, box.y) } }
    if red.box?.bottom == true { edges += (box.x..<box.maxX).map { ($0, box.maxY - 1) } }
    for (x, y) in edges where !"│─┌┐└┘".contains(drawn.canvas[x, y].text) || drawn.canvas[x, y].style != frameStyle {
      fault("\(name) has 「\(drawn.canvas[x, y].text)」 drawn over it at (\(x), \(y))", place)
      break
    }
    // Nor over another control, nor text beside its edge rows left out.
    for item in drawn.layout.items where item.id != target && !item.block.intersection(box).isEmpty {
      fault("\(name) overlaps 「\(app.page.label(of: item.id) ?? item.id.description)」", place)
    }
    if red.box?.bottom != true, box.maxY < body.maxY,
      !(box.x..<box.maxX).allSatisfy({ drawn.canvas[$0, box.maxY].text == " " })
    {
      fault("\(name): the line under it is drawn where its bottom edge goes", place)
    }
  }
}

@Suite struct ScreenLayoutTests {
  /// Every shipped script but the one that needs another's data folder, with whether it runs on the PC.
  static let scripts: [(String, Bool)] = [
    ("first-screens.play", false), ("signup-a-to-home.play", false), ("signup-a-immediate-bank.play", false),
    ("signup-a-immediate-card.play", false), ("signup-a-postcard.play", false), ("signup-back-and-forth.play", false),
    ("signup-corrections.play", false), ("signup-field-errors.play", false), ("signup-to-step6.play", false),
    ("signup-b-pc.play", true), ("signup-b-to-mypage.play", true), ("member-c-demo.play", false),
    ("forgot-id.play", false), ("forgot-password.play", false), ("lockout.play", false),
    ("login-corrections.play", false),
  ]

  static func inspect(width: Int, height: Int) throws {
    let inspector = LayoutInspector(width: width, height: height)
    for (script, pc) in scripts {
      let walk = try GuideWalk(pc: pc, width: width, height: height, checkingGuide: false) { language, app in
        inspector.tour(app, language, script)
      }
      try walk.run(script)
    }
    // What no script shows: step 10's error under its checkbox, 次へ pressed without the tick.
    for language in [Language.ja, .en] {
      let app = try TestWorld.app({ _ in AppTermsScreen() }, language: language)
      app.handle(.resize(width: width, height: height))
      app.press(try app.page.find(label: language == .ja ? "次へ" : "Next").get())
      #expect(app.screen is AppTermsScreen)
      inspector.tour(app, language, "step 10 unticked")
    }
    #expect(inspector.states > 1000, "only \(inspector.states) states were seen")
    for (fault, place) in inspector.faults.sorted(by: { $0.key < $1.key }) {
      Issue.record("\(fault)\n    first seen: \(place)")
    }
  }

  @Test func everyScreenAt80x24KeepsItsControlsAndTheRedFrameClearOfTheFrame() throws {
    try Self.inspect(width: 80, height: 24)
  }

  @Test func everyScreenAt120x32KeepsItsControlsAndTheRedFrameClearOfTheFrame() throws {
    try Self.inspect(width: 120, height: 32)
  }
}
