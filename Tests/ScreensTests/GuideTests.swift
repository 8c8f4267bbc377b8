import Foundation
import HokuLinkUI
import Screens
import Testing

/// Walks a shipped Japanese script and, beside it, the same walkthrough in English by control id (the labels
/// differ, the ids do not), recording the guide panel on every screen of both.
private final class GuideWalk {
  struct Seen {
    let screen: String
    let step: String
    let panel: [String]
  }

  let apps: [Language: App]
  let width: Int
  let height: Int
  private(set) var seen: [Language: [Seen]] = [:]
  private var userID: [Language: String] = [:]

  init(pc: Bool) throws {
    width = pc ? 120 : 80
    height = pc ? 32 : 24
    var apps: [Language: App] = [:]
    for language in [Language.ja, .en] {
      let env = try TestWorld.environment(language: language, pc: pc)
      let app = App(env: env, root: env.startScreen())
      app.handle(.resize(width: width, height: height))
      apps[language] = app
    }
    self.apps = apps
    record()
  }

  var panelRect: Rect? {
    apps[.ja]?.screen.frame == .browser
      ? Layout.splitBrowser(width: width, height: height, guide: true).guide
      : Layout.split(width: width, height: height, guide: true).guide
  }

  /// The panel's cells as text, row by row, trailing spaces trimmed.
  static func crop(_ canvas: Canvas, _ rect: Rect) -> [String] {
    (rect.y..<rect.maxY).map { y in
      var line = ""
      for x in rect.x..<rect.maxX where !canvas[x, y].isContinuation { line += canvas[x, y].text }
      while line.last == " " { line.removeLast() }
      return line
    }
  }

  private func record() {
    for (language, app) in apps {
      let canvas = app.render(width: width, height: height)
      let name = String(describing: type(of: app.screen))
      let step = app.guideStep ?? "-"
      let panel = panelRect.map { Self.crop(canvas, $0) } ?? []
      if let last = seen[language]?.last, last.screen == name, last.step == step, last.panel == panel { continue }
      seen[language, default: []].append(Seen(screen: name, step: step, panel: panel))
      check(app, canvas, language)
    }
  }

  /// What every screen must show: the panel, its step, and a framed label that is on the page, whole.
  private func check(_ app: App, _ canvas: Canvas, _ language: Language) {
    let name = String(describing: type(of: app.screen))
    guard let note = app.guideNote else {
      Issue.record("no guide on \(name) (\(language))")
      return
    }
    let text = canvas.text
    #expect(text.contains(UIText.guideStep(language)), "the panel is missing on \(name) (\(language))")
    #expect(!text.contains("STEP \(app.guideStep ?? "")"), "the panel calls a step a STEP on \(name)")
    if let target = note.target, let own = app.screen.guide(app.env), own.target == target {
      let label = app.page.label(of: target)
      #expect(label != nil, "the guide frames \(target) which \(name) does not show")
      #expect(app.page.focusableIDs.contains(target), "the framed \(target) cannot be pressed on \(name)")
      if let label, let rect = panelRect {
        // Lines joined by a space: a label wrapped between words reads whole, one cut mid-word does not.
        let panel = Self.crop(canvas, rect).map { line in
          line.trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        }.joined(separator: " ")
        #expect(panel.contains(label), "the panel splits 「\(label)」 on \(name) (\(language))")
      }
    }
  }

  func run(_ script: String) throws {
    let url = Scripts.directory.appendingPathComponent(script)
    let lines = try PlayScript.parse(String(contentsOf: url, encoding: .utf8))
    for line in lines { try perform(line.command) }
  }

  private func expand(_ text: String, _ language: Language) -> String {
    guard let id = userID[language] else { return text }
    return text.replacingOccurrences(of: "${USERID}", with: id)
  }

  private func perform(_ command: PlayCommand) throws {
    let ja = try #require(apps[.ja])
    func id(_ label: String) throws -> ControlID { try ja.page.find(label: expand(label, .ja)).get() }
    switch command {
    case .fill(let label, let text):
      let target = try id(label)
      for (language, app) in apps { app.fill(target, with: expand(text, language)) }
    case .check(let label), .uncheck(let label):
      let target = try id(label)
      let want: Bool
      if case .check = command { want = true } else { want = false }
      for app in apps.values { app.setChecked(target, want) }
    case .choose(let label, let option):
      let target = try id(label)
      let options = try #require(ja.page.options(of: target))
      let index = try #require(options.firstIndex(of: option) ?? options.firstIndex { $0.contains(option) })
      for app in apps.values { app.choose(target, option: index) }
    case .press(let label):
      let target = try id(label)
      for app in apps.values { app.press(target) }
    case .key(let name):
      let key = try #require(Key(scriptName: name))
      for app in apps.values { app.handle(key) }
    case .capture(let name, _):
      #expect(name == "USERID")
      // The mail differs by language, the ID's shape does not.
      let regex = try NSRegularExpression(pattern: "\\b([A-HJ-NP-Z][A-HJ-NP-Z2-9]{7})\\b")
      for (language, app) in apps {
        let screen = app.render(width: width, height: height).text
        let match = try #require(regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)))
        userID[language] = String(screen[try #require(Range(match.range(at: 1), in: screen))])
      }
    case .ifShown(let text, let then):
      if ja.render(width: width, height: height).text.contains(text) { try perform(then) }
    case .expect, .expectNot, .type, .clockAdvance, .screenshot:
      break
    }
    record()
  }

  /// The steps the panel showed, one per change.
  func steps(_ language: Language) -> [String] {
    var steps: [String] = []
    for entry in seen[language] ?? [] where steps.last != entry.step { steps.append(entry.step) }
    return steps
  }

  /// Every panel seen, one after another, for a golden file.
  func golden(_ language: Language) -> Canvas {
    let entries = seen[language] ?? []
    let rows = entries.flatMap { ["== \($0.screen) (\($0.step))"] + $0.panel }
    var canvas = Canvas(width: 50, height: max(1, rows.count))
    for (y, row) in rows.enumerated() { canvas.put(row, x: 0, y: y) }
    return canvas
  }
}

@Suite struct GuideTests {
  static let walkthroughA = [
    "1", "2", "3", "4", "5-1", "5-2", "5-3", "6", "7", "8", "9", "10", "11", "12", "13", "14",
  ]

  @Test func walkthroughAIsNumberedAsTheGuideDoes() throws {
    let walk = try GuideWalk(pc: false)
    try walk.run("signup-a-to-home.play")
    for language in [Language.ja, .en] {
      // Mails keep the step they were opened from, so the steps run on without a gap or a step back.
      #expect(walk.steps(language) == Self.walkthroughA, "\(language)")
      Golden.check("guide-a-\(language.rawValue)", walk.golden(language))
    }
  }

  @Test func walkthroughBIsNumberedAsTheGuideDoes() throws {
    let walk = try GuideWalk(pc: true)
    try walk.run("signup-b-to-mypage.play")
    for language in [Language.ja, .en] {
      #expect(
        walk.steps(language) == ["2", "3", "4", "5-1", "5-2", "5-3", "6", "7", "8", "9", "10", "11"],
        "\(language)")
      Golden.check("guide-b-\(language.rawValue)", walk.golden(language))
    }
  }

  @Test func walkthroughCIsNumberedAsTheGuideDoes() throws {
    let walk = try GuideWalk(pc: false)
    try walk.run("member-c-demo.play")
    for language in [Language.ja, .en] {
      #expect(walk.steps(language) == ["1", "2", "3", "4", "5", "6"], "\(language)")
      Golden.check("guide-c-\(language.rawValue)", walk.golden(language))
    }
  }

  /// The walkthrough is named once known: nothing before 「新規会員登録はこちら」 or 「会員ログイン」, then A or C.
  @Test func theWalkthroughIsNamedOnceKnown() throws {
    let walk = try GuideWalk(pc: false)
    let ja = try #require(walk.apps[.ja])
    #expect(ja.env.walkthrough == nil)
    try walk.run("member-c-demo.play")
    #expect(ja.env.walkthrough == .c)
  }
}
