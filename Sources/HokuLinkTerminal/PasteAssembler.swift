import HokuLinkUI

/// A bracketed paste as it arrives: the begin marker, characters, the end marker. Pure, so it is tested without a
/// terminal. Bounded both ways: a paste keeps at most `limit` bytes of UTF-8 (the rest is read and dropped), and a
/// paste whose end marker never comes ends after `quietMilliseconds` with nothing arriving. Ctrl-C always acts,
/// inside a paste too: it ends the paste (dropping what it held) and is the key returned.
public struct PasteAssembler: Sendable {
  /// At most this many bytes of UTF-8 are kept from one paste (64 KiB).
  public static let limit = 64 * 1024
  /// A paste with nothing new for this long is over, end marker or not.
  public static let quietMilliseconds: Int32 = 300

  public private(set) var isPasting = false
  private var text = ""
  private var bytes = 0

  public init() {}

  /// The paste's text so far (for tests).
  public var collected: String { text }

  /// The begin marker: a new paste starts (a paste that never ended is dropped).
  public mutating func begin() {
    isPasting = true
    text = ""
    bytes = 0
  }

  /// One character of the paste. Returns nil while the paste goes on, or `.control("c")` for Ctrl-C.
  public mutating func take(_ scalar: Unicode.Scalar) -> Key? {
    if scalar.value == 3 {
      reset()
      return .control("c")
    }
    let size = String(scalar).utf8.count
    if bytes + size <= Self.limit {
      text.unicodeScalars.append(scalar)
      bytes += size
    }
    return nil
  }

  /// The end marker, or `quietMilliseconds` without input: what was collected, as one paste.
  public mutating func end() -> Key {
    let pasted = text
    reset()
    return .paste(pasted)
  }

  /// How long the terminal may wait for the next key: no longer than the quiet time while a paste is open.
  public func readTimeout(_ requested: Int32?) -> Int32? {
    guard isPasting else { return requested }
    return min(requested ?? Self.quietMilliseconds, Self.quietMilliseconds)
  }

  private mutating func reset() {
    isPasting = false
    text = ""
    bytes = 0
  }
}
