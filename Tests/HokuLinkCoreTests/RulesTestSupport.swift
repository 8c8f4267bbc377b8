@testable import HokuLinkCore

/// The value of a success, or nil; the reason of a failure, or nil — so tests read as one line.
extension Result {
  var value: Success? {
    if case .success(let value) = self { return value }
    return nil
  }

  var reason: Failure? {
    if case .failure(let reason) = self { return reason }
    return nil
  }
}
