/// The colours a cell may ask for. The terminal maps them to its palette, or ignores them under NO_COLOR.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
  case standard, black, red, green, yellow, blue, magenta, cyan, white
}

/// How one cell is drawn.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool
  public var dim: Bool

  public init(
    foreground: Color = .standard, background: Color = .standard, bold: Bool = false,
    underline: Bool = false, reverse: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
    self.dim = dim
  }

  public static let plain = Style()
}
