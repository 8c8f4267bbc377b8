/// The language every screen is drawn in (`--lang ja|en`).
public enum Language: String, Hashable, Sendable, CaseIterable {
  case ja, en
}

/// One piece of interface text in both languages; call it with the language to get the words.
public struct Localized: Hashable, Sendable {
  public let ja: String
  public let en: String

  public init(ja: String, en: String) {
    self.ja = ja
    self.en = en
  }

  public func callAsFunction(_ language: Language) -> String {
    switch language {
    case .ja: return ja
    case .en: return en
    }
  }
}

/// The words the toolkit itself shows (frames, help, the guide panel), in one place so that a translation
/// is a single edit.
public enum UIText {
  public static let next = Localized(ja: "次へ", en: "Next")
  public static let decide = Localized(ja: "決定", en: "OK")
  public static let back = Localized(ja: "戻る", en: "Back")
  public static let help = Localized(ja: "ヘルプ", en: "Help")
  public static let home = Localized(ja: "ホーム", en: "Home")
  /// F4 on the PC: the browser's bookmarks (the PC has no phone home screen).
  public static let bookmarks = Localized(ja: "ブックマーク", en: "Bookmarks")
  /// What F4 does on the PC, as the help overlay says it.
  public static let pcBookmarksKey = Localized(
    ja: "ブラウザのブックマーク (Webメール・郵便受け)", en: "the browser's bookmarks (webmail, letterbox)")
  public static let guide = Localized(ja: "ガイド", en: "Guide")
  public static let quit = Localized(ja: "終了", en: "Quit")
  /// The key bar's F2 on a password or keyword field: what pressing it does next.
  public static let showSecret = Localized(ja: "表示", en: "Show")
  public static let hideSecret = Localized(ja: "隠す", en: "Hide")
  public static let choosePlaceholder = Localized(ja: "選択してください", en: "Please choose")
  /// Before a field's example, shown beside the field (never as a dim value inside it).
  public static let example = Localized(ja: "例: ", en: "e.g. ")
  public static let enlarge = Localized(
    ja: "画面を大きくしてください (80×24 以上)", en: "Please enlarge the window to at least 80×24")
  public static let currentSize = Localized(ja: "現在のサイズ", en: "Current size")
  public static let helpTitle = Localized(ja: "ヘルプ — キー操作", en: "Help — keys")
  public static let closeHelp = Localized(ja: "Esc または F1 で閉じる", en: "Esc or F1 closes this")
  // 手順, not STEP: the guide's numbered steps are not the phone header's STEP1–3.
  public static let guideStep = Localized(ja: "ガイド 手順", en: "Guide step")
  public static let guideKey = Localized(ja: "押すキー", en: "Press")
  public static let guideDone = Localized(ja: "なし(これで完了です)", en: "nothing, you are done")
  public static let guideToggle = Localized(ja: "F3 でガイドを隠す", en: "F3 hides the guide")

  /// The keys of SPEC §6, as the help overlay lists them.
  public static let helpKeys: [(key: Localized, action: Localized)] = [
    (Localized(ja: "Tab / ↓", en: "Tab / ↓"), Localized(ja: "次の項目へ", en: "next item")),
    (Localized(ja: "Shift-Tab / ↑", en: "Shift-Tab / ↑"), Localized(ja: "前の項目へ", en: "previous item")),
    (Localized(ja: "Enter", en: "Enter"), Localized(ja: "ボタン・リンクを押す", en: "press a button or link")),
    (Localized(ja: "Space", en: "Space"), Localized(ja: "チェック・選択", en: "tick a box, pick a choice")),
    (Localized(ja: "← / →", en: "← / →"), Localized(ja: "入力欄の移動・選択肢の変更", en: "move in a field, change a choice")),
    (Localized(ja: "PageUp / PageDown", en: "PageUp / PageDown"), Localized(ja: "画面のスクロール", en: "scroll the page")),
    (Localized(ja: "Esc", en: "Esc"), Localized(ja: "戻る", en: "back")),
    (Localized(ja: "F1", en: "F1"), Localized(ja: "ヘルプ", en: "help")),
    (Localized(ja: "F2", en: "F2"), Localized(ja: "パスワード等の表示・非表示", en: "show or hide a password or keyword")),
    (Localized(ja: "F3", en: "F3"), Localized(ja: "ガイド表示の切り替え", en: "show or hide the guide")),
    (Localized(ja: "F4", en: "F4"), Localized(ja: "スマホのホーム画面", en: "the phone's home screen")),
    (Localized(ja: "Ctrl-C", en: "Ctrl-C"), Localized(ja: "終了 (続きから再開できます)", en: "quit (you can continue later)")),
    (Localized(ja: "マウス", en: "Mouse"), Localized(ja: "クリックで項目を押す", en: "click an item")),
  ]
}
