import Foundation
import Screens

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AppOptions {
  /// `--accessible`, or a terminal that says it cannot draw (TERM=dumb). Standard output that is not a
  /// terminal does not switch by itself: the full-screen app then fails with a plain sentence instead, so a
  /// mistake in a pipe is seen rather than silently turned into another mode.
  var wantsAccessible: Bool {
    accessible || processEnvironment["TERM"] == "dumb"
  }
}

/// Runs the app in the mode the options ask for.
enum AppLoop {
  static func run(_ app: App, accessible: Bool) throws {
    if accessible {
      AccessibleLoop.run(app)
    } else {
      try TerminalLoop.run(app)
    }
    // A damaged data file stopped the app: say which, in one sentence, once the terminal is restored.
    if let failure = app.failure { throw failure }
  }
}

/// Set by SIGINT, SIGTERM and SIGHUP: the reader then reports the end of input, so the session ends the
/// normal way (what was typed is kept: the session writes the draft as it ends).
nonisolated(unsafe) private var interrupted: sig_atomic_t = 0

/// The accessible mode on standard input and output: no ncurses, no escape sequences.
enum AccessibleLoop {
  static func run(_ app: App) {
    catchSignals()
    let secret: (() -> String?)? = canHideInput ? { readHidden() } : nil
    let session = AccessibleSession(app: app, read: { readInput() }, readSecret: secret, write: { emit($0) })
    session.run()
  }

  /// Written at once (not buffered), so a person, a screen reader or a program on a pipe sees each line as
  /// soon as it is said.
  private static func emit(_ line: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((safe(line) + "\n").utf8))
  }

  /// The handler only sets a flag; installed without SA_RESTART so a blocked read returns at once.
  private static func catchSignals() {
    // A parent may start us with these blocked (seen with Foundation's Process on Linux): unblock them, or the read
    // would never be interrupted.
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, signal) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in interrupted = 1 }
      #else
        action.__sigaction_u.__sa_handler = { _ in interrupted = 1 }
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, nil)
    }
  }

  /// One line of standard input, nil at its end or once a signal came. Read with read(2) a byte at a time
  /// rather than `readLine()`: the standard library's reader goes back to waiting after a signal interrupts
  /// it, so Ctrl-C would not end the session cleanly (and would not save what was typed).
  private static func readInput() -> String? {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while interrupted == 0 {
      let count = read(STDIN_FILENO, &byte, 1)
      if count == 1 {
        if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
        // A line longer than anyone types is cut rather than kept growing.
        if bytes.count < maxLineBytes { bytes.append(byte) }
        continue
      }
      if count < 0 && errno == EINTR { continue }  // the loop's condition sees the flag
      // The end of input: a last line without its newline still counts.
      return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
    emit("")  // past the ^C the terminal echoed, so the goodbye starts on its own line
    return nil
  }

  private static let maxLineBytes = 64 * 1024

  /// Echo can be turned off only on a real terminal; on a pipe nothing is echoed anyway.
  private static var canHideInput: Bool {
    var settings = termios()
    return isatty(STDIN_FILENO) != 0 && tcgetattr(STDIN_FILENO, &settings) == 0
  }

  /// Reads a line with the terminal's echo off (like getpass), and puts the echo back however it ends.
  private static func readHidden() -> String? {
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readInput() }
    var quiet = saved
    quiet.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer {
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
      emit("")  // the Enter that ended the line was not echoed either
    }
    return readInput()
  }
}
