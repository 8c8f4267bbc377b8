import Foundation
import HokuLinkCore
import HokuLinkUI
import Screens
import Testing

/// Drives one device's sign-up through the domain, so each screen can be drawn at its step.
private struct SignUpDriver {
  let env: AppEnvironment
  var regs: Registrations { env.registrations }
  var device: String { env.deviceName }

  init(language: Language, pc: Bool = false) throws {
    env = try TestWorld.environment(language: language, pc: pc)
    env.installApp()
  }

  func toTerms() throws {
    try regs.begin(device: device, onPC: env.pc, now: env.now)
    try adopt()
  }

  func toCustomerInfo(email: String = "hokuriku.taro@example.jp") throws {
    try toTerms()
    try regs.submitTerms(
      device: device, email: email, confirmation: email, agreed: true, notificationMail: true, now: env.now)
    env.rememberMailAddress(email)
    let link = try #require(try env.mailbox.messages(for: email).first?.links.first)
    _ = try #require(try regs.openLink(link, device: device, onPC: env.pc, now: env.now))
    try adopt()
  }

  func toCourse(_ number: String = "410012345678") throws {
    try toCustomerInfo()
    let c = try #require(try env.store.customerRegistry().customer(number: number))
    try regs.submitCustomerInfo(
      device: device,
      CustomerInfoInput(
        inquiryKind: c.kind == .individual ? .individual : .corporation, contractName: c.name, furigana: c.kana,
        customerNumber: c.customerNumber, postalCode: c.postalCode, address: c.address, phone: c.phone), now: env.now)
    try adopt()
  }

  func toDetails(_ course: Account.Course, number: String = "410012345678") throws {
    try toCourse(number)
    try regs.chooseCourse(device: device, course, now: env.now)
    try adopt()
  }

  func toQuestions(_ course: Account.Course) throws {
    if course == .immediate {
      try toDetails(.immediate)
      try regs.submitImmediate(
        device: device, method: .bankTransfer, number: "1234567", password: "kanazawa-kenrokuen",
        passwordConfirmation: "kanazawa-kenrokuen", now: env.now)
    } else {
      try toDetails(.postcard, number: "410034567890")
      try regs.submitPostcard(device: device, destination: .contractAddress, now: env.now)
    }
    try adopt()
  }

  func toConfirm(_ course: Account.Course) throws {
    try toQuestions(course)
    try regs.submitQuestions(device: device, use: .detachedHouse, familySize: .three, now: env.now)
    try adopt()
  }

  /// The app's draft follows the flow the driver moved (as `env.signUpStep` does for a screen).
  func adopt() throws {
    env.adopt(try regs.flow(device: device))
  }

  /// The screen after `events`, with `focus` (if any) on a control so the part of the page around it shows.
  func draw(_ screen: any Screen, _ events: [FormEvent] = [], focus: ControlID? = nil) -> Canvas {
    let app = App(env: env, root: screen)
    for event in events { app.apply(event) }
    if let focus { app.focus(focus) }
    return app.render(width: 80, height: 24)
  }
}

@Suite struct SignUpGoldenTests {
  @Test(arguments: [Language.ja, .en])
  func step3And4(language: Language) throws {
    let l = language.rawValue
    var s = try SignUpDriver(language: language)
    try s.toTerms()
    Golden.check("signup-step03-terms-\(l)", s.draw(TermsScreen()))
    Golden.check("signup-step03-terms-errors-\(l)", s.draw(TermsScreen(), [.activated("terms.send")]))
    Golden.check("signup-step03-viewer-member-\(l)", s.draw(TermsViewerScreen(document: .memberTerms)))
    Golden.check("signup-step03-viewer-points-\(l)", s.draw(TermsViewerScreen(document: .pointTerms)))
    Golden.check("signup-step04-mail-sent-\(l)", s.draw(MailSentScreen(email: "hokuriku.taro@example.jp")))
    Golden.check(
      "signup-step04-link-not-usable-\(l)", s.draw(SignUpProblemScreen(problem: .linkNotUsable)))
    Golden.check("signup-expired-\(l)", s.draw(SignUpProblemScreen(problem: .expired)))
    s = try SignUpDriver(language: language, pc: true)
    try s.toTerms()
    Golden.check("signup-pc-step03-terms-\(l)", s.draw(TermsScreen(frame: .browser)))
  }

  @Test(arguments: [Language.ja, .en])
  func step5(language: Language) throws {
    let l = language.rawValue
    let s = try SignUpDriver(language: language)
    try s.toCustomerInfo()
    Golden.check("signup-step05-1-customer-\(l)", s.draw(CustomerInfoScreen()))
    Golden.check(
      "signup-step05-1-customer-errors-\(l)", s.draw(CustomerInfoScreen(), [.activated("info.next")]))
    Golden.check(
      "signup-step05-1-customer-mismatch-\(l)",
      s.draw(
        CustomerInfoScreen(),
        [
          .chose("info.kind", 0), .edited("info.name", TextFieldState(text: "北陸　次郎")),
          .edited("info.kana", TextFieldState(text: "ホクリク　ジロウ")),
          .edited("info.number", TextFieldState(text: "410012345678")),
          .edited("info.postal", TextFieldState(text: "9200981")),
          .edited("info.phone", TextFieldState(text: "0762201234")), .activated("info.next"),
        ], focus: "info.next"))
    let immediate = try SignUpDriver(language: language)
    try immediate.toCourse()
    Golden.check("signup-step05-2-course-\(l)", immediate.draw(CourseScreen()))
    try immediate.regs.chooseCourse(device: immediate.device, .immediate, now: immediate.env.now)
    try immediate.adopt()
    Golden.check(
      "signup-step05-3-immediate-\(l)",
      immediate.draw(CourseDetailsScreen(env: immediate.env), [.chose("details.method", 0)]))
    let slip = try SignUpDriver(language: language)
    try slip.toCourse("410034567890")
    Golden.check("signup-step05-2-course-payment-slip-\(l)", slip.draw(CourseScreen()))
    try slip.regs.chooseCourse(device: slip.device, .postcard, now: slip.env.now)
    Golden.check("signup-step05-3-postcard-\(l)", slip.draw(CourseDetailsScreen(env: slip.env)))
  }

  @Test(arguments: [Language.ja, .en])
  func steps6To8(language: Language) throws {
    let l = language.rawValue
    let s = try SignUpDriver(language: language)
    try s.toQuestions(.immediate)
    Golden.check("signup-step06-questions-\(l)", s.draw(QuestionsScreen()))
    try s.regs.submitQuestions(device: s.device, use: .detachedHouse, familySize: .three, now: s.env.now)
    Golden.check("signup-step07-confirm-immediate-\(l)", s.draw(ConfirmScreen()))
    Golden.check(
      "signup-step08-done-immediate-\(l)",
      s.draw(SignUpDoneScreen(course: .immediate, customerNumber: "410012345678")))
    let p = try SignUpDriver(language: language)
    try p.toConfirm(.postcard)
    Golden.check("signup-step07-confirm-postcard-\(l)", p.draw(ConfirmScreen()))
    Golden.check(
      "signup-step08-done-postcard-\(l)",
      p.draw(SignUpDoneScreen(course: .postcard, customerNumber: "410034567890")))
    let pc = try SignUpDriver(language: language, pc: true)
    Golden.check(
      "signup-pc-step08-done-\(l)",
      pc.draw(SignUpDoneScreen(course: .immediate, customerNumber: "410012345678", frame: .browser)))
  }
}

/// 「利用者IDのお知らせ」 goes through the outbox, written in step 7's own commit: a process killed after the Maildir
/// rename but before the outbox record went leaves the mail delivered once, whatever opens the store next.
@Suite struct SignUpUserIDMailRecoveryTests {
  @Test func aMailDeliveredButStillInTheOutboxIsNotDeliveredAgainByTheNextProcess() throws {
    let driver = try SignUpDriver(language: .ja)
    let env = driver.env
    try driver.toConfirm(.immediate)
    let done = try driver.regs.confirm(device: env.deviceName, now: env.now)
    let email = try #require(done.verifiedEmail)
    func userIDMails() throws -> [MailMessage] {
      try env.mailbox.messages(for: email).filter { $0.subject == RegistrationWording.userIDMailSubject }
    }
    let sent = try #require(try userIDMails().first)
    // The outbox record back, as a kill between the rename into new/ and its removal leaves it.
    let left = OutboxMail(
      key: String(sent.id.dropLast("@hokulink.example".count)), to: sent.to, subject: sent.subject, body: sent.body,
      date: sent.date)
    try env.store.update { try $0.send(left) }
    for _ in 0..<2 {
      _ = try Store(folder: env.store.folder, kdf: env.store.kdf)
      _ = try AppEnvironment(store: env.store, device: env.deviceName, realNow: { TestWorld.fixedNow }).startScreen()
    }
    let mails = try userIDMails()
    #expect(mails.count == 1)
    #expect(mails.first?.body.contains(try #require(done.userID)) == true)
    #expect(try env.mailbox.outbox().isEmpty)
  }

  /// The mail failing right after the commit: step 7 shows step 8 (the account exists), not an error,
  /// and the mail follows at the next start once it can be delivered.
  @Test func aMailFailureAfterTheCommitStillShowsStep8AndTheMailFollows() throws {
    let driver = try SignUpDriver(language: .ja)
    let env = driver.env
    try driver.toConfirm(.immediate)
    let email = try #require(try driver.regs.flow(device: env.deviceName)?.verifiedEmail)
    // A plain file where the address's Maildir goes makes the delivery fail after the account is committed.
    let box = env.mailbox.maildir(for: email)
    let moved = box.deletingLastPathComponent().appendingPathComponent("kept-aside")
    try FileManager.default.moveItem(at: box, to: moved)
    FileManager.default.createFile(atPath: box.path, contents: Data())
    var screen = ConfirmScreen()
    let navigation = screen.handle(.activated("confirm.submit"), env)
    guard case .replace(let next) = navigation else {
      Issue.record("step 7 should move on to step 8, got \(navigation)")
      return
    }
    #expect(next is SignUpDoneScreen)
    #expect(try env.mailbox.outbox().count == 1)
    try FileManager.default.removeItem(at: box)
    try FileManager.default.moveItem(at: moved, to: box)
    _ = try Store(folder: env.store.folder, kdf: env.store.kdf)
    let mails = try env.mailbox.messages(for: email).filter { $0.subject == RegistrationWording.userIDMailSubject }
    #expect(mails.count == 1)
  }
}

/// A screen opens at its top, read from its first line, with focus on the first control in view (step 7 once
/// opened scrolled to its bottom button, its first lines out of sight).
@Suite struct OpeningTests {
  @Test(arguments: [Language.ja, .en])
  func step7OpensAtItsTop(language: Language) throws {
    let driver = try SignUpDriver(language: language)
    try driver.toConfirm(.immediate)
    let app = App(env: driver.env, root: ConfirmScreen())
    app.handle(.resize(width: 80, height: 24))
    #expect(app.form.scroll == 0)
    let text = app.render(width: 80, height: 24).text
    #expect(text.contains(language == .ja ? "入力内容をご確認ください" : "Please check"), "\(text)")
    if let focus = app.form.focus, let label = app.page.label(of: focus) {
      #expect(text.contains(label), "focus on \(focus), out of sight:\n\(text)")
    }
  }
}
