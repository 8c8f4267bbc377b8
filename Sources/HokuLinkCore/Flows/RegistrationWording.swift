import Foundation

/// The sign-up's own messages and mails, in one place so every path words a case the same way.
public enum RegistrationWording {
  public static let linkMailSubject = "会員情報登録用URLのご案内"
  public static let userIDMailSubject = "利用者IDのお知らせ"

  /// 「会員情報登録用URLのご案内」 in the language of the screen that sent it.
  public static func linkSubject(_ language: MailLanguage) -> String {
    language == .ja ? linkMailSubject : "Your HokuLink registration link"
  }

  public static func userIDSubject(_ language: MailLanguage) -> String {
    language == .ja ? userIDMailSubject : "Your HokuLink user ID"
  }

  /// One wording for every step 5-1 mismatch: it never says which part was wrong or whether the number exists.
  public static let customerMismatch = Reason(
    ja: "ご入力の照会区分・ご契約名義・お客さま番号に一致するご契約が見つかりませんでした。検針票などでご確認ください",
    en:
      "No contract matches the customer type, contract holder's name and customer number you entered; check them against your meter reading slip"
  )

  public static let emailAlreadyMember = Reason(
    ja: "このメールアドレスはすでにほくリンクに登録されています。\(HokuLink.supportLineJA)",
    en: "This e-mail address is already registered with HokuLink. \(HokuLink.supportLineEN)")
  public static let customerAlreadyMember = Reason(
    ja: "このご契約はすでにほくリンクに登録されています。ログインできない場合はお問い合わせください。\(HokuLink.supportLineJA)",
    en:
      "This contract is already registered with HokuLink. If you cannot log in, please call us. \(HokuLink.supportLineEN)"
  )

  public static let agreementRequired = Reason(
    ja: "会員規約とポイントサービス利用規約に同意してください",
    en: "Please agree to the member terms and the point service terms")

  public static let courseRequired = Reason(ja: "会員申請コースを選択してください", en: "Choose a membership course")

  public static let paymentMethodRequired = Reason(ja: "お支払方法を選択してください", en: "Choose how you pay")

  public static let destinationRequired = Reason(
    ja: "初回ログインパスワードの送付先を選択してください", en: "Choose where the postcard goes")

  public static let contractUseRequired = Reason(ja: "ご契約の用途を選択してください", en: "Choose what the contract is used for")

  public static let familySizeRequired = Reason(
    ja: "ご家族人数を選択してください", en: "Choose the number of people in the household")

  public static let inquiryKindRequired = Reason(ja: "照会区分を選択してください", en: "Choose individual or corporation")

  public static let passwordsDiffer = Reason(
    ja: "初回ログインパスワード(確認用)が一致しません", en: "The two initial passwords are not the same")

  /// The same words for a wrong method and a wrong number, with the tries left.
  public static func paymentMismatch(left: Int) -> Reason {
    Reason(
      ja: "お支払方法または番号がご契約の内容と一致しません（あと\(left)回まで入力できます）",
      en: "The payment method or number does not match your contract (\(left) more tries)")
  }

  public static let paymentAttemptsExhausted = Reason(
    ja: "お支払情報の確認に続けて失敗したため、いますぐ会員コースはご利用いただけません。通常会員コース（ハガキでお知らせ）でお申し込みください",
    en:
      "The payment details did not match too many times, so the instant course is no longer offered; please use the regular course (password by postcard)"
  )

  public static let paymentSlipNotEligible = Reason(
    ja: "払込票でお支払いのご契約は、お支払情報で本人確認ができないため、いますぐ会員コースをご利用いただけません。通常会員コースでお申し込みください",
    en:
      "Contracts paid by payment slip cannot be checked against a bank account or card, so the instant course is not available; please use the regular course"
  )

  public static let expired = Reason(
    ja: "お手続きの有効期限が切れました。お手数ですが、はじめからやり直してください",
    en: "This sign-up has expired. Please start again from the beginning")

  public static let outOfOrder = Reason(
    ja: "この画面の内容はすでに先へ進んでいます。入力内容確認の「修正する」から修正してください",
    en: "This sign-up has already moved past this screen; use “Correct” on the confirmation screen to change it")

  static func linkMailBody(url: String, expiresAt: Date, _ language: MailLanguage = .ja) -> String {
    guard language == .ja else {
      return """
        Thank you for applying to HokuLink.

        Open the link below to go on and register your member details.

        \(url)

        The link works once, until \(language.dateTime(expiresAt)).
        If you apply again, only the new link works.
        If you did not apply, please delete this mail.

        \(HokuLink.supportLineEN)
        (This is a simulated mail.)
        """
    }
    return """
      ほくリンクへのお申し込みありがとうございます。

      次のURLを開いて、会員情報の登録にお進みください。

      \(url)

      このURLは一度だけ、\(japaneseDateTime(expiresAt)) まで使えます。
      もう一度お申し込みいただいた場合は、新しいURLだけが使えます。
      お心当たりのない場合は、このメールを破棄してください。

      \(HokuLink.supportLineJA)
      （これはシミュレーションのメールです。）
      """
  }

  static func alreadyRegisteredMailBody(_ language: MailLanguage = .ja) -> String {
    guard language == .ja else {
      return """
        We received your application to HokuLink, but this e-mail address is already registered with HokuLink.
        So no registration link has been sent.

        To log in, use the user ID and password you already have.
        If you have forgotten them, use "Forgot your user ID?" or "Forgot your password?" on the login screen.
        If you did not apply, please call us at the number below.

        \(HokuLink.supportLineEN)
        (This is a simulated mail.)
        """
    }
    return """
      ほくリンクへのお申し込みを受け付けましたが、このメールアドレスはすでにほくリンクに登録されています。
      そのため、会員情報登録用のURLはお送りしていません。

      ログインには、お持ちの利用者IDとパスワードをお使いください。
      利用者IDやパスワードをお忘れの場合は、ログイン画面の「利用者IDを忘れた方」「パスワードを忘れた方」からご確認ください。
      お心当たりのない場合は、次の窓口までお問い合わせください。

      \(HokuLink.supportLineJA)
      （これはシミュレーションのメールです。）
      """
  }

  static func userIDMailBody(userID: String, course: Account.Course, _ language: MailLanguage = .ja) -> String {
    guard language == .ja else {
      let next =
        course == .immediate
        ? "In the HokuLink app, choose \"Member login\" and log in with this user ID and the initial password you chose when you applied."
        : "Your initial password comes by postcard in about a week. When it arrives, log in with this user ID and the password on the postcard."
      return """
        Thank you for registering with HokuLink. Here is your user ID.

        User ID: \(userID)

        \(next)
        After your first login you will set the password and the secret keyword you will use from then on.

        \(HokuLink.supportLineEN)
        (This is a simulated mail.)
        """
    }
    let next =
      course == .immediate
      ? "ほくリンクアプリの「会員ログイン」から、この利用者IDと、お申し込みの際に決めた初回ログインパスワードでログインしてください。"
      : "初回ログインパスワードは約1週間でハガキでお届けします。届きましたら、この利用者IDとハガキの初回ログインパスワードでログインしてください。"
    return """
      ほくリンクへのご登録ありがとうございます。お客さまの利用者IDをお知らせします。

      利用者ID: \(userID)

      \(next)
      初回ログインの後、今後お使いいただくパスワードと秘密のキーワードを設定していただきます。

      \(HokuLink.supportLineJA)
      （これはシミュレーションのメールです。）
      """
  }

  static func japaneseDateTime(_ date: Date) -> String {
    JapanTime(date).japaneseDateTime
  }
}

/// The mailed link: `hokulink://register?token=…`.
public enum RegistrationLink {
  public static let prefix = "hokulink://register?token="

  public static func url(token: String) -> String { prefix + token }

  /// The token of a register link, or nil for any other link.
  public static func token(in url: String) -> String? {
    guard url.hasPrefix(prefix) else { return nil }
    let token = String(url.dropFirst(prefix.count))
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
    guard !token.isEmpty, token.count <= 200, token.allSatisfy({ allowed.contains($0) }) else { return nil }
    return token
  }
}
