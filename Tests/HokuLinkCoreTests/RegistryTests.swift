import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct RegistryTests {
  @Test func theBundledRegistryHasTheSixDemoCustomers() throws {
    let registry = try CustomerRegistry.bundled()
    #expect(registry.version == 1)
    #expect(registry.customers.count == 6)
    let methods = Set(registry.customers.map(\.payment.method))
    #expect(methods == [.bankTransfer, .creditCard, .paymentSlip])
    #expect(registry.customers.contains { $0.kind == .corporate })
    for customer in registry.customers {
      #expect(customer.usage.count == 12, "\(customer.customerNumber)")
      for month in customer.usage {
        let bill = month.bill
        #expect(bill.base + bill.energy + bill.fuelAdjustment + bill.renewableSurcharge == bill.total)
      }
    }
  }

  @Test func findsACustomerByNumberAndPrintsItAsOnABill() throws {
    let registry = try CustomerRegistry.bundled()
    let jiro = try #require(registry.customer(number: "410056789012"))
    #expect(jiro.name == "白山 次郎")
    #expect(jiro.payment == Payment(method: .creditCard, cardLast4: "1881"))
    #expect(jiro.formattedCustomerNumber == "41-0056-7890-12")
    #expect(registry.customer(number: "999999999999") == nil)
  }

  @Test func theBundledFileIsWhereTheBundleSays() throws {
    let url = try #require(CustomerRegistry.bundledURL)
    #expect(url.path.hasSuffix("Resources/customers.json"))
  }

  @Test func anotherVersionIsRefusedNamingTheFile() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
    let file = folder.url.appendingPathComponent("customers.json")
    try Data(#"{"version": 2, "customers": []}"#.utf8).write(to: file)
    let error = CustomerRegistryError.unsupportedVersion(path: file.path, version: 2)
    #expect(throws: error) { try CustomerRegistry(contentsOf: file) }
    #expect(error.description.contains(file.path))
  }

  @Test func anUnparseableRegistryIsDamagedAndLeftAsItIs() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    let store = try folder.store()
    try Data("{ broken".utf8).write(to: store.customersURL)
    #expect(throws: StoreError.damaged(path: store.customersURL.path)) { try store.customerRegistry() }
    #expect(try Data(contentsOf: store.customersURL) == Data("{ broken".utf8))
  }
}
