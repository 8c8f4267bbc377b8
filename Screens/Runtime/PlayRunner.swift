import Foundation
import HokuLinkCore
import HokuLinkUI

/// Why a script line did not hold: the line, the reason and the screen as text (SPEC §7).
public struct PlayFailure: Error, CustomStringConvertible {
  public let line: PlayLine
  public let reason: String
  public let screen: String

  public var description: String {
    "line \(line.number): \(line.text)\n\(reason)\n--- screen ---\n\(screen)\n--------------"
  }
}

/// Drives an App with a script, on a virtual screen of the given size. `show` (if any) is called with
/// each frame, for visible demos.
public final class PlayRunner {
  public let app: App
  public let width: Int
  public let height: Int
  private var variables: [String: String] = [:]
  private let show: ((Canvas) -> Void)?
  private let baseDirectory: URL

  public init(app: App, width: Int = 80, height: Int = 24, baseDirectory: URL, show: ((Canvas) -> Void)? = nil) {
    self.app = app
    self.width = width
    self.height = height
    self.baseDirectory = baseDirectory
    self.show = show
    app.handle(.resize(width: width, height: height))
  }

  public var canvas: Canvas { app.render(width: width, height: height) }

  /// Runs every line; throws at the first one that does not hold. `pause` runs after each line (a visible
  /// demo waits there, watching for Ctrl-C); when it returns false the run stops.
  public func run(_ lines: [PlayLine], pause: (() -> Bool)? = nil) throws(PlayFailure) {
    // The draft's last entries are written however the script ends.
    defer { app.env.keepDraft() }
    show?(canvas)
    for line in lines {
      do {
        try perform(line.command, line: line)
      } catch {
        throw PlayFailure(line: line, reason: error.reason, screen: canvas.text)
      }
      show?(canvas)
      if let pause, !pause() {
        throw PlayFailure(line: line, reason: "stopped (Ctrl-C or the terminal went away)", screen: canvas.text)
      }
      if let damage = app.failure {
        throw PlayFailure(line: line, reason: damage.description, screen: canvas.text)
      }
      if app.finished { break }
    }
  }

  struct Problem: Error {
    let reason: String
  }

  private func expand(_ text: String) -> String {
    var result = text
    for (name, value) in variables { result = result.replacingOccurrences(of: "${\(name)}", with: value) }
    return result
  }

  private func control(_ label: String) throws(Problem) -> ControlID {
    switch app.page.find(label: expand(label)) {
    case .success(let id): return id
    case .failure(let error): throw Problem(reason: "\(error)")
    }
  }

  private func send(_ key: Key) {
    app.handle(key)
    _ = canvas  // lay out after every key, as the terminal would, so scrolling and focus stay real
  }

  private func perform(_ command: PlayCommand, line: PlayLine) throws(Problem) {
    switch command {
    case .fill(let label, let text):
      let id = try control(label)
      guard app.page.isField(id) else { throw Problem(reason: "「\(expand(label))」 is not a text field") }
      app.fill(id, with: expand(text), afterKey: { _ = canvas })
    case .check(let label), .uncheck(let label):
      let id = try control(label)
      guard let checked = app.page.isChecked(id) else {
        throw Problem(reason: "「\(expand(label))」 is not a checkbox")
      }
      let want: Bool
      if case .check = command { want = true } else { want = false }
      if checked != want { app.setChecked(id, want, afterKey: { _ = canvas }) }
    case .choose(let label, let option):
      let id = try control(label)
      guard let options = app.page.options(of: id) else {
        throw Problem(reason: "「\(expand(label))」 is not a choice")
      }
      let wanted = expand(option)
      let index =
        options.firstIndex(of: wanted)
        ?? {
          let partial = options.indices.filter { options[$0].contains(wanted) }
          return partial.count == 1 ? partial[0] : nil
        }()
      guard let index else {
        throw Problem(
          reason: "「\(expand(label))」 has no single option 「\(wanted)」 (options: \(options.joined(separator: ", ")))")
      }
      app.choose(id, option: index)
      _ = canvas
    case .press(let label):
      let id = try control(label)
      app.press(id)
      _ = canvas
    case .type(let text):
      for character in expand(text) { send(.character(character)) }
    case .key(let name):
      guard let key = Key(scriptName: name) else { throw Problem(reason: "unknown key \(name)") }
      send(key)
    case .expect(let text):
      let screen = canvas.text
      guard screen.contains(expand(text)) else { throw Problem(reason: "expected 「\(expand(text))」 on the screen") }
    case .expectNot(let text):
      guard !canvas.text.contains(expand(text)) else {
        throw Problem(reason: "did not expect 「\(expand(text))」 on the screen")
      }
    case .capture(let name, let pattern):
      let regex: NSRegularExpression
      do {
        regex = try NSRegularExpression(pattern: expand(pattern))
      } catch {
        throw Problem(reason: "the pattern is not a valid regular expression")
      }
      let screen = canvas.text
      guard
        let match = regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)),
        match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: screen)
      else { throw Problem(reason: "nothing on the screen matches \(pattern) with a group") }
      variables[name] = String(screen[range])
    case .clockAdvance(let text):
      do {
        try app.env.advanceClock(text)
        app.refresh()
      } catch {
        throw Problem(reason: "\(error)")
      }
    case .screenshot(let file):
      let url = URL(fileURLWithPath: expand(file), relativeTo: baseDirectory)
      do {
        try (canvas.text + "\n").write(to: url, atomically: true, encoding: .utf8)
      } catch {
        throw Problem(reason: "could not write \(url.path)")
      }
    case .ifShown(let text, let then):
      if canvas.text.contains(expand(text)) { try perform(then, line: line) }
    }
  }
}
