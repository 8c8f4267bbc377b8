import Foundation

/// パスワード: 8–64 characters, no composition rules, compared after NFKC (OWASP ASVS 5.0 V6.2);
/// refused when common, or equal to the 利用者ID or the e-mail address.
public struct Password: InputRule, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
  /// The NFKC form: what is hashed and compared, so ｐａｓｓ and pass are one password.
  public let value: String

  static let field = FieldName(ja: "パスワード", en: "password")

  public static var maxLength: Int? { Assumptions.passwordLength.upperBound }

  /// Only unsafe characters go: NFKC is applied when comparing, not while typing, because it can
  /// lengthen the text (㍻ to 平成) and the person cannot see a masked field change.
  public static func normalize(_ raw: String) -> String {
    TextCleaning.removingUnsafe(raw)
  }

  public static func validate(_ raw: String) -> Result<Password, Reason> {
    validate(raw, userID: nil, email: nil)
  }

  public static func validate(_ raw: String, userID: String?, email: String?) -> Result<Password, Reason> {
    let typed = normalize(raw)
    if typed.isEmpty { return .failure(.required(field)) }
    let range = Assumptions.passwordLength
    if typed.count < range.lowerBound || TextCleaning.limitLength(typed) > range.upperBound {
      return .failure(
        Reason(
          ja: "パスワードは\(range.lowerBound)文字以上\(range.upperBound)文字以内で入力してください",
          en: "The password must be \(range.lowerBound) to \(range.upperBound) characters"))
    }
    let folded = typed.precomposedStringWithCompatibilityMapping
    let key = folded.lowercased()
    if let userID, !userID.isEmpty, key == comparisonKey(userID) {
      return .failure(
        Reason(
          ja: "利用者IDと同じパスワードは使えません",
          en: "The password cannot be the same as your user ID"))
    }
    if let email, !email.isEmpty, key == comparisonKey(email) {
      return .failure(
        Reason(
          ja: "メールアドレスと同じパスワードは使えません",
          en: "The password cannot be the same as your e-mail address"))
    }
    if CommonPasswords.contains(folded) {
      return .failure(
        Reason(
          ja: "よく使われていて推測されやすいパスワードです。別のパスワードにしてください",
          en: "This password is too common and easy to guess; choose another"))
    }
    return .success(Password(value: folded))
  }

  /// Whether two typed passwords are the same password (the 確認用 field, or "must differ from the initial one").
  public static func same(_ a: String, _ b: String) -> Bool {
    normalize(a).precomposedStringWithCompatibilityMapping == normalize(b).precomposedStringWithCompatibilityMapping
  }

  /// IDs and addresses compare case-insensitively: HKDEMU27 and hkdemu27 are one ID.
  private static func comparisonKey(_ text: String) -> String {
    TextCleaning.removingUnsafe(text).precomposedStringWithCompatibilityMapping.lowercased()
  }

  // A password never prints, so it cannot reach a log by accident.
  public var description: String { "Password(••••••••)" }
  public var debugDescription: String { description }
}

/// The bundled list of common passwords (Resources/common-passwords.txt), read once on first use.
public enum CommonPasswords {
  private static let list: Set<String> = {
    guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      // A build without the list would silently accept every common password; make that loud in debug builds.
      assertionFailure("common-passwords.txt is missing from the bundle")
      return []
    }
    var set = Set<String>()
    for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
      set.insert(String(line).precomposedStringWithCompatibilityMapping.lowercased())
    }
    return set
  }()

  /// Whether `password` is on the list, compared after NFKC and ignoring letter case.
  public static func contains(_ password: String) -> Bool {
    list.contains(password.precomposedStringWithCompatibilityMapping.lowercased())
  }

  /// How many entries the list holds.
  public static var count: Int { list.count }
}
