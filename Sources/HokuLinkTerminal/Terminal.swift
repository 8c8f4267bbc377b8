// HokuLinkTerminal: the only code that touches ncurses. Keys come out as `Key` messages (escape sequences
// decoded by `EscapeSequence` whatever TERM says); frames go in as a `Canvas`, painted as its `CanvasDiff`.

import CNcursesw
import Glibc
import HokuLinkUI

/// Why the terminal could not be used; the message is one plain sentence for standard error.
public struct TerminalError: Error, CustomStringConvertible {
  public let description: String
}

/// The only place that talks to ncurses: paints a Canvas, reads keys, mouse and resizes, and always
/// leaves the terminal as it found it.
public final class Terminal {
  private var previous: Canvas?
  /// The colour pair made for each foreground and background, at foreground × colours + background (0: none yet). An
  /// array, not a dictionary: a dictionary's first use costs the runtime a scan of every conformance in the binary
  /// (0.4 M instructions before the first frame), for at most 81 pairs.
  private var colorPairs = [Int16](repeating: 0, count: Terminal.colors * Terminal.colors)
  private var colorPairsMade: Int16 = 0
  /// How many colours a style names (`allCases` builds its array on every use: not for every cell drawn).
  private static let colors = Color.allCases.count
  private let useColor: Bool
  private var paste = PasteAssembler()
  private var open = false

  /// The codes ncurses returns for the bracketed-paste markers we define.
  static let pasteBegin = cn_key_max() + 1
  static let pasteEnd = cn_key_max() + 2

  /// Switches to a UTF-8 locale, starts ncurses in raw mode with instant Esc, bracketed paste and the
  /// mouse, and installs handlers so that SIGTERM, SIGHUP and SIGINT end the loop cleanly.
  public convenience init(environment: [String: String]) throws {
    try self.init(variable: { environment[$0] })
  }

  /// The same, reading the environment one variable at a time (the app passes getenv).
  public init(variable environment: (String) -> String?) throws {
    try Terminal.ensureUTF8Locale()
    SignalWatch.install()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(description: "hokulink needs a terminal; for scripts use `hokulink play --headless`.")
    }
    if let delay = Terminal.escapeDelay(variable: environment) { set_escdelay(delay) }
    guard initscr() != nil else {
      throw TerminalError(description: "The terminal could not be started (is TERM set?).")
    }
    open = true
    useColor = environment("NO_COLOR").map { $0.isEmpty } ?? true
    raw()
    noecho()
    nonl()
    keypad(cn_stdscr(), true)
    intrflush(cn_stdscr(), false)
    if useColor && has_colors() {
      start_color()
      use_default_colors()
    }
    _ = mousemask(cn_mouse_mask(), nil)
    mouseinterval(0)
    define_key("\u{1B}[200~", Terminal.pasteBegin)
    define_key("\u{1B}[201~", Terminal.pasteEnd)
    // Home, End, Delete, PageUp and PageDown as every common terminal sends them, whatever TERM says.
    for (sequence, key) in EscapeSequence.common {
      if let code = Terminal.keyCode(key) { define_key(sequence, code) }
    }
    Terminal.writeRaw("\u{1B}[?2004h")
  }

  /// Milliseconds ncurses waits after Esc for the rest of an escape sequence: 25 (Esc answers at once, SPEC §6)
  /// unless the person set `ESCDELAY` themselves, which ncurses then reads as usual (nil: leave it to ncurses).
  public static func escapeDelay(environment: [String: String]) -> Int32? {
    escapeDelay(variable: { environment[$0] })
  }

  public static func escapeDelay(variable environment: (String) -> String?) -> Int32? {
    environment("ESCDELAY") == nil ? 25 : nil
  }

  deinit { restore() }

  static func keyCode(_ key: Key) -> Int32? {
    switch key {
    case .home: return KEY_HOME
    case .end: return KEY_END
    case .delete: return KEY_DC
    case .pageUp: return KEY_PPAGE
    case .pageDown: return KEY_NPAGE
    default: return nil
    }
  }

  /// After a bare ESC: the rest of a sequence ncurses did not know, read without waiting (ncurses already
  /// waited ESCDELAY for it and keeps what it read but could not match). A known sequence gives its key, an unknown whole one gives nothing at all, and ESC with
  /// nothing after it is the Esc key. A character that starts no sequence is given back to be read next.
  private func readEscapeSequence() -> Key? {
    var body: [Unicode.Scalar] = []
    wtimeout(cn_stdscr(), 0)
    while !EscapeSequence.isComplete(body) && body.count < EscapeSequence.maximumLength {
      var value: wint_t = 0
      let result = wget_wch(cn_stdscr(), &value)
      if result == ERR { break }
      if result == KEY_CODE_YES {
        // A decoded key right after ESC: Esc, then that key.
        _ = ungetch(Int32(bitPattern: value))
        break
      }
      guard let scalar = Unicode.Scalar(UInt32(value)) else { break }
      body.append(scalar)
      if !EscapeSequence.isSequence(body) {
        unget_wch(wchar_t(bitPattern: scalar.value))
        body.removeAll()
        break
      }
    }
    if body.isEmpty { return .escape }
    return EscapeSequence.decode(body)
  }

  /// Ends ncurses and bracketed paste; safe to call more than once.
  public func restore() {
    guard open else { return }
    open = false
    Terminal.writeRaw("\u{1B}[?2004l")
    curs_set(1)
    endwin()
  }

  public var size: (width: Int, height: Int) {
    (Int(getmaxx(cn_stdscr())), Int(getmaxy(cn_stdscr())))
  }

  /// True once SIGTERM, SIGHUP or SIGINT arrived: the caller saves and returns.
  public var shouldQuit: Bool { SignalWatch.received != 0 || hungUp }

  /// True once the terminal went away (an SSH connection or a tmux server that ended without a SIGHUP):
  /// reads then fail at once, and looping on them would spin.
  public private(set) var hungUp = false

  private func checkHangUp() {
    var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    if poll(&descriptor, 1, 0) < 0 || descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
      || isatty(STDIN_FILENO) != 1
    {
      hungUp = true
    }
  }

  /// Waits up to `timeoutMilliseconds` (nil: forever) for one event.
  public func readKey(timeoutMilliseconds: Int32? = nil) -> Key? {
    while true {
      // An open paste waits only its short quiet time: a paste whose end marker never comes still ends.
      wtimeout(cn_stdscr(), paste.readTimeout(timeoutMilliseconds) ?? -1)
      var value: wint_t = 0
      let result = wget_wch(cn_stdscr(), &value)
      if result == ERR {
        if paste.isPasting { return paste.end() }
        checkHangUp()
        return nil
      }
      let isCode = result == KEY_CODE_YES
      let code = Int32(bitPattern: value)
      if isCode && code == Terminal.pasteBegin {
        paste.begin()
        continue
      }
      if isCode && code == Terminal.pasteEnd { return paste.end() }
      if paste.isPasting {
        if !isCode, let scalar = Unicode.Scalar(UInt32(value)), let key = paste.take(scalar) { return key }
        continue
      }
      if isCode && code == KEY_MOUSE {
        var event = MEVENT()
        guard getmouse(&event) == OK else { continue }
        if cn_button4(event.bstate) != 0 { return .scrollUp }
        if cn_button5(event.bstate) != 0 { return .scrollDown }
        if cn_button1(event.bstate) != 0 { return .click(x: Int(event.x), y: Int(event.y)) }
        continue
      }
      if isCode && code == KEY_RESIZE {
        previous = nil
        let now = size
        return .resize(width: now.width, height: now.height)
      }
      if !isCode && value == 27 {
        let key = readEscapeSequence()
        wtimeout(cn_stdscr(), timeoutMilliseconds ?? -1)
        if let key { return key }
        continue  // a sequence the app does not know: nothing happens
      }
      if let key = KeyDecoder.decode(isKeyCode: isCode, value: UInt32(value)) { return key }
    }
  }

  /// Paints what changed since the last frame (`CanvasDiff`, worked out in HokuLinkUI) and puts the real
  /// cursor at the canvas's insertion point.
  public func draw(_ canvas: Canvas) {
    let diff = CanvasDiff(from: previous, to: canvas)
    if diff.clear { werase(cn_stdscr()) }
    for change in diff.changes {
      wattr_set(cn_stdscr(), attributes(for: change.cell.style), colorPair(for: change.cell.style), nil)
      var wide = Array(change.cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
      wide.append(0)
      _ = mvwaddwstr(cn_stdscr(), Int32(change.y), Int32(change.x), wide)
    }
    wattr_set(cn_stdscr(), cn_a_normal(), 0, nil)
    if let cursor = canvas.cursor {
      curs_set(1)
      wmove(cn_stdscr(), Int32(cursor.y), Int32(cursor.x))
    } else {
      curs_set(0)
    }
    wrefresh(cn_stdscr())
    previous = canvas
  }

  private func attributes(for style: Style) -> attr_t {
    var value = cn_a_normal()
    if style.bold { value |= cn_a_bold() }
    if style.underline { value |= cn_a_underline() }
    if style.reverse { value |= cn_a_reverse() }
    if style.dim { value |= cn_a_dim() }
    return value
  }

  private func colorPair(for style: Style) -> Int16 {
    guard useColor, has_colors(), style.foreground != .standard || style.background != .standard else { return 0 }
    let key = Int(style.foreground.rawValue) * Terminal.colors + Int(style.background.rawValue)
    if colorPairs[key] != 0 { return colorPairs[key] }
    let pair = colorPairsMade + 1
    guard Int32(pair) < cn_color_pairs() else { return 0 }
    init_pair(pair, Terminal.cursesColor(style.foreground), Terminal.cursesColor(style.background))
    colorPairs[key] = pair
    colorPairsMade = pair
    return pair
  }

  static func cursesColor(_ color: Color) -> Int16 {
    switch color {
    case .standard: return -1
    case .black: return Int16(COLOR_BLACK)
    case .red: return Int16(COLOR_RED)
    case .green: return Int16(COLOR_GREEN)
    case .yellow: return Int16(COLOR_YELLOW)
    case .blue: return Int16(COLOR_BLUE)
    case .magenta: return Int16(COLOR_MAGENTA)
    case .cyan: return Int16(COLOR_CYAN)
    case .white: return Int16(COLOR_WHITE)
    }
  }

  /// Uses the environment's locale when it is UTF-8, else C.UTF-8; refuses with a clear sentence otherwise.
  public static func ensureUTF8Locale() throws {
    setlocale(LC_ALL, "")
    if isUTF8() { return }
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_ALL, name) != nil && isUTF8() {
      return
    }
    throw TerminalError(
      description: "No UTF-8 locale is available; install one (for example C.UTF-8) and set LANG=C.UTF-8.")
  }

  private static func isUTF8() -> Bool {
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
  }

  /// Writes straight to the terminal, bypassing ncurses (for the paste mode switch).
  static func writeRaw(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  }
}

/// Records SIGTERM, SIGHUP and SIGINT so that the main loop can save and restore the terminal.
/// Installed without SA_RESTART, so a blocking read returns at once when a signal arrives.
enum SignalWatch {
  nonisolated(unsafe) static var received: sig_atomic_t = 0

  static func install() {
    // A process can start with these blocked (tmux passes on the mask of whoever started it, a test
    // runner's thread for one); blocked, a dropped connection would never be noticed.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGTERM, SIGHUP, SIGINT] { sigaddset(&handled, signal) }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    for signal in [SIGTERM, SIGHUP, SIGINT] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { number in SignalWatch.received = number }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, nil)
    }
  }
}
