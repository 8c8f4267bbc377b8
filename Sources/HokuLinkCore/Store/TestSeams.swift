import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One durable step of the store: the moments at which a crash can leave the data folder in another state.
public enum DurableStep: Sendable, Hashable {
  case write(bytes: Int)
  case fsync
  case rename
  case unlink
}

/// What the code did, as a test observes it: the seam through which the tests compare the work done on two paths
/// (a known and an unknown identity) by counting, never by timing.
public enum CostEvent: Sendable, Hashable {
  /// A durable step on a file, with the path relative to nothing (the test decides what to keep of it).
  case step(DurableStep, path: String)
  /// One key derivation of the password KDF, with its iteration count.
  case kdf(iterations: Int)
  /// One committed store transaction with this many changed files (0 for a transaction that changed nothing).
  case commit(files: Int)
  /// One folder listed (a directory read), with its path.
  case listFolder(path: String)
}

/// Records the cost events of the code run inside `observe`. Bound to the current task (a task-local value),
/// so tests running side by side each see only their own work. Read only by debug builds.
public final class CostProbe: Sendable {
  private let recorded = Mutex<[CostEvent]>([])

  public init() {}

  public var events: [CostEvent] { recorded.withLock { $0 } }

  func record(_ event: CostEvent) { recorded.withLock { $0.append(event) } }

  @TaskLocal static var current: CostProbe?

  /// Runs `body` with this probe recording every cost event of the current task.
  public func observe<T>(_ body: () throws -> T) rethrows -> T {
    try CostProbe.$current.withValue(self) { try body() }
  }

  @inline(__always) static func note(_ event: @autoclosure () -> CostEvent) {
    #if DEBUG
      current?.record(event())
    #endif
  }
}

/// The test suite's one crash mechanism. A debug build started with `HOKULINK_TEST_CRASH_AT=N` kills itself with
/// SIGKILL just before its Nth durable step (each write, fsync, rename and unlink of the store and the mail), so a
/// test can walk N from 1 upwards, until the process ends on its own, and check the folder after each kill.
/// Release builds never read the variable.
public enum FaultHook {
  public static let variable = "HOKULINK_TEST_CRASH_AT"

  #if DEBUG
    private static let crashAt: Int? = getenv(variable).flatMap { Int(String(cString: $0)) }
    private static let count = Atomic<Int>(0)
  #endif

  /// Called by `FileIO` before each durable step.
  @inline(__always) static func step(_ step: DurableStep, path: String) {
    #if DEBUG
      CostProbe.current?.record(.step(step, path: path))
      if let crashAt {
        let reached = count.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
        if reached == crashAt {
          kill(getpid(), SIGKILL)
          while true { pause() }
        }
      }
    #endif
  }
}
