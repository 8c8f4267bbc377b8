// A helper process for the store's multi-process tests: hammers one data folder with read-modify-writes.
//   store-torture count FOLDER N TAG   N updates, each incrementing a counter and appending TAG-i to a list
//   store-torture spin FOLDER [N]      N updates (default: until killed), each touching several files at once
//   store-torture seen FOLDER ADDRESS  marks every unseen message of ADDRESS seen, one at a time (new/ → cur/)
//   store-torture signup FOLDER DEVICE TAG  signs up every customer of the registry on DEVICE, step by step, each
//                                      customer tried up to 3 times; prints `revision<TAB>step<TAB>what<TAB>digest` for
//                                      every flow a step returned; exits 1 if a flow it saw had skipped a step
import Foundation
import HokuLinkCore

struct TortureCounter: StoredRecord {
  static let kind = "torture"
  var recordID: String { id }
  var id: String
  var value: Int
}

struct TortureList: StoredRecord {
  static let kind = "torture-list"
  var recordID: String { id }
  var id: String
  var entries: [String]
}

/// What a flow at `flow.step` must hold if no step before it was skipped: every fact the earlier steps establish.
func skipped(_ flow: RegistrationFlow, store: Store) throws -> String? {
  let e = flow.entries
  if flow.step >= .customerInfo, flow.verifiedEmail == nil || flow.linkDigest == nil {
    return "at \(flow.step) without a followed link"
  }
  if flow.step >= .course, flow.customerNumber == nil || e.customerNumber != flow.customerNumber {
    return "at \(flow.step) without a matched customer"
  }
  if flow.step >= .courseDetails, e.course == nil { return "at \(flow.step) without a course" }
  if flow.step >= .questions {
    switch e.course {
    case .postcard?: if e.postcardDestination == nil { return "at \(flow.step) without a postcard destination" }
    case .immediate?:
      if !flow.paymentVerified && flow.step < .done { return "at \(flow.step) without the payment check" }
    case nil: return "at \(flow.step) without a course"
    }
  }
  if flow.step >= .confirm, e.contractUse == nil || e.familySize == nil { return "at \(flow.step) without step 6" }
  if flow.step == .done {
    guard let userID = flow.userID, let account = try store.account(userID: userID) else {
      return "done without its account"
    }
    if account.customerNumber != flow.customerNumber { return "done with another customer's account" }
  }
  return nil
}

/// Signs up every customer of the registry on one device, step after step, while another process may do the same
/// on the same device: a step refused because the other moved the flow is tried again from step 3, up to 3 times.
/// Every flow a step returns, and the stored flow between steps, must show no step skipped.
func signUpEveryCustomer(_ store: Store, device: String, tag: String) throws -> [String] {
  let registrations = Registrations(store: store)
  var problems: [String] = []
  func expect(_ flow: RegistrationFlow, at step: RegistrationFlow.Step, _ what: String) throws {
    // One line per write seen, for the test to put both processes' writes in the store's order.
    // A step that changed nothing writes nothing and returns the stored revision: the digest tells it from a write.
    print("\(flow.revision ?? 0)\t\(flow.step.rawValue)\t\(what)\t\(Token.digest(String(describing: flow)))")
    if flow.step != step { problems.append("\(tag) \(what): returned \(flow.step), not \(step)") }
    if let problem = try skipped(flow, store: store) { problems.append("\(tag) \(what): \(problem)") }
    if let stored = try registrations.flow(device: device), let problem = try skipped(stored, store: store) {
      problems.append("\(tag) after \(what), stored: \(problem)")
    }
  }
  for customer in try store.customerRegistry().customers {
    for attempt in 0..<3 {
      if try store.account(customerNumber: customer.customerNumber) != nil { break }
      let email = "\(tag)-\(customer.customerNumber)-\(attempt)@example.jp"
      let now = Date()
      do {
        try expect(registrations.begin(device: device, onPC: false, now: now), at: .terms, "begin")
        try expect(
          registrations.submitTerms(
            device: device, email: email, confirmation: email, agreed: true, notificationMail: false, now: now),
          at: .mailSent, "step 3")
        guard let link = try registrations.mailbox.messages(for: email).first?.links.first else {
          problems.append("\(tag) step 3: no link mail for \(email)")
          continue
        }
        guard let opened = try registrations.openLink(link, device: device, onPC: false, now: now) else {
          problems.append("\(tag) step 4: its own fresh link was refused")
          continue
        }
        try expect(opened, at: .customerInfo, "link")
        let info = CustomerInfoInput(
          inquiryKind: customer.kind == .individual ? .individual : .corporation, contractName: customer.name,
          furigana: customer.kana, customerNumber: customer.customerNumber, postalCode: customer.postalCode,
          address: customer.address, phone: customer.phone)
        try expect(registrations.submitCustomerInfo(device: device, info, now: now), at: .course, "step 5-1")
        try expect(registrations.chooseCourse(device: device, .postcard, now: now), at: .courseDetails, "step 5-2")
        try expect(
          registrations.submitPostcard(device: device, destination: .contractAddress, now: now), at: .questions,
          "step 5-3")
        try expect(
          registrations.submitQuestions(device: device, use: .detachedHouse, familySize: .two, now: now),
          at: .confirm, "step 6")
        try expect(registrations.confirm(device: device, now: now), at: .done, "step 7")
      } catch is RegistrationRefusal {
        // The other process moved the flow meanwhile (began again, or passed a step): try again from step 3.
      }
    }
  }
  return problems
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

// A test process starts other children beside this one (a line-mode run reading its pipes to their end); a pipe
// inherited from it would keep that run's output open for as long as this helper runs. Close every inherited pipe.
for descriptor: Int32 in 3..<1024 {
  var info = stat()
  if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFIFO { close(descriptor) }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: store-torture count FOLDER N TAG | spin FOLDER") }
let folder = URL(fileURLWithPath: arguments[2])

do {
  let store = try Store(folder: folder, kdf: .testing(iterations: 1000))
  switch arguments[1] {
  case "count":
    guard arguments.count == 5, let count = Int(arguments[3]) else { fail("usage: store-torture count FOLDER N TAG") }
    let tag = arguments[4]
    for index in 0..<count {
      try store.update { transaction in
        var counter = try transaction.get(TortureCounter.self, id: "counter") ?? TortureCounter(id: "counter", value: 0)
        counter.value += 1
        try transaction.put(counter)
        var list = try transaction.get(TortureList.self, id: "list") ?? TortureList(id: "list", entries: [])
        list.entries.append("\(tag)-\(index)")
        try transaction.put(list)
      }
    }
  case "spin":
    let limit = arguments.count > 3 ? Int(arguments[3]) : nil
    var done = 0
    while limit.map({ done < $0 }) ?? true {
      done += 1
      try store.update { transaction in
        var counter = try transaction.get(TortureCounter.self, id: "counter") ?? TortureCounter(id: "counter", value: 0)
        counter.value += 1
        try transaction.put(counter)
        // Written in the same transaction: after any crash the two must agree.
        try transaction.put(TortureCounter(id: "mirror", value: counter.value))
        try transaction.put(TortureCounter(id: "slot-\(counter.value % 7)", value: counter.value))
        try transaction.setIndex("torture", key: "latest", id: "slot-\(counter.value % 7)")
      }
    }
  case "seen":
    guard arguments.count == 4 else { fail("usage: store-torture seen FOLDER ADDRESS") }
    let mailbox = Mailbox(store: store)
    for message in try mailbox.messages(for: arguments[3]) where !message.seen { try mailbox.markSeen(message) }
  case "signup":
    guard arguments.count == 5 else { fail("usage: store-torture signup FOLDER DEVICE TAG") }
    let problems = try signUpEveryCustomer(store, device: arguments[3], tag: arguments[4])
    if !problems.isEmpty { fail(problems.joined(separator: "\n")) }
  default:
    fail("unknown command \(arguments[1])")
  }
} catch {
  fail("store-torture: \(error)")
}
