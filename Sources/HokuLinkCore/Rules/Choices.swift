/// A fixed set of options shown as a choice, with its labels in both languages.
public protocol LabelledChoice: CaseIterable, Codable, Hashable, Sendable, RawRepresentable where RawValue == String {
  var labelJA: String { get }
  var labelEN: String { get }
}

/// 照会区分.
public enum InquiryKind: String, LabelledChoice {
  case individual
  case corporation

  public var labelJA: String {
    switch self {
    case .individual: "個人"
    case .corporation: "法人"
    }
  }

  public var labelEN: String {
    switch self {
    case .individual: "Individual"
    case .corporation: "Corporation"
    }
  }
}

/// 性別 (assumption).
public enum Gender: String, LabelledChoice {
  case male
  case female
  case other
  case preferNotToSay

  public var labelJA: String {
    switch self {
    case .male: "男性"
    case .female: "女性"
    case .other: "その他"
    case .preferNotToSay: "回答しない"
    }
  }

  public var labelEN: String {
    switch self {
    case .male: "Male"
    case .female: "Female"
    case .other: "Other"
    case .preferNotToSay: "Prefer not to say"
    }
  }
}

/// ご契約の用途 (assumption).
public enum ContractUse: String, LabelledChoice {
  case detachedHouse
  case apartment
  case shopOrOffice
  case other

  public var labelJA: String {
    switch self {
    case .detachedHouse: "ご家庭(戸建住宅)"
    case .apartment: "ご家庭(集合住宅)"
    case .shopOrOffice: "店舗・事務所"
    case .other: "その他"
    }
  }

  public var labelEN: String {
    switch self {
    case .detachedHouse: "Home (house)"
    case .apartment: "Home (apartment)"
    case .shopOrOffice: "Shop or office"
    case .other: "Other"
    }
  }
}

/// ご家族人数 (assumption).
public enum FamilySize: String, LabelledChoice {
  case one = "1"
  case two = "2"
  case three = "3"
  case four = "4"
  case five = "5"
  case sixOrMore = "6+"

  public var labelJA: String {
    self == .sixOrMore ? "6人以上" : "\(rawValue)人"
  }

  public var labelEN: String {
    switch self {
    case .one: "1 person"
    case .sixOrMore: "6 or more"
    default: "\(rawValue) people"
    }
  }
}
