import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// What every connection shares: the running sessions (by phone name), the per-address connection rate, and the
/// log. Connections live on several event loops, so this is behind a lock.
final class ServerState: Sendable {
  private struct Sessions {
    var names: [String: ObjectIdentifier] = [:]
    var stoppers: [ObjectIdentifier: @Sendable () -> Void] = [:]
    var recentConnections: [String: [Date]] = [:]
    var stopping = false
  }

  enum Admission: Equatable {
    case admitted
    case full(inUse: Int)
    case nameInUse
    case stopping
  }

  let maxSessions: Int
  let connectionsPerMinute: Int
  private let sessions = NIOLockedValueBox(Sessions())
  private let output = NIOLock()

  init(maxSessions: Int, connectionsPerMinute: Int) {
    self.maxSessions = maxSessions
    self.connectionsPerMinute = connectionsPerMinute
  }

  /// Takes a session slot for `name`; `stop` is what the server calls on it when it is told to end.
  func admit(name: String, id: ObjectIdentifier, stop: @escaping @Sendable () -> Void) -> Admission {
    sessions.withLockedValue { state in
      if state.stopping { return .stopping }
      if state.names[name] != nil { return .nameInUse }
      if state.names.count >= maxSessions { return .full(inUse: state.names.count) }
      state.names[name] = id
      state.stoppers[id] = stop
      return .admitted
    }
  }

  func release(name: String, id: ObjectIdentifier) {
    sessions.withLockedValue { state in
      if state.names[name] == id { state.names[name] = nil }
      state.stoppers[id] = nil
    }
  }

  var sessionCount: Int { sessions.withLockedValue { $0.names.count } }

  /// A new connection from `address`: false when that address has opened too many in the last minute.
  func allowConnection(from address: String, now: Date = Date()) -> Bool {
    sessions.withLockedValue { state in
      if state.stopping { return false }
      var recent = (state.recentConnections[address] ?? []).filter { now.timeIntervalSince($0) < 60 }
      defer { state.recentConnections[address] = recent.isEmpty ? nil : recent }
      guard recent.count < connectionsPerMinute else { return false }
      recent.append(now)
      return true
    }
  }

  /// Refuses new sessions and asks every running one to end.
  func stopAll() {
    let stoppers = sessions.withLockedValue { state in
      state.stopping = true
      return Array(state.stoppers.values)
    }
    for stop in stoppers { stop() }
  }

  /// One line on standard output (the address, the sessions); never a secret.
  func log(_ line: String) {
    output.withLock {
      FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
  }
}
