import Foundation

/// What a single-line text field holds: its text and where the insertion point is, in Characters.
public struct TextFieldState: Hashable, Sendable {
  public var text: String
  /// The insertion point, counted in Characters (graphemes) from the start.
  public var cursor: Int

  /// A field holding `text` with the insertion point at `cursor`, or at the end when not given.
  public init(text: String = "", cursor: Int? = nil) {
    self.text = text
    self.cursor = min(max(0, cursor ?? text.count), text.count)
  }

  /// Display cells before the insertion point: where the terminal cursor goes, relative to the text start.
  public var cursorColumn: Int {
    DisplayWidth.of(String(text.prefix(clampedCursor)))
  }

  /// The most characters a single paste may bring in, so that a huge clipboard cannot stall the screen.
  public static let pasteLimit = 4096

  /// The state after one key. Printable characters and pastes are inserted (controls never enter the text;
  /// a pasted newline becomes a space, never "Enter"); `maxLength` (in Characters, after `normalize`)
  /// refuses typing beyond it and truncates a paste; `normalize` runs after every edit with the insertion
  /// point kept after the same characters. Keys a field does not use leave it unchanged.
  public func applying(
    _ key: Key, maxLength: Int? = nil, normalize: (@Sendable (String) -> String)? = nil
  ) -> TextFieldState {
    let cursor = clampedCursor
    switch key {
    case .character(let character):
      let clean = Self.sanitized(String(character))
      guard !clean.isEmpty else { return self }
      return inserting(clean, maxLength: maxLength, normalize: normalize, truncate: false)
    case .paste(let pasted):
      let clean = Self.sanitized(String(pasted.prefix(Self.pasteLimit)))
      guard !clean.isEmpty else { return self }
      return inserting(clean, maxLength: maxLength, normalize: normalize, truncate: true)
    case .left, .control("b"):
      return TextFieldState(text: text, cursor: max(0, cursor - 1))
    case .right, .control("f"):
      return TextFieldState(text: text, cursor: min(text.count, cursor + 1))
    case .home, .control("a"):
      return TextFieldState(text: text, cursor: 0)
    case .end, .control("e"):
      return TextFieldState(text: text, cursor: text.count)
    case .backspace, .control("h"):
      guard cursor > 0 else { return self }
      var characters = Array(text)
      characters.remove(at: cursor - 1)
      return edited(String(characters), cursorAfter: cursor - 1, normalize: normalize)
    case .delete, .control("d"):
      guard cursor < text.count else { return self }
      var characters = Array(text)
      characters.remove(at: cursor)
      return edited(String(characters), cursorAfter: cursor, normalize: normalize)
    case .control("u"):
      return TextFieldState(text: "", cursor: 0)
    case .control("k"):
      return TextFieldState(text: String(text.prefix(cursor)), cursor: cursor)
    default:
      return self
    }
  }

  private var clampedCursor: Int { min(max(0, cursor), text.count) }

  /// The length `maxLength` counts: what is seen (Characters) and what is stored (Unicode scalars after NFC),
  /// whichever is larger, so combining marks piled on one character still reach the limit.
  static func limitLength(_ text: String) -> Int {
    max(text.count, text.precomposedStringWithCanonicalMapping.unicodeScalars.count)
  }

  /// Text as it may enter a single-line field: line breaks (any of Unicode's) and tabs become one space, every other control
  /// (C0, C1, DEL, bidi overrides, escape sequences' ESC) is dropped.
  static func sanitized(_ input: String) -> String {
    var output = ""
    var lastWasBreak = false
    for scalar in input.unicodeScalars {
      if [0x0A, 0x0D, 0x09, 0x85, 0x2028, 0x2029].contains(scalar.value) {
        if !lastWasBreak { output.unicodeScalars.append(" ") }
        lastWasBreak = true
        continue
      }
      lastWasBreak = false
      if SafeText.isUnsafe(scalar) { continue }
      output.unicodeScalars.append(scalar)
    }
    return output
  }

  private func inserting(
    _ insertion: String, maxLength: Int?, normalize: (@Sendable (String) -> String)?, truncate: Bool
  ) -> TextFieldState {
    let characters = Array(text)
    let cursor = clampedCursor
    let before = String(characters[..<cursor])
    let after = String(characters[cursor...])
    func candidate(_ count: Int) -> TextFieldState {
      let prefix = before + String(insertion.prefix(count))
      return TextFieldState(text: prefix + after, cursor: prefix.count).normalized(by: normalize, oldText: text)
    }
    func fits(_ state: TextFieldState) -> Bool {
      guard let maxLength else { return true }
      // Normalising may shorten the text (e.g. dropped hyphens): only growth past the limit is refused.
      let length = Self.limitLength(state.text)
      return length <= maxLength || length <= Self.limitLength(text)
    }
    let whole = candidate(insertion.count)
    if fits(whole) { return whole }
    guard truncate else { return self }
    // The longest prefix of the paste that still fits; the count grows with the prefix, so bisect.
    var low = 0
    var high = insertion.count
    while low < high {
      let middle = (low + high + 1) / 2
      if fits(candidate(middle)) { low = middle } else { high = middle - 1 }
    }
    return low == 0 ? self : candidate(low)
  }

  private func edited(_ newText: String, cursorAfter: Int, normalize: (@Sendable (String) -> String)?)
    -> TextFieldState
  {
    TextFieldState(text: newText, cursor: cursorAfter).normalized(by: normalize, oldText: text)
  }

  /// Applies `normalize`, keeping the insertion point after the same characters: the normalised text
  /// before the cursor when it is still a prefix, else the same distance from the end.
  private func normalized(by normalize: (@Sendable (String) -> String)?, oldText: String) -> TextFieldState {
    guard let normalize else { return self }
    let cursor = clampedCursor
    let whole = normalize(text)
    let head = normalize(String(text.prefix(cursor)))
    if whole.hasPrefix(head) {
      return TextFieldState(text: whole, cursor: head.count)
    }
    let fromEnd = text.count - cursor
    return TextFieldState(text: whole, cursor: max(0, whole.count - fromEnd))
  }
}
