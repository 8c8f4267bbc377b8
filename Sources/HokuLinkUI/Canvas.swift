/// A position on the screen, in cells.
public struct Point: Hashable, Sendable {
  public var x: Int
  public var y: Int
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

/// One cell of the screen. A wide character lives in its first cell; the cell after it is a
/// continuation (`isContinuation`) that holds no text of its own.
///
/// The text is kept as a `Glyph`, a plain value, so that a canvas copies and compares as plain memory (a frame is
/// compared with the last one on every key).
public struct Cell: Hashable, Sendable {
  var glyph: Glyph
  public var style: Style
  public var isContinuation: Bool

  /// The cell's text: one grapheme cluster, or "" in a continuation.
  public var text: String {
    get { glyph.string }
    set { glyph = Glyph(newValue) }
  }

  public init(text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.init(glyph: Glyph(text), style: style, isContinuation: isContinuation)
  }

  init(glyph: Glyph, style: Style, isContinuation: Bool = false) {
    self.glyph = glyph
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// A grid of cells that knows the display width of what is written into it.
public struct Canvas: Equatable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Where the real terminal cursor should sit (the insertion point of the focused field), if anywhere.
  public var cursor: Point?

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: .blank, count: self.width * self.height)
    self.cursor = nil
  }

  public subscript(x: Int, y: Int) -> Cell {
    guard x >= 0, y >= 0, x < width, y < height else { return .blank }
    return cells[y * width + x]
  }

  /// Writes `text` from (x, y) on one row and returns the number of cells used.
  /// Stops before `limit` cells (default: the row's end); a wide character that would not fit is not drawn.
  /// Control characters are neutralised so that nothing from a person or a file can move the terminal.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let end = min(width, x + (limit ?? width))
    var column = x
    for character in text {
      let shown = SafeText.displayable(character)
      let cellWidth = DisplayWidth.of(shown)
      if cellWidth == 0 {
        // A lone combining mark joins the character before it.
        if column > x, column - 1 < width, column - 1 >= 0 {
          var base = column - 1
          while base > 0 && cells[y * width + base].isContinuation { base -= 1 }
          cells[y * width + base].text += String(shown)
        }
        continue
      }
      if column + cellWidth > end { break }
      if column >= 0 {
        set(Cell(glyph: Glyph(shown), style: style), x: column, y: y)
        if cellWidth == 2 {
          set(Cell(glyph: .empty, style: style, isContinuation: true), x: column + 1, y: y)
        }
      }
      column += cellWidth
    }
    return column - x
  }

  /// Fills a rectangle with blanks of `style`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
    // Clamped both ways: a negative or off-screen extent draws nothing instead of trapping.
    let left = max(0, x)
    let right = max(left, min(width, x + w))
    guard right > left else { return }
    let blank = Cell(glyph: .space, style: style)
    for row in max(0, y)..<max(max(0, y), min(height, y + h)) {
      // As `set` cell by cell: only a wide character cut at either end of the run leaves a half to clear.
      set(blank, x: left, y: row)
      if right - 1 > left { set(blank, x: right - 1, y: row) }
      let start = row * width
      for index in (start + left + 1)..<max(start + left + 1, start + right - 1) { cells[index] = blank }
    }
  }

  /// Changes the style of cells already written, keeping their text (for frames and highlights).
  public mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, _ change: (inout Style) -> Void) {
    for row in max(0, y)..<max(max(0, y), min(height, y + h)) {
      for column in max(0, x)..<max(max(0, x), min(width, x + w)) {
        change(&cells[row * width + column].style)
      }
    }
  }

  /// Sets one cell, never leaving half of a wide character behind: overwriting either half clears the other.
  public mutating func set(_ cell: Cell, x: Int, y: Int) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let index = y * width + x
    let old = cells[index]
    if old.isContinuation, x > 0, !cell.isContinuation {
      cells[index - 1] = Cell(glyph: .space, style: cells[index - 1].style)
    }
    if !cell.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(glyph: .space, style: cells[index + 1].style)
    }
    cells[index] = cell
  }

  /// One row as plain text, continuation cells skipped, trailing spaces kept.
  public func rowText(_ y: Int) -> String {
    guard y >= 0, y < height else { return "" }
    var line = ""
    for x in 0..<width where !cells[y * width + x].isContinuation {
      line += cells[y * width + x].text
    }
    return line
  }

  /// The whole screen as text: one line per row, trailing spaces trimmed (for golden files and `expect`).
  public var text: String {
    (0..<height).map { row in
      var line = rowText(row)
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}
