import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX calls the store needs, where Foundation cannot promise fsync, modes or flock.
enum FileIO {
  static func errnoReason() -> String { String(cString: strerror(errno)) }

  /// Creates `url` and missing parents with mode 0700 (mkdir honours umask, so chmod after).
  static func makeDirectory(_ url: URL) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
      if isDirectory.boolValue { return }
      throw StoreError.io(path: url.path, reason: "a file is in the way of a folder")
    }
    let parent = url.deletingLastPathComponent()
    if parent.path != url.path { try makeDirectory(parent) }
    if mkdir(url.path, 0o700) != 0 && errno != EEXIST {
      throw StoreError.io(path: url.path, reason: errnoReason())
    }
    _ = chmod(url.path, 0o700)
  }

  /// Reads a whole file; nil when it does not exist.
  static func read(_ url: URL) throws -> Data? {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw StoreError.io(path: url.path, reason: errnoReason())
    }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw StoreError.io(path: url.path, reason: errnoReason())
      }
      if count == 0 { break }
      data.append(contentsOf: buffer[0..<count])
    }
    return data
  }

  /// Temp file beside the target, write, fsync, rename over the target, fsync the folder:
  /// a reader or a crash sees the old bytes or the new ones, never a mix.
  /// The temp name is fixed per target because every store write holds the store's exclusive lock,
  /// so a leftover from a killed writer is simply overwritten next time.
  static func writeAtomically(_ data: Data, to url: URL, durable: Bool = true) throws {
    let folder = url.deletingLastPathComponent()
    try makeDirectory(folder)
    let temp = folder.appendingPathComponent("." + url.lastPathComponent + ".tmp")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    if fd < 0 { throw StoreError.io(path: temp.path, reason: errnoReason()) }
    var closed = false
    defer { if !closed { close(fd) } }
    _ = fchmod(fd, 0o600)
    try writeAll(fd, data, path: temp.path)
    if durable { try fsyncFile(fd, path: temp.path) }
    closed = true
    if close(fd) != 0 { throw StoreError.io(path: temp.path, reason: errnoReason()) }
    try renameFile(temp, to: url)
    if durable { syncDirectory(folder) }
  }

  static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
    FaultHook.step(.write(bytes: data.count), path: path)
    try data.withUnsafeBytes { raw in
      guard var pointer = raw.baseAddress else { return }
      var remaining = raw.count
      while remaining > 0 {
        let written = posixWrite(fd, pointer, remaining)
        if written < 0 {
          if errno == EINTR { continue }
          throw StoreError.io(path: path, reason: errnoReason())
        }
        pointer += written
        remaining -= written
      }
    }
  }

  /// Makes a rename or unlink in `folder` durable; best effort, as some file systems refuse it.
  static func syncDirectory(_ folder: URL) {
    let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { return }
    FaultHook.step(.fsync, path: folder.path)
    _ = fsync(fd)
    close(fd)
  }

  /// Removes a file; a missing file is already what we want.
  static func remove(_ url: URL, durable: Bool = true) throws {
    FaultHook.step(.unlink, path: url.path)
    if unlink(url.path) != 0 {
      if errno == ENOENT { return }
      throw StoreError.io(path: url.path, reason: errnoReason())
    }
    if durable { syncDirectory(url.deletingLastPathComponent()) }
  }

  /// An exclusive advisory lock held until `release`; flock locks belong to the open file description,
  /// so it excludes other processes and other threads of this one alike.
  static func lockExclusively(_ url: URL) throws -> Int32 {
    let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    if fd < 0 { throw StoreError.io(path: url.path, reason: errnoReason()) }
    _ = fchmod(fd, 0o600)
    while flock(fd, LOCK_EX) != 0 {
      if errno == EINTR { continue }
      let reason = errnoReason()
      close(fd)
      throw StoreError.io(path: url.path, reason: reason)
    }
    return fd
  }

  /// fsync of an open file, a durable step.
  static func fsyncFile(_ fd: Int32, path: String) throws {
    FaultHook.step(.fsync, path: path)
    if fsync(fd) != 0 { throw StoreError.io(path: path, reason: errnoReason()) }
  }

  /// rename(2), a durable step.
  static func renameFile(_ source: URL, to target: URL) throws {
    FaultHook.step(.rename, path: target.path)
    if rename(source.path, target.path) != 0 { throw StoreError.io(path: target.path, reason: errnoReason()) }
  }

  static func unlock(_ fd: Int32) {
    _ = flock(fd, LOCK_UN)
    close(fd)
  }
}

// File-scope names, because inside `FileIO` its own `read`/`write` would shadow the C functions.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}

extension FileIO {
  /// Creates a file that must not exist yet (a Maildir `tmp/` name), mode 0600, fsynced.
  static func writeNewFile(_ data: Data, to url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    if fd < 0 { throw StoreError.io(path: url.path, reason: errnoReason()) }
    defer { close(fd) }
    _ = fchmod(fd, 0o600)
    try writeAll(fd, data, path: url.path)
    try fsyncFile(fd, path: url.path)
  }

  /// Renames within the data folder and makes the move durable.
  static func move(_ source: URL, to target: URL) throws {
    try renameFile(source, to: target)
    syncDirectory(target.deletingLastPathComponent())
    syncDirectory(source.deletingLastPathComponent())
  }
}
