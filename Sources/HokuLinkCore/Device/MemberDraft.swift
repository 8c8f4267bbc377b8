import Foundation

/// Everything typed on this device outside the sign-up: the login, steps 12–14, the keyword check and the two
/// recovery forms. The screens bind their fields to it by key path, as the sign-up binds to `RegistrationDraft`,
/// so no screen keeps a copy of what is typed. It lives only in memory, for the life of the process: passwords
/// and keywords are never written anywhere, and nothing else here needs to outlive a login.
public struct MemberDraft: Sendable, Equatable {
  public var loginUserID = ""
  public var loginPassword = ""
  /// Step 12 and a mailed reset link share the two new-password fields; a success empties them.
  public var newPassword = ""
  public var newPasswordConfirmation = ""
  public var keyword1 = ""
  public var keyword2 = ""
  public var keyword3 = ""
  public var challengeKeyword = ""
  public var nickname = ""
  public var birthMonth = ""
  public var gender: Gender?
  public var profilePostalCode = ""
  public var forgotIDCustomerNumber = ""
  public var forgotIDEmail = ""
  public var forgotPasswordUserID = ""
  public var forgotPasswordEmail = ""

  public init() {}
}

/// What is typed on this device, sign-up and member side together: the root every screen binding starts from.
public struct DeviceDrafts: Sendable, Equatable {
  public var signUp: RegistrationDraft
  public var member: MemberDraft

  public init(signUp: RegistrationDraft = .init(), member: MemberDraft = .init()) {
    self.signUp = signUp
    self.member = member
  }
}

extension Logins {
  /// Every problem of step 14's entries at once, by field (huh shows all of a failed submit's errors together);
  /// the same rules `setProfile` applies, without reading the store.
  public static func profileProblems(
    nickname: String, birthMonth: String, gender: Gender?, postalCode: String, now: Date,
    postal: PostalDirectory = .bundled
  ) -> [ProfileProblem.Field: Reason] {
    var problems: [ProfileProblem.Field: Reason] = [:]
    if case .failure(let reason) = Nickname.validate(nickname) { problems[.nickname] = reason }
    if case .failure(let reason) = BirthMonth.validate(birthMonth, now: now) { problems[.birthMonth] = reason }
    if gender == nil {
      problems[.gender] = Reason(ja: "性別を選択してください", en: "Choose a gender option")
    }
    if case .failure(let reason) = JapanPostalCode.validate(postalCode, in: postal) {
      problems[.postalCode] = reason
    }
    return problems
  }
}

extension NewPasswordProblem {
  /// Every problem of the two new-password fields at once, by field: the password rules (not the member's ID)
  /// and the 確認用 field. The flow checks again, with the e-mail and the initial password.
  public static func problems(password: String, confirmation: String, userID: String?) -> [Field: Reason] {
    var problems: [Field: Reason] = [:]
    if case .failure(let reason) = Password.validate(password, userID: userID, email: nil) {
      problems[.password] = reason
    }
    if Password.normalize(confirmation).isEmpty {
      problems[.confirmation] = Reason(ja: "新しいパスワード(確認用)を入力してください", en: "Enter the new password again")
    } else if !Password.same(password, confirmation) {
      problems[.confirmation] = Reason(
        ja: "新しいパスワード(確認用)が新しいパスワードと一致しません", en: "The two new passwords are not the same")
    }
    return problems
  }
}

extension SecretKeywords {
  /// Every problem of the three keywords at once, by index (0, 1, 2); `validate` adds what is about them
  /// together.
  public static func problems(_ keywords: [String]) -> [Int: Reason] {
    var problems: [Int: Reason] = [:]
    for (index, raw) in keywords.enumerated() {
      if case .failure(let reason) = validateOne(raw, number: index + 1) { problems[index] = reason }
    }
    if problems.isEmpty, keywords.count == 3,
      case .failure(let problem) = validate(keywords[0], keywords[1], keywords[2])
    {
      problems[problem.index] = problem.reason
    }
    return problems
  }
}

extension Recoveries {
  /// Every shape problem of 「利用者IDを忘れた方」 at once, by field; the same rules `requestUserID` applies.
  public static func userIDRequestProblems(customerNumber: String, email: String) -> [RecoveryProblem.Field: Reason] {
    var problems: [RecoveryProblem.Field: Reason] = [:]
    if case .failure(let reason) = CustomerNumber.validate(customerNumber) { problems[.customerNumber] = reason }
    if case .failure(let reason) = EmailAddress.validate(email) { problems[.email] = reason }
    return problems
  }

  /// Every shape problem of 「パスワードを忘れた方」 at once, by field; the same rules `requestPasswordReset` applies.
  public static func passwordResetRequestProblems(userID: String, email: String) -> [RecoveryProblem.Field: Reason] {
    var problems: [RecoveryProblem.Field: Reason] = [:]
    if UserIDGenerator.normalise(userID).isEmpty {
      problems[.userID] = Reason(ja: "利用者IDを入力してください", en: "Enter the user ID")
    }
    if case .failure(let reason) = EmailAddress.validate(email) { problems[.email] = reason }
    return problems
  }
}
