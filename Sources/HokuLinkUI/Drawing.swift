extension Canvas {
  /// A box outline on the edge of `rect` (rounded corners for the phone, square for frames and panels).
  public mutating func drawBox(_ rect: Rect, style: Style, rounded: Bool = false) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let corners: [String] = rounded ? ["╭", "╮", "╰", "╯"] : ["┌", "┐", "└", "┘"]
    let horizontal = String(repeating: "─", count: rect.width - 2)
    put(corners[0] + horizontal + corners[1], x: rect.x, y: rect.y, style: style)
    put(corners[2] + horizontal + corners[3], x: rect.x, y: rect.maxY - 1, style: style)
    for row in (rect.y + 1)..<(rect.maxY - 1) {
      put("│", x: rect.x, y: row, style: style)
      put("│", x: rect.maxX - 1, y: row, style: style)
    }
  }

  /// Writes `text` centred in the `width` cells from `x` (cut at the right when wider).
  @discardableResult
  public mutating func putCentered(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
    let textWidth = DisplayWidth.of(text)
    let start = x + max(0, (width - textWidth) / 2)
    return put(text, x: start, y: y, style: style, limit: x + width - start)
  }

  /// Whether every cell of the rectangle is an empty blank (no text, no half of a wide character).
  public func isBlank(_ rect: Rect) -> Bool {
    for row in rect.y..<rect.maxY {
      for column in rect.x..<rect.maxX {
        guard column >= 0, row >= 0, column < width, row < height else { return false }
        let cell = self[column, row]
        if cell.isContinuation || !cell.glyph.isSpace { return false }
      }
    }
    return true
  }
}

/// A key and what it does, for the hint line at the bottom of a frame.
public struct KeyHint: Hashable, Sendable {
  public var key: String
  public var action: Localized

  public init(key: String, action: Localized) {
    self.key = key
    self.action = action
  }

  /// Tab 次へ · Enter 決定 · Esc 戻る · F1 ヘルプ · F4 ホーム.
  public static let standard: [KeyHint] = [
    KeyHint(key: "Tab", action: UIText.next), KeyHint(key: "Enter", action: UIText.decide),
    KeyHint(key: "Esc", action: UIText.back), KeyHint(key: "F1", action: UIText.help),
    KeyHint(key: "F4", action: UIText.home), KeyHint(key: "F3", action: UIText.guide),
  ]

  /// The PC's hints: the same keys, F4 opening the browser's bookmarks instead of a phone's home screen.
  public static let browser: [KeyHint] = standard.map {
    $0.key == "F4" ? KeyHint(key: "F4", action: UIText.bookmarks) : $0
  }

  /// The standard hints with F2's show/hide switch after Esc, for a focused password or keyword field
  /// (before F1, so that it is among the hints that fit a phone).
  public static func withSecretSwitch(shown: Bool, _ hints: [KeyHint] = standard) -> [KeyHint] {
    var result = hints
    let index = result.firstIndex { $0.key == "Esc" }.map { $0 + 1 } ?? result.count
    result.insert(KeyHint(key: "F2", action: shown ? UIText.hideSecret : UIText.showSecret), at: index)
    return result
  }

  /// Draws the hints in `width` cells: as "Tab:次へ" when all fit that way, else packed as "Tab次へ" (the key
  /// keeps its own style), else as many as fit, in order, so the first ones are never the ones lost.
  static func draw(
    _ hints: [KeyHint], into canvas: inout Canvas, x: Int, y: Int, width: Int, language: Language, theme: Theme
  ) {
    func cells(_ separator: String, _ count: Int) -> Int {
      hints.prefix(count).reduce(max(0, count - 1)) {
        $0 + DisplayWidth.of($1.key) + DisplayWidth.of(separator) + DisplayWidth.of($1.action(language))
      }
    }
    func fitting(_ separator: String) -> Int {
      var count = 0
      while count < hints.count && cells(separator, count + 1) <= width { count += 1 }
      return count
    }
    // The standard five (up to F4) matter most; extra hints are a bonus.
    let wanted = min(hints.count, 5)
    let separator = fitting(":") >= wanted || fitting(":") >= fitting("") ? ":" : ""
    var column = x
    for hint in hints.prefix(fitting(separator)) {
      if column > x { column += 1 }
      column += canvas.put(hint.key, x: column, y: y, style: theme.hintKey)
      column += canvas.put(separator + hint.action(language), x: column, y: y, style: theme.hintText)
    }
  }
}
