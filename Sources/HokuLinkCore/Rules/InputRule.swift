/// Why a field's text was refused, in plain words for the line under the field.
public struct Reason: Error, Equatable, Sendable, CustomStringConvertible {
  public let ja: String
  public let en: String

  public init(ja: String, en: String) {
    self.ja = ja
    self.en = en
  }

  public var description: String { en }

  /// The message for a required field left empty; every rule words it the same way.
  static func required(_ field: FieldName) -> Reason {
    Reason(ja: "\(field.ja)を入力してください", en: "Enter the \(field.en)")
  }

  static func tooLong(_ field: FieldName, max: Int) -> Reason {
    Reason(
      ja: "\(field.ja)は\(max)文字以内で入力してください",
      en: "The \(field.en) can be at most \(max) characters")
  }
}

/// A field's name in both languages, used to build its messages.
struct FieldName: Sendable {
  let ja: String
  let en: String
}

/// What a field does while the person types: the live clean-up and the length limit.
public protocol TypedField {
  /// Live normalisation applied as the person types (full-width digits to half-width, kana to full-width
  /// katakana, and so on). Idempotent; it never lengthens the text.
  static func normalize(_ raw: String) -> String
  /// The most characters the field accepts as typed (nil = no limit). Input beyond is refused as typed.
  static var maxLength: Int? { get }
}

/// One input rule of SPEC §2: live normalisation, a length limit, and one `validate` with a plain reason.
public protocol InputRule: TypedField {
  associatedtype Value: Sendable
  /// Normalises first, then checks.
  static func validate(_ raw: String) -> Result<Value, Reason>
}

extension TypedField {
  /// The text a field should hold after a keystroke or paste turned it into `proposed`, or nil when the
  /// normalised text would be longer than `maxLength` (the keystroke is refused).
  public static func accepting(_ proposed: String) -> String? {
    let text = normalize(proposed)
    if let limit = maxLength, TextCleaning.limitLength(text) > limit { return nil }
    return text
  }
}

/// A validated text value that is stored as its string and re-checked when read back, so a hand-edited
/// store cannot smuggle in a value the screen would have refused.
public protocol ValidatedText: InputRule, Codable, Hashable, Sendable where Value == Self {
  var value: String { get }
}

extension ValidatedText {
  public init(from decoder: any Decoder) throws {
    let raw = try decoder.singleValueContainer().decode(String.self)
    switch Self.validate(raw) {
    case .success(let valid): self = valid
    case .failure(let reason):
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: reason.en))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}
