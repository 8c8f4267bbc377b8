import Testing

@testable import HokuLinkUI

/// Hiragana to katakana, as the フリガナ field converts (pure Swift so the test needs no Foundation).
private let katakana: @Sendable (String) -> String = { text in
  String(
    String.UnicodeScalarView(
      text.unicodeScalars.map { scalar in
        (0x3041...0x3096).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0x60) ?? scalar : scalar
      }))
}

/// Drops hyphens, as the お客さま番号 field does.
private let withoutHyphens: @Sendable (String) -> String = { $0.filter { $0 != "-" } }

private func typing(_ text: String, into state: TextFieldState = TextFieldState(), maxLength: Int? = nil)
  -> TextFieldState
{
  text.reduce(state) { $0.applying(.character($1), maxLength: maxLength) }
}

@Suite struct TextFieldTests {
  @Test func typedCharactersGoInAtTheCursor() {
    var state = typing("山田郎")
    state = state.applying(.left)
    state = state.applying(.character("太"))
    #expect(state.text == "山田太郎")
    #expect(state.cursor == 3)
    #expect(state.cursorColumn == 6)
  }

  @Test func backspaceRemovesOneCharacterAndTwoCellsOfAWideOne() {
    let state = typing("山田太郎").applying(.backspace)
    #expect(state.text == "山田太")
    #expect(state.cursorColumn == 6)
  }

  @Test func homeEndAndControlKeysMoveAndCut() {
    let state = typing("hokuriku")
    #expect(state.applying(.home).cursor == 0)
    #expect(state.applying(.control("a")).applying(.control("e")).cursor == 8)
    #expect(state.applying(.control("u")) == TextFieldState(text: "", cursor: 0))
    let cut = state.applying(.home).applying(.right).applying(.right).applying(.right).applying(.right)
      .applying(.control("k"))
    #expect(cut == TextFieldState(text: "hoku", cursor: 4))
    #expect(state.applying(.home).applying(.delete).text == "okuriku")
    #expect(state.applying(.right) == state)
  }

  @Test func maxLengthRefusesTheEleventhCharacter() {
    let ten = typing("0123456789", maxLength: 10)
    #expect(ten.text == "0123456789")
    #expect(ten.applying(.character("X"), maxLength: 10) == ten)
  }

  /// The limit counts what is stored too: 北 with combining marks piled on is one Character but many scalars.
  @Test func combiningMarksPiledOnOneCharacterStopAtMaxLength() {
    var state = typing("北", maxLength: 30)
    for _ in 0..<500 { state = state.applying(.character("\u{0301}"), maxLength: 30) }
    #expect(state.text.unicodeScalars.first == "北")
    #expect(state.text.unicodeScalars.count == 30)
    #expect(state.applying(.paste(String(repeating: "\u{0301}", count: 100)), maxLength: 30) == state)
    // What is seen still counts as before: ten precomposed characters are ten.
    #expect(typing("がぎぐげござじずぜぞだ", maxLength: 10).text == "がぎぐげござじずぜぞ")
  }

  @Test func aPasteIsCutAtMaxLength() {
    let state = TextFieldState().applying(.paste("0123456789ABC"), maxLength: 10)
    #expect(state.text == "0123456789")
    #expect(state.cursor == 10)
  }

  @Test func aPastedNewlineBecomesASpaceAndControlsNeverEnter() {
    let state = TextFieldState().applying(.paste("a\nb\r\nc\u{1B}[2J\u{7}d\u{202E}"))
    #expect(state.text == "a b c[2Jd")
    #expect(TextFieldState().applying(.character("\u{1B}")) == TextFieldState())
    #expect(TextFieldState().applying(.character("\u{85}")) == TextFieldState(text: " "))
    #expect(TextFieldState().applying(.paste("x\u{2028}y\u{9B}")) == TextFieldState(text: "x y"))
  }

  @Test func normalisationRunsAfterEachEditAndKeepsTheCursor() {
    var state = TextFieldState()
    for character in "やまだ" { state = state.applying(.character(character), normalize: katakana) }
    #expect(state.text == "ヤマダ")
    state = state.applying(.left).applying(.character("ん"), normalize: katakana)
    #expect(state.text == "ヤマンダ")
    #expect(state.cursor == 3)
  }

  @Test func normalisationThatShortensTheTextKeepsTheCursorAfterTheSameCharacters() {
    let state = TextFieldState().applying(.paste("41-0056-7890-12"), maxLength: 12, normalize: withoutHyphens)
    #expect(state.text == "410056789012")
    #expect(state.cursor == 12)
    let moved = TextFieldState(text: "4100", cursor: 2).applying(.character("-"), normalize: withoutHyphens)
    #expect(moved == TextFieldState(text: "4100", cursor: 2))
  }

  @Test func combiningMarksJoinTheCharacterBefore() {
    let state = typing("e\u{301}")
    #expect(state.text.count == 1)
    #expect(state.cursor == 1)
    #expect(state.cursorColumn == 1)
  }
}
