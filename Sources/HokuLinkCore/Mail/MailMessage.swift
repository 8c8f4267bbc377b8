import Foundation

/// One simulated mail, as parsed back from its Maildir file.
public struct MailMessage: Sendable, Equatable {
  /// The Message-ID without angle brackets.
  public var id: String
  public var from: String
  public var to: String
  /// Decoded from RFC 2047.
  public var subject: String
  public var date: Date
  /// Decoded text.
  public var body: String
  /// Every `hokulink://…` URL in the body, in order.
  public var links: [String]
  /// The Maildir file; nil for a message not yet written.
  public var file: URL?
  /// False while the message sits in `new/` (never opened).
  public var seen: Bool
  /// The file did not parse, or its body is not the one written (cut short, changed): it is listed as damaged and
  /// nothing of it is shown.
  public var damaged: Bool = false

  public init(
    id: String, from: String, to: String, subject: String, date: Date, body: String, file: URL? = nil,
    seen: Bool = false
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.subject = subject
    self.date = date
    self.body = body
    self.links = MailFormat.links(in: body)
    self.file = file
    self.seen = seen
  }

  /// What the list shows for a Maildir file that cannot be read back as the message that was written.
  public static func damaged(file: URL, to address: String, seen: Bool) -> MailMessage {
    let date =
      (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
      ?? Date(timeIntervalSince1970: 0)
    var message = MailMessage(
      id: file.lastPathComponent, from: "", to: address, subject: "", date: date, body: "", file: file, seen: seen)
    message.damaged = true
    return message
  }
}
