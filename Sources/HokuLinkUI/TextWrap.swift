/// Breaks text into lines that fit a number of terminal cells.
public enum TextWrap {
  /// Lines of at most `width` cells. Japanese (any wide character) may break between characters, except inside
  /// a katakana word (ログインパスワード stays whole, as a run of Latin letters does) unless it alone is wider
  /// than a line; `\n` always starts a new line; a grapheme (a base and its marks) is never split. Spaces at a
  /// break are dropped, leading indentation is kept. With `keepingQuotes`, a 「…」 that fits a line is never
  /// split (the guide's labels stay whole), and one wider than a line breaks by the same rules as the rest.
  public static func wrap(_ text: String, width: Int, keepingQuotes: Bool = false) -> [String] {
    let width = max(1, width)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let pieces = pieces(of: String(paragraph), keepingQuotes: keepingQuotes, width: width)
      lines.append(contentsOf: wrapParagraph(pieces, width: width))
    }
    return lines
  }

  /// A break opportunity unit: a word, a space run, or a single wide character.
  private enum Piece {
    case word(String, Int)
    case space(String, Int)
  }

  /// Letters of a katakana word: the katakana block (not its middle dot ・, a place to break), the prolonged
  /// sound mark, and half-width katakana.
  static func isKatakanaLetter(_ character: Character) -> Bool {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return false }
    switch scalar.value {
    case 0x30A1...0x30FA, 0x30FC...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return true
    default: return false
    }
  }

  private static func pieces(of paragraph: String, keepingQuotes: Bool, width: Int) -> [Piece] {
    var result: [Piece] = []
    var word = ""
    var wordWidth = 0
    var wordIsKatakana = false
    var spaces = ""
    func flushWord() {
      if !word.isEmpty { result.append(.word(word, wordWidth)) }
      word = ""
      wordWidth = 0
      wordIsKatakana = false
    }
    /// A quote wider than a line is broken like any other text.
    func flushQuote() {
      if wordWidth > width {
        result += pieces(of: word, keepingQuotes: false, width: width)
        word = ""
        wordWidth = 0
      }
      flushWord()
    }
    func flushSpaces() {
      if !spaces.isEmpty { result.append(.space(spaces, spaces.count)) }
      spaces = ""
    }
    var quoted = false
    for character in paragraph {
      let cells = DisplayWidth.of(character)
      if keepingQuotes && (quoted || character == "「") {
        if !quoted {
          flushWord()
          flushSpaces()
          quoted = true
        }
        word.append(character)
        wordWidth += cells
        if character == "」" {
          quoted = false
          flushQuote()
        }
      } else if character == " " || character == "\t" {
        flushWord()
        spaces.append(" ")
      } else if isKatakanaLetter(character) {
        if !wordIsKatakana { flushWord() }
        flushSpaces()
        word.append(character)
        wordWidth += cells
        wordIsKatakana = true
      } else if cells == 2 || character == "\u{3000}" {
        // Japanese text has no spaces between words, so every wide character is a place to break.
        flushWord()
        flushSpaces()
        result.append(.word(String(character), cells))
      } else {
        if wordIsKatakana { flushWord() }
        flushSpaces()
        word.append(character)
        wordWidth += cells
      }
    }
    if quoted { flushQuote() } else { flushWord() }
    flushSpaces()
    return result
  }

  /// Characters that Japanese typesetting keeps off the start of a line (kinsoku).
  static let noLineStart: Set<Character> = [
    "、", "。", "，", "．", "」", "』", "）", "】", "〉", "》", "！", "？", "ー", "・", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ",
    "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "々", "!", "?", ")", ",", ".",
  ]

  private static func wrapParagraph(_ pieces: [Piece], width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    var used = 0
    /// The word the line ends with (empty after a space): what moves down with closing punctuation.
    var lastWord = ""
    func breakLine() {
      while line.last == " " {
        line.removeLast()
      }
      lines.append(line)
      line = ""
      used = 0
      lastWord = ""
    }
    for piece in pieces {
      switch piece {
      case .space(let text, let cells):
        if used == 0 && !lines.isEmpty { continue }  // no spaces at the start of a continued line
        lastWord = ""
        if used + cells <= width {
          line += text
          used += cells
        } else {
          breakLine()
        }
      case .word(let text, let cells):
        if used + cells <= width {
          line += text
          used += cells
          lastWord = text
        } else if cells <= width {
          // Closing punctuation may not start a line: the word before it (a katakana word whole, a kanji alone)
          // moves down with it.
          var carried = ""
          if let first = text.first, noLineStart.contains(first), !lastWord.isEmpty, lastWord.count < line.count,
            DisplayWidth.of(lastWord) + cells <= width
          {
            carried = lastWord
            line.removeLast(lastWord.count)
          }
          breakLine()
          line = carried + text
          used = DisplayWidth.of(line)
          lastWord = line
        } else {
          // A word longer than a whole line: cut it between graphemes.
          lastWord = ""
          for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width && used > 0 { breakLine() }
            line.append(character)
            used += characterWidth
          }
        }
      }
    }
    if !line.isEmpty || lines.isEmpty {
      while line.last == " " && !line.allSatisfy({ $0 == " " }) {
        line.removeLast()
      }
      lines.append(line)
    }
    return lines
  }
}
