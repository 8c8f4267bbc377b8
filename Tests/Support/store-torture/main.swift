// A helper process for the store's multi-process tests: hammers one data folder with read-modify-writes.
//   store-torture count FOLDER N TAG   N updates, each incrementing a counter and appending TAG-i to a list
//   store-torture spin FOLDER [N]      N updates (default: until killed), each touching several files at once
//   store-torture seen FOLDER ADDRESS  marks every unseen message of ADDRESS seen, one at a time (new/ → cur/)
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
  default:
    fail("unknown command \(arguments[1])")
  }
} catch {
  fail("store-torture: \(error)")
}
