import Testing

@testable import HokuLinkUI

@Suite struct TextWrapTests {
  @Test func mixedJapaneseAndEnglishWrapsByDisplayWidth() {
    let lines = TextWrap.wrap("ほくリンクのmember serviceへようこそ", width: 14)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 14 })
    #expect(lines.joined().filter { $0 != " " } == "ほくリンクのmemberserviceへようこそ")
    // English words are never cut in two when they fit a line.
    #expect(lines.contains { $0.contains("member") })
    #expect(lines.contains { $0.contains("service") })
  }

  @Test func japaneseBreaksAnywhere() {
    #expect(TextWrap.wrap("山田太郎さま", width: 5) == ["山田", "太郎", "さま"])
  }

  @Test func latinWordsStayWhole() {
    #expect(TextWrap.wrap("Keep going until the end", width: 10) == ["Keep going", "until the", "end"])
  }

  @Test func newlinesStartNewLines() {
    #expect(TextWrap.wrap("一行目\n\n3 lines", width: 20) == ["一行目", "", "3 lines"])
  }

  @Test func aWordLongerThanALineIsCutBetweenGraphemes() {
    let lines = TextWrap.wrap("e\u{301}e\u{301}e\u{301}e\u{301}", width: 3)
    #expect(lines == ["e\u{301}e\u{301}e\u{301}", "e\u{301}"])
  }

  @Test func closingPunctuationDoesNotStartALine() {
    let lines = TextWrap.wrap("あいうえお。", width: 10)
    #expect(lines == ["あいうえ", "お。"])
  }

  @Test func aKatakanaWordStaysWholeLikeALatinWord() {
    // Step 7's label, and the guide's text: never 「初回ログインパス / ワード」.
    #expect(TextWrap.wrap("初回ログインパスワード", width: 20) == ["初回", "ログインパスワード"])
    #expect(TextWrap.wrap("メールアドレスを入力", width: 14) == ["メールアドレス", "を入力"])
    // The middle dot is a place to break; a katakana word wider than a line is still cut.
    #expect(TextWrap.wrap("カード・ポイント", width: 10) == ["カード・", "ポイント"])
    #expect(TextWrap.wrap("パスワードパスワード", width: 8) == ["パスワー", "ドパスワ", "ード"])
  }

  @Test func closingPunctuationTakesTheWholeKatakanaWordDown() {
    #expect(TextWrap.wrap("新しいパスワード。", width: 16) == ["新しい", "パスワード。"])
  }

  @Test func aQuoteWiderThanTheLineBreaksByTheSameRules() {
    // 「…」 fits: whole on the next line. Wider than the line: broken between words, not in a katakana word.
    #expect(
      TextWrap.wrap("押すキー「ログイン」", width: 12, keepingQuotes: true) == ["押すキー", "「ログイン」"])
    let lines = TextWrap.wrap("「会員情報登録用URLのご案内メール」", width: 12, keepingQuotes: true)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 12 })
    #expect(lines.joined() == "「会員情報登録用URLのご案内メール」")
    #expect(lines.contains { $0.contains("URL") } && lines.contains { $0.contains("メール") })
  }
}

@Suite struct NarrowWrapTests {
  @Test func noLineIsEverWiderThanAsked() {
    for width in 1...12 {
      for line in TextWrap.wrap("あいう。えお、Hello, world! ｱｲｳｴｵ 😀😀 e\u{301}tude", width: width) {
        #expect(DisplayWidth.of(line) <= max(width, 2), "width \(width): \(line)")
      }
    }
  }
}
