/// The cost of the password KDF. The app always uses `.production`; only tests lower it, by name.
public struct KDFConfiguration: Sendable, Equatable {
  public let iterations: Int

  private init(iterations: Int) { self.iterations = iterations }

  /// PBKDF2-HMAC-SHA256 at OWASP Password Storage Cheat Sheet strength.
  public static let production = KDFConfiguration(iterations: Assumptions.pbkdf2Iterations)

  /// A cheap KDF for tests and benchmarks only: never for a real data folder.
  public static func testing(iterations: Int) -> KDFConfiguration {
    KDFConfiguration(iterations: max(1, iterations))
  }
}
