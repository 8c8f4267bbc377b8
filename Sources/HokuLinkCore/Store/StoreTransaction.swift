import Foundation

/// The changes of one `Store.update`, read-your-own-writes, written together when the body returns.
public struct StoreTransaction {
  struct Change {
    var path: String
    var data: Data?
  }

  let store: Store
  private var changes: [String: Data?] = [:]
  private var order: [String] = []

  init(store: Store) { self.store = store }

  public func get<R: StoredRecord>(_: R.Type, id: String) throws -> R? {
    try document(R.self, at: store.recordPath(R.self, id: id))
  }

  public mutating func put<R: StoredRecord>(_ record: R) throws {
    try stage(store.recordPath(R.self, id: record.recordID), StoreCoding.encode(record))
  }

  public mutating func delete<R: StoredRecord>(_: R.Type, id: String) throws {
    try stage(store.recordPath(R.self, id: id), nil)
  }

  public func lookup(index: String, key: String) throws -> String? {
    try document(IndexEntry.self, at: store.indexPath(index, key: key))?.id
  }

  public mutating func setIndex(_ index: String, key: String, id: String) throws {
    try stage(store.indexPath(index, key: key), StoreCoding.encode(IndexEntry(index: index, id: id)))
  }

  public mutating func removeIndex(_ index: String, key: String) throws {
    try stage(store.indexPath(index, key: key), nil)
  }

  /// The ids of one kind of record, including this transaction's own puts and deletes.
  public func ids<R: StoredRecord>(of kind: R.Type) throws -> [String] {
    var ids = Set(try store.ids(of: kind))
    let prefix = R.kind + "/"
    for (path, data) in changes where path.hasPrefix(prefix) {
      let id = String(path.dropFirst(prefix.count).dropLast(5))
      if data == nil { ids.remove(id) } else { ids.insert(id) }
    }
    return ids.sorted()
  }

  // MARK: Settings: a small key-value document (the clock's offset lives here).

  public func setting(_ key: String) throws -> String? {
    try document(SettingsDocument.self, at: "settings.json")?.values[key]
  }

  public mutating func setSetting(_ key: String, _ value: String?) throws {
    var settings = try document(SettingsDocument.self, at: "settings.json") ?? SettingsDocument(values: [:])
    settings.values[key] = value
    try stage("settings.json", StoreCoding.encode(settings))
  }

  // MARK: Internals

  private func document<T: Decodable>(_ type: T.Type, at path: String) throws -> T? {
    if let pending = changes[path] {
      guard let data = pending else { return nil }
      return try store.noting {
        try StoreCoding.decode(T.self, from: data, path: store.folder.appendingPathComponent(path).path)
      }
    }
    return try store.readDocument(T.self, at: path)
  }

  private mutating func stage(_ path: String, _ data: Data?) {
    if changes.updateValue(data, forKey: path) == nil { order.append(path) }
  }

  /// New index entries first and removed ones last, so a record is never visible without its index
  /// entries and an index entry that outlives its record is read as absent.
  func orderedChanges() -> [Change] {
    let all = order.compactMap { path in changes[path].map { Change(path: path, data: $0) } }
    func rank(_ change: Change) -> Int {
      guard change.path.hasPrefix("index/") else { return 1 }
      return change.data == nil ? 2 : 0
    }
    return all.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
  }
}
