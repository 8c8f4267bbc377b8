import Foundation
import HokuLinkCore
import HokuLinkUI

/// `--accessible` (SPEC §6): the same App and screens as the full-screen app, read out as plain lines and
/// driven by typed numbers, for screen readers and dumb terminals. Nothing here knows a particular screen:
/// it reads `app.page` and acts through the same keys and events as the keyboard and scripted play, so every
/// screen works here as soon as it works in the full-screen app.
public final class AccessibleSession {
  public let app: App
  private let read: () -> String?
  private let readSecret: (() -> String?)?
  private let write: (String) -> Void
  /// The screen as last printed, so an action that changed nothing does not print it again.
  private var shown: [String]?
  /// Input ended (or was interrupted) in the middle of a question.
  private var ended = false
  /// `s` (like F2 in the full screen): passwords and keywords are read out and typed visibly, to catch a typo made
  /// through an input method. Off by default, and off again on the next `s`.
  public private(set) var showingSecrets = false

  /// `read` returns one line without its newline, nil at the end of input. `readSecret`, when given, reads a
  /// line without echoing it (for masked fields on a real terminal); without it masked fields are read with
  /// `read` and the person is told the input shows. `write` receives one line at a time.
  public init(
    app: App, read: @escaping () -> String?, readSecret: (() -> String?)? = nil, write: @escaping (String) -> Void
  ) {
    self.app = app
    self.read = read
    self.readSecret = readSecret
    self.write = write
  }

  private var language: Language { app.env.language }

  /// Runs until the person quits, a screen ends the app, or the input ends.
  public func run() {
    defer { app.env.keepDraft() }
    say(AccessibleWords.intro)
    while !app.finished && !ended {
      let screen = screenLines()
      if screen != shown {
        line("")
        for text in screen { line(text) }
        shown = screen
      }
      say(AccessibleWords.prompt)
      guard let input = read() else { break }
      perform(input.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    say(AccessibleWords.goodbye)
  }

  // MARK: - What the screen says

  /// The current screen as plain lines: title, STEP, guide, then every control in reading order, the
  /// focusable ones numbered in the order of `Page.focusables`.
  public func screenLines() -> [String] {
    let l = language
    let screen = app.screen
    let page = app.page
    var lines = [AccessibleWords.screen(l) + screen.title(l)]
    if screen.frame(app.env) == .browser { lines.append(AccessibleWords.address(l) + screen.address) }
    if let stage = screen.stage {
      let mark = stage.mark(l)
      let title = stage.title(l)
      var text = mark == title ? title : "\(mark) \(title)"
      if let cheer = stage.cheer { text += " — " + cheer(l) }
      lines.append(text)
    }
    if app.guideVisible, let note = app.guideNote {
      var text = AccessibleWords.guide(l) + " \(app.guideStep ?? ""): " + note.text(l)
      if let target = note.target, let index = page.focusableIDs.firstIndex(of: target),
        let label = page.label(of: target)
      {
        text += " (" + AccessibleWords.number(l) + " \(index + 1): \(label))"
      }
      lines.append(text)
    }
    var number = 0
    func visit(_ controls: [Control], indent: String) {
      for control in controls {
        switch control {
        case .text(let text, let style):
          lines.append(indent + (style == .error ? AccessibleWords.error(l) : "") + AccessibleWords.ownKeys(text))
        case .field(let spec):
          number += 1
          lines.append(indent + "\(number). \(spec.label)\(required(spec.required)): \(value(of: spec))")
          if let hint = spec.hint { lines.append(indent + "   " + hint) }
          if let placeholder = spec.placeholder, spec.state.text.isEmpty {
            lines.append(indent + "   " + AccessibleWords.example(l) + placeholder)
          }
          if let error = spec.error { lines.append(indent + "   " + AccessibleWords.error(l) + error) }
        case .checkbox(_, let label, let checked, let error):
          number += 1
          let mark = checked ? "[x]" : "[ ]"
          let state = checked ? AccessibleWords.checked(l) : AccessibleWords.unchecked(l)
          lines.append(indent + "\(number). \(mark) \(label) (\(state))")
          if let error { lines.append(indent + "   " + AccessibleWords.error(l) + error) }
        case .choice(let spec):
          number += 1
          let current = spec.selected.flatMap { spec.options.indices.contains($0) ? spec.options[$0] : nil }
          lines.append(
            indent + "\(number). \(spec.label)\(required(spec.required)): \(current ?? AccessibleWords.notChosen(l))")
          // A long list (a selector in the full screen) is listed only when it is opened.
          if spec.style == .radio {
            for (index, option) in spec.options.enumerated() {
              lines.append(indent + "   " + optionLine(spec, index, option))
            }
          } else {
            lines.append(indent + "   " + AccessibleWords.optionCount(l, spec.options.count))
          }
          if let error = spec.error { lines.append(indent + "   " + AccessibleWords.error(l) + error) }
        case .button(_, let label, _):
          number += 1
          lines.append(indent + "\(number). [\(AccessibleWords.button(l))] \(label)")
        case .link(_, let label):
          number += 1
          lines.append(indent + "\(number). [\(AccessibleWords.link(l))] \(label)")
        case .summary(let rows):
          for row in rows { lines.append(indent + "\(row.label): \(row.value)") }
        case .barChart(let title, let bars, let unit):
          lines.append(indent + title)
          for bar in bars { lines.append(indent + "  \(bar.label): \(bar.value) \(unit)") }
        case .spacer, .divider:
          break  // layout only: nothing to read out
        case .group(let title, let inner):
          if !title.isEmpty { lines.append(indent + title) }
          visit(inner, indent: indent + "  ")
        }
      }
    }
    visit(page.controls, indent: "")
    return lines
  }

  private func required(_ required: Bool) -> String {
    required ? " (" + AccessibleWords.required(language) + ")" : ""
  }

  private func value(of spec: FieldSpec) -> String {
    let text = spec.state.text
    if text.isEmpty { return AccessibleWords.empty(language) }
    // A fixed mark: read out, one ● per character would tell the secret's length.
    return spec.masked && !showingSecrets ? AccessibleWords.secretEntered(language) : text
  }

  private func optionLine(_ spec: ChoiceSpec, _ index: Int, _ option: String) -> String {
    var text = "(\(index + 1)) \(option)"
    if let note = spec.notes[index] { text += " [\(note)]" }
    if index == spec.selected { text += " ← " + AccessibleWords.selected(language) }
    return text
  }

  // MARK: - What the person types

  private func perform(_ input: String) {
    guard !input.isEmpty else { return }
    let before = screenLines()
    switch input.lowercased() {
    case "h", "?":
      help()
      return
    case "r":
      shown = nil
      return
    case "q":
      app.handle(.control("c"))
      return
    case "b": app.handle(.escape)
    case "m": app.handle(.function(4))
    case "g": app.handle(.function(3))
    case "s":
      // The screen is printed again by the loop, since its secret values now read differently.
      showingSecrets.toggle()
      say(showingSecrets ? AccessibleWords.secretsNowShown : AccessibleWords.secretsNowHidden)
      return
    default:
      guard let number = Self.number(input) else {
        say(AccessibleWords.unknownInput)
        return
      }
      guard act(on: number) else { return }
    }
    if !app.finished && !ended && screenLines() == before { say(AccessibleWords.unchanged) }
  }

  /// Uses the numbered control; false when there was nothing to use (or the question was cancelled).
  private func act(on number: Int) -> Bool {
    let items = app.page.focusables
    guard items.indices.contains(number - 1) else {
      say(AccessibleWords.noSuchNumber)
      return false
    }
    let item = items[number - 1]
    switch item.kind {
    case .button, .link:
      app.press(item.id)
    case .checkbox:
      guard let checked = app.page.isChecked(item.id) else { return false }
      let before = screenLines()
      let title = app.screen.title(language)
      app.setChecked(item.id, !checked)
      tell(changesFrom: before, title: title)
    case .choice:
      let before = screenLines()
      let title = app.screen.title(language)
      guard choose(item.id) else { return false }
      tell(changesFrom: before, title: title)
    case .field:
      let before = screenLines()
      let title = app.screen.title(language)
      guard enter(item.id) else { return false }
      tell(changesFrom: before, title: title)
    }
    return true
  }

  /// After an entry on the same screen: only the lines that changed (the field's new value or its error, and
  /// an address filled from a postal code), not the whole screen again; `r` reprints it.
  private func tell(changesFrom before: [String], title: String) {
    let after = screenLines()
    guard app.screen.title(language) == title, after.count > 0 else { return }
    let old = Set(before)
    let changed = after.filter { !old.contains($0) && !$0.hasPrefix(AccessibleWords.guide(language)) }
    for text in changed { line(text) }
    shown = after
  }

  private func choose(_ id: ControlID) -> Bool {
    guard let spec = app.page.choice(id) else { return false }
    let l = language
    line(AccessibleWords.chooseFrom(l, spec.label))
    for (index, option) in spec.options.enumerated() { line("   " + optionLine(spec, index, option)) }
    say(AccessibleWords.optionPrompt)
    guard let input = read() else {
      ended = true
      return false
    }
    let answer = input.trimmingCharacters(in: .whitespacesAndNewlines)
    if answer.isEmpty {
      say(AccessibleWords.cancelled)
      return false
    }
    let index: Int?
    if let number = Self.number(answer) {
      index = spec.options.indices.contains(number - 1) ? number - 1 : nil
    } else if case .success(let found) = app.page.find(option: answer, in: id) {
      // The option's words work too, by the scripts' rule (exact, else the one that contains them).
      index = found
    } else {
      index = nil
    }
    guard let index else {
      say(AccessibleWords.noSuchOption)
      return false
    }
    app.choose(id, option: index)
    return true
  }

  private func enter(_ id: ControlID) -> Bool {
    guard let spec = app.page.field(id) else { return false }
    let l = language
    // What helps with the answer comes first; the line that asks for it comes last, just before the typing.
    if let hint = spec.hint { line("   " + hint) }
    if let maxLength = spec.maxLength { say(AccessibleWords.maxLength(maxLength)) }
    let hidden = spec.masked && !showingSecrets
    if spec.masked {
      say(hidden && readSecret != nil ? AccessibleWords.secretHidden : AccessibleWords.secretShows)
    }
    line(AccessibleWords.enterValue(l, spec.label))
    guard let input = (hidden ? readSecret ?? read : read)() else {
      ended = true
      return false
    }
    let answer = input.trimmingCharacters(in: .newlines)
    if answer.isEmpty {
      say(AccessibleWords.cancelled)
      return false
    }
    // The same keys as typing in the full screen: clear, then each character, so the field's own
    // normalisation and length limit apply.
    app.fill(id, with: answer == "-" ? "" : answer)
    // Leaving the field checks it, as Tab would in the full screen, so its error (if any) is told at once.
    let ids = app.page.focusableIDs
    if let index = ids.firstIndex(of: id), ids.count > 1 { app.focus(ids[(index + 1) % ids.count]) }
    if let maxLength = spec.maxLength, answer.count > maxLength,
      let now = app.page.field(id)?.state.text, now.count >= maxLength
    {
      say(AccessibleWords.cut(maxLength))
    }
    return true
  }

  private func help() {
    let l = language
    for key in AccessibleWords.helpLines(onPC: app.env.pc) { line(key(l)) }
    line(app.env.supportLine)
  }

  /// A number typed with ASCII or full-width digits (a Japanese input method may give either).
  static func number(_ text: String) -> Int? {
    let ascii = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { scalar in
          (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30) ?? scalar : scalar
        }))
    return Int(ascii)
  }

  // MARK: - Output

  /// Every line goes out through SafeText, split at line breaks, so nothing typed or stored can move or
  /// recolour the terminal.
  private func line(_ text: String) {
    for piece in text.split(separator: "\n", omittingEmptySubsequences: false) {
      write(SafeText.displayable(String(piece)))
    }
  }

  private func say(_ words: Localized) {
    line(words(language))
  }

  private func say(_ words: (Language) -> String) {
    line(words(language))
  }
}

/// The accessible mode's own words.
enum AccessibleWords {
  static let intro = Localized(
    ja: "ほくリンク (読み上げ向けの行表示)。番号を入力して Enter で操作します。h でヘルプ、q で終了。",
    en: "HokuLink (plain line mode). Type a number and Enter to use that item. h for help, q to quit.")
  static let prompt = Localized(
    ja: "番号を入力してください (h: ヘルプ, q: 終了) >", en: "Type a number (h: help, q: quit) >")
  static let goodbye = Localized(ja: "終了しました。", en: "Goodbye.")
  static let screen = Localized(ja: "画面: ", en: "Screen: ")
  static let address = Localized(ja: "アドレス: ", en: "Address: ")
  static let guide = Localized(ja: "ガイド 手順", en: "Guide step")
  static let number = Localized(ja: "番号", en: "number")
  static let error = Localized(ja: "エラー: ", en: "Error: ")
  static let example = Localized(ja: "入力例: ", en: "Example: ")
  static let required = Localized(ja: "必須", en: "required")
  static let empty = Localized(ja: "(未入力)", en: "(empty)")
  static let notChosen = Localized(ja: "(未選択)", en: "(not chosen)")
  static let selected = Localized(ja: "選択中", en: "selected")
  static let checked = Localized(ja: "チェックあり", en: "ticked")
  static let unchecked = Localized(ja: "チェックなし", en: "not ticked")
  static let button = Localized(ja: "ボタン", en: "Button")
  static let link = Localized(ja: "リンク", en: "Link")
  static let unchanged = Localized(
    ja: "画面は変わりませんでした (r でもう一度表示)。", en: "Nothing changed (r shows the screen again).")
  static let unknownInput = Localized(
    ja: "番号か、h・b・m・g・s・r・q のどれかを入力してください。", en: "Type a number, or one of h, b, m, g, s, r, q.")
  static let noSuchNumber = Localized(ja: "その番号の項目はありません。", en: "There is no item with that number.")
  static let noSuchOption = Localized(ja: "その選択肢はありません。", en: "There is no such option.")
  static let cancelled = Localized(ja: "変更しませんでした。", en: "Left as it was.")
  static let optionPrompt = Localized(
    ja: "選択肢の番号を入力してください (Enter だけで取り消し) >", en: "Type the option's number (Enter alone cancels) >")
  static let secretEntered = Localized(ja: "●●●● (入力済み)", en: "●●●● (entered)")
  static let secretHidden = Localized(
    ja: "入力した文字は表示されません (表示するには、先に s を入力します)。",
    en: "What you type is not shown (type s first to show it).")
  static let secretsNowShown = Localized(
    ja: "パスワードと秘密のキーワードを表示します (s でまた隠します)。",
    en: "Passwords and secret keywords are now shown (s hides them again).")
  static let secretsNowHidden = Localized(
    ja: "パスワードと秘密のキーワードを隠しました。", en: "Passwords and secret keywords are hidden again.")
  static let secretShows = Localized(
    ja: "ご注意: この表示方法では入力した文字が画面に残ります。周りに人がいないか確かめてください。",
    en: "Note: in this mode what you type stays visible on the screen. Make sure no one is looking.")

  /// The full screen's keys in a screen's text, as this mode types them: Esc is b, F4 is m, F3 is g. Only a key
  /// name standing alone is a key: inside an ID, a token or a word (利用者ID `FWL5F3Y5`, a link's `…-F3_…`) the
  /// letters are data and stay as they are.
  static func ownKeys(_ text: String) -> String {
    // By UTF-8 bytes: the key names and the characters that join them are ASCII, and every byte of a non-ASCII
    // character is 0x80 or above, so it neither matches nor joins.
    let bytes = Array(text.replacingOccurrences(of: "Press Esc to", with: "Type b to").utf8)
    func joins(_ index: Int) -> Bool {
      guard bytes.indices.contains(index) else { return false }
      let byte = bytes[index]
      let folded = byte | 0x20  // A–Z onto a–z
      return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(folded) || "-_./=?&%+".utf8.contains(byte)
    }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = 0
    scan: while index < bytes.count {
      if !joins(index - 1) {
        for (name, word) in [("Esc", "b"), ("F4", "m"), ("F3", "g")] {
          let end = index + name.utf8.count
          if end <= bytes.count, bytes[index..<end].elementsEqual(name.utf8), !joins(end) {
            result += word.utf8
            index = end
            continue scan
          }
        }
      }
      result.append(bytes[index])
      index += 1
    }
    return String(decoding: result, as: UTF8.self)
  }

  static func optionCount(_ l: Language, _ count: Int) -> String {
    l == .ja ? "(選択肢 \(count) 件。番号を入力すると一覧が出ます)" : "(\(count) options; type the number to list them)"
  }

  static func chooseFrom(_ l: Language, _ label: String) -> String {
    l == .ja ? "「\(label)」の選択肢:" : "Options for “\(label)”:"
  }

  static func enterValue(_ l: Language, _ label: String) -> String {
    l == .ja
      ? "「\(label)」を入力して Enter (Enter だけで変更なし、「-」だけで空欄にします) >"
      : "Type “\(label)” and Enter (Enter alone leaves it, “-” alone empties it) >"
  }

  static func maxLength(_ count: Int) -> (Language) -> String {
    { $0 == .ja ? "(\(count) 文字まで)" : "(up to \(count) characters)" }
  }

  static func cut(_ count: Int) -> (Language) -> String {
    {
      $0 == .ja
        ? "\(count) 文字までしか入りません。超えた分は入力されていません。"
        : "Only \(count) characters fit; the rest was not entered."
    }
  }

  static func helpLines(onPC: Bool) -> [Localized] {
    [
      Localized(ja: "操作方法:", en: "How to use this mode:"),
      Localized(
        ja: "  番号 + Enter: その項目を使います (ボタン・リンクは押す、チェックは切り替え、選択肢は選ぶ、入力欄は入力)",
        en: "  number + Enter: use that item (press a button or link, tick a box, pick an option, fill a field)"),
      Localized(ja: "  b: 前の画面に戻る (Esc と同じ)", en: "  b: back to the previous screen (like Esc)"),
      onPC
        ? Localized(ja: "  m: ブラウザのブックマーク (F4 と同じ)", en: "  m: the browser's bookmarks (like F4)")
        : Localized(ja: "  m: スマホのホーム画面 (F4 と同じ)", en: "  m: the phone's home screen (like F4)"),
      Localized(ja: "  g: ガイドの表示・非表示 (F3 と同じ)", en: "  g: show or hide the guide (like F3)"),
      Localized(
        ja: "  s: パスワードと秘密のキーワードの表示・非表示 (F2 と同じ)",
        en: "  s: show or hide passwords and secret keywords (like F2)"),
      Localized(ja: "  r: 画面をもう一度表示", en: "  r: show the screen again"),
      Localized(ja: "  h: このヘルプ", en: "  h: this help"),
      Localized(ja: "  q: 終了 (続きから再開できます)", en: "  q: quit (you can continue later)"),
    ]
  }
}
