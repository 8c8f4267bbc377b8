/// Breaks text into lines that fit a number of terminal cells.
public enum TextWrap {
  /// Lines of at most `width` cells. Japanese (any wide character) may break anywhere; a run of Latin
  /// letters stays whole unless it alone is wider than a line; `\n` always starts a new line; a grapheme
  /// (a base and its marks) is never split. Spaces at a break are dropped, leading indentation is kept.
  /// With `keepingQuotes`, a 「…」 that fits a line is never split (the guide's labels stay whole).
  public static func wrap(_ text: String, width: Int, keepingQuotes: Bool = false) -> [String] {
    let width = max(1, width)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(contentsOf: wrapParagraph(String(paragraph), width: width, keepingQuotes: keepingQuotes))
    }
    return lines
  }

  /// A break opportunity unit: a word, a space run, or a single wide character.
  private enum Piece {
    case word(String, Int)
    case space(String, Int)
  }

  private static func pieces(of paragraph: String, keepingQuotes: Bool) -> [Piece] {
    var result: [Piece] = []
    var word = ""
    var wordWidth = 0
    var spaces = ""
    func flushWord() {
      if !word.isEmpty { result.append(.word(word, wordWidth)) }
      word = ""
      wordWidth = 0
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
          flushWord()
        }
      } else if character == " " || character == "\t" {
        flushWord()
        spaces.append(" ")
      } else if cells == 2 || character == "\u{3000}" {
        // Japanese text has no spaces between words, so every wide character is a place to break.
        flushWord()
        flushSpaces()
        result.append(.word(String(character), cells))
      } else {
        flushSpaces()
        word.append(character)
        wordWidth += cells
      }
    }
    flushWord()
    flushSpaces()
    return result
  }

  /// Characters that Japanese typesetting keeps off the start of a line (kinsoku).
  static let noLineStart: Set<Character> = [
    "、", "。", "，", "．", "」", "』", "）", "】", "〉", "》", "！", "？", "ー", "・", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ",
    "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "々", "!", "?", ")", ",", ".",
  ]

  private static func wrapParagraph(_ paragraph: String, width: Int, keepingQuotes: Bool) -> [String] {
    var lines: [String] = []
    var line = ""
    var used = 0
    func breakLine() {
      while line.last == " " {
        line.removeLast()
      }
      lines.append(line)
      line = ""
      used = 0
    }
    for piece in pieces(of: paragraph, keepingQuotes: keepingQuotes) {
      switch piece {
      case .space(let text, let cells):
        if used == 0 && !lines.isEmpty { continue }  // no spaces at the start of a continued line
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
        } else if cells <= width {
          // Closing punctuation may not start a line: the character before it moves down with it.
          var carried = ""
          if let first = text.first, noLineStart.contains(first), line.count > 1, let last = line.last, last != " ",
            DisplayWidth.of(last) + cells <= width
          {
            carried = String(line.removeLast())
          }
          breakLine()
          line = carried + text
          used = DisplayWidth.of(line)
        } else {
          // A word longer than a whole line: cut it between graphemes.
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
