import Foundation

/// One row of a postal table.
public struct PostalPlace: Equatable, Sendable {
  public let code: String
  public let prefecture: String
  public let city: String
  /// The town (町域); "" for the nationwide table and for a code that covers a whole city.
  public let town: String

  public init(code: String, prefecture: String, city: String, town: String) {
    self.code = code
    self.prefecture = prefecture
    self.city = city
    self.town = town
  }

  /// prefecture + city + town: "石川県金沢市片町".
  public var address: String { prefecture + city + town }
}

/// Why a postal table could not be opened.
public struct PostalTableError: Error, Equatable, Sendable, CustomStringConvertible {
  public let path: String
  public let problem: String
  public var description: String { "The postal code table \(path) cannot be read: \(problem)" }
}

/// The two bundled postal tables (Resources/postal). Both files are memory-mapped and searched by
/// binary search over byte offsets of line starts: the nationwide table has 120,720 rows, and parsing it
/// at start-up or per lookup would cost time and memory for a few lookups a session.
public final class PostalDirectory: Sendable {
  /// The tables shipped with the app; opened on first use (a `static let` is lazy).
  public static let bundled: PostalDirectory = {
    let folder = "Resources/postal"
    let serviceArea =
      Bundle.module.url(forResource: "service-area", withExtension: "tsv", subdirectory: folder)
      ?? Bundle.module.bundleURL.appendingPathComponent("\(folder)/service-area.tsv")
    let japan =
      Bundle.module.url(forResource: "japan", withExtension: "tsv", subdirectory: folder)
      ?? Bundle.module.bundleURL.appendingPathComponent("\(folder)/japan.tsv")
    return PostalDirectory(serviceAreaURL: serviceArea, japanURL: japan)
  }()

  private let serviceAreaTable: Result<SortedTable, PostalTableError>
  private let japanTable: Result<SortedTable, PostalTableError>

  /// Maps both files (no parsing). A file that cannot be read makes every lookup in it find nothing;
  /// call `open()` at start-up to stop with a clear message instead.
  public init(serviceAreaURL: URL, japanURL: URL) {
    serviceAreaTable = SortedTable.map(serviceAreaURL)
    japanTable = SortedTable.map(japanURL)
  }

  /// Throws when either table is missing or unreadable, naming the file.
  public func open() throws {
    _ = try serviceAreaTable.get()
    _ = try japanTable.get()
  }

  /// The service-area rows for `code` (one code can have several).
  public func serviceArea(_ code: PostalCode) -> [PostalPlace] {
    guard let table = try? serviceAreaTable.get() else { return [] }
    return table.rows(for: code.value).map { fields in
      PostalPlace(code: fields[0], prefecture: fields[1], city: fields[2], town: fields[3])
    }
  }

  public func isInServiceArea(_ code: PostalCode) -> Bool {
    guard let table = try? serviceAreaTable.get() else { return false }
    return table.firstRowStart(for: code.value) != nil
  }

  /// Where `code` is anywhere in Japan, or nil when no such code exists.
  public func japan(_ code: PostalCode) -> PostalPlace? {
    guard let table = try? japanTable.get(), let fields = table.rows(for: code.value).first else { return nil }
    return PostalPlace(code: fields[0], prefecture: fields[1], city: fields[2], town: "")
  }

  /// The text 住所 is filled with from the contract 郵便番号: the common beginning of the addresses of
  /// the code's service-area rows, in full-width. Nil outside the service area.
  public func addressFill(_ code: PostalCode) -> String? {
    let addresses = serviceArea(code).map(\.address)
    guard var prefix = addresses.first else { return nil }
    for address in addresses.dropFirst() {
      prefix = String(zip(prefix, address).prefix { $0 == $1 }.map(\.0))
    }
    return Address.normalize(prefix)
  }

  /// For the contract address: nil when the code is in the service area, else the reason.
  public func serviceAreaProblem(_ code: PostalCode) -> Reason? {
    if isInServiceArea(code) { return nil }
    return Reason(
      ja: "この郵便番号は北陸電力の供給区域外です。ご契約先の郵便番号をご確認ください",
      en: "This postal code is outside Hokuriku Electric Power's service area; check the contract address's code")
  }

  /// For the profile: nil when the code exists somewhere in Japan, else the reason.
  public func existenceProblem(_ code: PostalCode) -> Reason? {
    if japan(code) != nil { return nil }
    return Reason(
      ja: "この郵便番号は見つかりません。もう一度ご確認ください",
      en: "No such postal code was found; check it again")
  }
}

/// The contract 郵便番号 rule: a valid postal code inside the service area.
public enum ServiceAreaPostalCode {
  public static func validate(_ raw: String, in directory: PostalDirectory = .bundled) -> Result<PostalCode, Reason> {
    PostalCode.validate(raw).flatMap { code in
      directory.serviceAreaProblem(code).map { .failure($0) } ?? .success(code)
    }
  }
}

/// The profile 郵便番号 rule: a valid postal code that exists somewhere in Japan.
public enum JapanPostalCode {
  public static func validate(_ raw: String, in directory: PostalDirectory = .bundled) -> Result<PostalCode, Reason> {
    PostalCode.validate(raw).flatMap { code in
      directory.existenceProblem(code).map { .failure($0) } ?? .success(code)
    }
  }
}
