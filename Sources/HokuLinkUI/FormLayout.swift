/// Where a page's controls ended up on the screen: for mouse hit tests, the guide's red frame and scripts.
public struct FormLayout: Hashable, Sendable {
  /// One focusable control as laid out. Rectangles are in screen cells and may lie partly or wholly
  /// outside `viewport` when the page is scrolled.
  public struct Item: Hashable, Sendable {
    public var id: ControlID
    public var kind: ControlKind
    /// The control proper: a field's input line, a button's brackets, a checkbox's line(s).
    public var rect: Rect
    /// The control with its label, hint and error lines.
    public var block: Rect
    /// For radio choices, each option's box and text, by option index.
    public var options: [Rect]
    /// For fields, the first character shown when the text is wider than the input line.
    var firstVisibleCharacter: Int = 0
  }

  public var items: [Item]
  /// Where the page is drawn.
  public var viewport: Rect
  /// The page's full height in rows, taller than the viewport when it scrolls.
  public var contentHeight: Int
  public var scroll: Int

  public func item(_ id: ControlID) -> Item? { items.first { $0.id == id } }

  public func rect(of id: ControlID) -> Rect? { item(id)?.rect }

  /// The part of the control that is on screen, nil when it is scrolled out of view.
  public func visibleRect(of id: ControlID) -> Rect? {
    guard let rect = rect(of: id) else { return nil }
    let visible = rect.intersection(viewport)
    return visible.isEmpty ? nil : visible
  }

  /// The control drawn at a screen cell, if any.
  public func hit(x: Int, y: Int) -> ControlID? {
    guard viewport.contains(x: x, y: y) else { return nil }
    return items.first { $0.block.contains(x: x, y: y) }?.id
  }
}

/// Where the real terminal cursor and each run of text go, in page coordinates (row 0 = top of the page).
struct ContentLayout {
  struct Run {
    var x: Int
    var y: Int
    var text: String
    var style: Style
    /// Cells painted with `style` before the text, so that an input line shows its full width.
    var fill: Int = 0
  }

  var runs: [Run] = []
  var items: [FormLayout.Item] = []
  var height: Int = 0
  var cursor: Point?
  /// The control the guide's red frame goes round (`Page.framed`).
  var framed: ControlID?

  /// Where the red frame round `item` goes, in page rows: round the control, or round its block when its label
  /// or error lines touch it (as `GuideHighlight` draws it), with the row above and below, kept within the page.
  func frameArea(of item: FormLayout.Item) -> Rect {
    let inner = item.block == item.rect ? item.rect : item.block
    let top = max(0, inner.y - 1)
    return Rect(x: inner.x, y: top, width: inner.width, height: min(height, inner.maxY + 1) - top)
  }
}

/// The page's text area inside a viewport: two columns of padding at the left, one at the right and the
/// scrollbar's column, so that the guide's red frame fits beside any control and keeps a cell from the border
/// (on the right, the scrollbar's, blank unless the page scrolls).
struct ContentGeometry {
  var x: Int
  var width: Int
  var scrollbarX: Int

  init(viewport: Rect) {
    if viewport.width >= 12 {
      x = viewport.x + 2
      width = viewport.width - 4
    } else if viewport.width >= 8 {
      x = viewport.x + 1
      width = viewport.width - 3
    } else {
      x = viewport.x
      width = max(1, viewport.width - 1)
    }
    scrollbarX = viewport.maxX - 1
  }
}
