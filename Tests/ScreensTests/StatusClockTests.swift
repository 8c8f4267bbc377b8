import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// The phone's status bar follows the simulated clock, day included, so that a jump of whole days shows.
@Suite struct StatusClockTests {
  /// The status bar: the phone's second row.
  static func statusBar(_ canvas: Canvas) -> String {
    canvas.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
  }

  @Test func theStatusBarShowsTheAdvancedTimeAfterClockAdvance() throws {
    let env = try TestWorld.environment(guide: false)
    let app = App(env: env, root: LoginScreen())
    let runner = PlayRunner(app: app, baseDirectory: TestWorld.folder())
    #expect(Self.statusBar(runner.canvas).contains(" 11/27 10:00 "))
    try runner.run(PlayScript.parse("clock advance 7d\n"))
    let after = Self.statusBar(runner.canvas)
    #expect(after.contains(" 12/4 10:00 "), "status bar: \(after)")
    try runner.run(PlayScript.parse("clock advance 90m\n"))
    #expect(Self.statusBar(runner.canvas).contains(" 12/4 11:30 "))
  }
}
