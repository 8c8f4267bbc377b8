import Foundation
import Testing

@testable import HokuLinkCore

@Suite struct SecurityTests {
  let hasher = PasswordHasher(configuration: .testing(iterations: 1000))

  @Test func theRightPasswordVerifiesAndAWrongOneDoesNot() {
    let stored = hasher.hash("correct horse")
    #expect(hasher.verify("correct horse", against: stored))
    #expect(!hasher.verify("correct horsE", against: stored))
    #expect(!hasher.verify("", against: stored))
  }

  @Test func theStoredHashNamesItsAlgorithmAndParameters() throws {
    let stored = hasher.hash("secret-pass")
    #expect(stored.algorithm == "pbkdf2-sha256")
    #expect(stored.iterations == 1000)
    #expect(try #require(Data(base64Encoded: stored.salt)).count == Assumptions.saltBytes)
    #expect(try #require(Data(base64Encoded: stored.hash)).count == 32)
  }

  @Test func verifiesWithTheStoredIterationsNotTheCurrentOnes() {
    let old = PasswordHasher(configuration: .testing(iterations: 500)).hash("pw-from-before")
    #expect(hasher.verify("pw-from-before", against: old))
  }

  @Test func theSamePasswordHashesDifferentlyEachTime() {
    #expect(hasher.hash("same") != hasher.hash("same"))
  }

  @Test func matchesAStandardPBKDF2Vector() {
    // RFC 7914 §11's PBKDF2-HMAC-SHA256 vector: P="passwd", S="salt", c=1.
    let salt = Data("salt".utf8).base64EncodedString()
    let expected = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
    let bytes = stride(from: 0, to: expected.count, by: 2).map {
      UInt8(expected.dropFirst($0).prefix(2), radix: 16) ?? 0
    }
    let stored = PasswordHash(
      algorithm: "pbkdf2-sha256", iterations: 1, salt: salt, hash: Data(bytes.prefix(32)).base64EncodedString())
    #expect(hasher.verify("passwd", against: stored))
  }

  @Test func fullWidthAndHalfWidthFormsOfAPasswordMatchAfterNFKC() {
    let stored = hasher.hash("Ｐａｓｓ１２３４")
    #expect(hasher.verify("Pass1234", against: stored))
  }

  @Test func keywordsMatchAcrossKatakanaHiraganaAndHalfWidth() {
    let stored = hasher.hashKeyword("のどぐろ")
    #expect(hasher.verifyKeyword("ノドグロ", against: stored))
    #expect(hasher.verifyKeyword("ﾉﾄﾞｸﾞﾛ", against: stored))
    #expect(!hasher.verifyKeyword("のどくろ", against: stored))
  }

  @Test func aHashOfAnUnknownAlgorithmNeverVerifies() {
    var stored = hasher.hash("x-password")
    stored.algorithm = "md5"
    #expect(!hasher.verify("x-password", against: stored))
  }

  @Test func productionUsesOWASPStrengthAndTestingIsExplicit() {
    #expect(KDFConfiguration.production.iterations >= 600_000)
    #expect(KDFConfiguration.testing(iterations: 1000).iterations == 1000)
    #expect(PasswordHasher(configuration: .production).hash("x").iterations >= 600_000)
  }

  /// The dummy verify for an unknown account derives a key exactly as a real verify does: one derivation with the
  /// configured parameters. A stored hash that cannot be used (unknown algorithm) costs the same.
  @Test func theDummyVerifyDoesTheWorkOfARealOne() {
    let stored = hasher.hash("a password")
    let real = CostSummary.of { _ = hasher.verify("a guess", against: stored) }
    let dummy = CostSummary.of { hasher.dummyVerify("a guess") }
    var broken = stored
    broken.algorithm = "md5"
    let unusable = CostSummary.of { _ = hasher.verify("a guess", against: broken) }
    #expect(real.kdf == [1000])
    #expect(dummy == real)
    #expect(unusable == real)
  }

  @Test func constantTimeCompareStillCompares() {
    #expect(PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 3]))
    #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2, 4]))
    #expect(!PasswordHasher.constantTimeEqual([1, 2, 3], [1, 2]))
  }

  @Test func tokensAreURLSafeLongAndUnique() {
    let tokens = (0..<200).map { _ in Token.generate() }
    #expect(Set(tokens).count == 200)
    for token in tokens {
      #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
      #expect(token.count * 6 >= 128)
    }
  }

  @Test func aTokenDigestIsSHA256Hex() {
    #expect(Token.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    // FIPS 180-2's other vectors: the empty message and the two-block one.
    #expect(Token.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      Token.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func hexIsTwoLowerCaseDigitsPerByteAsPrintfWrites() {
    let every = Data((0...255).map { UInt8($0) })
    #expect(Hex.lowercase(every) == every.map { String(format: "%02x", $0) }.joined())
    #expect(Hex.lowercase(Data()) == "")
    #expect(Hex.lowercase(Data([0x00, 0x0f, 0xa0, 0xff])) == "000fa0ff")
  }

  @Test func aKeyedNameIsHMACSHA256Hex() throws {
    // RFC 4231, test case 2.
    let names = NameKeys()
    names.set(Data("Jefe".utf8))
    #expect(
      try names.name("what do ya want for nothing?", path: "name-key.json")
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    #expect(NameKeys.plainDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func noPlainSecretOfTheDemoMemberIsAnywhereInTheFolder() throws {
    let folder = TemporaryDataFolder()
    defer { folder.remove() }
    _ = try folder.store()
    let secrets = [DemoMember.password] + DemoMember.keywords + DemoMember.keywords.map(KanaFolding.fold)
    let files = folder.allFiles()
    #expect(files.contains { $0.lastPathComponent == "HKDEMU27.json" })
    for file in files {
      let data = try Data(contentsOf: file)
      for secret in secrets {
        #expect(data.range(of: Data(secret.utf8)) == nil, "\(secret) in \(file.path)")
      }
    }
  }
}
