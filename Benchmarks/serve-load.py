#!/usr/bin/env python3
"""Load on `hokulink serve`: N concurrent SSH sessions, each typing at R keys/s for S seconds (not a timed test).

It starts hokulink-serve on a free loopback port with a new data folder, connects N OpenSSH clients (each on a
pty of 80x24, each its own phone), and walks each through walkthrough A with keys, as a colleague would:
  - to step 3 (入手, 開く, 新規会員登録はこちら, 次へ), where it types into 「メールアドレス」 for half of S: 20
    characters, then 20 backspaces, again and again;
  - then on with keys to step 5-1: its own address twice, Tab to the agreement, Space, 「送信する」, the mail app,
    the mail 「会員情報登録用URLのご案内」, its link, and Tab into 「ご契約名義」, where it types for the other half
    of S: 20 full-width characters, then 20 backspaces.
It reports:
  - key-to-echo latency: from writing a key to the first byte of the app's answer on the client, p50 and p99,
    in all and at each step (each client waits for the answer before its next key, up to 2 s);
  - the CPU the server used (and the apps, all sessions together) per session, as a share of one core;
  - memory: the server's resident size with the sessions, less its size before them, per session; an app's;
  - failures: sessions that did not reach step 3 or 5-1, or keys with no answer within 2 s.
Usage:
  swift build -c release
  python3 Benchmarks/serve-load.py [--serve .build/release/hokulink-serve] [--sessions 16] [--rate 10] [--seconds 30]
"""

import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import fcntl
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except OSError:
        return 0.0


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    result = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                result.append(int(name))
        except OSError:
            pass
    return result


class Client:
    def __init__(self, port, name):
        self.name = name
        argv = ["ssh", "-tt", "-F", "/dev/null", "-p", str(port), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                f"{name}@127.0.0.1"]
        env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.seen = b""
        self.latencies = []
        self.missed = 0
        self.failed = None
        self.reached_3 = False
        self.reached_5_1 = False

    def wait_for(self, text, timeout=60, plain=False):
        """Waits for `text` in the app's output; `plain`: with the escape sequences between characters taken out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = re.sub(rb"\x1b(\[[0-9;?]*[A-Za-z]|\([A-Z0-9])", b"", self.seen) if plain else self.seen
            if text.encode() in seen:
                self.seen = b""
                return
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    break
                self.seen = (self.seen + chunk)[-200000:]
        raise RuntimeError(f"{self.name}: {text!r} not seen")

    def drain(self):
        while select.select([self.fd], [], [], 0)[0]:
            if not os.read(self.fd, 65536):
                return

    def to_step3(self):
        self.wait_for("入手")
        for key, then in [(b"\r", "開く"), (b"\r", "新規会員登録はこちら"), (b"\r", "準備はできた"), (b"\r", "がんばって")]:
            os.write(self.fd, key)
            self.wait_for(then)

    def keys(self, keys):
        for key in keys:
            os.write(self.fd, key)
            time.sleep(0.05)

    def to_step5_1(self, typed):
        """From step 3 with `typed` characters in 「メールアドレス」 on to 「ご契約名義」 at step 5-1."""
        address = f"{self.name}@example.jp"
        self.keys([b"\x7f"] * typed + [c.encode() for c in address] + [b"\t"] + [c.encode() for c in address])
        self.keys([b"\t", b"\t", b"\t", b" ", b"\t", b"\t"])
        self.seen = b""
        os.write(self.fd, b"\r")
        self.wait_for("メールを送信しました")
        for key, then in [(b"\r", "会員情報登録用URLのご案内"), (b"\r", "hokulink://register"), (b"\r", "照会区分")]:
            time.sleep(0.3)
            os.write(self.fd, key)
            self.wait_for(then)
        time.sleep(0.3)
        os.write(self.fd, b"\t")
        time.sleep(0.3)
        self.drain()

    def type_for(self, text, rate, seconds, step):
        """Types `text`, then as many backspaces, again and again; returns how many characters stand typed."""
        period = 1.0 / rate
        start = time.monotonic()
        index = 0
        typed = 0
        while time.monotonic() - start < seconds:
            due = start + index * period
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            self.drain()
            cycle = index % (2 * len(text))
            key = text[cycle].encode() if cycle < len(text) else b"\x7f"
            typed += 1 if cycle < len(text) else -1
            sent = time.perf_counter()
            os.write(self.fd, key)
            ready, _, _ = select.select([self.fd], [], [], 2.0)
            if ready and os.read(self.fd, 65536):
                self.latencies.append((step, time.perf_counter() - sent))
            else:
                self.missed += 1
            index += 1
        return typed

    def run(self, rate, seconds, ready_barrier):
        try:
            self.to_step3()
        except Exception as error:  # noqa: BLE001 - reported as a failure
            self.failed = str(error)
        ready_barrier.wait()
        if self.failed:
            return
        self.reached_3 = True
        typed = self.type_for("hokuriku.taro.exampl", rate, seconds / 2, "3")
        try:
            self.to_step5_1(typed)
        except Exception as error:  # noqa: BLE001 - reported as a failure
            self.failed = "step 5-1: " + str(error)
            return
        self.reached_5_1 = True
        typed = self.type_for("ほくりくたろうかなざわしかたまちいちに", rate, seconds / 2, "5-1")
        # What was typed went into 「ご契約名義」: a name typed after it shows.
        try:
            self.keys([b"\x7f"] * typed)
            self.drain()
            self.seen = b""
            self.keys([c.encode() for c in "北陸太郎"])
            self.wait_for("北陸太郎", timeout=10, plain=True)
        except Exception as error:  # noqa: BLE001 - reported as a failure
            self.failed = "step 5-1, the name field: " + str(error)

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--serve", default=".build/release/hokulink-serve")
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    if not shutil.which("ssh"):
        sys.exit("serve-load: needs OpenSSH's ssh (openssh-client)")

    folder = tempfile.mkdtemp(prefix="hokulink-serve-load-")
    server = subprocess.Popen(
        [args.serve, "--port", "0", "--data-dir", folder, "--max-sessions", str(args.sessions),
         "--connections-per-minute", str(args.sessions * 4)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = server.stdout.readline()
    match = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
    if not match:
        server.kill()
        sys.exit(f"serve-load: the server did not start: {line}")
    port = int(match.group(1))
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    idle_rss = rss_kib(server.pid)

    clients = [Client(port, f"load{i:02d}") for i in range(args.sessions)]
    barrier = threading.Barrier(args.sessions + 1)
    threads = [threading.Thread(target=c.run, args=(args.rate, args.seconds, barrier)) for c in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    apps = children(server.pid)
    server_cpu = cpu_seconds(server.pid)
    apps_cpu = sum(cpu_seconds(p) for p in apps)
    started = time.monotonic()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    server_cpu = cpu_seconds(server.pid) - server_cpu
    apps_cpu = sum(cpu_seconds(p) for p in apps) - apps_cpu
    server_rss = rss_kib(server.pid)
    app_rss = [rss_kib(p) for p in apps]

    for client in clients:
        client.close()
    server.send_signal(signal.SIGTERM)
    status = server.wait(timeout=60)
    shutil.rmtree(folder, ignore_errors=True)

    latencies = [v for c in clients for _, v in c.latencies]
    failures = [c.name + ": " + c.failed for c in clients if c.failed]
    missed = sum(c.missed for c in clients)
    working = len([c for c in clients if c.reached_3])
    reached = len([c for c in clients if c.reached_5_1])
    print(f"sessions {args.sessions} ({working} reached step 3, {reached} step 5-1), "
          f"{args.rate:g} keys/s each for {args.seconds:g} s (half at each step)")
    if latencies:
        print(f"key-to-echo: p50 {percentile(latencies, 0.50) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, over {len(latencies)} keys")
        for step in ["3", "5-1"]:
            some = [v for c in clients for s, v in c.latencies if s == step]
            if some:
                print(f"  at step {step}: p50 {percentile(some, 0.50) * 1000:.1f} ms, "
                      f"p99 {percentile(some, 0.99) * 1000:.1f} ms, over {len(some)} keys")
    share = max(working, 1)
    print(f"server CPU per session: {server_cpu / elapsed / share * 100:.2f}% of a core; "
          f"apps: {apps_cpu / elapsed / share * 100:.2f}% each (over {elapsed:.1f} s)")
    print(f"memory: server {server_rss / 1024:.1f} MiB resident, {idle_rss / 1024:.1f} MiB before the sessions "
          f"({(server_rss - idle_rss) / 1024 / share:.2f} MiB per session); "
          f"an app {statistics.median(app_rss) / 1024 if app_rss else 0:.1f} MiB (median RSS)")
    print(f"failures: {len(failures)} sessions, {missed} keys unanswered within 2 s; server exit {status}")
    for failure in failures:
        print("  " + failure)
    return 1 if failures or missed else 0


if __name__ == "__main__":
    sys.exit(main())
