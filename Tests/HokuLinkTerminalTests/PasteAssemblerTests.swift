import HokuLinkTerminal
import HokuLinkUI
import Testing

/// Bracketed paste, bounded: a paste that never ends, or never stops, cannot swallow the keyboard.
@Suite struct PasteAssemblerTests {
  func feed(_ text: String, into paste: inout PasteAssembler) -> [Key] {
    text.unicodeScalars.compactMap { paste.take($0) }
  }

  @Test func aPasteBetweenTheMarkersIsOneKey() {
    var paste = PasteAssembler()
    paste.begin()
    #expect(paste.isPasting)
    #expect(feed("北陸\nabc", into: &paste).isEmpty)
    #expect(paste.end() == .paste("北陸\nabc"))
    #expect(!paste.isPasting)
  }

  @Test func anUnterminatedPasteWaitsOnlyTheQuietTimeAndThenEndsWithWhatItHeld() {
    var paste = PasteAssembler()
    #expect(paste.readTimeout(60_000) == 60_000)
    #expect(paste.readTimeout(nil) == nil)
    paste.begin()
    _ = feed("abc", into: &paste)
    // While a paste is open, no read waits longer than the quiet time, however long the caller would wait.
    #expect(paste.readTimeout(nil) == PasteAssembler.quietMilliseconds)
    #expect(paste.readTimeout(60_000) == PasteAssembler.quietMilliseconds)
    #expect(paste.readTimeout(10) == 10)
    #expect(PasteAssembler.quietMilliseconds <= 1000)
    // The terminal's read timed out: the paste is over.
    #expect(paste.end() == .paste("abc"))
    #expect(paste.readTimeout(nil) == nil)
  }

  @Test func ctrlCActsInsideAPaste() {
    var paste = PasteAssembler()
    paste.begin()
    #expect(feed("abc\u{3}def", into: &paste) == [.control("c")])
    #expect(!paste.isPasting)
  }

  @Test func aPasteKeepsAtMost64KiB() {
    var paste = PasteAssembler()
    paste.begin()
    let chunk = String(repeating: "あいう", count: 1000)  // 9,000 bytes of UTF-8
    for _ in 0..<20 { _ = feed(chunk, into: &paste) }
    guard case .paste(let text) = paste.end() else {
      Issue.record("not a paste")
      return
    }
    #expect(text.utf8.count <= 64 * 1024)
    #expect(text.utf8.count > 64 * 1024 - 3)
    #expect(text.hasPrefix("あいう"))
  }

  @Test func aNewBeginMarkerStartsAgain() {
    var paste = PasteAssembler()
    paste.begin()
    _ = feed("old", into: &paste)
    paste.begin()
    _ = feed("new", into: &paste)
    #expect(paste.end() == .paste("new"))
  }
}
