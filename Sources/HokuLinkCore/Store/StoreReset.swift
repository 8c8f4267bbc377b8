import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Store {
  /// Deletes a data folder whole (`hokulink reset`): under the store's lock, so no writer is halfway through a
  /// commit, the folder is renamed away in one step (every other process then sees all of it or none of it, and a
  /// writer waiting for the lock finds it gone), and only then removed. Every failure is one `StoreError` sentence.
  public static func deleteFolder(_ folder: URL) throws {
    let folder = folder.standardizedFileURL
    try checkOwnership(folder)
    let fd = try FileIO.lockExclusively(folder)
    defer { FileIO.unlock(fd) }
    let parent = folder.deletingLastPathComponent()
    let aside = parent.appendingPathComponent("." + folder.lastPathComponent + ".deleted-" + FileIO.randomSuffix())
    try FileIO.renameFile(folder, to: aside)
    FileIO.syncDirectory(parent)
    do {
      try FileManager.default.removeItem(at: aside)
    } catch {
      throw StoreError.io(
        path: aside.path,
        reason: "the data folder was moved there but not all of it could be deleted; delete it by hand")
    }
  }
}
