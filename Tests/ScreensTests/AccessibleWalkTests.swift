import Foundation
import HokuLinkUI
import Screens
import Testing

/// Feeds `--accessible` line by line, as a pipe would, turning a shipped play script into what a person types
/// in this mode: the item's number, then the value or the option's words; Esc is `b`.
private final class AccessiblePipe {
  let app: App
  private var script: [PlayCommand]
  /// The lines to type next; a field's value carries its label, so what follows it can be counted.
  private var pending: [(text: String, entry: String?)] = []
  private(set) var output: [String] = []
  private var variables: [String: String] = [:]
  private var session: AccessibleSession?
  /// Lines printed after each field entry that stayed on its screen, by field label.
  private(set) var linesPerEntry: [(label: String, lines: Int)] = []
  private var entryMark: (label: String, index: Int, title: String)?
  private(set) var problems: [String] = []

  init(_ name: String, pc: Bool) throws {
    let env = try TestWorld.environment(language: .ja, pc: pc)
    app = App(env: env, root: env.startScreen())
    let url = Scripts.directory.appendingPathComponent(name)
    script = try PlayScript.parse(String(contentsOf: url, encoding: .utf8)).map(\.command)
  }

  func run() {
    let session = AccessibleSession(app: app, read: { self.next() }, write: { self.output.append($0) })
    self.session = session
    session.run()
  }

  private var screenText: String { (session?.screenLines() ?? []).joined(separator: "\n") }

  private func expand(_ text: String) -> String {
    variables.reduce(text) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
  }

  private func number(_ label: String) -> String? {
    guard case .success(let id) = app.page.find(label: expand(label)),
      let index = app.page.focusableIDs.firstIndex(of: id)
    else {
      problems.append("no 「\(label)」 on \(app.screen.title(.ja))")
      return nil
    }
    return String(index + 1)
  }

  private func next() -> String? {
    if let mark = entryMark, output.last?.hasSuffix(">") == true, pending.isEmpty {
      // Back at the main prompt after an entry: what was printed in between, the prompt itself not counted.
      if app.screen.title(.ja) == mark.title {
        linesPerEntry.append((mark.label, output.count - mark.index - 1))
      }
      entryMark = nil
    }
    while pending.isEmpty {
      guard !script.isEmpty else { return nil }
      plan(script.removeFirst())
    }
    let typed = pending.removeFirst()
    // The field's own prompt is the last line out: what comes after the value is the answer to it.
    if let label = typed.entry { entryMark = (label, output.count, app.screen.title(.ja)) }
    return typed.text
  }

  private func plan(_ command: PlayCommand) {
    switch command {
    case .press(let label):
      if let n = number(label) { pending = [(n, nil)] }
    case .fill(let label, let text):
      if let n = number(label) { pending = [(n, nil), (expand(text), label)] }
    case .check(let label), .uncheck(let label):
      guard case .success(let id) = app.page.find(label: label), let checked = app.page.isChecked(id) else {
        problems.append("no checkbox 「\(label)」")
        return
      }
      let want: Bool
      if case .check = command { want = true } else { want = false }
      if checked != want, let n = number(label) { pending = [(n, nil)] }
    case .choose(let label, let option):
      if let n = number(label) { pending = [(n, nil), (option, nil)] }
    case .key(let name):
      if name == "Esc" { pending = [("b", nil)] } else { problems.append("no key \(name) in this mode") }
    case .capture(let name, let pattern):
      let text = screenText
      guard let regex = try? NSRegularExpression(pattern: pattern),
        let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        let range = Range(match.range(at: 1), in: text)
      else {
        // What the screen held, so that a failure says what was shown instead of leaving it to a guess.
        problems.append("nothing matches \(pattern) on \(app.screen.title(.ja)):\n\(text)")
        return
      }
      variables[name] = String(text[range])
    case .ifShown(let text, let then):
      if screenText.contains(text) { plan(then) }
    case .expect(let text):
      if !screenText.contains(expand(text)) { problems.append("expected 「\(text)」 on \(app.screen.title(.ja))") }
    case .expectNot, .type, .clockAdvance, .screenshot:
      break
    }
  }
}

@Suite struct AccessibleWalkTests {
  @Test(arguments: [
    ("signup-a-to-home.play", false), ("signup-b-to-mypage.play", true), ("member-c-demo.play", false),
  ])
  func aWalkthroughCompletesFromAPipe(script: String, pc: Bool) throws {
    let pipe = try AccessiblePipe(script, pc: pc)
    pipe.run()
    #expect(pipe.problems.isEmpty, "\(pipe.problems)")
    #expect(String(describing: type(of: pipe.app.screen)) == "MemberHomeScreen")
    // An entry tells its new value (and an error, or a filled address), never the whole screen again.
    #expect(!pipe.linesPerEntry.isEmpty)
    for entry in pipe.linesPerEntry {
      #expect(entry.lines >= 1 && entry.lines <= 3, "「\(entry.label)」 printed \(entry.lines) lines")
    }
  }
}
