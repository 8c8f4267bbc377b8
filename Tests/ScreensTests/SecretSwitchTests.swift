import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// F2 shows the focused password or keyword in clear, so that a slip of the input method can be caught.
@Suite struct SecretSwitchTests {
  /// The login screen with a password typed and the focus on it.
  static func typedPassword(_ language: Language) throws -> App {
    let app = try TestWorld.app({ _ in LoginScreen() }, language: language)
    app.focus("login.id")
    for character in "HKDEMU27" { app.handle(.character(character)) }
    app.focus("login.password")
    for character in "Kuma-2026" { app.handle(.character(character)) }
    return app
  }

  @Test(arguments: [Language.ja, .en])
  func theSwitchIsOffByDefaultAndShowsOnlyTheFocusedSecret(language: Language) throws {
    let app = try Self.typedPassword(language)
    let hidden = app.render(width: 80, height: 24).text
    #expect(!hidden.contains("Kuma-2026"))
    #expect(hidden.contains("●●●●●●●●●"))
    #expect(hidden.contains("F2" + UIText.showSecret(language)) || hidden.contains("F2:" + UIText.showSecret(language)))

    app.handle(.function(2))
    let shown = app.render(width: 80, height: 24).text
    #expect(shown.contains("Kuma-2026"))
    #expect(shown.contains("F2" + UIText.hideSecret(language)) || shown.contains("F2:" + UIText.hideSecret(language)))

    // Leaving the field masks it again; the hint goes with the secret field.
    app.focus("login.id")
    let elsewhere = app.render(width: 80, height: 24).text
    #expect(!elsewhere.contains("Kuma-2026"))
    #expect(!elsewhere.contains("F2"))

    app.handle(.function(2))
    #expect(app.secretShown, "F2 away from a secret field changes nothing")
    app.focus("login.password")
    app.handle(.function(2))
    #expect(!app.render(width: 80, height: 24).text.contains("Kuma-2026"))
  }

  @Test func aNewScreenStartsWithTheSwitchOff() throws {
    let app = try Self.typedPassword(.ja)
    app.handle(.function(2))
    #expect(app.secretShown)
    app.apply(.activated("login.forgotPassword"))
    #expect(!app.secretShown)
  }

  @Test(arguments: [Language.ja, .en])
  func goldenOfAShownPassword(language: Language) throws {
    let app = try Self.typedPassword(language)
    app.handle(.function(2))
    Golden.check("step11-login-password-shown-\(language.rawValue)", app.render(width: 80, height: 24))
  }
}
