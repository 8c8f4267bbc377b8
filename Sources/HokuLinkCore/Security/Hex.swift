import Foundation

/// Lower-case hex, two digits a byte: what `String(format: "%02x")` per byte gave, without Foundation's
/// locale-aware formatter (2.5 M instructions for one digest at start-up).
enum Hex {
  static func lowercase(_ bytes: some ContiguousBytes) -> String {
    bytes.withUnsafeBytes { raw in
      String(unsafeUninitializedCapacity: raw.count * 2) { text in
        for (index, byte) in raw.enumerated() {
          text[2 * index] = digit(byte >> 4)
          text[2 * index + 1] = digit(byte & 0x0f)
        }
        return raw.count * 2
      }
    }
  }

  /// The ASCII digit of a nibble: 0–9, then a–f.
  private static func digit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}
