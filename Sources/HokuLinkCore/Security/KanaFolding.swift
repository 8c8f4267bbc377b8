import Foundation

/// The folding secret keywords are hashed and compared in. It is the input rule's own folding
/// (`SecretKeywords.fold`), so what the screen calls "the same keyword" is what the hash calls the same.
enum KanaFolding {
  static func fold(_ text: String) -> String {
    SecretKeywords.fold(text)
  }
}
