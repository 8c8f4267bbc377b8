import CNcursesw
import HokuLinkTerminal
import HokuLinkUI
import Testing

/// What a key sends, as the app reads it: ncurses' own codes, and the escape sequences it leaves undecoded.
@Suite struct KeyDecoderTests {
  /// What followed ESC, as scalars.
  func body(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

  @Test(arguments: [
    // xterm (normal and application mode), VT220 / tmux / screen / PuTTY / Linux console, rxvt.
    ("[H", Key.home), ("OH", .home), ("[1~", .home), ("[7~", .home),
    ("[F", .end), ("OF", .end), ("[4~", .end), ("[8~", .end),
    ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
    ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("OA", .up), ("OD", .left),
    ("[Z", .backTab),
    // Modified keys act as the plain key (Ctrl-Home, Shift-End).
    ("[1;5H", .home), ("[1;2F", .end), ("[3;5~", .delete),
  ])
  func homeEndDeleteAndPagingInEveryEncoding(sequence: String, key: Key) {
    #expect(EscapeSequence.isComplete(body(sequence)))
    #expect(EscapeSequence.decode(body(sequence)) == key)
  }

  @Test(arguments: [
    ("OP", 1), ("OS", 4), ("[11~", 1), ("[15~", 5), ("[17~", 6), ("[21~", 10), ("[23~", 11), ("[24~", 12),
    ("[[A", 1), ("[[E", 5),
  ])
  func functionKeysInEveryEncoding(sequence: String, number: Int) {
    #expect(EscapeSequence.decode(body(sequence)) == .function(number))
  }

  /// A sequence the app does not know is whole, so it is swallowed, and means nothing: never Esc and typing.
  @Test(arguments: ["[99~", "[25~", "[1;2P", "[2~", "[200x", "[?1;2c", "[[Z", "OX"])
  func anUnknownSequenceDoesNothing(sequence: String) {
    #expect(EscapeSequence.isComplete(body(sequence)))
    #expect(EscapeSequence.decode(body(sequence)) == nil)
  }

  @Test func aSequenceIsReadUntilItsFinalByte() {
    #expect(!EscapeSequence.isComplete(body("")))
    #expect(!EscapeSequence.isComplete(body("[")))
    #expect(!EscapeSequence.isComplete(body("[4")))
    #expect(!EscapeSequence.isComplete(body("[[")))
    #expect(!EscapeSequence.isComplete(body("O")))
    #expect(EscapeSequence.isComplete(body("[4~")))
    // ESC then a letter is the Esc key, then the letter: not a sequence at all.
    #expect(!EscapeSequence.isSequence(body("a")))
    #expect(EscapeSequence.decode(body("a")) == nil)
  }

  @Test func ncursesCodesBecomeKeys() {
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_HOME)) == .home)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_END)) == .end)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_DC)) == .delete)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_PPAGE)) == .pageUp)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_NPAGE)) == .pageDown)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_BTAB)) == .backTab)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_F0 + 12)) == .function(12))
    // F13 and beyond, and codes the app has no use for, do nothing.
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_F0 + 13)) == nil)
    #expect(KeyDecoder.decode(isKeyCode: true, value: UInt32(KEY_IC)) == nil)
  }

  @Test func charactersAndControls() {
    #expect(KeyDecoder.decode(isKeyCode: false, value: 9) == .tab)
    #expect(KeyDecoder.decode(isKeyCode: false, value: 13) == .enter)
    #expect(KeyDecoder.decode(isKeyCode: false, value: 27) == .escape)
    #expect(KeyDecoder.decode(isKeyCode: false, value: 127) == .backspace)
    #expect(KeyDecoder.decode(isKeyCode: false, value: 3) == .control("c"))
    #expect(KeyDecoder.decode(isKeyCode: false, value: 0x5C71) == .character("山"))
    // C1 controls and NUL never become text.
    #expect(KeyDecoder.decode(isKeyCode: false, value: 0x9B) == nil)
    #expect(KeyDecoder.decode(isKeyCode: false, value: 0) == nil)
  }
}
