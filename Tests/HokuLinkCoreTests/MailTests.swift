import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct MailTests {
  static let body = """
    ほくリンクへのご登録ありがとうございます。
    次のURLを開いて、会員情報の登録を続けてください。

    hokulink://register?token=AbC-123_xyz

    このURLの有効期限は24時間です。（hokulink://help）
    """

  @Test func aJapaneseMailComesBackAsItWasSent() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let mailbox = Mailbox(store: store)
    let sent = try mailbox.deliver(to: "taro@example.jp", subject: "会員情報登録用URLのご案内", body: Self.body)
    let received = try mailbox.messages(for: "taro@example.jp")
    #expect(received.count == 1)
    let message = try #require(received.first)
    #expect(message.subject == "会員情報登録用URLのご案内")
    #expect(message.body == Self.body)
    #expect(message.to == "taro@example.jp")
    #expect(message.id == sent.id)
    #expect(abs(message.date.timeIntervalSince(sent.date)) < 1)
    #expect(message.links == ["hokulink://register?token=AbC-123_xyz", "hokulink://help"])
    #expect(!message.seen)
    #expect(mailbox.addresses() == ["taro@example.jp"])
    let file = try #require(message.file)
    #expect(file.deletingLastPathComponent().lastPathComponent == "new")
    #expect(posixMode(file) == 0o600)
    let tmp = file.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tmp")
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }

  /// Issue 12, hole 10: a message file cut short, changed, or not a message at all is listed as damaged, with
  /// nothing of it shown, and the rest of the mailbox still reads.
  @Test(arguments: ["cut short", "a byte changed", "no headers", "empty"])
  func aDamagedMessageFileIsListedAsDamagedAndTheRestReads(damage: String) throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let mailbox = Mailbox(store: try folder.store())
    let good = try mailbox.deliver(to: "taro@example.jp", subject: "会員情報登録用URLのご案内", body: Self.body)
    let hurt = try mailbox.deliver(to: "taro@example.jp", subject: "利用者IDのお知らせ", body: Self.body)
    let file = try #require(hurt.file)
    var data = try Data(contentsOf: file)
    switch damage {
    case "cut short": data = data.prefix(data.count - 40)
    case "a byte changed": data[data.count - 20] ^= 0x01
    case "no headers": data = Data("ほくリンク\n".utf8)
    default: data = Data()
    }
    try data.write(to: file)
    let messages = try mailbox.messages(for: "taro@example.jp")
    #expect(messages.count == 2)
    let damaged = try #require(messages.first { $0.file == file })
    #expect(damaged.damaged)
    #expect(damaged.subject.isEmpty && damaged.body.isEmpty && damaged.links.isEmpty)
    let intact = try #require(messages.first { $0.id == good.id })
    #expect(!intact.damaged && intact.body == Self.body)
  }

  /// A message written before bodies carried their digest reads as it is.
  @Test func aMessageWithoutTheBodyDigestStillReads() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let mailbox = Mailbox(store: try folder.store())
    let sent = try mailbox.deliver(to: "taro@example.jp", subject: "件名", body: "本文")
    let file = try #require(sent.file)
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains("\(MailFormat.bodyDigestHeader): "))
    let old = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix(MailFormat.bodyDigestHeader) }.joined(separator: "\n")
    try Data(old.utf8).write(to: file)
    let message = try #require(try mailbox.messages(for: "taro@example.jp").first)
    #expect(!message.damaged && message.body == "本文" && message.subject == "件名")
  }

  @Test func theFileIsAnRFC5322MessageWithEncodedHeaders() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let mailbox = Mailbox(store: try folder.store())
    let message = try mailbox.deliver(to: "taro@example.jp", subject: "利用者IDのお知らせ", body: "本文")
    let text = try String(contentsOf: try #require(message.file), encoding: .utf8)
    let headers = text.components(separatedBy: "\n\n")[0]
    #expect(headers.contains("MIME-Version: 1.0"))
    #expect(headers.contains("Content-Type: text/plain; charset=UTF-8"))
    #expect(headers.contains("Subject: =?UTF-8?B?"))
    #expect(headers.contains("<noreply@hokulink.example>"))
    #expect(
      headers.range(
        of: #"Date: [A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}"#, options: .regularExpression)
        != nil)
    #expect(headers.range(of: #"Message-ID: <[^>]+@hokulink\.example>"#, options: .regularExpression) != nil)
    // Headers are 7-bit ASCII, every line within RFC 5322's 78-character recommendation.
    for line in headers.split(separator: "\n") {
      #expect(line.allSatisfy { $0.isASCII }, "\(line)")
      #expect(line.count <= 78, "\(line)")
    }
  }

  @Test func aLongSubjectIsSplitIntoEncodedWordsThatDecodeBack() {
    let subject = String(repeating: "ほくリンク会員情報登録用URLのご案内、", count: 5)
    let encoded = MailFormat.encodeHeader(subject)
    #expect(encoded.split(separator: "\n").count > 1)
    for line in encoded.split(separator: "\n") { #expect(line.trimmingCharacters(in: .whitespaces).count <= 75) }
    #expect(MailFormat.decodeHeader(encoded.replacingOccurrences(of: "\n", with: "")) == subject)
    #expect(MailFormat.decodeHeader("=?utf-8?q?=E3=81=BB_x?=") == "ほ x")
    let file = MailFormat.render(
      MailMessage(id: "1@x", from: "", to: "a@b.jp", subject: subject, date: Date(), body: "b"))
    let headers = String(decoding: file, as: UTF8.self).components(separatedBy: "\n\n")[0]
    for line in headers.split(separator: "\n") { #expect(line.count <= 78, "\(line)") }
  }

  @Test func anIndependentMailParserReadsTheFile() throws {
    let python = URL(fileURLWithPath: "/usr/bin/env")
    let probe = Process()
    probe.executableURL = python
    probe.arguments = ["python3", "-c", "import email"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return }
    probe.waitUntilExit()
    guard probe.terminationStatus == 0 else { return }  // no Python here: nothing independent to ask

    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let mailbox = Mailbox(store: try folder.store())
    let message = try mailbox.deliver(to: "taro@example.jp", subject: "パスワード再設定のご案内", body: Self.body)
    let script = """
      import email, email.policy, email.utils, sys, json
      with open(sys.argv[1], 'rb') as f:
          m = email.message_from_binary_file(f, policy=email.policy.default)
      print(json.dumps({"subject": str(m["subject"]), "from": m["from"].addresses[0].display_name,
          "address": m["from"].addresses[0].addr_spec, "to": str(m["to"]),
          "date": email.utils.parsedate_to_datetime(m["date"]).timestamp(),
          "body": m.get_content(), "defects": len(m.defects)}))
      """
    let process = Process()
    process.executableURL = python
    process.arguments = ["python3", "-c", script, try #require(message.file).path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(parsed["subject"] as? String == "パスワード再設定のご案内")
    #expect(parsed["from"] as? String == "ほくリンク")
    #expect(parsed["address"] as? String == "noreply@hokulink.example")
    #expect(parsed["to"] as? String == "taro@example.jp")
    #expect(parsed["body"] as? String == Self.body + "\n")
    #expect(parsed["defects"] as? Int == 0)
    let date = try #require(parsed["date"] as? Double)
    #expect(abs(date - message.date.timeIntervalSince1970) < 1)
  }

  @Test func theMailIsDatedBySimulatedTime() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try SimulatedClock(store: store).advance(by: 10 * 86_400)
    let message = try Mailbox(store: store).deliver(to: "a@example.jp", subject: "s", body: "b")
    let read = try #require(try Mailbox(store: store).messages(for: "a@example.jp").first)
    #expect(abs(read.date.timeIntervalSinceNow - 10 * 86_400) < 60)
    #expect(read.id == message.id)
  }

  @Test func messagesAreListedNewestFirstAndCanBeMarkedSeen() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let mailbox = Mailbox(store: store)
    try mailbox.deliver(to: "a@example.jp", subject: "一通目", body: "1")
    try SimulatedClock(store: store).advance(by: 60)
    try mailbox.deliver(to: "a@example.jp", subject: "二通目", body: "2")
    let list = try mailbox.messages(for: "a@example.jp")
    #expect(list.map(\.subject) == ["二通目", "一通目"])
    let seen = try mailbox.markSeen(try #require(list.first))
    #expect(seen.seen)
    #expect(try mailbox.messages(for: "a@example.jp").map(\.seen) == [true, false])
  }

  /// Issue 12, hole 7: messages of the same second list in delivery order (newest first), every time.
  @Test func messagesOfTheSameSecondListInDeliveryOrder() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let mailbox = Mailbox(store: store)
    let now = Date(timeIntervalSince1970: 1_795_741_200)
    for round in 0..<5 {
      let address = "same\(round)@example.jp"
      let first = try mailbox.deliver(at: now, to: address, subject: "一通目", body: "1")
      let second = try mailbox.deliver(at: now, to: address, subject: "二通目", body: "2")
      #expect(try mailbox.messages(for: address).map(\.id) == [second.id, first.id], "round \(round)")
      // Opening the older one (new/ → cur/) keeps the order.
      try mailbox.markSeen(first)
      #expect(try mailbox.messages(for: address).map(\.id) == [second.id, first.id], "round \(round), seen")
    }
  }

  /// A message delivered before there was a sequence (a name that starts with the seconds) sorts after the
  /// sequenced ones, by (date, id) as before.
  @Test func messagesFromBeforeTheSequenceSortAfterByDate() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let mailbox = Mailbox(store: store)
    let address = "old@example.jp"
    let early = Date(timeIntervalSince1970: 1_795_741_200)
    var legacy: [String] = []
    for (offset, subject) in [(0, "古い一通目"), (60, "古い二通目")] {
      let message = try mailbox.deliver(
        at: early.addingTimeInterval(Double(offset)), to: address, subject: subject, body: "x")
      let file = try #require(message.file)
      let oldName = file.lastPathComponent.drop { $0 != "." }.dropFirst()
      #expect(Mailbox.sequence(of: String(oldName)) == nil)
      try FileManager.default.moveItem(
        at: file, to: file.deletingLastPathComponent().appendingPathComponent(String(oldName)))
      legacy.append(message.id)
    }
    let newer = try mailbox.deliver(at: early.addingTimeInterval(-3600), to: address, subject: "新しい", body: "y")
    #expect(try mailbox.messages(for: address).map(\.id) == [newer.id, legacy[1], legacy[0]])
  }

  @Test func anAddressBecomesASafeFolderName() {
    #expect(Mailbox.folderName(for: "Taro@Example.jp") == "taro@example.jp")
    #expect(Mailbox.folderName(for: "../../etc") == "_._._etc" || !Mailbox.folderName(for: "../../etc").contains(".."))
    #expect(!Mailbox.folderName(for: "a/b").contains("/"))
    #expect(!Mailbox.folderName(for: ".hidden").hasPrefix("."))
  }
}

@Suite struct PostcardTests {
  @Test func thePostcardArrivesOnlyAfterSevenDays() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    let outbox = PostcardOutbox(store: store)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let sent = try outbox.send(
      customerNumber: "410023456789", recipientName: "立山 花子", address: "富山県富山市総曲輪３丁目４番５号",
      initialPassword: "Kx7-pq2m-Rt", now: now)
    #expect(try outbox.arrived(at: now).isEmpty)
    #expect(try outbox.arrived(at: now.addingTimeInterval(7 * 86_400 - 1)).isEmpty)
    let arrived = try outbox.arrived(at: now.addingTimeInterval(7 * 86_400))
    #expect(arrived == [sent])
    #expect(sent.title == "初回ログインパスワードのお知らせ")
    #expect(sent.body.contains("初回ログインパスワード: Kx7-pq2m-Rt"))
    #expect(sent.body.contains("立山 花子"))
    // Another process sees it too.
    #expect(try PostcardOutbox(store: try folder.store()).arrived(at: now.addingTimeInterval(8 * 86_400)).count == 1)
  }
}
