import Foundation
import Testing
import TmuxTesting

/// `hokulink serve` with Debian's OpenSSH client on loopback: each SSH session is its own app, as the phone
/// named by the user name (SPEC §9, issue 10).
@Suite(.enabled(if: TmuxSession.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh")))
struct SessionTests {
  @Test func twoClientsAtOnceEachDrawTheFirstScreenAsTwoPhones() throws {
    let server = try ServeProcess()
    let alice = try TmuxSession(command: server.sshCommand("alice"))
    let bob = try TmuxSession(command: server.sshCommand("bob"))
    let first = try alice.waitFor("入手", seconds: 60)
    #expect(first.found, "\(first.screen)\n\(server.log)")
    let second = try bob.waitFor("入手", seconds: 60)
    #expect(second.found, "\(second.screen)\n\(server.log)")
    #expect(server.app(device: "alice") != nil && server.app(device: "bob") != nil)
    // Each is a phone of its own: alice installs the app, bob still sees the store.
    try alice.send("Enter")
    #expect(try alice.waitFor("開く", seconds: 30).found)
    #expect(try !bob.screen().contains("開く"))
  }

  @Test func aWindowChangeTo60x20ShowsTheEnlargeScreenAnd100x30TheAppAgain() throws {
    let server = try ServeProcess()
    let tmux = try TmuxSession(command: server.sshCommand("resizer"))
    #expect(try tmux.waitFor("入手", seconds: 60).found)
    try tmux.resize(width: 60, height: 20)
    let small = try tmux.waitFor("80×24", seconds: 30)
    #expect(small.found, "\(small.screen)")
    #expect(!small.screen.contains("入手"))
    try tmux.resize(width: 100, height: 30)
    let large = try tmux.waitFor("入手", seconds: 30)
    #expect(large.found, "\(large.screen)")
    // The server kept the last size it was told: the log line at the end says so.
    try tmux.send("C-c")
    #expect(eventually { server.log.contains("user=resizer") }, "\(server.log)")
    #expect(server.log.contains("user=resizer from=") && server.log.contains("size=100x30"), "\(server.log)")
  }

  @Test func aKilledClientLeavesNoAppAndTheNextLoginResumes() throws {
    let server = try ServeProcess()
    let tmux = try TmuxSession(command: server.sshCommand("taro"))
    #expect(try tmux.waitFor("入手", seconds: 60).found)
    try tmux.send("Enter")
    #expect(try tmux.waitFor("開く", seconds: 30).found)
    let app = try #require(server.app(device: "taro"))
    let client = try tmux.panePID
    kill(client, SIGKILL)
    #expect(eventually { !ProcessTable.exists(app.pid) }, "\(server.log)")
    #expect(eventually { server.apps.isEmpty })
    #expect(eventually { server.log.contains("user=taro") && server.log.contains("the client left") }, "\(server.log)")
    #expect(eventually { server.zombies.isEmpty }, "\(server.zombies.map(\.pid))")
    // The phone taro installed the app: the next login opens the app itself, not the store.
    let again = try TmuxSession(command: server.sshCommand("taro"))
    let top = try again.waitFor("新規会員登録はこちら", seconds: 60)
    #expect(top.found, "\(top.screen)\n\(server.log)")
  }

  @Test func quittingTheAppEndsSshWithTheAppsExitStatus() throws {
    let server = try ServeProcess()
    let tmux = try TmuxSession(command: server.sshCommand("quitter"))
    #expect(try tmux.waitFor("入手", seconds: 60).found)
    try tmux.send("C-c")
    let ended = try tmux.waitFor("SSH-EXITED", seconds: 30)
    #expect(ended.screen.contains("SSH-EXITED 0"), "\(ended.screen)")
    #expect(eventually { server.log.contains("the app ended, exit 0") }, "\(server.log)")
    #expect(server.zombies.isEmpty && server.apps.isEmpty)
  }

  @Test func anAppThatFailsEndsSshWithItsNonZeroStatus() throws {
    let server = try ServeProcess()
    // A damaged store stops the app with one sentence and exit status 2.
    try FileManager.default.createDirectory(at: server.folder, withIntermediateDirectories: true)
    try Data("not json".utf8).write(to: server.folder.appendingPathComponent("meta.json"))
    let run = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("broken"))
    #expect(run.status == 2, "\(run.output) \(run.error)")
  }

  @Test func aSecondConnectionWithTheSameNameIsRefusedWithWords() throws {
    let server = try ServeProcess()
    let first = try TmuxSession(command: server.sshCommand("hanako"))
    #expect(try first.waitFor("入手", seconds: 60).found)
    let second = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("hanako"))
    #expect(second.status == 1)
    #expect((second.output + second.error).contains("the phone hanako is already in use"), "\(second.error)")
    #expect(server.apps.count == 1)
  }

  @Test func sshWithoutATerminalIsToldToUseMinusT() throws {
    let server = try ServeProcess()
    let run = try Spawned.run("/usr/bin/ssh", ["-T"] + server.sshArguments("plain"))
    #expect(run.status == 1)
    #expect(run.error.contains("needs a terminal: connect with `ssh -t`"), "\(run.error)")
    #expect(server.apps.isEmpty)
  }

  @Test func aSessionOverTheLimitIsRefusedSayingHowManyAreInUse() throws {
    let server = try ServeProcess(["--max-sessions", "1"])
    let first = try TmuxSession(command: server.sshCommand("one"))
    #expect(try first.waitFor("入手", seconds: 60).found)
    let second = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("two"))
    #expect(second.status == 1)
    #expect((second.output + second.error).contains("all 1 sessions are in use (1 of 1)"), "\(second.error)")
  }

  @Test func commandsOtherThanTheAppsOptionsAreRefusedAndOptionsAreUsed() throws {
    let server = try ServeProcess()
    let shell = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("evil") + ["--", "sh", "-c", "id"])
    #expect(shell.status == 1)
    #expect((shell.output + shell.error).contains("runs only the hokulink app"), "\(shell.error)")
    let english = try TmuxSession(command: server.sshCommand("english", [], then: " -- --lang en; sleep 60"))
    let screen = try english.waitUntil(seconds: 60) { !$0.contains("入手") && $0.contains("Get") }
    #expect(screen.found, "\(screen.screen)")
    #expect(server.app(device: "english")?.commandLine.contains("en") ?? false)
  }

  @Test func anInvalidUserNameIsRefusedWithWords() throws {
    let server = try ServeProcess()
    let run = try Spawned.run("/usr/bin/ssh", ["-tt"] + server.sshArguments("no+such*name"))
    #expect(run.status == 1)
    #expect((run.output + run.error).contains("letters, digits"), "\(run.error)")
  }

  @Test func anEnvironmentVariableOutsideTheAllowlistDoesNotReachTheApp() throws {
    let server = try ServeProcess()
    let tmux = try TmuxSession(
      command: server.sshCommand(
        "envy", ["-o", "SetEnv=HOKULINK_LEAK=secret NO_COLOR=1 LC_MESSAGES=C.UTF-8", "-A"]),
      environment: ["SSH_AUTH_SOCK": "/tmp/not-an-agent"])
    #expect(try tmux.waitFor("入手", seconds: 60).found)
    let app = try #require(server.app(device: "envy"))
    let environment = ProcessTable.environment(of: app.pid)
    #expect(environment["HOKULINK_LEAK"] == nil)
    #expect(environment["NO_COLOR"] == "1")
    #expect(environment["LC_MESSAGES"] == "C.UTF-8")
    #expect(environment["TERM"] == "xterm-256color")
    // Agent forwarding was asked for (-A) and not granted.
    #expect(environment["SSH_AUTH_SOCK"] == nil)
  }

  /// `ssh -X` sends an x11-req before its pty-req (trusted, so OpenSSH makes up a cookie even without an X
  /// server or xauth): the client reads why on its standard error, and the app starts all the same.
  @Test func x11ForwardingIsRefusedWithWordsAndTheSessionGoesOn() throws {
    let server = try ServeProcess()
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-x11-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: errors) }
    let tmux = try TmuxSession(
      command: server.sshCommand(
        "xeyes", ["-X", "-o", "ForwardX11Trusted=yes"],
        then: " 2>\(TmuxSession.quote(errors.path)); echo SSH-EXITED $?; sleep 60"),
      environment: ["DISPLAY": ":99"])
    let screen = try tmux.waitFor("入手", seconds: 60)
    #expect(screen.found, "\(screen.screen)\n\(server.log)")
    let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    #expect(said.contains("X11 forwarding (ssh -X, -Y) is turned off on this server"), "\(said)")
    let app = try #require(server.app(device: "xeyes"))
    #expect(ProcessTable.environment(of: app.pid)["DISPLAY"] == nil)
    // The connection is whole: the app still answers keys.
    try tmux.send("Enter")
    #expect(try tmux.waitFor("開く", seconds: 30).found)
  }

  /// `ssh -A` with a real agent: auth-agent-req is refused with words, and the app has no agent socket.
  @Test func agentForwardingIsRefusedWithWordsAndTheSessionGoesOn() throws {
    let socket = FileManager.default.temporaryDirectory.appendingPathComponent("hk-agent-\(UUID().uuidString)")
    let agent = try Spawned("/usr/bin/ssh-agent", ["-D", "-a", socket.path])
    defer {
      kill(agent.pid, SIGTERM)
      agent.wait(seconds: 10)
      try? FileManager.default.removeItem(at: socket)
    }
    #expect(eventually { FileManager.default.fileExists(atPath: socket.path) }, "\(agent.error)")
    let listed = try Spawned.run("/usr/bin/ssh-add", ["-l"], environment: ["SSH_AUTH_SOCK": socket.path])
    #expect(listed.status == 1, "a live agent with no keys: \(listed.output) \(listed.error)")
    let server = try ServeProcess()
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-agent-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: errors) }
    let tmux = try TmuxSession(
      command: server.sshCommand(
        "agent007", ["-A", "-o", "IdentityAgent=SSH_AUTH_SOCK"],
        then: " 2>\(TmuxSession.quote(errors.path)); echo SSH-EXITED $?; sleep 60"),
      environment: ["SSH_AUTH_SOCK": socket.path])
    let screen = try tmux.waitFor("入手", seconds: 60)
    #expect(screen.found, "\(screen.screen)\n\(server.log)")
    let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
    #expect(said.contains("agent forwarding (ssh -A) is turned off on this server"), "\(said)")
    let app = try #require(server.app(device: "agent007"))
    #expect(ProcessTable.environment(of: app.pid)["SSH_AUTH_SOCK"] == nil)
    try tmux.send("Enter")
    #expect(try tmux.waitFor("開く", seconds: 30).found)
  }

  @Test func subsystemsAreRefusedWithWords() throws {
    let server = try ServeProcess()
    let run = try Spawned.run("/usr/bin/ssh", ["-s"] + server.sshArguments("sftp-user") + ["sftp"])
    #expect(run.status == 1)
    #expect(run.error.contains("subsystems (such as sftp) are turned off"), "\(run.error)")
  }

  @Test func portForwardingIsRefused() throws {
    let server = try ServeProcess()
    // -L: whoever connects to the local end reads why, and the tunnel closes.
    let port = Loopback.freePort()
    let tunnel = try Spawned(
      "/usr/bin/ssh", ["-N", "-L", "127.0.0.1:\(port):127.0.0.1:9"] + server.sshArguments("tunnel"))
    defer { kill(tunnel.pid, SIGTERM) }
    var carried: String?
    #expect(
      eventually {
        carried = Loopback.readAll(port: port); return carried != nil
      }, "\(tunnel.error)")
    #expect(carried?.contains("port forwarding is turned off") ?? false, "\(carried ?? "") \(tunnel.error)")
    // -W is -L's tunnel on standard input and output: what the tunnel carries is the refusal.
    let local = try Spawned.run("/usr/bin/ssh", ["-W", "127.0.0.1:\(server.port)"] + server.sshArguments("tunnel"))
    #expect(local.output.contains("port forwarding is turned off"), "\(local.output) \(local.error)")
    let remote = try Spawned.run(
      "/usr/bin/ssh",
      ["-N", "-R", "0:127.0.0.1:9", "-o", "ExitOnForwardFailure=yes"] + server.sshArguments("tunnel"))
    #expect(remote.status == 255)
    #expect(remote.error.contains("remote port forwarding failed"), "\(remote.error)")
  }

  @Test func anIdleSessionEndsAsAHangUpDoes() throws {
    let server = try ServeProcess(["--idle-timeout", "3s"])
    let tmux = try TmuxSession(command: server.sshCommand("sleepy"))
    #expect(try tmux.waitFor("入手", seconds: 60).found)
    let ended = try tmux.waitFor("SSH-EXITED", seconds: 60)
    #expect(ended.found, "\(ended.screen)")
    #expect(eventually { server.log.contains("user=sleepy") && server.log.contains("idle timeout") }, "\(server.log)")
    #expect(server.apps.isEmpty)
  }

  @Test func sigtermEndsEverySessionAndLeavesNoChild() throws {
    let server = try ServeProcess()
    let one = try TmuxSession(command: server.sshCommand("one"))
    let two = try TmuxSession(command: server.sshCommand("two"))
    #expect(try one.waitFor("入手", seconds: 60).found)
    #expect(try two.waitFor("入手", seconds: 60).found)
    let apps = server.apps.map(\.pid)
    #expect(apps.count == 2)
    kill(server.process.pid, SIGTERM)
    let status = server.process.wait(seconds: 60)
    #expect(status == 0, "\(server.log) \(server.process.error)")
    // Gone, not even zombies (kill(pid, 0) succeeds on a zombie), and none left to init.
    for pid in apps { #expect(!ProcessTable.exists(pid)) }
    #expect(ProcessTable.entries().allSatisfy { !apps.contains($0.pid) })
    #expect(server.log.contains("the server stopped"))
    #expect(try one.waitFor("SSH-EXITED", seconds: 30).found)
  }

  /// Two colleagues type one address at step 3 (each on their own phone); the mailbox is the first one's.
  @Test func aPhoneDoesNotReadTheMailOfAnAddressAnotherPhoneUsedFirst() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hk-serve-mail-\(UUID().uuidString)")
    let script = folder.appendingPathExtension("play")
    try Data(
      """
      press "入手"
      press "開く"
      press "新規会員登録はこちら"
      press "次へ"
      fill "メールアドレス" "shared@example.jp"
      fill "確認用メールアドレス" "shared@example.jp"
      press "ほくリンク会員規約"
      press "閉じる"
      press "ほくリンクポイントサービス利用規約"
      press "閉じる"
      check "同意"
      press "送信する"
      expect "メールを送信しました"

      """.utf8
    ).write(to: script)
    defer { try? FileManager.default.removeItem(at: script) }
    for device in ["alice", "bob"] {
      let played = try Spawned.run(
        BuiltProducts.hokulink,
        ["play", "--headless", "--data-dir", folder.path, "--device", device, script.path],
        environment: ["HOKULINK_TEST_KDF_ITERATIONS": "1000"])
      #expect(played.status == 0, "\(played.output) \(played.error)")
    }
    let server = try ServeProcess(folder: folder)
    let alice = try TmuxSession(command: server.sshCommand("alice"))
    let bob = try TmuxSession(command: server.sshCommand("bob"))
    // Each resumes at step 4; its first button opens the phone's mail app.
    #expect(try alice.waitFor("メールを送信しました", seconds: 60).found)
    #expect(try bob.waitFor("メールを送信しました", seconds: 60).found)
    try alice.send("Enter")
    try bob.send("Enter")
    let own = try alice.waitFor("会員情報登録用URL", seconds: 30)
    #expect(own.found, "\(own.screen)")
    let other = try bob.waitFor("別の端末", seconds: 30)
    #expect(other.found, "\(other.screen)")
    #expect(!other.screen.contains("会員情報登録用URL"))
  }
}
