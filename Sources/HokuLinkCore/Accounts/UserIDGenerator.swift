import Foundation

/// Issues 利用者ID: 8 characters, a letter first, no look-alikes, random from the CSPRNG, unique in the store.
public enum UserIDGenerator {
  /// A random candidate; `unique(in:)` checks it against the store.
  public static func random() -> String {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Assumptions.userIDLetters + Assumptions.userIDDigits
    var id = String(Assumptions.userIDLetters.randomElement(using: &generator) ?? "A")
    for _ in 1..<Assumptions.userIDLength {
      id.append(alphabet.randomElement(using: &generator) ?? "A")
    }
    return id
  }

  /// A fresh ID not held by any account; with 24×32^7 possibilities a retry is rare, a second one rarer still.
  public static func unique(in transaction: StoreTransaction) throws -> String {
    while true {
      let candidate = random()
      if try transaction.get(Account.self, id: candidate) == nil { return candidate }
    }
  }

  /// How a typed 利用者ID is compared: NFKC (full-width letters typed through an IME), trimmed, upper case.
  public static func normalise(_ typed: String) -> String {
    typed.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
  }

  /// Whether `id` has the shape of an issued ID; anything else can be answered "wrong" without touching a file.
  public static func isWellFormed(_ id: String) -> Bool {
    let letters = Set(Assumptions.userIDLetters)
    let all = letters.union(Assumptions.userIDDigits)
    guard id.count == Assumptions.userIDLength, let first = id.first, letters.contains(first) else { return false }
    return id.allSatisfy { all.contains($0) }
  }
}
