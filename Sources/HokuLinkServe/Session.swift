import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// One SSH session channel: its requests, its own `hokulink` on a pty, and how it ends. Every method runs on
/// the channel's event loop.
final class Session: ChannelDuplexHandler {
  typealias InboundIn = SSHChannelData
  typealias InboundOut = Never
  typealias OutboundIn = SSHChannelData
  typealias OutboundOut = SSHChannelData

  /// How a session ended, for the log.
  enum Ending: String {
    case exited = "the app ended"
    case clientLeft = "the client left"
    case idle = "idle timeout"
    case serverStopped = "the server stopped"
    case refused = "refused"
  }

  private let configuration: ServeConfiguration
  private let server: ServerState
  private let connection: Connection
  private var context: ChannelHandlerContext?

  private var term: String?
  private var columns = 80
  private var rows = 24
  private var clientEnvironment: [String: String] = [:]

  private var child: ChildProcess?
  private var pipe: Channel?
  private var pendingInput: [ByteBuffer] = []
  private var childEnding: ChildProcess.Ending?
  private var pipeClosed = false
  private var started = false
  private var finished = false
  private var admittedName: String?
  private var ending: Ending?
  private var startedAt = Date()
  private var lastInput = NIODeadline.now()
  private var idleCheck: Scheduled<Void>?
  private var escalation: [Scheduled<Void>] = []
  private var refusal: String?

  init(configuration: ServeConfiguration, server: ServerState, connection: Connection) {
    self.configuration = configuration
    self.server = server
    self.connection = connection
  }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    // A client whose standard input ends (`ssh -tt … < /dev/null`) still gets the app's output and exit status.
    context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
  }

  // MARK: Requests

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    switch event {
    case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
      term = ClientEnvironment.validTerm(request.term) ? request.term : "xterm-256color"
      columns = max(1, request.terminalCharacterWidth)
      rows = max(1, request.terminalRowHeight)
      reply(request.wantReply, !started)
    case let request as SSHChannelRequestEvent.EnvironmentRequest where request.name == ScreenedRequest.marker:
      refuseForwarding(request.value, wantReply: request.wantReply)
    case let request as SSHChannelRequestEvent.EnvironmentRequest:
      let accepted =
        ClientEnvironment.allows(request.name)
        && ClientEnvironment.acceptable(name: request.name, value: request.value)
      if accepted { clientEnvironment[request.name] = request.value }
      reply(request.wantReply, accepted)
    case let request as SSHChannelRequestEvent.WindowChangeRequest:
      columns = max(1, request.terminalCharacterWidth)
      rows = max(1, request.terminalRowHeight)
      if let child, !pipeClosed { child.resize(columns: columns, rows: rows) }
    case let request as SSHChannelRequestEvent.ShellRequest:
      start(options: configuration.appOptions, wantReply: request.wantReply)
    case let request as SSHChannelRequestEvent.ExecRequest:
      guard let options = configuration.appOptions.adding(command: request.command) else {
        refuse(
          "this server runs only the hokulink app; a command may hold only its options (\(AppOptions.allowedWords)),"
            + " and `\(request.command.prefix(60))` is not one of them.", wantReply: request.wantReply)
        return
      }
      start(options: options, wantReply: request.wantReply)
    case let request as SSHChannelRequestEvent.SubsystemRequest:
      refuse(
        "subsystems (such as \(request.subsystem.prefix(20))) are turned off: this server runs only the hokulink app.",
        wantReply: request.wantReply)
    case let event as ChannelEvent where event == .inputClosed:
      break
    default:
      // Signals and flow control are not acted on.
      context.fireUserInboundEventTriggered(event)
    }
  }

  /// A request NIOSSH does not parse, screened into an `env` (ScreenedTransport): X11 and agent forwarding are
  /// answered with failure and one line on standard error, and the session goes on; others only with failure.
  private func refuseForwarding(_ type: String, wantReply: Bool) {
    switch type {
    case "x11-req":
      notice("X11 forwarding (ssh -X, -Y) is turned off on this server; the app goes on without it.")
    case "auth-agent-req@openssh.com":
      notice("agent forwarding (ssh -A) is turned off on this server; the app goes on without it.")
    default:
      break
    }
    reply(wantReply, false)
  }

  private func reply(_ wanted: Bool, _ success: Bool) {
    guard wanted, let context else { return }
    if success {
      context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
    } else {
      context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
    }
  }

  /// Says why on the client's standard error and ends the channel with exit status 1. The request itself is
  /// answered with success: OpenSSH quits at a failure before it prints what came on standard error.
  private func refuse(_ message: String, wantReply: Bool) {
    guard let context else { return }
    guard !started else {
      reply(wantReply, false)
      return
    }
    started = true
    ending = .refused
    refusal = message
    reply(wantReply, true)
    var buffer = context.channel.allocator.buffer(capacity: message.utf8.count + 20)
    buffer.writeString("hokulink serve: \(message)\r\n")
    let loop = context.eventLoop
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))))
      .assumeIsolated().whenComplete { _ in
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 1)).hop(to: loop)
          .assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
      }
    logEnd()
  }

  // MARK: Starting the app

  private func start(options: AppOptions, wantReply: Bool) {
    guard let context, !started else {
      reply(wantReply, false)
      return
    }
    guard term != nil else {
      refuse(
        "the hokulink app is full-screen and needs a terminal: connect with `ssh -t` (or without -T).",
        wantReply: wantReply)
      return
    }
    let name = connection.userName ?? ""
    guard DeviceName.isValid(name) else {
      refuse(
        "the user name is the phone's name and may have only letters, digits, `.`, `_` and `-` (1 to 32):"
          + " connect as, for example, ssh -p \(connection.port) taro@host.", wantReply: wantReply)
      return
    }
    let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
    let loop = context.eventLoop
    switch server.admit(name: name, id: ObjectIdentifier(self), stop: { loop.execute { bound.value.serverStops() } })
    {
    case .admitted:
      admittedName = name
    case .full(let inUse):
      refuse(
        "all \(inUse) sessions are in use (\(inUse) of \(server.maxSessions)); please try again when one ends.",
        wantReply: wantReply)
      return
    case .nameInUse:
      refuse(
        "the phone \(name) is already in use in another session; connect with another name"
          + " (ssh -p \(connection.port) another-name@host), or end that session first.", wantReply: wantReply)
      return
    case .stopping:
      refuse("the server is stopping.", wantReply: wantReply)
      return
    }
    let process: ChildProcess
    do {
      process = try ChildProcess.start(
        path: configuration.appPath, arguments: arguments(name: name, options: options),
        environment: environment(), columns: columns, rows: rows)
    } catch {
      server.release(name: name, id: ObjectIdentifier(self))
      admittedName = nil
      refuse("the app could not start (\(error.description)).", wantReply: wantReply)
      return
    }
    started = true
    startedAt = Date()
    child = process
    reply(wantReply, true)
    process.waitForEnd { ending in loop.execute { bound.value.childEnded(ending) } }

    let sshChannel = context.channel
    NIOPipeBootstrap(group: loop)
      .channelInitializer { pipeChannel in
        pipeChannel.eventLoop.makeCompletedFuture {
          try pipeChannel.pipeline.syncOperations.addHandler(PtyOutput(ssh: sshChannel, session: bound))
        }
      }
      .takingOwnershipOfDescriptor(inputOutput: process.master)
      .assumeIsolated().whenComplete { result in
        switch result {
        case .success(let channel):
          self.pipe = channel
          for buffer in self.pendingInput { channel.write(buffer, promise: nil) }
          self.pendingInput = []
          channel.flush()
          if self.ending != nil { channel.close(promise: nil) }
        case .failure:
          Glibc.close(process.master)
          self.ptyClosed()
        }
      }
    scheduleIdleCheck()
  }

  private func arguments(name: String, options: AppOptions) -> [String] {
    ["--data-dir", configuration.dataDir.path, "--device", name] + options.arguments
  }

  private func environment() -> [String: String] {
    var result = configuration.inheritedEnvironment
    result.merge(clientEnvironment) { $1 }
    result["TERM"] = term ?? "xterm-256color"
    if result["LANG"] == nil && result["LC_ALL"] == nil && result["LC_CTYPE"] == nil { result["LANG"] = "C.UTF-8" }
    return result
  }

  // MARK: Data

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let message = unwrapInboundIn(data)
    guard case .channel = message.type, case .byteBuffer(let buffer) = message.data else { return }
    lastInput = .now()
    if let pipe {
      pipe.writeAndFlush(buffer, promise: nil)
    } else if child != nil && !pipeClosed {
      pendingInput.append(buffer)
    }
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    // The client reads slowly: stop reading the app's output until it catches up.
    pipe?.setOption(ChannelOptions.autoRead, value: context.channel.isWritable).whenFailure { _ in }
    context.fireChannelWritabilityChanged()
  }

  func channelInactive(context: ChannelHandlerContext) {
    if child != nil && childEnding == nil { hangUp(.clientLeft, gently: false) }
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }

  // MARK: Ending

  private func scheduleIdleCheck() {
    guard configuration.idleTimeout > 0, let context else { return }
    let timeout = TimeAmount.milliseconds(Int64(configuration.idleTimeout * 1000))
    let due = lastInput + timeout
    idleCheck = context.eventLoop.assumeIsolated().scheduleTask(deadline: due) { [self] in
      guard childEnding == nil, ending == nil else { return }
      if NIODeadline.now() >= lastInput + timeout {
        notice("no key for \(Self.describe(configuration.idleTimeout)): the session ends, and your progress is kept.")
        hangUp(.idle, gently: true)
      } else {
        scheduleIdleCheck()
      }
    }
  }

  fileprivate func serverStops() {
    guard child != nil, childEnding == nil else { return }
    hangUp(.serverStopped, gently: true)
  }

  /// Ends the app as a hang-up does (it saves, then exits), then SIGTERM and SIGKILL if it lingers. `gently`
  /// keeps the pty open at first, so the app's last output (the terminal restored) still reaches the client.
  private func hangUp(_ reason: Ending, gently: Bool) {
    guard let context, let child, ending == nil else { return }
    ending = reason
    if gently {
      child.signal(SIGHUP)
    } else {
      pipe?.close(promise: nil)
    }
    let loop = context.eventLoop.assumeIsolated()
    escalation.append(
      loop.scheduleTask(in: .seconds(3)) { [self] in
        pipe?.close(promise: nil)
        child.signal(SIGTERM)
      })
    escalation.append(loop.scheduleTask(in: .seconds(6)) { child.signal(SIGKILL) })
  }

  private func notice(_ text: String) {
    guard let context, context.channel.isActive else { return }
    var buffer = context.channel.allocator.buffer(capacity: text.utf8.count + 24)
    buffer.writeString("hokulink serve: \(text)\r\n")
    context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))), promise: nil)
  }

  fileprivate func childEnded(_ end: ChildProcess.Ending) {
    childEnding = end
    for task in escalation { task.cancel() }
    escalation = []
    if pipeClosed {
      finish()
    } else {
      // The pty's last output is still on its way; do not wait for it for ever.
      context?.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { [self] in
        pipe?.close(promise: nil)
        finish()
      }
    }
  }

  fileprivate func ptyClosed() {
    pipeClosed = true
    pipe = nil
    if childEnding != nil {
      finish()
    } else if ending == nil {
      // The pty went away under a running app: it was hung up; make sure it ends.
      hangUp(.exited, gently: false)
    }
  }

  private func finish() {
    guard !finished, let context else { return }
    finished = true
    idleCheck?.cancel()
    if ending == nil { ending = .exited }
    if let admittedName { server.release(name: admittedName, id: ObjectIdentifier(self)) }
    logEnd()
    let channel = context.channel
    guard channel.isActive else { return }
    let loop = context.eventLoop
    let status: EventLoopFuture<Void>
    switch childEnding {
    case .exited(let code)?:
      status = channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(code)))
    case .signalled?:
      status = channel.triggerUserOutboundEvent(
        SSHChannelRequestEvent.ExitSignal(
          signalName: childEnding?.signalName ?? "KILL", errorMessage: "", language: "en", dumpedCore: false))
    case nil:
      status = loop.makeSucceededVoidFuture()
    }
    status.hop(to: loop).assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
  }

  private func logEnd() {
    let seconds = Int(Date().timeIntervalSince(startedAt).rounded())
    var how = ending?.rawValue ?? "ended"
    switch childEnding {
    case .exited(let code)?: how += ", exit \(code)"
    case .signalled?: how += ", signal \(childEnding?.signalName ?? "")"
    case nil: break
    }
    if let refusal { how += ": \(refusal)" }
    let user = connection.userName.map { DeviceName.isValid($0) ? $0 : "(invalid name)" } ?? "-"
    server.log(
      "session user=\(user) from=\(connection.address) size=\(columns)x\(rows) term=\(term ?? "none")"
        + " duration=\(seconds)s ended: \(how)")
  }

  static func describe(_ seconds: Double) -> String {
    if seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) min" }
    return "\(Int(seconds)) s"
  }
}

/// The pty master as a channel: what the app writes goes to the client as channel data.
final class PtyOutput: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer

  private let ssh: Channel
  private let session: NIOLoopBound<Session>

  init(ssh: Channel, session: NIOLoopBound<Session>) {
    self.ssh = ssh
    self.session = session
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let buffer = unwrapInboundIn(data)
    ssh.write(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: nil)
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    ssh.flush()
    context.fireChannelReadComplete()
  }

  func channelInactive(context: ChannelHandlerContext) {
    ssh.flush()
    session.value.ptyClosed()
    context.fireChannelInactive()
  }

  /// Linux answers EIO once every slave descriptor is closed: the app has gone.
  func errorCaught(context: ChannelHandlerContext, error: Error) {
    context.close(promise: nil)
  }
}
