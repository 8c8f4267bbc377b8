#!/usr/bin/env python3
"""Start-up and typing cost of hokulink against dialog, measured in one run on one machine.

For each program, in a pseudo-terminal of 80x24 with LANG=C.UTF-8:
  - start-up: time from exec to the first complete frame (the moment a sentinel text has been
    written), median of --runs runs;
  - typing: bytes the program writes per character typed into a text field, averaged over 40 characters.
  - Esc: time from writing a lone Esc to the program's first answer (hokulink redraws the screen it goes back
    to; dialog leaves its form), median of --runs tries.
The ratios hokulink/dialog are printed last. Usage:
  python3 Benchmarks/terminal-bench.py [--hokulink PATH] [--runs 30]
"""

import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import fcntl
import time


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def read_until(fd, sentinel, timeout=10.0):
    """Reads until the decoded output contains the sentinel; returns (seconds, bytes read)."""
    data = b""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if sentinel.encode() in data:
                return time.perf_counter() - start, data
    raise RuntimeError(f"sentinel {sentinel!r} not seen; got {data[-400:]!r}")


def drain(fd, quiet=0.15):
    """Reads until the program has been silent for `quiet` seconds; returns the byte count."""
    total = 0
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return total
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return total
        if not chunk:
            return total
        total += len(chunk)


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        drain(fd, 0.05)
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def startup_time(argv, env, sentinel, prepare=None):
    if prepare:
        prepare()
    t0 = time.perf_counter()
    pid, fd = spawn(argv, env)
    try:
        read_until(fd, sentinel)
        # The frame is complete when the program goes quiet after the sentinel.
        drain(fd, 0.03)
        elapsed = time.perf_counter() - t0 - 0.03
    finally:
        stop(pid, fd)
    return elapsed


def typing_bytes(argv, env, sentinel, keys_to_field, characters=40):
    pid, fd = spawn(argv, env)
    try:
        read_until(fd, sentinel)
        drain(fd)
        for key in keys_to_field:
            os.write(fd, key)
            drain(fd)
        counts = []
        for i in range(characters):
            os.write(fd, b"abcdefghij"[i % 10 : i % 10 + 1])
            counts.append(drain(fd, 0.05))
        return statistics.mean(counts)
    finally:
        stop(pid, fd)


def first_answer(fd, timeout=10.0):
    """Seconds until the program writes anything (or closes the terminal)."""
    start = time.perf_counter()
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        raise RuntimeError("no answer to Esc")
    return time.perf_counter() - start


def hokulink_esc(argv, env, runs):
    """F4 opens the phone's home screen; a lone Esc goes back. Returns the median seconds to the answer."""
    pid, fd = spawn(argv, env)
    samples = []
    try:
        read_until(fd, "ホーム")  # the key bar's F4 hint, on whichever screen the folder resumes at
        drain(fd)
        for _ in range(runs):
            os.write(fd, b"\x1bOS")
            read_until(fd, "郵便受け")
            drain(fd)
            os.write(fd, b"\x1b")
            samples.append(first_answer(fd))
            drain(fd)
    finally:
        stop(pid, fd)
    return statistics.median(samples)


def dialog_esc(argv, env, sentinel, runs):
    samples = []
    for _ in range(runs):
        pid, fd = spawn(argv, env)
        try:
            read_until(fd, sentinel)
            drain(fd)
            os.write(fd, b"\x1b")
            samples.append(first_answer(fd))
        finally:
            stop(pid, fd)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hokulink", default=".build/release/hokulink")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not shutil.which("dialog"):
        sys.exit("dialog is not installed (apt-get install dialog)")
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
    env.pop("NO_COLOR", None)

    data = tempfile.mkdtemp(prefix="hokulink-bench-")
    hokulink = [args.hokulink, "--data-dir", data, "--no-guide"]

    # Bring the data folder to "app installed" once, so that every start shows the app top.
    pid, fd = spawn(hokulink, env)
    read_until(fd, "入手")
    os.write(fd, b"\r")
    read_until(fd, "開く")
    os.write(fd, b"\r")
    read_until(fd, "新規会員登録はこちら")
    stop(pid, fd)

    dialog = ["dialog", "--form", "メールアドレス", "10", "60", "1", "メールアドレス", "1", "1", "", "1", "20", "30", "100"]
    programs = {
        "dialog": (dialog, "メールアドレス", []),
        # From the app top: the sign-up button, the STEP1 checklist's 次へ, then the e-mail field of step 3.
        "hokulink": (hokulink, "新規会員登録はこちら", [b"\r", b"\r"]),
    }
    results = {}
    for name, (argv, sentinel, keys) in programs.items():
        times = sorted(startup_time(argv, env, sentinel) for _ in range(args.runs))
        per_char = typing_bytes(argv, env, sentinel, keys)
        results[name] = (statistics.median(times), per_char)
        print(f"{name:9s} start-up median {statistics.median(times) * 1000:7.2f} ms"
              f" (min {times[0] * 1000:.2f}, max {times[-1] * 1000:.2f}, {args.runs} runs);"
              f" {per_char:6.1f} bytes per typed character")
    d, h = results["dialog"], results["hokulink"]
    print(f"ratio hokulink/dialog: start-up {h[0] / d[0]:.2f}x, bytes per character {h[1] / d[1]:.2f}x")
    esc_runs = min(args.runs, 15)
    esc_h = hokulink_esc(hokulink, env, esc_runs)
    esc_d = dialog_esc(dialog, env, "メールアドレス", esc_runs)
    print(f"Esc to the first answer, median of {esc_runs}: hokulink {esc_h * 1000:.2f} ms, dialog {esc_d * 1000:.2f} ms,"
          f" ratio {esc_h / esc_d:.2f}x")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
