import HokuLinkUI

/// Acting on a control by its id, the way a person at the keyboard would. Scripted play and the accessible
/// mode both use these, so a value typed by either goes through the same keys (normalisation, length limits)
/// as one typed in the full-screen app.
extension App {
  /// Clears the field and types `text` into it one character at a time. `afterKey` runs after every key
  /// (scripted play lays the screen out there, as the terminal would).
  public func fill(_ id: ControlID, with text: String, afterKey: () -> Void = {}) {
    focus(id)
    handle(.control("u"))
    afterKey()
    for character in text {
      handle(.character(character))
      afterKey()
    }
  }

  /// Ticks or unticks a checkbox with Space, only when it is not already as wanted.
  public func setChecked(_ id: ControlID, _ wanted: Bool, afterKey: () -> Void = {}) {
    guard let checked = page.isChecked(id), checked != wanted else { return }
    focus(id)
    handle(.character(" "))
    afterKey()
  }

  /// Picks the option at `index` of a choice.
  public func choose(_ id: ControlID, option index: Int) {
    focus(id)
    apply(.chose(id, index))
  }

  /// Presses a button or follows a link.
  public func press(_ id: ControlID) {
    focus(id)
    apply(.activated(id))
  }
}
