import Foundation

/// Starts a program directly with posix_spawn, an empty signal mask and default handlers. Foundation's `Process`
/// hands its children the calling thread's blocked signals, and a child with SIGCHLD, SIGHUP and SIGTERM blocked
/// never ends nor notices a hang-up. Standard input, output and error are opened from the three paths given.
public func spawnWithCleanSignals(
  _ path: String, _ arguments: [String], environment: [String: String],
  stdin: String = "/dev/null", stdout: String = "/dev/null", stderr: String = "/dev/null"
) throws -> pid_t {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var empty = sigset_t()
  sigemptyset(&empty)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attributes, &empty)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let cArguments = ([path] + arguments).map { strdup($0) } + [nil]
  defer { cArguments.forEach { free($0) } }
  let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer { cEnvironment.forEach { free($0) } }
  var pid: pid_t = 0
  let result = posix_spawn(&pid, path, &actions, &attributes, cArguments, cEnvironment)
  guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
  return pid
}

/// Where `swift build` put the binaries (`hokulink` and `hokulink-serve` side by side): beside the test bundle.
public enum BuiltProducts {
  public static var directory: URL {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
      if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("hokulink").path) { return url }
      url.deleteLastPathComponent()
    }
    return Bundle.main.bundleURL
  }

  public static var hokulink: String { directory.appendingPathComponent("hokulink").path }
  public static var hokulinkServe: String { directory.appendingPathComponent("hokulink-serve").path }
}
