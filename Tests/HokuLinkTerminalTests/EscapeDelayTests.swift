import HokuLinkTerminal
import Testing

/// Esc answers at once (SPEC §6): the app sets ncurses' escape delay to 25 ms instead of its 1,000 ms default, and
/// leaves a delay the person chose through `ESCDELAY` alone. (The latency itself is measured by
/// `Benchmarks/terminal-bench.py`, not timed here.)
@Suite struct EscapeDelayTests {
  @Test func escAnswersWithinTwentyFiveMillisecondsByDefault() {
    #expect(Terminal.escapeDelay(environment: [:]) == 25)
    #expect(Terminal.escapeDelay(environment: ["TERM": "xterm"]) == 25)
  }

  @Test func aDelayThePersonSetIsLeftToNcurses() {
    #expect(Terminal.escapeDelay(environment: ["ESCDELAY": "300"]) == nil)
  }
}
