import Foundation

/// The folding used for secret keywords until the input rules provide theirs:
/// NFKC (half-width katakana become full-width), then katakana U+30A1–U+30F6 to hiragana.
enum KanaFolding {
  static func fold(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars {
      if (0x30A1...0x30F6).contains(scalar.value), let hiragana = Unicode.Scalar(scalar.value - 0x60) {
        scalars.append(hiragana)
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }
}
