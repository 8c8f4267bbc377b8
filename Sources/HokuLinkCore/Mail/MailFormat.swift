import Crypto
import Foundation

/// Writes and reads RFC 5322 / MIME messages: UTF-8 text bodies, RFC 2047 encoded headers.
enum MailFormat {
  static let fromName = "ほくリンク"
  static let fromAddress = "noreply@hokulink.example"
  static let linkScheme = "hokulink://"

  /// The whole message file. Lines end in LF, as Maildir stores mail in the local text convention.
  static func render(_ message: MailMessage) -> Data {
    let text = normaliseNewlines(message.body)
    // 8bit keeps the file readable with `cat` and `grep`; RFC 5322 caps a line at 998 octets, so a body
    // with a longer line goes as base64 instead.
    let eightBit = text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 900 }
    let body =
      eightBit
      ? text
      : Data(text.utf8).base64EncodedString(options: [.lineLength76Characters])
        .replacingOccurrences(of: "\r\n", with: "\n")
    let headers = [
      "Return-Path: <\(fromAddress)>",
      "From: \(encodeWord(message.from)) <\(fromAddress)>",
      "To: <\(message.to)>",
      "Subject: \(encodeHeader(message.subject))",
      "Date: \(formatDate(message.date))",
      "Message-ID: <\(message.id)>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: \(eightBit ? "8bit" : "base64")",
      "\(bodyDigestHeader): \(bodyDigest(body + "\n"))",
    ]
    return Data((headers.joined(separator: "\n") + "\n\n" + body + "\n").utf8)
  }

  /// A header value as RFC 2047 encoded-words, each within 75 characters, folded onto continuation lines;
  /// plain ASCII stays as it is.
  static func encodeHeader(_ text: String) -> String {
    if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && text.count <= 900 { return text }
    var words: [String] = []
    var chunk = ""
    for character in text where !character.isNewline {
      // 36 bytes of UTF-8 become 48 characters of base64, plus 12 for `=?UTF-8?B?` and `?=`: with
      // "Subject: " in front the first line still stays within RFC 5322's 78 characters.
      if (chunk + String(character)).utf8.count > 36 {
        words.append(encodeWord(chunk))
        chunk = ""
      }
      chunk.append(character)
    }
    if !chunk.isEmpty { words.append(encodeWord(chunk)) }
    return words.joined(separator: "\n ")
  }

  static func encodeWord(_ text: String) -> String {
    "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
  }

  /// RFC 5322 date, e.g. "Fri, 27 Nov 2026 09:00:00 +0900", in Japan time as the real service would send.
  static func formatDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "Asia/Tokyo") ?? TimeZone(secondsFromGMT: 9 * 3600)
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: date)
  }

  static func parseDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    for format in ["EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, d MMM yyyy HH:mm:ss Z"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }

  static func normaliseNewlines(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
  }

  /// The digest of the body as written, so that a file cut short or changed afterwards is found out when read
  /// back (a message without it, from before, is read as it is).
  static let bodyDigestHeader = "X-HokuLink-Body-SHA256"

  /// Base64, so that the header line stays within RFC 5322's 78 characters.
  static func bodyDigest(_ body: String) -> String {
    Data(SHA256.hash(data: Data(body.utf8))).base64EncodedString()
  }

  /// Parses a message file: unfolds headers, decodes encoded-words and the body's transfer encoding. Nil for a file
  /// that is not a message, or whose body is not the one written.
  static func parse(_ data: Data, file: URL?, seen: Bool) -> MailMessage? {
    let text = normaliseNewlines(String(decoding: data, as: UTF8.self))
    guard let split = text.range(of: "\n\n") else { return nil }
    var headers: [String: String] = [:]
    var current: (name: String, value: String)?
    for line in text[..<split.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
      if line.first == " " || line.first == "\t" {
        current?.value += String(line)
        continue
      }
      if let current { headers[current.name.lowercased()] = current.value }
      guard let colon = line.firstIndex(of: ":") else {
        current = nil
        continue
      }
      current = (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    if let current { headers[current.name.lowercased()] = current.value }

    let rawBody = String(text[split.upperBound...])
    if let written = headers[bodyDigestHeader.lowercased()], written != bodyDigest(rawBody) { return nil }
    guard headers["message-id"] != nil, headers["date"] != nil else { return nil }
    let body: String
    switch headers["content-transfer-encoding"]?.lowercased() {
    case "base64":
      let compact = rawBody.filter { !$0.isWhitespace }
      guard let decoded = Data(base64Encoded: compact) else { return nil }
      body = String(decoding: decoded, as: UTF8.self)
    default:
      // The renderer ends every 8bit body with one newline of its own.
      body = rawBody.hasSuffix("\n") ? String(rawBody.dropLast()) : rawBody
    }
    let id = (headers["message-id"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
    let to = (headers["to"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
    return MailMessage(
      id: id, from: decodeHeader(headers["from"] ?? ""), to: to, subject: decodeHeader(headers["subject"] ?? ""),
      date: parseDate(headers["date"] ?? "") ?? Date(timeIntervalSince1970: 0),
      body: body,
      file: file, seen: seen)
  }

  /// Decodes RFC 2047 `=?charset?B|Q?…?=` words (UTF-8 only); whitespace between adjacent words is dropped.
  static func decodeHeader(_ value: String) -> String {
    var result = ""
    var rest = Substring(value)
    var lastWasEncoded = false
    while let start = rest.range(of: "=?") {
      let before = rest[..<start.lowerBound]
      guard let word = decodeWord(rest[start.lowerBound...]) else {
        result += before + "=?"
        rest = rest[start.upperBound...]
        lastWasEncoded = false
        continue
      }
      if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { result += before }
      result += word.text
      rest = word.rest
      lastWasEncoded = true
    }
    return result + rest
  }

  private static func decodeWord(_ text: Substring) -> (text: String, rest: Substring)? {
    let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count == 4, parts[3].hasPrefix("="), parts[0].lowercased().hasPrefix("utf-8") else { return nil }
    let payload = String(parts[2])
    let rest = parts[3].dropFirst()
    switch parts[1].lowercased() {
    case "b":
      var padded = payload
      while padded.count % 4 != 0 { padded += "=" }
      guard let data = Data(base64Encoded: padded) else { return nil }
      return (String(decoding: data, as: UTF8.self), rest)
    case "q":
      var bytes: [UInt8] = []
      var index = payload.startIndex
      while index < payload.endIndex {
        let character = payload[index]
        if character == "_" {
          bytes.append(0x20)
        } else if character == "=", let end = payload.index(index, offsetBy: 3, limitedBy: payload.endIndex),
          let byte = UInt8(payload[payload.index(after: index)..<end], radix: 16)
        {
          bytes.append(byte)
          index = payload.index(before: end)
        } else {
          bytes.append(contentsOf: Array(String(character).utf8))
        }
        index = payload.index(after: index)
      }
      return (String(decoding: bytes, as: UTF8.self), rest)
    default:
      return nil
    }
  }

  /// Every `hokulink://` URL, ending at whitespace or at punctuation that cannot be part of one.
  static func links(in body: String) -> [String] {
    var links: [String] = []
    var rest = Substring(body)
    let stops = Set("<>\"'()[]{}「」『』（）、。 \t\n\r")
    while let start = rest.range(of: linkScheme) {
      let tail = rest[start.lowerBound...]
      let end = tail.firstIndex { stops.contains($0) || $0.isWhitespace || !$0.isASCII } ?? tail.endIndex
      var link = String(tail[..<end])
      while let last = link.last, ".,;:!?".contains(last) { link.removeLast() }
      if link.count > linkScheme.count { links.append(link) }
      rest = tail[end...]
    }
    return links
  }
}
