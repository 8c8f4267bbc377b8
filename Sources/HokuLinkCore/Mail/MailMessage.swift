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
}
