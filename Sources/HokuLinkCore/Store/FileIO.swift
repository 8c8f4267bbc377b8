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

  /// Creates `url` and missing parents with mode 0700 (mkdir honours umask, so chmod after). Below `root` (the
  /// data folder) every folder is checked with lstat, never stat: a symbolic link in place of a folder is refused,
  /// not followed. The path to the data folder itself is the person's own and may go through links.
  static func makeDirectory(_ url: URL, under root: URL? = nil) throws {
    if let root, url.path.hasPrefix(root.path + "/") {
      var current = root
      for component in url.path.dropFirst(root.path.count + 1).split(separator: "/") {
        current = current.appendingPathComponent(String(component))
        try makeOneDirectory(current)
      }
      return
    }
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

  /// One folder inside the data folder, made 0700 if missing; a link or a file in its place is refused.
  private static func makeOneDirectory(_ url: URL) throws {
    var info = stat()
    if lstat(url.path, &info) != 0 {
      if errno != ENOENT { throw StoreError.io(path: url.path, reason: errnoReason()) }
      if mkdir(url.path, 0o700) == 0 {
        _ = chmod(url.path, 0o700)
        return
      }
      // Another process may have made it in between: accept a real folder, never a link.
      if errno != EEXIST || lstat(url.path, &info) != 0 {
        throw StoreError.io(path: url.path, reason: errnoReason())
      }
    }
    if isDirectory(info) { return }
    if isSymbolicLink(info) { throw StoreError.io(path: url.path, reason: "a symbolic link is in place of a folder") }
    throw StoreError.io(path: url.path, reason: "a file is in the way of a folder")
  }

  static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
  static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
  static func isSymbolicLink(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFLNK }

  /// Reads a whole file; nil when it does not exist. The file itself is never a symbolic link followed elsewhere
  /// (O_NOFOLLOW), nor a FIFO or device that would block or never end (O_NONBLOCK, then only a regular file is
  /// read). A file of ours that group or others can read is put back to 0600 (`keepPrivate`; not for the bundle).
  static func read(_ url: URL, keepPrivate: Bool = true) throws -> Data? {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return nil }
      if errno == ELOOP { throw StoreError.io(path: url.path, reason: "it is a symbolic link") }
      throw StoreError.io(path: url.path, reason: errnoReason())
    }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) != 0 { throw StoreError.io(path: url.path, reason: errnoReason()) }
    guard isRegularFile(info) else { throw StoreError.io(path: url.path, reason: "it is not a regular file") }
    if keepPrivate, info.st_mode & 0o077 != 0, info.st_uid == geteuid() { _ = fchmod(fd, 0o600) }
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

  /// Opens a folder for `openat`/`renameat`/`fsync`, refusing a symbolic link in its place.
  static func openDirectory(_ folder: URL) throws -> Int32 {
    let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    if fd < 0 { throw StoreError.io(path: folder.path, reason: errnoReason()) }
    return fd
  }

  /// A name no file has yet: 16 random hex digits, so a planted name cannot be guessed in advance.
  static func randomSuffix() -> String {
    var generator = SystemRandomNumberGenerator()
    return String(format: "%016llx", generator.next() as UInt64)
  }

  /// Whether `name` is one of `writeAtomically`'s temporary names: `.`, the target's name, `.`, 16 hex digits, `.tmp`.
  static func isTemporaryName(_ name: String) -> Bool {
    guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
    let stem = name.dropLast(4)
    guard let dot = stem.lastIndex(of: "."), dot > stem.index(after: stem.startIndex) else { return false }
    let suffix = stem[stem.index(after: dot)...]
    return suffix.count == 16 && suffix.allSatisfy(\.isHexDigit)
  }

  /// The data folder's one folder of temporary files: a store open lists only it for what a killed writer left.
  static let temporaryFolderName = "tmp"

  /// Opens `<root>/tmp`, made 0700 if missing, refused when a link or a file is in its place or it is not ours;
  /// group or other bits on our own folder are taken away.
  static func openTemporaryFolder(under root: URL) throws -> (URL, Int32) {
    let url = root.appendingPathComponent(temporaryFolderName)
    try makeDirectory(url, under: root)
    let fd = try openDirectory(url)
    var info = stat()
    if fstat(fd, &info) != 0 {
      let reason = errnoReason()
      close(fd)
      throw StoreError.io(path: url.path, reason: reason)
    }
    if info.st_uid != geteuid() {
      close(fd)
      throw StoreError.io(path: url.path, reason: "the folder of temporary files belongs to another user")
    }
    if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o700) }
    return (url, fd)
  }

  /// The one write primitive: a new temporary file with a random name in the data folder's `tmp/` (the target's
  /// folder when no data folder is given), created `O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC` with mode 0600 (so nothing
  /// planted at that name is ever opened or followed), written, fsynced, renamed over the target (same file system,
  /// so the rename is atomic; it replaces a link at the target, it never follows it), then the target's folder
  /// fsynced: a reader or a crash sees the old bytes or the new ones, never a mix. A temporary file left by a killed
  /// writer has a `.tmp` name nobody reads, in the one folder a store open looks in.
  static func writeAtomically(_ data: Data, to url: URL, under root: URL? = nil, durable: Bool = true) throws {
    let folder = url.deletingLastPathComponent()
    try makeDirectory(folder, under: root)
    let directory = try openDirectory(folder)
    defer { close(directory) }
    var tempFolder = folder
    var temps = directory
    if let root, url.path.hasPrefix(root.path + "/") {
      (tempFolder, temps) = try openTemporaryFolder(under: root)
    }
    defer { if temps != directory { close(temps) } }
    var tempName = ""
    var fd: Int32 = -1
    for _ in 0..<16 {
      tempName = "." + url.lastPathComponent + "." + randomSuffix() + ".tmp"
      fd = openat(temps, tempName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if fd >= 0 || errno != EEXIST { break }
    }
    let tempPath = tempFolder.appendingPathComponent(tempName).path
    if fd < 0 { throw StoreError.io(path: tempPath, reason: errnoReason()) }
    var closed = false
    var renamed = false
    defer {
      if !closed { close(fd) }
      if !renamed { _ = unlinkat(temps, tempName, 0) }
    }
    // Our own new file, not a link: umask may have taken bits away, never added any.
    _ = fchmod(fd, 0o600)
    try writeAll(fd, data, path: tempPath)
    if durable { try fsyncFile(fd, path: tempPath) }
    closed = true
    if close(fd) != 0 { throw StoreError.io(path: tempPath, reason: errnoReason()) }
    FaultHook.step(.rename, path: url.path)
    if renameat(temps, tempName, directory, url.lastPathComponent) != 0 {
      throw StoreError.io(path: url.path, reason: errnoReason())
    }
    renamed = true
    if durable {
      FaultHook.step(.fsync, path: folder.path)
      _ = fsync(directory)
    }
  }

  /// The names in a folder (none when it is missing), noted for tests that check what a store open lists.
  static func listFolder(_ url: URL) -> [String] {
    CostProbe.note(.listFolder(path: url.path))
    return (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
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
    let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
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

  /// An exclusive advisory lock on the data folder itself, held until `unlock`. flock locks belong to the open
  /// file description, so it excludes other processes and other threads of this one alike. Locking the folder
  /// (not a `.lock` file in it) means no file can be deleted or replaced from under the writers; after locking,
  /// the folder open is checked to still be the one at the path (`hokulink reset` renames it away), else the lock
  /// is dropped and taken again on what is there now.
  static func lockExclusively(_ folder: URL) throws -> Int32 {
    while true {
      let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      if fd < 0 {
        if errno == ENOENT {
          throw StoreError.io(path: folder.path, reason: "the data folder was removed while in use")
        }
        throw StoreError.io(path: folder.path, reason: errnoReason())
      }
      while flock(fd, LOCK_EX) != 0 {
        if errno == EINTR { continue }
        let reason = errnoReason()
        close(fd)
        throw StoreError.io(path: folder.path, reason: reason)
      }
      var held = stat()
      var current = stat()
      if fstat(fd, &held) == 0, stat(folder.path, &current) == 0, held.st_dev == current.st_dev,
        held.st_ino == current.st_ino
      {
        return fd
      }
      unlock(fd)
    }
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
    let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
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
