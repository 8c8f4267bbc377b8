import Foundation

/// A memory-mapped tab-separated file with one header line, sorted by its first column. Lookups
/// binary-search byte offsets and only decode the matching lines.
struct SortedTable: Sendable {
  private let data: Data
  /// Offset of the first data line (just after the header's newline).
  private let firstLine: Int

  private static let newline = UInt8(ascii: "\n")
  private static let tab = UInt8(ascii: "\t")

  static func map(_ url: URL) -> Result<SortedTable, PostalTableError> {
    do {
      let data = try Data(contentsOf: url, options: .alwaysMapped)
      guard let headerEnd = data.firstIndex(of: newline) else {
        return .failure(PostalTableError(path: url.path, problem: "it has no header line"))
      }
      return .success(SortedTable(data: data, firstLine: headerEnd - data.startIndex + 1))
    } catch {
      return .failure(PostalTableError(path: url.path, problem: error.localizedDescription))
    }
  }

  /// The fields of every line whose first column is `key`, in file order.
  func rows(for key: String) -> [[String]] {
    let keyBytes = Array(key.utf8)
    return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      let bytes = buffer.bindMemory(to: UInt8.self)
      var rows: [[String]] = []
      var start = lowerBound(keyBytes, bytes)
      while start < bytes.count, compare(keyBytes, lineAt: start, bytes) == 0 {
        let end = lineEnd(from: start, bytes)
        rows.append(
          bytes[start..<end].split(separator: Self.tab, omittingEmptySubsequences: false).map {
            String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self)
          })
        start = end + 1
      }
      return rows
    }
  }

  /// The offset of the first line whose key is `key`, or nil.
  func firstRowStart(for key: String) -> Int? {
    let keyBytes = Array(key.utf8)
    return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      let bytes = buffer.bindMemory(to: UInt8.self)
      let start = lowerBound(keyBytes, bytes)
      return start < bytes.count && compare(keyBytes, lineAt: start, bytes) == 0 ? start : nil
    }
  }

  /// The start of the first line whose key is not less than `key` (bytes.count when there is none).
  /// `low` is always a line start; each probe backs up from the middle byte to its line's start.
  private func lowerBound(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var low = firstLine
    var high = bytes.count
    while low < high {
      let middle = low + (high - low) / 2
      let start = lineStart(containing: middle, bytes)
      if compare(key, lineAt: start, bytes) > 0 {
        low = min(lineEnd(from: start, bytes) + 1, bytes.count)
      } else {
        high = start
      }
    }
    return low
  }

  private func lineStart(containing offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = offset
    while index > firstLine, bytes[index - 1] != Self.newline { index -= 1 }
    return index
  }

  /// The offset of the line's newline, or bytes.count for a last line without one.
  private func lineEnd(from start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = start
    while index < bytes.count, bytes[index] != Self.newline { index += 1 }
    return index
  }

  /// Compares `key` with the first column of the line at `start`: negative, zero or positive as `key`
  /// sorts before, equal to, or after it (byte order, as the file is sorted).
  private func compare(_ key: [UInt8], lineAt start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = start
    for byte in key {
      guard index < bytes.count, bytes[index] != Self.tab, bytes[index] != Self.newline else { return 1 }
      if byte != bytes[index] { return byte < bytes[index] ? -1 : 1 }
      index += 1
    }
    let ended = index >= bytes.count || bytes[index] == Self.tab || bytes[index] == Self.newline
    return ended ? 0 : -1
  }
}
