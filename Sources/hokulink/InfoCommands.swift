import ArgumentParser
import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens

/// Pads `text` with spaces to `width` terminal cells (Japanese takes two cells a character); one line, always.
func pad(_ text: String, _ width: Int) -> String {
  let shown = line(text)
  return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
}

/// Text from the data folder (a tester's own customers.json, a mail file) printed with its control
/// characters and escape sequences neutralised, line by line (SPEC §4).
func safe(_ text: String) -> String {
  text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.displayable(String($0)) }
    .joined(separator: "\n")
}

/// A value that must stay on one line (a registry field, a mail header, a name): every control character, the
/// newline included, is neutralised, so a newline in a kana cannot forge a line of the listing.
func line(_ text: String) -> String {
  SafeText.displayable(text)
}

struct Customers: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The demo customer registry: what a tester types at step 5, and the demo member.")

  @OptionGroup var common: CommonOptions

  func run() throws {
    try reportingErrors {
      let env = try common.openEnvironment()
      let registry = try env.device.store.customerRegistry()
      let ja = try common.language == .ja
      let path = line(env.device.store.customersURL.path)
      print(ja ? "お客さま (\(path))" : "Customers (\(path))")
      print(
        pad(ja ? "お客さま番号" : "Customer number", 17) + pad(ja ? "ご契約名義" : "Name", 18)
          + pad(ja ? "照会区分" : "Kind", 9) + pad(ja ? "お支払方法" : "Payment", 17)
          + (ja ? "いますぐ会員コースで入力するもの" : "What to type for いますぐ会員コース"))
      for customer in registry.customers {
        let kind =
          customer.kind == .individual ? (ja ? "個人" : "Individual") : (ja ? "法人" : "Corporate")
        let payment: String
        let immediate: String
        switch customer.payment.method {
        case .bankTransfer:
          payment = ja ? "口座振替" : "Bank transfer"
          immediate = (ja ? "口座番号 " : "Account number ") + (customer.payment.accountNumber ?? "?")
        case .creditCard:
          payment = ja ? "クレジットカード" : "Credit card"
          immediate = (ja ? "クレジットカード番号下4桁 " : "Card's last 4 digits ") + (customer.payment.cardLast4 ?? "?")
        case .paymentSlip:
          payment = ja ? "払込票" : "Payment slip"
          immediate = ja ? "（いますぐ会員コースは不可: 通常会員コースのみ）" : "(not eligible: postcard course only)"
        }
        print(
          pad(customer.formattedCustomerNumber, 17) + pad(customer.name, 18) + pad(kind, 9) + pad(payment, 17)
            + line(immediate))
        print(
          line(
            "  " + customer.kana + "  〒" + customer.postalCode.prefix(3) + "-" + customer.postalCode.dropFirst(3)
              + " " + customer.address + "  ☎ " + customer.phone))
      }
      print("")
      print(ja ? "登録済みのデモ会員（ウォークスルーC）" : "Demo member, already registered (walkthrough C)")
      print("  " + (ja ? "お客さま番号" : "customer") + ": " + DemoMember.customerNumber + " (" + DemoMember.name + ")")
      print("  利用者ID: " + DemoMember.userID)
      print("  " + (ja ? "メールアドレス" : "e-mail") + ": " + DemoMember.email)
      print("  " + (ja ? "パスワード" : "password") + ": " + DemoMember.password)
      print("  " + (ja ? "秘密のキーワード" : "secret keywords") + ": " + DemoMember.keywords.joined(separator: ", "))
    }
  }
}

struct Clock: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show, move or reset the simulated clock: `clock`, `clock advance 7d`, `clock reset`.")

  @OptionGroup var common: CommonOptions

  @Argument(help: "advance DURATION (7d, 12h, 30m) or reset; nothing to show the clock.")
  var words: [String] = []

  func run() throws {
    try reportingErrors {
      let env = try common.openEnvironment()
      switch words.first {
      case nil:
        break
      case "advance":
        guard words.count == 2 else { throw ValidationError("Write the duration, like `hokulink clock advance 7d`.") }
        do {
          try env.advanceClock(words[1])
        } catch let error as ClockArgumentError {
          throw ValidationError(line(error.description))
        }
      case "reset":
        try env.clock.reset()
      default:
        throw ValidationError("Unknown clock command \(line(words[0])); use advance or reset.")
      }
      let offset = try env.clock.offset()
      let shown = offset == 0 ? "" : " (+" + SimulatedClock.formatDuration(offset) + ")"
      print(DateText.short(env.now) + " JST" + shown)
    }
  }
}

struct Mail: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the simulated mail, or read every message sent to ADDRESS.")

  @OptionGroup var common: CommonOptions

  @Argument(help: "An e-mail address.")
  var address: String?

  func run() throws {
    try reportingErrors {
      let env = try common.openEnvironment()
      guard let address else {
        let addresses = env.mailbox.addresses()
        if addresses.isEmpty { print("No mail yet.") }
        var damaged: [MailMessage] = []
        for address in addresses {
          let messages = try env.mailbox.messages(for: address)
          print(line("\(address) (\(messages.count))"))
          for message in messages {
            print(
              "  " + DateText.short(message.date) + "  " + (message.damaged ? Self.damagedLabel : line(message.subject))
            )
          }
          damaged += messages.filter(\.damaged)
        }
        try Self.stopIfDamaged(damaged)
        return
      }
      let messages = try env.mailbox.messages(for: address)
      if messages.isEmpty { print(line("No mail for \(address).")) }
      for message in messages {
        guard !message.damaged else {
          print(Self.damagedLabel)
          if let file = message.file { print(line("(\(file.path))")) }
          print(String(repeating: "-", count: 60))
          continue
        }
        print(line("From: \(message.from)") + "\n" + line("To: \(message.to)"))
        print("Date: " + DateText.short(message.date))
        print(line("Subject: \(message.subject)") + "\n")
        print(safe(message.body))
        if let file = message.file { print(line("(\(file.path))")) }
        print(String(repeating: "-", count: 60))
      }
      try Self.stopIfDamaged(messages.filter(\.damaged))
    }
  }

  static let damagedLabel = "(damaged: this message cannot be shown)"

  /// A damaged message is listed with the rest, then the command ends as every damaged file does: one sentence
  /// naming it and exit status 2.
  static func stopIfDamaged(_ damaged: [MailMessage]) throws {
    if let file = damaged.first?.file { throw StoreError.damaged(path: file.path) }
  }
}

struct Postcards: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The postcards that have arrived by the simulated date.")

  @OptionGroup var common: CommonOptions

  func run() throws {
    try reportingErrors {
      let env = try common.openEnvironment()
      let now = env.now
      let arrived = try env.postcards.arrived(at: now)
      let waiting = try env.postcards.all().filter { !$0.hasArrived(at: now) }
      if arrived.isEmpty { print("No postcard has arrived by \(DateText.short(now)).") }
      for card in arrived {
        print(line("\(card.title) — \(card.recipientName) 様, \(card.address) (\(DateText.day(card.arrivesAt)))"))
        print(safe(card.body))
        print(String(repeating: "-", count: 60))
      }
      for card in waiting {
        print(
          line("On its way: \(card.title) for \(card.recipientName) 様, arrives \(DateText.day(card.arrivesAt)).")
        )
      }
    }
  }
}

struct Reset: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Wipe the data folder, after asking.")

  @OptionGroup var common: CommonOptions

  @Flag(help: "Do not ask.")
  var yes = false

  func run() throws {
    let folder = DataFolder.resolve(dataDir: common.dataDir, variable: processEnvironment.variable)
    let files = FileManager.default
    guard files.fileExists(atPath: folder.path) else {
      print(line("Nothing to reset: \(folder.path) does not exist."))
      return
    }
    let contents = (try? files.contentsOfDirectory(atPath: folder.path)) ?? []
    guard contents.isEmpty || contents.contains("meta.json") || contents.contains("customers.json") else {
      throw ValidationError(line("\(folder.path) does not look like a hokulink data folder, so it was left alone."))
    }
    if !yes {
      print(line("Delete all accounts, mail and progress in \(folder.path)? [y/N] "), terminator: "")
      guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
        print("Nothing was deleted.")
        return
      }
    }
    try reportingErrors { try Store.deleteFolder(folder) }
    print(line("Deleted \(folder.path); the next start creates it anew."))
  }
}
