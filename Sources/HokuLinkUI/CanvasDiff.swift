/// What a terminal must paint to turn the last frame into the next one (ratatui's `Buffer::diff`): a pure
/// function of the two canvases, so the terminal backend only writes what it is given and tests need no
/// terminal.
///
/// A change is the cell that starts at (x, y): a wide character's change paints both its cells, and its
/// continuation cell never appears on its own. A cell is repainted when its text or style changed, or when
/// the cell after it stopped or started being a continuation (a wide character there was replaced by two
/// narrow ones, or the reverse), so no stale half of a wide character is left on the screen.
public struct CanvasDiff: Equatable, Sendable {
  public struct Change: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
  }

  /// The screen must be cleared first (no earlier frame, or one of another size).
  public var clear: Bool
  public var changes: [Change]

  public init(from old: Canvas?, to new: Canvas) {
    let previous = old.flatMap { $0.width == new.width && $0.height == new.height ? $0 : nil }
    clear = previous == nil
    var changes: [Change] = []
    let width = new.width
    new.cells.withUnsafeBufferPointer { next in
      guard let previous else {
        // After a clear, blank cells are already what the screen shows.
        for (index, cell) in next.enumerated() where !cell.isContinuation && cell != .blank {
          changes.append(Change(x: index % width, y: index / width, cell: cell))
        }
        return
      }
      previous.cells.withUnsafeBufferPointer { last in
        for y in 0..<new.height {
          let row = y * width
          // A row as it was (most of them, on a key) has nothing to paint.
          var x = 0
          while x < width && last[row + x] == next[row + x] { x += 1 }
          if x == width { continue }
          for x in 0..<width {
            let cell = next[row + x]
            if cell.isContinuation { continue }
            if last[row + x] == cell,
              x + 1 == width || last[row + x + 1].isContinuation == next[row + x + 1].isContinuation
            {
              continue
            }
            changes.append(Change(x: x, y: y, cell: cell))
          }
        }
      }
    }
    self.changes = changes
  }
}
