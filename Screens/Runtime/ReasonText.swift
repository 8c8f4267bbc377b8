import HokuLinkCore
import HokuLinkUI

extension Reason {
  /// A domain reason in the screen's language, as every error under a field shows it.
  func callAsFunction(_ language: Language) -> String { language == .ja ? ja : en }
}
