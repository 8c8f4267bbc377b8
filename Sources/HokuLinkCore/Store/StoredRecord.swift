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
    if let date = parseWrittenDate(text) { return date }
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
    return try? Date.ISO8601FormatStyle().parse(text)
  }

  /// Exactly what `formatDate` writes ("2026-11-27T01:32:00.123Z", a real day of the Gregorian calendar), read by
  /// arithmetic: Foundation's ISO 8601 parser builds a Gregorian calendar and the current time zone first (1.5 M
  /// instructions at start-up). Anything else is left to that parser (nil).
  static func parseWrittenDate(_ text: String) -> Date? {
    var text = text
    return text.withUTF8 { bytes -> Date? in
      guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
        bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
        bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z")
      else { return nil }
      func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
          let digit = bytes[index] &- UInt8(ascii: "0")
          guard digit < 10 else { return nil }
          value = value * 10 + Int(digit)
        }
        return value
      }
      guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
        let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
        let millisecond = number(20..<23), (1...12).contains(month), hour < 24, minute < 60, second < 60
      else { return nil }
      let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
      let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
      guard (1...monthDays[month - 1]).contains(day) else { return nil }
      // Howard Hinnant's days_from_civil (years 0000–9999, so no negative era).
      let shiftedYear = month <= 2 ? year - 1 : year
      let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
      let yearOfEra = shiftedYear - era * 400
      let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
      let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
      let days = era * 146_097 + dayOfEra - 719_468
      let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
      return Date(
        timeIntervalSinceReferenceDate: Double(seconds) - Date.timeIntervalBetween1970AndReferenceDate
          + Double(millisecond) / 1000)
    }
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
  /// Only ASCII letters, digits and `-_.` pass, so the check goes by bytes (as many as the characters then): a
  /// `Set<Character>` built here cost a scan of every conformance in the binary before the first frame.
  static func validateName(_ name: String) throws {
    let bytes = name.utf8
    guard !bytes.isEmpty, bytes.count <= 200, !name.hasPrefix("."), bytes.allSatisfy(ASCIIName.isNameByte),
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

/// The bytes a file name made from a record's id may hold: ASCII letters and digits, `-`, `_` and `.`.
enum ASCIIName {
  static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
    default: false
    }
  }
}
