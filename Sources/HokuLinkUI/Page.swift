/// The name a screen gives one of its controls, so that events and scripts can refer to it.
public struct ControlID: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let raw: String
  public init(_ raw: String) { self.raw = raw }
  public init(stringLiteral value: String) { self.raw = value }
  public var description: String { raw }
}

/// How a paragraph of text looks.
public enum TextStyle: Hashable, Sendable {
  case title, body, note, error, emphasis, small
}

public enum ButtonKind: Hashable, Sendable {
  case primary, secondary
}

/// Radio buttons for a few options, or a one-line selector changed with ←/→ for long option sets.
public enum ChoiceStyle: Hashable, Sendable {
  case radio, list
}

/// Everything a text field shows. The screen owns `state` and replaces it on each `.edited` event.
public struct FieldSpec: Sendable {
  public var id: ControlID
  public var label: String
  public var state: TextFieldState
  /// Shows ● per character: for passwords and keywords.
  public var masked: Bool
  /// In Characters; typing beyond it is refused, a paste is cut.
  public var maxLength: Int?
  /// Runs after every edit (e.g. hiragana → katakana).
  public var normalize: (@Sendable (String) -> String)?
  /// An example of what to type (e.g. `1985/04`), shown beside the field as 「例: 1985/04」, never inside it.
  public var placeholder: String?
  /// A short note under the field (e.g. 「半角数字」).
  public var hint: String?
  /// What is wrong with the value, shown in red under the field.
  public var error: String?
  public var required: Bool
  /// The input area's width in cells; the whole line when nil.
  public var width: Int?

  public init(
    id: ControlID, label: String, state: TextFieldState = TextFieldState(), masked: Bool = false,
    maxLength: Int? = nil, normalize: (@Sendable (String) -> String)? = nil, placeholder: String? = nil,
    hint: String? = nil, error: String? = nil, required: Bool = false, width: Int? = nil
  ) {
    self.id = id
    self.label = label
    self.state = state
    self.masked = masked
    self.maxLength = maxLength
    self.normalize = normalize
    self.placeholder = placeholder
    self.hint = hint
    self.error = error
    self.required = required
    self.width = width
  }
}

/// A set of options of which one is picked.
public struct ChoiceSpec: Sendable {
  public var id: ControlID
  public var label: String
  public var options: [String]
  public var selected: Int?
  public var error: String?
  public var style: ChoiceStyle
  /// Badges beside options, by index (e.g. 0: 「おすすめ」).
  public var notes: [Int: String]
  public var required: Bool

  public init(
    id: ControlID, label: String, options: [String], selected: Int? = nil, error: String? = nil,
    style: ChoiceStyle = .radio, notes: [Int: String] = [:], required: Bool = false
  ) {
    self.id = id
    self.label = label
    self.options = options
    self.selected = selected
    self.error = error
    self.style = style
    self.notes = notes
    self.required = required
  }
}

/// One thing on a page, in reading order.
public enum Control: Sendable {
  /// A paragraph, wrapped to the width.
  case text(String, style: TextStyle = .body)
  case field(FieldSpec)
  case checkbox(id: ControlID, label: String, checked: Bool, error: String? = nil)
  case choice(ChoiceSpec)
  case button(id: ControlID, label: String, kind: ButtonKind = .primary)
  case link(id: ControlID, label: String)
  /// A read-only table of what was entered (the confirmation step).
  case summary([(label: String, value: String)])
  /// Horizontal bars scaled to the width, one per label.
  case barChart(title: String, bars: [(label: String, value: Int)], unit: String)
  case spacer
  case divider
  case group(title: String, [Control])
}

/// The kinds of control that take focus, for lookups limited to one kind (`fill` wants a field).
public enum ControlKind: Hashable, Sendable {
  case field, checkbox, choice, button, link
}

/// Why a script's LABEL did not name exactly one control.
public enum LabelLookupError: Error, Hashable, Sendable, CustomStringConvertible {
  case notFound(String)
  case ambiguous(String, candidates: [String])

  public var description: String {
    switch self {
    case .notFound(let label): return "no control is labelled \"\(label)\""
    case .ambiguous(let label, let candidates):
      return "\"\(label)\" matches several controls: " + candidates.map { "\"\($0)\"" }.joined(separator: ", ")
    }
  }
}

/// A screen's content as data: what controls there are and what they hold. Drawn and driven by `Form`.
public struct Page: Sendable {
  public var controls: [Control]
  /// The control the guide's red frame goes round, if any: scrolling keeps the rows above and below it (where the
  /// frame goes) in view with it, and reveals them when it has focus.
  public var framed: ControlID?
  public init(_ controls: [Control]) { self.controls = controls }

  /// The page with the guide's red frame going round `id` (none when nil).
  public func framing(_ id: ControlID?) -> Page {
    var page = self
    page.framed = id
    return page
  }

  /// The focusable controls (fields, checkboxes, choices, buttons, links) in reading order.
  public struct Focusable: Sendable {
    public var id: ControlID
    public var label: String
    public var kind: ControlKind
  }

  public var focusables: [Focusable] {
    var result: [Focusable] = []
    func visit(_ controls: [Control]) {
      for control in controls {
        switch control {
        case .field(let spec): result.append(Focusable(id: spec.id, label: spec.label, kind: .field))
        case .checkbox(let id, let label, _, _): result.append(Focusable(id: id, label: label, kind: .checkbox))
        case .choice(let spec): result.append(Focusable(id: spec.id, label: spec.label, kind: .choice))
        case .button(let id, let label, _): result.append(Focusable(id: id, label: label, kind: .button))
        case .link(let id, let label): result.append(Focusable(id: id, label: label, kind: .link))
        case .group(_, let inner): visit(inner)
        case .text, .summary, .barChart, .spacer, .divider: break
        }
      }
    }
    visit(controls)
    return result
  }

  public var focusableIDs: [ControlID] { focusables.map(\.id) }

  /// The visible label of a focusable control.
  public func label(of id: ControlID) -> String? {
    focusables.first { $0.id == id }?.label
  }

  public func kind(of id: ControlID) -> ControlKind? {
    focusables.first { $0.id == id }?.kind
  }

  /// The control with this ID, searching inside groups.
  public func control(_ id: ControlID) -> Control? {
    func search(_ controls: [Control]) -> Control? {
      for control in controls {
        switch control {
        case .field(let spec) where spec.id == id: return control
        case .checkbox(let cid, _, _, _) where cid == id: return control
        case .choice(let spec) where spec.id == id: return control
        case .button(let cid, _, _) where cid == id: return control
        case .link(let cid, _) where cid == id: return control
        case .group(_, let inner): if let found = search(inner) { return found }
        default: continue
        }
      }
      return nil
    }
    return search(controls)
  }

  /// The page with the insertion points the app keeps for its fields (a screen gives only their text).
  public func placingCursors(_ cursors: [ControlID: Int]) -> Page {
    guard !cursors.isEmpty else { return self }
    func place(_ controls: [Control]) -> [Control] {
      controls.map { control in
        switch control {
        case .field(var spec):
          if let cursor = cursors[spec.id] { spec.state = TextFieldState(text: spec.state.text, cursor: cursor) }
          return .field(spec)
        case .group(let title, let inner): return .group(title: title, place(inner))
        default: return control
        }
      }
    }
    var page = self
    page.controls = place(controls)
    return page
  }

  /// The page with one field's text shown in clear even if it is masked (F2 on a password or keyword).
  public func revealing(_ id: ControlID) -> Page {
    func reveal(_ controls: [Control]) -> [Control] {
      controls.map { control in
        switch control {
        case .field(var spec) where spec.id == id:
          spec.masked = false
          return .field(spec)
        case .group(let title, let inner): return .group(title: title, reveal(inner))
        default: return control
        }
      }
    }
    var page = self
    page.controls = reveal(controls)
    return page
  }

  /// The error shown under a focusable control, if any.
  public func error(of id: ControlID) -> String? {
    switch control(id) {
    case .field(let spec): return spec.error
    case .choice(let spec): return spec.error
    case .checkbox(_, _, _, let error): return error
    default: return nil
    }
  }

  /// The first control, in reading order, that shows an error: where a failed submit puts the focus.
  public var firstInvalid: ControlID? {
    focusables.first { error(of: $0.id).map { !$0.isEmpty } ?? false }?.id
  }

  public func field(_ id: ControlID) -> FieldSpec? {
    if case .field(let spec) = control(id) { return spec }
    return nil
  }

  public func choice(_ id: ControlID) -> ChoiceSpec? {
    if case .choice(let spec) = control(id) { return spec }
    return nil
  }

  /// Whether the checkbox is ticked (nil when `id` is not a checkbox).
  public func isChecked(_ id: ControlID) -> Bool? {
    if case .checkbox(_, _, let checked, _) = control(id) { return checked }
    return nil
  }

  /// The scripts' rule: LABEL matches a control's visible label exactly, else the one control whose label
  /// contains it; none or several is a failure. `kinds` narrows the search (e.g. `press` wants buttons and links).
  public func find(label: String, kinds: Set<ControlKind>? = nil) -> Result<ControlID, LabelLookupError> {
    let candidates = focusables.filter { kinds?.contains($0.kind) ?? true }
    switch Self.match(label, in: candidates.map(\.label)) {
    case .success(let index): return .success(candidates[index].id)
    case .failure(let error): return .failure(error)
    }
  }

  /// The same rule for an option of a choice: its index.
  public func find(option: String, in id: ControlID) -> Result<Int, LabelLookupError> {
    guard let spec = choice(id) else { return .failure(.notFound(option)) }
    return Self.match(option, in: spec.options)
  }

  /// Exact match first, else the single containing one.
  static func match(_ wanted: String, in labels: [String]) -> Result<Int, LabelLookupError> {
    let exact = labels.indices.filter { labels[$0] == wanted }
    if exact.count == 1 { return .success(exact[0]) }
    if exact.count > 1 { return .failure(.ambiguous(wanted, candidates: exact.map { labels[$0] })) }
    let containing = labels.indices.filter { !wanted.isEmpty && labels[$0].contains(wanted) }
    if containing.count == 1 { return .success(containing[0]) }
    if containing.isEmpty { return .failure(.notFound(wanted)) }
    return .failure(.ambiguous(wanted, candidates: containing.map { labels[$0] }))
  }
}
