import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct PostalDirectoryTests {
  let directory = PostalDirectory.bundled

  func code(_ text: String) throws -> PostalCode {
    try #require(PostalCode.validate(text).value)
  }

  @Test func opensTheBundledTables() throws {
    try directory.open()
  }

  @Test func findsTheFirstAndLastCodesInJapan() throws {
    #expect(
      directory.japan(try code("0010000"))
        == PostalPlace(code: "0010000", prefecture: "北海道", city: "札幌市北区", town: ""))
    #expect(directory.japan(try code("9998531"))?.address == "山形県飽海郡遊佐町")
  }

  @Test func findsNothingForMissingCodes() throws {
    #expect(directory.japan(try code("0000000")) == nil)  // before the first row
    #expect(directory.japan(try code("0010001")) == nil)  // between two rows
    #expect(directory.japan(try code("9999999")) == nil)  // after the last row
  }

  @Test func findsTokyoInJapanButNotInTheServiceArea() throws {
    let tokyo = try code("100-0001")
    #expect(directory.japan(tokyo)?.address == "東京都千代田区")
    #expect(!directory.isInServiceArea(tokyo))
    #expect(directory.serviceArea(tokyo).isEmpty)
    #expect(directory.addressFill(tokyo) == nil)
  }

  @Test func includesKanazawaKatamachi() throws {
    let katamachi = try code("920-0981")
    #expect(directory.isInServiceArea(katamachi))
    #expect(directory.serviceArea(katamachi).map(\.address) == ["石川県金沢市片町"])
    #expect(directory.addressFill(katamachi) == "石川県金沢市片町")
  }

  @Test func includesMiyagawaInHida() throws {
    let suganuma = try code("5094401")
    #expect(directory.isInServiceArea(suganuma))
    #expect(directory.serviceArea(suganuma).first?.town == "宮川町菅沼")
  }

  @Test func refusesObamaInReinan() throws {
    let obama = try code("9170001")
    #expect(directory.japan(obama)?.city == "小浜市")
    #expect(!directory.isInServiceArea(obama))
    #expect(directory.serviceAreaProblem(obama)?.ja.contains("供給区域外") == true)
  }

  @Test func validatesContractAndProfilePostalCodes() {
    #expect(ServiceAreaPostalCode.validate("920-0981").value?.value == "9200981")
    #expect(ServiceAreaPostalCode.validate("100-0001").reason?.en.contains("outside") == true)
    #expect(ServiceAreaPostalCode.validate("100-001").reason?.ja.contains("7桁") == true)
    #expect(JapanPostalCode.validate("100-0001").value != nil)
    #expect(JapanPostalCode.validate("000-0000").reason?.ja == "この郵便番号は見つかりません。もう一度ご確認ください")
  }

  @Test func findsEveryHundredthRowOfBothTables() throws {
    for (name, hasTown) in [("japan", false), ("service-area", true)] {
      // `@testable` makes the core module's own resource bundle visible here.
      let url = try #require(
        Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources/postal"))
      let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
      for (index, line) in lines.enumerated() where index % 100 == 0 || index == lines.count - 1 {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let postal = try code(fields[0])
        if hasTown {
          #expect(directory.serviceArea(postal).contains { $0.town == fields[3] }, "\(fields[0])")
        } else {
          #expect(directory.japan(postal)?.city == fields[2], "\(fields[0])")
        }
      }
    }
  }

  #if os(Linux)
    @Test func memoryMapsTheNationwideTableInsteadOfReadingIt() throws {
      #expect(directory.japan(try code("9200981")) != nil)
      let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
      #expect(maps.split(separator: "\n").contains { $0.hasSuffix("/Resources/postal/japan.tsv") })
    }
  #endif

  @Test func fillsTheCommonBeginningWhenACodeHasSeveralTowns() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("postal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let area = folder.appendingPathComponent("area.tsv")
    let japan = folder.appendingPathComponent("japan.tsv")
    try """
    code\tprefecture\tcity\ttown\tp\tc\tt
    9200001\t石川県\t金沢市\t東町\t\t\t
    9300001\t富山県\t富山市\t本町一丁目\t\t\t
    9300001\t富山県\t富山市\t本町二丁目\t\t\t
    9300001\t富山県\t富山市\t本郷\t\t\t
    9400001\t新潟県\t上越市\tA1\t\t\t
    """.write(to: area, atomically: true, encoding: .utf8)
    try "code\tprefecture\tcity\n9300001\t富山県\t富山市".write(to: japan, atomically: true, encoding: .utf8)
    let small = PostalDirectory(serviceAreaURL: area, japanURL: japan)
    let toyama = try code("9300001")
    #expect(small.serviceArea(toyama).map(\.town) == ["本町一丁目", "本町二丁目", "本郷"])
    #expect(small.addressFill(toyama) == "富山県富山市本")
    #expect(small.addressFill(try code("9400001")) == "新潟県上越市Ａ１")
    #expect(small.japan(toyama)?.city == "富山市")  // a last line without a newline
    #expect(small.isInServiceArea(try code("9200001")))
    #expect(!small.isInServiceArea(try code("9300000")))
  }

  @Test func reportsAMissingTableByName() {
    let missing = URL(fileURLWithPath: "/nonexistent/postal.tsv")
    let broken = PostalDirectory(serviceAreaURL: missing, japanURL: missing)
    #expect(throws: PostalTableError.self) { try broken.open() }
    #expect(!broken.isInServiceArea(PostalCode.validate("9200981").value ?? PostalCode(value: "9200981")))
  }
}
