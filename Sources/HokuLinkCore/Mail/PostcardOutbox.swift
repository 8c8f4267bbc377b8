import Foundation

/// A simulated postcard (通常会員コース), stored at `postcards/<id>.json`.
/// It is the letter itself, so it is the one place where the plain initial password of the postcard
/// course exists: the account holds only its hash, exactly as the real service keeps only what it printed.
public struct Postcard: StoredRecord, Equatable {
  public static let kind = "postcards"
  public var recordID: String { id }

  public static let title = "初回ログインパスワードのお知らせ"

  public static func localizedTitle(_ language: MailLanguage) -> String {
    language == .ja ? title : "Your HokuLink initial password"
  }

  public var id: String
  public var customerNumber: String
  public var recipientName: String
  public var address: String
  public var title: String
  public var body: String
  public var sentAt: Date
  public var arrivesAt: Date

  public func hasArrived(at now: Date) -> Bool { now >= arrivesAt }
}

/// Sends postcards that reach the 郵便受け `Assumptions.postcardDelay` of simulated time later.
public struct PostcardOutbox: Sendable {
  public let store: Store

  public init(store: Store) { self.store = store }

  @discardableResult
  public func send(
    customerNumber: String, recipientName: String, address: String, initialPassword: String, now: Date,
    language: MailLanguage = .ja
  ) throws -> Postcard {
    let postcard = make(
      customerNumber: customerNumber, recipientName: recipientName, address: address,
      initialPassword: initialPassword, now: now, language: language)
    try store.update { transaction in try transaction.put(postcard) }
    return postcard
  }

  /// The postcard `send` would post, without storing it: the sign-up puts it in the same transaction as
  /// the account, so there is never an account without its postcard or the other way round.
  public func make(
    customerNumber: String, recipientName: String, address: String, initialPassword: String, now: Date,
    language: MailLanguage = .ja
  ) -> Postcard {
    Self.make(
      id: Self.randomID(now: now), customerNumber: customerNumber, recipientName: recipientName, address: address,
      initialPassword: initialPassword, now: now, language: language)
  }

  /// The id starts with the sending time so the folder lists postcards in the order they were sent.
  public static func randomID(now: Date) -> String {
    "\(Int(now.timeIntervalSince1970))-\(Token.digest(Token.generate()).prefix(12))"
  }

  /// The postcard itself, from an id made beforehand (the sign-up's pure transition takes nothing random).
  public static func make(
    id: String, customerNumber: String, recipientName: String, address: String, initialPassword: String, now: Date,
    language: MailLanguage = .ja
  ) -> Postcard {
    let arrival = now.addingTimeInterval(Assumptions.postcardDelay)
    let expiry = arrival.addingTimeInterval(Assumptions.postcardInitialPasswordLifetime)
    let body =
      language == .ja
      ? japaneseBody(address, recipientName, initialPassword, expiry)
      : """
      \(address)
      \(recipientName)

      We have received your application to HokuLink.
      Log in for the first time with the password below; after that you will change it to one of your own.

      Initial password: \(initialPassword)

      The password works once. Valid until: \(language.date(expiry))
      Your user ID has been sent to you by mail.

      \(HokuLink.supportLineEN)
      (This is a simulated postcard. None is really sent.)
      """
    let postcard = Postcard(
      id: id, customerNumber: customerNumber, recipientName: recipientName, address: address,
      title: Postcard.localizedTitle(language), body: body, sentAt: now, arrivesAt: arrival)
    return postcard
  }

  static func japaneseBody(_ address: String, _ recipientName: String, _ initialPassword: String, _ expiry: Date)
    -> String
  {
    """
    \(address)
    \(recipientName) 様

    ほくリンクへのお申し込みを受け付けました。
    次のパスワードで最初のログインをしてください。ログインの後、ご自身のパスワードに変えていただきます。

    初回ログインパスワード: \(initialPassword)

    このパスワードは一度だけ使えます。有効期限: \(Self.japaneseDate(expiry)) まで
    利用者IDはメールでお知らせしています。

    \(HokuLink.supportLineJA)
    （これはシミュレーションのハガキです。実際には届きません。）
    """
  }

  /// The postcards in the letterbox at `now`, newest first.
  public func arrived(at now: Date) throws -> [Postcard] {
    try all().filter { $0.hasArrived(at: now) }.sorted { $0.arrivesAt > $1.arrivesAt }
  }

  /// Every postcard sent, arrived or not (for tests and `hokulink postcards` to say one is on its way).
  public func all() throws -> [Postcard] {
    try store.ids(of: Postcard.self).compactMap { try store.read(Postcard.self, id: $0) }
  }

  static func japaneseDate(_ date: Date) -> String {
    JapanTime(date).japaneseDate
  }
}
