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
public struct Cell: Hashable, Sendable {
  public var text: String
  public var style: Style
  public var isContinuation: Bool

  public init(text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.text = text
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
        set(Cell(text: String(shown), style: style), x: column, y: y)
        if cellWidth == 2 {
          set(Cell(text: "", style: style, isContinuation: true), x: column + 1, y: y)
        }
      }
      column += cellWidth
    }
    return column - x
  }

  /// Fills a rectangle with blanks of `style`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style = .plain) {
    // Clamped both ways: a negative or off-screen extent draws nothing instead of trapping.
    for row in max(0, y)..<max(max(0, y), min(height, y + h)) {
      for column in max(0, x)..<max(max(0, x), min(width, x + w)) {
        set(Cell(text: " ", style: style), x: column, y: row)
      }
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
      cells[index - 1] = Cell(text: " ", style: cells[index - 1].style)
    }
    if !cell.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
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
