import Foundation

/// The simulated mail: one Maildir per recipient at `<data folder>/mail/<address>/{tmp,new,cur}`,
/// each message a real RFC 5322 file that any mail client (mutt -f, Python's `email`) can read.
public struct Mailbox: Sendable {
  public let folder: URL
  private let clock: SimulatedClock
  private let store: Store

  public init(store: Store) {
    self.folder = store.folder.appendingPathComponent("mail")
    self.clock = SimulatedClock(store: store)
    self.store = store
  }

  /// Delivers a message dated by the simulated clock: written in `tmp/`, then renamed into `new/`, as Maildir requires.
  @discardableResult
  /// `date` is the flow's own simulated now when it has one, so a message is dated by the same clock as the step.
  public func deliver(at date: Date? = nil, to address: String, subject: String, body: String) throws -> MailMessage {
    let now = try date ?? clock.now()
    let unique = Token.generate().prefix(16).replacingOccurrences(of: "-", with: "x").replacingOccurrences(
      of: "_", with: "y")
    let message = MailMessage(
      id: "\(Int(now.timeIntervalSince1970)).\(unique)@hokulink.example", from: MailFormat.fromName, to: address,
      subject: subject, date: now, body: body)
    let box = maildir(for: address)
    for sub in ["tmp", "new", "cur"] { try FileIO.makeDirectory(box.appendingPathComponent(sub), under: store.folder) }
    // Maildir's unique name: seconds, a random part and the host, with no `:` or `/` in it.
    let name = "\(Int(now.timeIntervalSince1970)).R\(unique).hokulink"
    let temp = box.appendingPathComponent("tmp").appendingPathComponent(name)
    let final = box.appendingPathComponent("new").appendingPathComponent(name)
    try FileIO.writeNewFile(MailFormat.render(message), to: temp)
    try FileIO.move(temp, to: final)
    var delivered = message
    delivered.file = final
    return delivered
  }

  /// What a request that matched no account does instead of mailing: the same rendering and exactly the same
  /// Maildir steps (tmp/ write + fsync, rename into new/ + folder fsyncs) in a private `mail-decoy` folder that no
  /// recipient owns. The rename lands on one fixed name, replacing the last decoy, so nothing is left to remove
  /// and the folder never grows. Nobody is mailed, yet the request does the work of one that mails.
  public func writeDecoy(at date: Date, to address: String, subject: String, body: String) throws {
    let unique = Token.generate().prefix(16).replacingOccurrences(of: "-", with: "x").replacingOccurrences(
      of: "_", with: "y")
    let message = MailMessage(
      id: "\(Int(date.timeIntervalSince1970)).\(unique)@hokulink.example", from: MailFormat.fromName, to: address,
      subject: subject, date: date, body: body)
    let box = store.folder.appendingPathComponent("mail-decoy")
    for sub in ["tmp", "new", "cur"] { try FileIO.makeDirectory(box.appendingPathComponent(sub), under: store.folder) }
    let name = "\(Int(date.timeIntervalSince1970)).R\(unique).hokulink"
    let temp = box.appendingPathComponent("tmp").appendingPathComponent(name)
    let final = box.appendingPathComponent("new").appendingPathComponent("decoy")
    try FileIO.writeNewFile(MailFormat.render(message), to: temp)
    try FileIO.move(temp, to: final)
  }

  /// The recipient's messages, newest first.
  public func messages(for address: String) throws -> [MailMessage] {
    let box = maildir(for: address)
    var result: [MailMessage] = []
    for (sub, seen) in [("new", false), ("cur", true)] {
      let directory = box.appendingPathComponent(sub)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names where !name.hasPrefix(".") {
        let file = directory.appendingPathComponent(name)
        guard let data = try store.readData(file) else { continue }
        guard let message = MailFormat.parse(data, file: file, seen: seen || name.contains(":2,S")) else {
          throw store.noted(StoreError.damaged(path: file.path))
        }
        result.append(message)
      }
    }
    return result.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
  }

  /// Moves a message to `cur/` with the Seen flag, as a mail client does when it is opened.
  @discardableResult
  public func markSeen(_ message: MailMessage) throws -> MailMessage {
    guard let file = message.file, file.deletingLastPathComponent().lastPathComponent == "new" else {
      return message
    }
    let target = file.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cur")
      .appendingPathComponent(file.lastPathComponent + ":2,S")
    try FileIO.move(file, to: target)
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
