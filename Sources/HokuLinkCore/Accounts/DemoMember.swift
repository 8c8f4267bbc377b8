import Dispatch
import Foundation
import Synchronization

/// The member every new data folder holds, for walkthrough C and the "already registered" case (SPEC §3).
/// Its plain secrets live only here, in the source, so `hokulink customers` can print them for testers.
public enum DemoMember {
  public static let customerNumber = "410056789012"
  public static let name = "白山 次郎"
  public static let userID = "HKDEMU27"
  public static let email = "hakusan.jiro@example.jp"
  public static let password = "hakusan-2026"
  public static let keywords = ["のどぐろ", "ますずし", "はくさん"]

  /// Fully registered (password set, keywords set), no profile, no known devices.
  static func makeAccount(hasher: PasswordHasher, now: Date) -> Account {
    // Four slow hashes, made side by side: a new data folder is ready in the time of about two.
    let secrets = [password] + keywords
    let hashes = Mutex<[Int: PasswordHash]>([:])
    DispatchQueue.concurrentPerform(iterations: secrets.count) { index in
      let hash = index == 0 ? hasher.hash(secrets[index]) : hasher.hashKeyword(secrets[index])
      hashes.withLock { $0[index] = hash }
    }
    let made = hashes.withLock { $0 }
    return Account(
      userID: userID, email: email, customerNumber: customerNumber, passwordHash: made[0] ?? hasher.hash(password),
      keywordHashes: keywords.indices.map { made[$0 + 1] ?? hasher.hashKeyword(keywords[$0]) }, course: .immediate,
      createdAt: now)
  }
}
