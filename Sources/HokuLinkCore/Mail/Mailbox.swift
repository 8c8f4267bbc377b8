import Foundation

/// The simulated mail: one Maildir per recipient at `<data folder>/mail/<address>/{tmp,new,cur}`,
/// each message a real RFC 5322 file that any mail client (mutt -f, Python's `email`) can read.
public struct Mailbox: Sendable {
  public let folder: URL
  private let clock: SimulatedClock
  let store: Store

  public init(store: Store) {
    self.folder = store.folder.appendingPathComponent("mail")
    self.clock = SimulatedClock(store: store)
    self.store = store
  }

  /// Delivers a message dated by the simulated clock: written in `tmp/`, then renamed into `new/`, as Maildir requires.
  /// The delivery holds the store's lock, so the sequence number at the head of the file name (see `sequence(of:)`)
  /// is the next one of this mailbox, unique, and the list comes out in delivery order, not by the second.
  /// `date` is the flow's own simulated now when it has one, so a message is dated by the same clock as the step.
  /// A flow's mails go through the outbox instead (`OutboxMail`), so they are written with the record they announce.
  /// Not re-entrant: do not call it from inside a `Store.update` body.
  @discardableResult
  public func deliver(at date: Date? = nil, to address: String, subject: String, body: String) throws -> MailMessage {
    let now = try date ?? clock.now()
    let unique = Self.randomUnique()
    let message = MailMessage(
      id: "\(Int(now.timeIntervalSince1970)).\(unique)@hokulink.example", from: MailFormat.fromName, to: address,
      subject: subject, date: now, body: body)
    return try store.withLock {
      try deliverLocked(message, unique: unique, onlyOnce: false) ?? message
    }
  }

  static func randomUnique() -> String {
    Token.generate().prefix(16).replacingOccurrences(of: "-", with: "x").replacingOccurrences(of: "_", with: "y")
  }

  /// The Maildir steps of one delivery, the lock held by the caller. With `onlyOnce`, a message whose file is
  /// already in `new/` or `cur/` (its `unique` part in the name) is not delivered again, and nil is returned.
  func deliverLocked(_ message: MailMessage, unique: String, onlyOnce: Bool) throws -> MailMessage? {
    let box = maildir(for: message.to)
    for sub in ["tmp", "new", "cur"] {
      try FileIO.makeDirectory(box.appendingPathComponent(sub), under: store.folder)
    }
    try Self.clearLeftovers(in: box)
    let (next, names) = Self.scan(box)
    if onlyOnce, names.contains(where: { $0.contains(".R\(unique).") }) { return nil }
    let name = Self.fileName(sequence: next, seconds: message.date, unique: unique)
    let temp = box.appendingPathComponent("tmp").appendingPathComponent(name)
    let final = box.appendingPathComponent("new").appendingPathComponent(name)
    try FileIO.writeNewFile(MailFormat.render(message), to: temp)
    try FileIO.move(temp, to: final)
    var delivered = message
    delivered.file = final
    return delivered
  }

  /// What a request that matched no account does instead of mailing: the same rendering and exactly the same
  /// Maildir steps (the lock, the sequence read from new/ and cur/, tmp/ write + fsync, rename into new/ + folder
  /// fsyncs) in a private `mail-decoy` folder that no recipient owns. The rename lands on one fixed name, replacing
  /// the last decoy, so nothing is left to remove and the folder never grows. Nobody is mailed, yet the request
  /// does the work of one that mails.
  public func writeDecoy(at date: Date, to address: String, subject: String, body: String) throws {
    let unique = Self.randomUnique()
    let message = MailMessage(
      id: "\(Int(date.timeIntervalSince1970)).\(unique)@hokulink.example", from: MailFormat.fromName, to: address,
      subject: subject, date: date, body: body)
    try store.withLock { try writeDecoyLocked(message, unique: unique) }
  }

  func writeDecoyLocked(_ message: MailMessage, unique: String) throws {
    let box = store.folder.appendingPathComponent("mail-decoy")
    for sub in ["tmp", "new", "cur"] {
      try FileIO.makeDirectory(box.appendingPathComponent(sub), under: store.folder)
    }
    try Self.clearLeftovers(in: box)
    let name = Self.fileName(sequence: Self.scan(box).next, seconds: message.date, unique: unique)
    let temp = box.appendingPathComponent("tmp").appendingPathComponent(name)
    let final = box.appendingPathComponent("new").appendingPathComponent("decoy")
    try FileIO.writeNewFile(MailFormat.render(message), to: temp)
    try FileIO.move(temp, to: final)
  }

  /// What a delivery killed between its tmp/ write and its rename left in this box's tmp/, removed (the lock held)
  /// when the box is next written, as Maildir's delivery agents do: a store open lists no box.
  static func clearLeftovers(in box: URL) throws {
    let tmp = box.appendingPathComponent("tmp")
    for name in FileIO.listFolder(tmp) { try FileIO.remove(tmp.appendingPathComponent(name), durable: false) }
  }

  /// Maildir's unique name, with no `:` or `/` in it: `S` and the zero-padded sequence, the seconds, a random part
  /// and the host. Mail clients take the name as an opaque unique string, so the prefix costs them nothing.
  static func fileName(sequence: Int, seconds date: Date, unique: String) -> String {
    let digits = String(sequence)
    let padded = String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    return "S\(padded).\(Int(date.timeIntervalSince1970)).R\(unique).hokulink"
  }

  /// The delivery sequence at the head of a Maildir file name, or nil for a message delivered before there was one
  /// (those names begin with the seconds).
  static func sequence(of name: String) -> Int? {
    guard name.hasPrefix("S"), let dot = name.firstIndex(of: ".") else { return nil }
    let digits = name[name.index(after: name.startIndex)..<dot]
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
    return Int(digits)
  }

  /// One more than the highest sequence in `new/` and `cur/`, and the names there; read under the lock, so no two
  /// deliveries share a sequence.
  private static func scan(_ box: URL) -> (next: Int, names: [String]) {
    var highest = 0
    var all: [String] = []
    for sub in ["new", "cur"] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: box.appendingPathComponent(sub).path)) ?? []
      for name in names { if let sequence = sequence(of: name) { highest = max(highest, sequence) } }
      all += names
    }
    return (highest + 1, all)
  }

  /// The recipient's messages, newest first: by delivery sequence, then the messages from before there was one
  /// by (date, id). Read under the store's lock, so a message being moved from new/ to cur/ by another process
  /// (`markSeen`, which holds the same lock) is seen once, in one place or the other.
  public func messages(for address: String) throws -> [MailMessage] {
    let box = maildir(for: address)
    var result: [(sequence: Int?, message: MailMessage)] = []
    try store.withLock {
      for (sub, seen) in [("new", false), ("cur", true)] {
        let directory = box.appendingPathComponent(sub)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where !name.hasPrefix(".") {
          let file = directory.appendingPathComponent(name)
          guard let data = try store.readData(file) else { continue }
          let opened = seen || name.contains(":2,S")
          // A damaged message is listed as damaged (nothing of it shown), not a stop: the rest of the mail reads.
          let message =
            MailFormat.parse(data, file: file, seen: opened)
            ?? MailMessage.damaged(file: file, to: address, seen: opened)
          result.append((Self.sequence(of: name), message))
        }
      }
    }
    return result.sorted { first, second in
      switch (first.sequence, second.sequence) {
      case (let one?, let other?): return one > other
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return (first.message.date, first.message.id) > (second.message.date, second.message.id)
      }
    }.map(\.message)
  }

  /// Moves a message to `cur/` with the Seen flag, as a mail client does when it is opened. Under the store's lock,
  /// so a listing never sees it in both folders; a message another process has moved already is returned as seen.
  @discardableResult
  public func markSeen(_ message: MailMessage) throws -> MailMessage {
    guard let file = message.file, file.deletingLastPathComponent().lastPathComponent == "new" else {
      return message
    }
    let target = file.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cur")
      .appendingPathComponent(file.lastPathComponent + ":2,S")
    try store.withLock {
      let files = FileManager.default
      if !files.fileExists(atPath: file.path), files.fileExists(atPath: target.path) { return }
      try FileIO.move(file, to: target)
    }
    var seen = message
    seen.file = target
    seen.seen = true
    return seen
  }

  /// A mailbox belongs to the phone that first used its address (SPEC §9): only that phone's mail app reads it.
  /// Colleagues share one data folder over `hokulink serve`, and one must not read another's links.
  static let ownerIndex = "mail-owner"

  /// Claims `address` for `device` unless another device already has it; returns the owner either way.
  @discardableResult
  public func claim(_ address: String, device: String) throws -> String {
    let key = Self.folderName(for: address)
    return try store.update { transaction in
      if let owner = try transaction.lookup(index: Self.ownerIndex, key: key) { return owner }
      try transaction.setIndex(Self.ownerIndex, key: key, id: device)
      return device
    }
  }

  /// The device that owns `address`, or nil when none has claimed it (mail from before the rule).
  public func owner(of address: String) throws -> String? {
    try store.lookup(index: Self.ownerIndex, key: Self.folderName(for: address))
  }

  /// Every address that has a mailbox (the folder names, which are the addresses for any valid address).
  public func addresses() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  public func maildir(for address: String) -> URL {
    folder.appendingPathComponent(Self.folderName(for: address))
  }

  /// A file-system-safe folder name: lower case, only letters, digits and `.@_+-`, never `.`-led or `..`.
  static func folderName(for address: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.@_+-")
    var name = String(address.lowercased().map { allowed.contains($0) ? $0 : "_" })
    while name.contains("..") { name = name.replacingOccurrences(of: "..", with: "._") }
    if name.isEmpty || name.hasPrefix(".") { name = "_" + name }
    return String(name.prefix(200))
  }
}
