import Foundation

/// What can go wrong with the data folder, each in one sentence a person can act on.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  /// A JSON document that does not parse, has an unknown schema version or cannot be read at all (a folder, a
  /// link or a FIFO in its place, any read error); it is never rewritten.
  case damaged(path: String)
  /// A record id or kind that would not be a safe file name (e.g. contains `/` or `..`).
  case invalidRecordID(String)
  /// The operating system refused a file operation.
  case io(path: String, reason: String)
  /// The data folder is not safe to use: another user owns it, or group or others can write in it.
  case unsafeFolder(path: String, reason: String)

  public var description: String {
    switch self {
    case .damaged(let path):
      return
        "The data file \(path) is damaged or cannot be read and was left as it is; fix or remove it, or run `hokulink reset`."
    case .invalidRecordID(let id):
      return "The record name \(String(reflecting: id)) cannot be used as a file name in the data folder."
    case .io(let path, let reason):
      return "The data folder could not be used at \(path): \(reason)."
    case .unsafeFolder(let path, let reason):
      return "The data folder \(path) was not used because \(reason); use a folder of your own that only you can write."
    }
  }

  public var errorDescription: String? { description }
}
