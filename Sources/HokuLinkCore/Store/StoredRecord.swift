import Foundation

/// A record kept as one JSON document at `<kind>/<recordID>.json` in the data folder.
/// Other parts of the app (flows, devices) store their own records through this protocol.
public protocol StoredRecord: Codable, Sendable {
  /// The folder name for this kind of record, e.g. "accounts".
  static var kind: String { get }
  /// The file name without `.json`; letters, digits, `-`, `_` and `.` only, not starting with `.`.
  var recordID: String { get }
}

/// The shape of every document in the data folder: pretty-printed, sorted keys, `schemaVersion` beside the fields.
enum StoreCoding {
  static let schemaVersion = 1

  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(formatDate(date))
    }
    return encoder
  }

  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = parseDate(text) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
      }
      return date
    }
    return decoder
  }

  /// ISO 8601 with milliseconds: readable by a person and precise enough for expiry times.
  static func formatDate(_ date: Date) -> String {
    Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
  }

  static func parseDate(_ text: String) -> Date? {
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
    return try? Date.ISO8601FormatStyle().parse(text)
  }

  static func encode<T: Encodable>(_ value: T) throws -> Data {
    var data = try encoder().encode(Envelope(value: value))
    data.append(0x0A)  // a final newline, as text editors expect
    return data
  }

  /// Decodes a document, or throws `.damaged` naming the file when it does not parse or has another schema version.
  static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
    let decoder = decoder()
    guard let probe = try? decoder.decode(SchemaProbe.self, from: data), probe.schemaVersion == schemaVersion,
      let value = try? decoder.decode(T.self, from: data)
    else { throw StoreError.damaged(path: path) }
    return value
  }

  /// Record ids and kinds become file names: refuse anything that could leave its folder or hide itself.
  static func validateName(_ name: String) throws {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
    guard !name.isEmpty, name.count <= 200, !name.hasPrefix("."), name.allSatisfy({ allowed.contains($0) }),
      !name.contains("..")
    else { throw StoreError.invalidRecordID(name) }
  }
}

private struct SchemaProbe: Decodable {
  let schemaVersion: Int
}

/// Writes the value's own keys and `schemaVersion` into one flat JSON object.
private struct Envelope<Value: Encodable>: Encodable {
  let value: Value

  private enum Keys: String, CodingKey { case schemaVersion }

  func encode(to encoder: any Encoder) throws {
    try value.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(StoreCoding.schemaVersion, forKey: .schemaVersion)
  }
}
