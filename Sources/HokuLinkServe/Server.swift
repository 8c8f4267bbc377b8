import Dispatch
import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// `hokulink serve`: listens, lets colleagues in, gives each SSH session its own app, and ends them all on
/// SIGTERM or SIGINT.
public enum Server {
  /// Runs until SIGTERM or SIGINT; returns once every session has ended.
  public static func run(_ configuration: ServeConfiguration) throws(ServeError) {
    try configuration.validate()
    let keys = try configuration.authorizedKeys.map { url throws(ServeError) in try AuthorizedKeys.load(url) }
    let (hostKey, created) = try HostKey.loadOrCreate(at: configuration.hostKey)
    let state = ServerState(
      maxSessions: configuration.maxSessions, connectionsPerMinute: configuration.connectionsPerMinute)

    // Handled by the dispatch sources below, not by the default action.
    signal(SIGTERM, SIG_IGN)
    signal(SIGINT, SIG_IGN)
    signal(SIGPIPE, SIG_IGN)

    let group = MultiThreadedEventLoopGroup(numberOfThreads: min(4, max(1, System.coreCount)))
    let sshKey = hostKey.sshKey
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { channel in
        let address = channel.remoteAddress?.ipAddress ?? "?"
        guard state.allowConnection(from: address) else {
          state.log("refused a connection from \(address): too many in the last minute")
          return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
        }
        return channel.eventLoop.makeCompletedFuture {
          let connection = Connection(
            address: "\(address):\(channel.remoteAddress?.port ?? 0)", port: channel.localAddress?.port ?? 0)
          var server = SSHServerConfiguration(
            hostKeys: [sshKey],
            userAuthDelegate: Authenticator(
              configuration: configuration, keys: keys, connection: connection, channel: channel),
            globalRequestDelegate: NoForwarding())
          server.banner = .init(message: Server.banner, languageTag: "en")
          // NIOSSH's own AES-GCM would drop the connection at an x11-req; these hand it to the session instead.
          server.transportProtectionSchemes = [ScreenedAES256GCM.self, ScreenedAES128GCM.self]
          // A backstop: the authenticator itself ends the connection at the sixth wrong password or key.
          server.maxAuthAttempts = configuration.maxAuthAttempts * 3 + 2
          let handler = NIOSSHHandler(
            role: .server(server), allocator: channel.allocator,
            inboundChildChannelInitializer: { child, type in
              childChannel(child, type, configuration: configuration, state: state, connection: connection)
            })
          try channel.pipeline.syncOperations.addHandlers([handler, ConnectionGuard()])
          // A connection that has not logged in within the grace time is dropped.
          let grace = TimeAmount.milliseconds(Int64(configuration.loginGrace * 1000))
          channel.eventLoop.assumeIsolated().scheduleTask(in: grace) {
            if connection.userName == nil { channel.close(promise: nil) }
          }
        }
      }

    let listener: Channel
    do {
      listener = try bootstrap.bind(host: configuration.listen, port: configuration.port).wait()
    } catch {
      try? group.syncShutdownGracefully()
      throw ServeError("Could not listen on \(configuration.listen) port \(configuration.port): \(error).")
    }
    let port = listener.localAddress?.port ?? configuration.port
    let host = configuration.listen.contains(":") ? "[\(configuration.listen)]" : configuration.listen
    state.log("hokulink serve: listening on \(host):\(port) (auth \(configuration.auth.rawValue))")
    state.log(
      "host key: 256 \(hostKey.fingerprint) (ED25519) \(configuration.hostKey.path)\(created ? ", new" : "")")
    let shown = ServeConfiguration.isAnyAddress(configuration.listen) ? "THIS-HOST" : configuration.listen
    state.log("connect: ssh -p \(port) yourname@\(shown)")

    let stopped = DispatchSemaphore(value: 0)
    let queue = DispatchQueue(label: "hokulink-serve signals")
    let sources = [SIGTERM, SIGINT].map { number in
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { stopped.signal() }
      source.resume()
      return source
    }
    stopped.wait()
    for source in sources { source.cancel() }

    state.log("hokulink serve: stopping \(state.sessionCount) session(s)")
    try? listener.close().wait()
    state.stopAll()
    // Each session ends within its escalation (hang-up, SIGTERM at 3 s, SIGKILL at 6 s), then is reaped.
    let deadline = Date().addingTimeInterval(12)
    while state.sessionCount > 0 && Date() < deadline { usleep(20_000) }
    try? group.syncShutdownGracefully()
    state.log("hokulink serve: stopped")
  }

  static let banner =
    "hokulink demo server: your user name is your phone's name. Use ssh -t; port, agent and X11 forwarding"
    + " (-L, -R, -A, -X) and subsystems are turned off.\r\n"

  static func childChannel(
    _ channel: Channel, _ type: SSHChannelType, configuration: ServeConfiguration, state: ServerState,
    connection: Connection
  ) -> EventLoopFuture<Void> {
    switch type {
    case .session:
      return channel.eventLoop.makeCompletedFuture {
        try channel.pipeline.syncOperations.addHandler(
          Session(configuration: configuration, server: state, connection: connection))
      }
    case .directTCPIP:
      // `ssh -L` and `ssh -W`: whoever connects through the tunnel reads why, and the tunnel closes.
      return channel.eventLoop.makeCompletedFuture {
        try channel.pipeline.syncOperations.addHandler(ForwardingRefusal())
      }
    case .forwardedTCPIP:
      return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
    }
  }
}

/// `ssh -R`: refused (OpenSSH says "remote port forwarding failed").
struct NoForwarding: GlobalRequestDelegate {}

/// Writes why on a forwarded connection and closes it.
final class ForwardingRefusal: ChannelInboundHandler {
  typealias InboundIn = SSHChannelData
  typealias OutboundOut = SSHChannelData

  static let message =
    "hokulink serve: port forwarding is turned off on this server; it runs only the hokulink app.\r\n"

  func channelActive(context: ChannelHandlerContext) {
    var buffer = context.channel.allocator.buffer(capacity: 100)
    buffer.writeString(Self.message)
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))))
      .assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

/// Closes a connection whose SSH layer failed (a bad packet, a client that gave up).
final class ConnectionGuard: ChannelInboundHandler {
  typealias InboundIn = Any

  func errorCaught(context: ChannelHandlerContext, error: Error) {
    if ProcessInfo.processInfo.environment["HOKULINK_SERVE_DEBUG"] != nil {
      FileHandle.standardError.write(Data("connection error: \(error)\n".utf8))
    }
    context.close(promise: nil)
  }
}
