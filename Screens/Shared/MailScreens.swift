import Foundation
import HokuLinkCore
import HokuLinkUI

/// The phone's mail app, or on the PC the webmail's inbox: every message sent to the addresses typed on this
/// device, newest first. Each subject is a link; an older message with the same subject carries its time, so that
/// the plain subject always opens the newest one.
public struct MailListScreen: DeviceFramedScreen {
  public init() {}

  public var title: Localized { Localized(ja: "メール", en: "Mail") }
  public var address: String { WebMail.host + "inbox" }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { WebMail.siteTitle }

  func messages(_ env: AppEnvironment) -> [MailMessage] {
    env.mailAddresses.filter(env.ownsMailbox)
      .flatMap { (try? env.mailbox.messages(for: $0)) ?? [] }
      .sorted { $0.date > $1.date }
  }

  static func labels(for messages: [MailMessage], language: Language) -> [String] {
    var seen: Set<String> = []
    return messages.map { message in
      defer { seen.insert(message.subject) }
      let subject = message.damaged ? damagedLabel(language) : message.subject
      let label = (message.seen ? "" : "● ") + subject
      guard seen.contains(message.subject) else { return label }
      return label + " (" + DateText.short(message.date) + ")"
    }
  }

  /// What stands for a message whose file cannot be read back as it was written.
  static func damagedLabel(_ language: Language) -> String {
    Localized(ja: "(破損したメール: 表示できません)", en: "(damaged message: it cannot be shown)")(language)
  }

  /// Who sent a mail as a list shows it: the name of `Name <address>`, else the address.
  static func senderName(_ from: String) -> String {
    let trimmed = from.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return trimmed }
    let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(
      in: CharacterSet(charactersIn: "\""))
    return name.isEmpty ? String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]) : name
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let all = messages(env)
    var controls: [Control] = []
    if env.mailAddresses.isEmpty {
      controls.append(
        .text(
          Localized(
            ja: "この\(DeviceWord.this(env).ja)で使ったメールアドレスはまだありません。",
            en: "No e-mail address has been used on this \(DeviceWord.this(env).en) yet.")(l)))
    } else {
      controls.append(.text(env.mailAddresses.joined(separator: ", "), style: .note))
      for address in env.mailAddresses where !env.ownsMailbox(address) {
        controls.append(
          .text(
            Localized(
              ja: "\(address) は別の端末が先に使ったアドレスです。そのメールはこの\(DeviceWord.this(env).ja)には届きません。",
              en: "\(address) was first used on another device: its mail does not come to this one.")(l),
            style: .note))
      }
    }
    if all.isEmpty && !env.mailAddresses.isEmpty {
      controls.append(.text(Localized(ja: "メールはありません。", en: "No mail.")(l)))
    }
    for (index, label) in MailListScreen.labels(for: all, language: l).enumerated() {
      controls.append(.link(id: ControlID("mail.\(index)"), label: label))
      let sender = MailListScreen.senderName(all[index].from)
      controls.append(.text("  " + sender + "  " + DateText.short(all[index].date), style: .small))
    }
    controls.append(.text(Localized(ja: "Esc で戻ります。", en: "Esc goes back.")(l), style: .small))
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(let id) = event, id.raw.hasPrefix("mail."), let index = Int(id.raw.dropFirst(5)) else {
      return .stay
    }
    let all = messages(env)
    guard all.indices.contains(index) else { return .stay }
    let opened = (try? env.mailbox.markSeen(all[index])) ?? all[index]
    return .push(MailReaderScreen(message: opened))
  }
}

/// One mail, as a mail client (on the PC, the webmail) shows it; each URL in it is a link whose label is the URL.
public struct MailReaderScreen: DeviceFramedScreen {
  let message: MailMessage

  public init(message: MailMessage) {
    self.message = message
  }

  public var title: Localized { Localized(ja: "メール", en: "Mail") }
  public var address: String { WebMail.host + "message" }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { WebMail.siteTitle }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    guard !message.damaged else {
      return Page([
        .text(MailListScreen.damagedLabel(l), style: .title),
        .text(
          Localized(
            ja: "このメールのファイルは壊れているため、内容を表示できません。\(message.file?.lastPathComponent ?? "")",
            en: "This message's file is damaged, so nothing of it is shown. \(message.file?.lastPathComponent ?? "")")(
              l),
          style: .note),
      ])
    }
    var controls: [Control] = [
      .text(message.subject, style: .title),
      .text(Localized(ja: "差出人: ", en: "From: ")(l) + message.from, style: .note),
      .text(Localized(ja: "宛先: ", en: "To: ")(l) + message.to, style: .note),
      .text(Localized(ja: "日時: ", en: "Date: ")(l) + DateText.short(message.date), style: .note),
      .divider,
    ]
    var paragraph: [String] = []
    func flush() {
      if !paragraph.isEmpty { controls.append(.text(paragraph.joined(separator: "\n"))) }
      paragraph = []
    }
    for line in message.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let index = message.links.firstIndex(of: trimmed) {
        flush()
        controls.append(.link(id: ControlID("link.\(index)"), label: trimmed))
      } else {
        paragraph.append(line)
      }
    }
    flush()
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(let id) = event, id.raw.hasPrefix("link."), let index = Int(id.raw.dropFirst(5)),
      message.links.indices.contains(index)
    else { return .stay }
    return env.open(link: message.links[index])
  }
}

/// The letterbox: postcards for this device's sign-ups that have arrived by the simulated date.
public struct LetterboxScreen: DeviceFramedScreen {
  public init() {}

  public var title: Localized { Localized(ja: "郵便受け", en: "Letterbox") }
  public var address: String { "about:letterbox" }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { LetterboxScreen.atHome }
  static let atHome = Localized(ja: "郵便受け (自宅)", en: "Letterbox (at home)")

  func postcards(_ env: AppEnvironment) -> [Postcard] {
    let mine = Set(env.letterboxCustomers)
    return ((try? env.postcards.arrived(at: env.now)) ?? []).filter { mine.contains($0.customerNumber) }
  }

  public func page(_ env: AppEnvironment) -> Page {
    let l = env.language
    let cards = postcards(env)
    var controls: [Control] = []
    if cards.isEmpty {
      controls.append(.text(Localized(ja: "届いたハガキはありません。", en: "No postcard has arrived.")(l)))
      let pending = ((try? env.postcards.all()) ?? []).filter {
        env.letterboxCustomers.contains($0.customerNumber) && !$0.hasArrived(at: env.now)
      }
      if !pending.isEmpty {
        controls.append(
          .text(
            Localized(
              ja: "ハガキは発送から約1週間で届きます（`hokulink clock advance 7d` で時間を進められます）。",
              en: "A postcard takes about a week (`hokulink clock advance 7d` moves the simulated clock).")(l),
            style: .note))
      }
    }
    for (index, card) in cards.enumerated() {
      controls.append(.link(id: ControlID("card.\(index)"), label: card.title))
      controls.append(.text("  " + DateText.short(card.arrivesAt), style: .small))
    }
    return Page(controls)
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation {
    guard case .activated(let id) = event, id.raw.hasPrefix("card."), let index = Int(id.raw.dropFirst(5)) else {
      return .stay
    }
    let cards = postcards(env)
    guard cards.indices.contains(index) else { return .stay }
    return .push(PostcardScreen(postcard: cards[index]))
  }
}

/// One postcard, as printed.
public struct PostcardScreen: DeviceFramedScreen {
  let postcard: Postcard

  public init(postcard: Postcard) {
    self.postcard = postcard
  }

  public var title: Localized { Localized(ja: "ハガキ", en: "Postcard") }
  public var address: String { "about:letterbox" }
  public func siteTitle(_ env: AppEnvironment) -> Localized? { LetterboxScreen.atHome }

  public func page(_ env: AppEnvironment) -> Page {
    Page([
      .text(postcard.title, style: .title),
      .divider,
      .text(postcard.body),
    ])
  }

  public mutating func handle(_ event: FormEvent, _ env: AppEnvironment) -> Navigation { .stay }
}

/// What a screen shared by the phone and the PC calls the device it is on.
enum DeviceWord {
  static func this(_ env: AppEnvironment) -> Localized {
    env.pc ? Localized(ja: "パソコン", en: "PC") : Localized(ja: "スマホ", en: "phone")
  }
}

/// A screen the phone and the PC share (mail, the letterbox): drawn in the device's own frame, so on the PC it
/// stays in the browser the person works in.
public protocol DeviceFramedScreen: Screen {}

extension DeviceFramedScreen {
  public func frame(_ env: AppEnvironment) -> ScreenFrame { env.pc ? .browser : .phone }
}
