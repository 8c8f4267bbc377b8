import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// Walks a shipped Japanese script and, beside it, the same walkthrough in English by control id (the labels
/// differ, the ids do not), recording the guide panel on every screen of both.
final class GuideWalk {
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
  /// The name the script captured the 利用者ID under (`${USERID}`, `${userid}`).
  private var captureName = "USERID"
  /// Every English screen drawn, with the screen's name, whether or not its guide changed (issue 9's screenshots).
  private(set) var englishScreens: [(screen: String, text: String)] = []
  /// What the script typed, in English as it reached the English app.
  private(set) var typed: [String] = []

  /// Whether every screen's guide panel is checked as it is drawn (off for a walk that looks at something else,
  /// at a size where the panel may not fit).
  private let checkingGuide: Bool
  /// Called with each app after every script line, before anything is recorded.
  private let observe: ((Language, App) -> Void)?

  init(
    pc: Bool, width: Int? = nil, height: Int? = nil, checkingGuide: Bool = true,
    observe: ((Language, App) -> Void)? = nil
  ) throws {
    self.width = width ?? (pc ? 120 : 80)
    self.height = height ?? (pc ? 32 : 24)
    self.checkingGuide = checkingGuide
    self.observe = observe
    var apps: [Language: App] = [:]
    for language in [Language.ja, .en] {
      let env = try TestWorld.environment(language: language, pc: pc)
      let app = App(env: env, root: env.startScreen())
      app.handle(.resize(width: self.width, height: self.height))
      apps[language] = app
    }
    self.apps = apps
    record()
  }

  var panelRect: Rect? {
    apps[.ja].map { $0.screen.frame($0.env) } == .browser
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
      observe?(language, app)
      let canvas = app.render(width: width, height: height)
      let name = String(describing: type(of: app.screen))
      if language == .en { englishScreens.append((name, canvas.text)) }
      let step = app.guideStep ?? "-"
      let panel = panelRect.map { Self.crop(canvas, $0) } ?? []
      if let last = seen[language]?.last, last.screen == name, last.step == step, last.panel == panel { continue }
      seen[language, default: []].append(Seen(screen: name, step: step, panel: panel))
      if checkingGuide { check(app, canvas, language) }
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
    return text.replacingOccurrences(of: "${\(captureName)}", with: id)
  }

  private func perform(_ command: PlayCommand) throws {
    let ja = try #require(apps[.ja])
    func id(_ label: String) throws -> ControlID { try ja.page.find(label: expand(label, .ja)).get() }
    switch command {
    case .fill(let label, let text):
      let target = try id(label)
      typed.append(expand(text, .en))
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
      captureName = name
      // The mail differs by language, the ID's shape does not.
      let regex = try NSRegularExpression(pattern: "\\b([A-HJ-NP-Z][A-HJ-NP-Z2-9]{7})\\b")
      for (language, app) in apps {
        let screen = app.render(width: width, height: height).text
        let match = try #require(regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)))
        userID[language] = String(screen[try #require(Range(match.range(at: 1), in: screen))])
      }
    case .ifShown(let text, let then):
      if ja.render(width: width, height: height).text.contains(text) { try perform(then) }
    case .clockAdvance(let text):
      for app in apps.values {
        try app.env.advanceClock(text)
        app.refresh()
      }
    case .type(let text):
      typed.append(expand(text, .en))
      for (language, app) in apps {
        for character in expand(text, language) { app.handle(.character(character)) }
      }
    case .expect, .expectNot, .screenshot:
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

/// Issue 9: walked in English, a screen, mail or postcard shows no Japanese but what may only be Japanese.
@Suite struct EnglishThroughoutTests {
  /// Kana, CJK ideographs and punctuation, full-width forms, and ※.
  static func japanese(in text: String) -> [Character] {
    text.filter { character in
      character.unicodeScalars.contains { scalar in
        switch scalar.value {
        case 0x203B, 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF: true
        default: false
        }
      }
    }
  }

  /// The Japanese an English screen may hold: what was typed, the registry's names and addresses (and the
  /// addresses the postal table fills), 「ほくリンク」 in brackets right after HokuLink, and the buttons' brackets.
  static func allowed(_ walk: GuideWalk) throws -> [String] {
    let env = try #require(walk.apps[.en]).env
    // As typed, and as the fields keep it (full-width digits and spaces in names and addresses).
    var allowed = walk.typed.flatMap { typed in
      [
        typed, typed.precomposedStringWithCompatibilityMapping,
        typed.applyingTransform(.fullwidthToHalfwidth, reverse: true), Furigana.normalize(typed),
      ]
      .compactMap { $0 }
    }
    for customer in try env.store.customerRegistry().customers {
      allowed += [customer.name, customer.kana, customer.address]
    }
    for text in walk.typed {
      if let fill = env.registrations.addressFill(postalCode: text) { allowed.append(fill) }
    }
    allowed += ["HokuLink (ほくリンク)", "［", "］"]
    // Longest first, so a name is taken out whole before a shorter entry inside it.
    return allowed.filter { !japanese(in: $0).isEmpty }.sorted { $0.count > $1.count }
  }

  /// The Japanese left in `text` once the allowed parts are taken out. A screen wraps a long address, so a run of
  /// Japanese that is part of an allowed text is allowed too.
  static func stray(_ text: String, _ allowed: [String]) -> String {
    var rest = text
    for entry in allowed { rest = rest.replacingOccurrences(of: entry, with: " ") }
    var runs: [String] = []
    var run = ""
    for character in rest + " " {
      if japanese(in: String(character)).isEmpty {
        if !run.isEmpty, !allowed.contains(where: { $0.contains(run) }) { runs.append(run) }
        run = ""
      } else {
        run.append(character)
      }
    }
    return runs.joined(separator: " ")
  }

  static func check(_ script: String, pc: Bool, mails expectMails: Bool = true, guide: Bool = true) throws {
    let walk = try GuideWalk(pc: pc, checkingGuide: guide)
    // `a+b`: b played on from where a left the app (a script that needs a member at home).
    for part in script.split(separator: "+") { try walk.run(String(part)) }
    let allowed = try allowed(walk)
    for (screen, text) in walk.englishScreens {
      let stray = stray(text, allowed)
      #expect(stray.isEmpty, "\(script): \(screen) in English shows 「\(stray)」:\n\(text)")
    }
    let env = try #require(walk.apps[.en]).env
    let addresses = Set(walk.typed.filter { $0.contains("@") })

    var mails = 0
    for address in addresses {
      for mail in try env.mailbox.messages(for: address) {
        mails += 1
        let stray = stray(mail.subject + "\n" + mail.body, allowed)
        #expect(stray.isEmpty, "\(script): the mail 「\(mail.subject)」 holds 「\(stray)」:\n\(mail.body)")
      }
    }
    #expect(!expectMails || mails > 0, "\(script) read no mail")
    for postcard in try env.postcards.all() {
      let stray = stray(postcard.title + "\n" + postcard.body, allowed)
      #expect(stray.isEmpty, "\(script): the postcard holds 「\(stray)」:\n\(postcard.body)")
    }
  }

  @Test func walkthroughAInEnglishShowsNoStrayJapanese() throws {
    try Self.check("signup-a-to-home.play", pc: false)
  }

  @Test func walkthroughBInEnglishShowsNoStrayJapanese() throws {
    try Self.check("signup-b-to-mypage.play", pc: true)
  }

  @Test func walkthroughCInEnglishShowsNoStrayJapanese() throws {
    // The demo member exists already: C mails nothing.
    try Self.check("member-c-demo.play", pc: false, mails: false)
  }

  @Test func aPostcardAskedInEnglishIsInEnglish() throws {
    try Self.check("signup-a-postcard.play", pc: false)
  }

  /// The other shipped scripts: the field errors, the corrections, going back and forth, the recoveries, the
  /// lockout and the restart, so English error screens, refusals and dead ends are read too (the guide panel is
  /// checked by the walkthroughs above; these leave it).
  @Test(arguments: [
    ("first-screens.play", false, false), ("forgot-id.play", false, true), ("forgot-password.play", false, true),
    ("lockout.play", false, false), ("login-corrections.play", false, false),
    ("member-c-demo.play+member-home-after-restart.play", false, false), ("signup-a-immediate-bank.play", false, true),
    ("signup-a-immediate-card.play", false, true), ("signup-b-pc.play", true, true),
    ("signup-back-and-forth.play", false, true), ("signup-corrections.play", false, true),
    ("signup-field-errors.play", false, true), ("signup-to-step6.play", false, true),
  ])
  func everyOtherScriptInEnglishShowsNoStrayJapanese(script: String, pc: Bool, mails: Bool) throws {
    try Self.check(script, pc: pc, mails: mails, guide: false)
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
