import Foundation

/// The utility's side of the simulation: `customers.json`, format version 1 (SPEC §3).
public struct CustomerRegistry: Codable, Sendable, Equatable {
  public static let supportedVersion = 1

  public var version: Int
  public var customers: [Customer]

  public init(version: Int = CustomerRegistry.supportedVersion, customers: [Customer]) {
    self.version = version
    self.customers = customers
  }

  /// Loads a registry file; a file that does not parse or has another version stops with a sentence naming it.
  public init(contentsOf url: URL) throws {
    let read: Data?
    do {
      // The bundled copy is the app's own file: read, never re-moded.
      read = try FileIO.read(url, keepPrivate: url != Self.bundledURL)
    } catch StoreError.io {
      throw StoreError.damaged(path: url.path)
    }
    guard let data = read else {
      throw CustomerRegistryError.missing(path: url.path)
    }
    guard let probe = try? JSONDecoder().decode(VersionProbe.self, from: data) else {
      throw StoreError.damaged(path: url.path)
    }
    guard probe.version == Self.supportedVersion else {
      throw CustomerRegistryError.unsupportedVersion(path: url.path, version: probe.version)
    }
    guard let registry = try? JSONDecoder().decode(CustomerRegistry.self, from: data) else {
      throw StoreError.damaged(path: url.path)
    }
    self = registry
  }

  /// The registry shipped inside the app, copied into every new data folder.
  public static var bundledURL: URL? {
    Bundle.module.url(forResource: "customers", withExtension: "json", subdirectory: "Resources")
  }

  public static func bundled() throws -> CustomerRegistry {
    guard let url = bundledURL else { throw CustomerRegistryError.missing(path: "customers.json (bundled)") }
    return try CustomerRegistry(contentsOf: url)
  }

  /// The customer with this お客さま番号 (already normalised: digits only).
  public func customer(number: String) -> Customer? {
    customers.first { $0.customerNumber == number }
  }

  private struct VersionProbe: Decodable { let version: Int }
}

public enum CustomerRegistryError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
  case missing(path: String)
  case unsupportedVersion(path: String, version: Int)

  public var description: String {
    switch self {
    case .missing(let path):
      return "The customer registry \(path) is missing; run `hokulink reset` to get the bundled one back."
    case .unsupportedVersion(let path, let version):
      return
        "The customer registry \(path) has version \(version), but only version \(CustomerRegistry.supportedVersion) is understood; fix or replace it."
    }
  }

  public var errorDescription: String? { description }
}

public struct Customer: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    case individual, corporate
  }

  public var customerNumber: String
  public var kind: Kind
  /// ご契約名義
  public var name: String
  /// フリガナ (full-width katakana)
  public var kana: String
  public var postalCode: String
  public var address: String
  public var phone: String
  public var payment: Payment
  public var contractAmperes: Int
  public var points: Int
  /// Twelve months, oldest first.
  public var usage: [MonthlyUsage]

  public init(
    customerNumber: String, kind: Kind, name: String, kana: String, postalCode: String, address: String,
    phone: String, payment: Payment, contractAmperes: Int, points: Int, usage: [MonthlyUsage]
  ) {
    self.customerNumber = customerNumber
    self.kind = kind
    self.name = name
    self.kana = kana
    self.postalCode = postalCode
    self.address = address
    self.phone = phone
    self.payment = payment
    self.contractAmperes = contractAmperes
    self.points = points
    self.usage = usage
  }

  /// The お客さま番号 as printed on a bill, `XX-XXXX-XXXX-XX`.
  public var formattedCustomerNumber: String {
    let digits = Array(customerNumber)
    guard digits.count == 12 else { return customerNumber }
    return [digits[0..<2], digits[2..<6], digits[6..<10], digits[10..<12]].map { String($0) }.joined(separator: "-")
  }
}

public struct Payment: Codable, Sendable, Equatable {
  public enum Method: String, Codable, Sendable {
    /// 口座振替
    case bankTransfer
    /// クレジットカード
    case creditCard
    /// 払込票: not eligible for いますぐ会員コース
    case paymentSlip
  }

  public var method: Method
  public var accountNumber: String?
  public var cardLast4: String?

  public init(method: Method, accountNumber: String? = nil, cardLast4: String? = nil) {
    self.method = method
    self.accountNumber = accountNumber
    self.cardLast4 = cardLast4
  }
}

public struct MonthlyUsage: Codable, Sendable, Equatable {
  /// "2025-11"
  public var month: String
  public var kWh: Int
  public var bill: Bill

  public init(month: String, kWh: Int, bill: Bill) {
    self.month = month
    self.kWh = kWh
    self.bill = bill
  }
}

/// One month's bill in yen.
public struct Bill: Codable, Sendable, Equatable {
  /// 基本料金
  public var base: Int
  /// 電力量料金
  public var energy: Int
  /// 燃料費調整額 (may be negative)
  public var fuelAdjustment: Int
  /// 再エネ発電賦課金
  public var renewableSurcharge: Int
  public var total: Int

  public init(base: Int, energy: Int, fuelAdjustment: Int, renewableSurcharge: Int, total: Int) {
    self.base = base
    self.energy = energy
    self.fuelAdjustment = fuelAdjustment
    self.renewableSurcharge = renewableSurcharge
    self.total = total
  }
}
