import CPty
import Foundation

/// One session's `hokulink`, started in a new session on a pty of its own, so the pty is its controlling
/// terminal: closing the master hangs it up, resizing the master sends it SIGWINCH.
final class ChildProcess: @unchecked Sendable {
  let pid: pid_t
  /// The pty master; its owner (the session's pipe channel) closes it.
  let master: Int32
  private let lock = NSLock()
  private var reaped = false

  /// How a child ended, as waitpid said.
  enum Ending: Sendable {
    case exited(Int32)
    case signalled(Int32)
  }

  private init(pid: pid_t, master: Int32) {
    self.pid = pid
    self.master = master
  }

  static func start(
    path: String, arguments: [String], environment: [String: String], columns: Int, rows: Int
  ) throws(ServeError) -> ChildProcess {
    var slavePath = [CChar](repeating: 0, count: 128)
    let master = hokulink_pty_open(UInt16(clamping: columns), UInt16(clamping: rows), &slavePath, slavePath.count)
    guard master >= 0 else { throw ServeError("Could not open a pty: \(String(cString: strerror(errno))).") }
    // Held open until the child has its own, so the master never sees the slave side closed before it starts.
    let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
    defer { if slave >= 0 { close(slave) } }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    let pid = hokulink_pty_spawn(path, argv, envp, slavePath)
    guard pid > 0 else {
      let reason = String(cString: strerror(errno))
      close(master)
      throw ServeError("Could not start \(path): \(reason).")
    }
    return ChildProcess(pid: pid, master: master)
  }

  /// Waits on a thread of its own and calls `ended` once the child is gone (and reaped: no zombie).
  func waitForEnd(_ ended: @escaping @Sendable (Ending) -> Void) {
    let thread = Thread { [self] in
      // Wait without reaping first, so `signal` never reaches a pid the system has handed to someone else.
      var info = siginfo_t()
      while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0 && errno == EINTR {}
      var status: Int32 = 0
      lock.lock()
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      reaped = true
      lock.unlock()
      // WIFEXITED / WTERMSIG, which Swift does not import as functions.
      let signal = status & 0x7F
      ended(signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal))
    }
    thread.name = "hokulink-serve reaper \(pid)"
    thread.start()
  }

  /// Sends `signal` unless the child has already been reaped.
  func signal(_ signal: Int32) {
    lock.lock()
    defer { lock.unlock() }
    if !reaped { kill(pid, signal) }
  }

  var hasEnded: Bool {
    lock.lock()
    defer { lock.unlock() }
    return reaped
  }

  func resize(columns: Int, rows: Int) {
    _ = hokulink_pty_resize(master, UInt16(clamping: columns), UInt16(clamping: rows))
  }
}

extension ChildProcess.Ending {
  var signalName: String {
    guard case .signalled(let number) = self else { return "" }
    let names: [Int32: String] = [
      SIGHUP: "HUP", SIGINT: "INT", SIGQUIT: "QUIT", SIGILL: "ILL", SIGABRT: "ABRT", SIGFPE: "FPE", SIGKILL: "KILL",
      SIGSEGV: "SEGV", SIGPIPE: "PIPE", SIGALRM: "ALRM", SIGTERM: "TERM", SIGUSR1: "USR1", SIGUSR2: "USR2",
      SIGTRAP: "TRAP", SIGBUS: "BUS",
    ]
    return names[number] ?? "KILL"
  }
}
