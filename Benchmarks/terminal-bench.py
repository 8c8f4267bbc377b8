#!/usr/bin/env python3
"""Start-up, typing and memory of hokulink against dialog, measured interleaved in one run on one machine.

Prints one table. For each program in a pseudo-terminal with LANG=C.UTF-8:
  - first frame: time from exec to the first complete frame (a sentinel text written, then 30 ms of quiet),
    median of --runs runs, the two programs taking turns (and taking turns at going first);
  - peak memory at the first frame: VmHWM from /proc/PID/status once the frame is complete (median);
  - instructions to the first frame: valgrind --tool=callgrind, dumped once the frame is complete;
  - bytes the program writes per character typed into a text field (40 characters, 80x24);
  - CPU per keystroke at 80x24 and 200x60: --keys keys (a letter, then Backspace, in turn) typed into the field,
    each after the answer to the one before; time from /proc/PID/schedstat (nanoseconds on a CPU, every thread)
    before and after; instructions from callgrind (a whole session with --instr-keys keys less one without),
    since this machine's perf has no hardware counters (`perf stat -e instructions true` says <not supported>);
  - hokulink only: a headless walkthrough A to home (Scripts/signup-a-to-home.play) in a new data folder: wall
    time, CPU time and peak memory (ru_maxrss of the finished child), median of --walk-runs. A release build
    ignores HOKULINK_TEST_KDF_ITERATIONS and hashes at the production strength, so the KDF's share is measured
    apart: `perf record` of one more walkthrough, the samples under CCryptoBoringSSL_PKCS5_PBKDF2_HMAC.
  - a lone Esc to the first answer (median of --esc-runs).
Usage:
  python3 Benchmarks/terminal-bench.py [--hokulink .build/release/hokulink] [--runs 21] [--keys 1000]
"""

import argparse
import fcntl
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
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")


def spawn(argv, env, rows=24, cols=80):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
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


def answer(fd, timeout=10.0, quiet=0.003):
    """Waits for the program's answer to a key, then reads until it has been quiet for `quiet` seconds."""
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        raise RuntimeError("no answer to a key")
    return drain(fd, quiet)


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


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cpu_ns(pid):
    """Nanoseconds the process's threads have run (schedstat), else utime+stime from stat."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0])
        return total
    except OSError:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1_000_000_000 // TICK


def first_frame(argv, env, sentinel):
    """Seconds from exec to the complete first frame, and VmHWM (KiB) then."""
    argv = argv()
    t0 = time.perf_counter()
    pid, fd = spawn(argv, env)
    try:
        read_until(fd, sentinel)
        # The frame is complete when the program goes quiet after the sentinel.
        drain(fd, 0.03)
        elapsed = time.perf_counter() - t0 - 0.03
        peak = peak_kib(pid)
    finally:
        stop(pid, fd)
    return elapsed, peak


def to_field(argv, env, sentinel, keys, rows=24, cols=80, timeout=10.0):
    pid, fd = spawn(argv if isinstance(argv, list) else argv(), env, rows, cols)
    read_until(fd, sentinel, timeout)
    drain(fd, 0.3 if timeout > 10 else 0.15)
    for key in keys:
        os.write(fd, key)
        drain(fd, 0.3 if timeout > 10 else 0.15)
    return pid, fd


def typing_bytes(argv, env, sentinel, keys_to_field, characters=40):
    pid, fd = to_field(argv, env, sentinel, keys_to_field)
    try:
        counts = []
        for i in range(characters):
            os.write(fd, b"abcdefghij"[i % 10 : i % 10 + 1])
            counts.append(drain(fd, 0.05))
        return statistics.mean(counts)
    finally:
        stop(pid, fd)


def type_keys(fd, count, timeout=10.0):
    for i in range(count):
        os.write(fd, b"abcdefghij"[(i // 2) % 10 : (i // 2) % 10 + 1] if i % 2 == 0 else b"\x7f")
        answer(fd, timeout)
    drain(fd, 0.2)


def cpu_per_key(argv, env, sentinel, keys_to_field, rows, cols, count):
    """Seconds of CPU per key over `count` keys typed into the field."""
    pid, fd = to_field(argv, env, sentinel, keys_to_field, rows, cols)
    try:
        before = cpu_ns(pid)
        type_keys(fd, count)
        after = cpu_ns(pid)
    finally:
        stop(pid, fd)
    return (after - before) / 1e9 / count


# valgrind cannot read the release binary's DWARF ("Possibly corrupted debuginfo file"): it runs a copy without it.
CALLGRIND_COPIES = {}


def valgrind_copy(binary, folder):
    """A copy of `binary` in `folder` without its DWARF, with the resource bundles it needs beside it."""
    copy = os.path.join(folder, "hokulink-for-valgrind")
    subprocess.run(["strip", "--strip-debug", "-o", copy, binary], check=True)
    for resources in os.listdir(os.path.dirname(binary)):
        if resources.endswith(".resources"):
            os.symlink(os.path.join(os.path.dirname(binary), resources), os.path.join(folder, resources))
    return copy


def install_app(argv, env):
    """Brings a new data folder to "app installed" (入手, then 開く), as every start after the first finds it."""
    pid, fd = spawn(argv, env)
    read_until(fd, "入手", 30)
    os.write(fd, b"\r")
    read_until(fd, "開く")
    os.write(fd, b"\r")
    read_until(fd, "新規会員登録はこちら")
    stop(pid, fd)


def callgrind_argv(argv, out, at_start):
    argv = [CALLGRIND_COPIES.get(argv[0], argv[0]), *argv[1:]]
    return [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", f"--instr-atstart={'yes' if at_start else 'no'}",
        "--trace-children=no", "--", *argv,
    ]


def instructions_to_first_frame(argv, env, sentinel, scratch, name):
    out = os.path.join(scratch, f"cg-start-{name}")
    pid, fd = spawn(callgrind_argv(argv(), out, True), env)
    try:
        read_until(fd, sentinel, 120)
        drain(fd, 0.5)
        subprocess.run(["callgrind_control", "--dump", str(pid)], capture_output=True, timeout=60)
    finally:
        stop(pid, fd)
    dumps = sorted(n for n in os.listdir(scratch) if n.startswith(f"cg-start-{name}."))
    if not dumps:
        return None
    with open(os.path.join(scratch, dumps[0])) as dump:
        for line in dump:
            if line.startswith("summary:"):
                return int(line.split()[1])
    return None


def callgrind_session(argv, env, sentinel, keys_to_field, rows, cols, count, out):
    """Instructions of a whole session under callgrind: start, go to the field, type `count` keys, quit."""
    pid, fd = to_field(callgrind_argv(argv(), out, True), env, sentinel, keys_to_field, rows, cols, timeout=120)
    try:
        type_keys(fd, count, timeout=60)
    finally:
        stop(pid, fd)
    with open(out) as dump:
        for line in dump:
            if line.startswith("summary:"):
                return int(line.split()[1])
    return None


def instructions_per_key(argv, env, sentinel, keys_to_field, rows, cols, count, scratch, name):
    """The difference between a session with `count` keys and one without, per key (robust to callgrind's
    lazy handling of instrumentation switches)."""
    base = os.path.join(scratch, f"cg-keys-{name}-{cols}")
    without = callgrind_session(argv, env, sentinel, keys_to_field, rows, cols, 0, base + "-0")
    typed = callgrind_session(argv, env, sentinel, keys_to_field, rows, cols, count, base + "-n")
    if without is None or typed is None:
        return None
    return (typed - without) / count


def walkthrough(binary, env, script):
    """One headless walkthrough in a new data folder: (wall s, CPU s, peak KiB)."""
    data = tempfile.mkdtemp(prefix="hokulink-walk-")
    try:
        t0 = time.perf_counter()
        child = subprocess.Popen(
            [binary, "play", "--headless", "--data-dir", data, script], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        if status != 0:
            raise RuntimeError(f"walkthrough failed ({status}): {child.stderr.read().decode()[-400:]}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    finally:
        shutil.rmtree(data, ignore_errors=True)


def kdf_share(binary, env, script, scratch):
    """The share of a walkthrough's CPU samples spent under PBKDF2 (perf record), or None without perf."""
    if not shutil.which("perf"):
        return None
    data = tempfile.mkdtemp(prefix="hokulink-walk-")
    record = os.path.join(scratch, "perf.data")
    try:
        subprocess.run(
            ["perf", "record", "-q", "-g", "-e", "cpu-clock", "-F", "4000", "-o", record, "--", binary, "play",
             "--headless", "--data-dir", data, script], env=env, capture_output=True, check=True)
        report = subprocess.run(
            ["perf", "report", "-i", record, "--stdio", "--children", "--sort", "sym", "-g", "none"],
            capture_output=True, text=True).stdout
    except (subprocess.CalledProcessError, OSError):
        return None
    finally:
        shutil.rmtree(data, ignore_errors=True)
    for line in report.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+[\d.]+%\s+\[\.\]\s+CCryptoBoringSSL_PKCS5_PBKDF2_HMAC\s*$", line)
        if match:
            return float(match.group(1)) / 100
    return 0.0


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
            t0 = time.perf_counter()
            os.write(fd, b"\x1b")
            select.select([fd], [], [], 10)
            samples.append(time.perf_counter() - t0)
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
            t0 = time.perf_counter()
            os.write(fd, b"\x1b")
            select.select([fd], [], [], 10)
            samples.append(time.perf_counter() - t0)
        finally:
            stop(pid, fd)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hokulink", default=".build/release/hokulink")
    parser.add_argument("--runs", type=int, default=21, help="first-frame runs per program (interleaved)")
    parser.add_argument("--keys", type=int, default=1000, help="keys for the CPU time per key")
    parser.add_argument("--instr-keys", type=int, default=1000, help="keys for the instructions per key (callgrind)")
    parser.add_argument("--walk-runs", type=int, default=3)
    parser.add_argument("--esc-runs", type=int, default=5)
    parser.add_argument("--no-callgrind", action="store_true", help="skip the instruction counts")
    args = parser.parse_args()
    if not shutil.which("dialog"):
        sys.exit("dialog is not installed (apt-get install dialog)")
    use_callgrind = not args.no_callgrind and shutil.which("valgrind") and shutil.which("callgrind_control")
    binary = os.path.abspath(args.hokulink)
    script = os.path.join(REPO, "Scripts", "signup-a-to-home.play")
    env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    env.pop("HOKULINK_TEST_KDF_ITERATIONS", None)

    scratch = tempfile.mkdtemp(prefix="hokulink-bench-")
    template = os.path.join(scratch, "data")
    hokulink = [binary, "--data-dir", template, "--no-guide"]
    folders = iter(range(1_000_000))

    def fresh_hokulink():
        """A copy of the "app installed" folder for each start, since the app resumes where it was left."""
        folder = os.path.join(scratch, f"data-{next(folders)}")
        shutil.copytree(template, folder)
        return [binary, "--data-dir", folder, "--no-guide"]

    # Bring the data folder to "app installed" once, so that every start shows the app top.
    install_app(hokulink, env)

    dialog = ["dialog", "--form", "メールアドレス", "10", "60", "1", "メールアドレス", "1", "1", "", "1", "20", "30", "100"]
    programs = {
        "dialog": (lambda: dialog, "メールアドレス", []),
        # From the app top: the sign-up button, the STEP1 checklist's 次へ, then the e-mail field of step 3.
        "hokulink": (fresh_hokulink, "新規会員登録はこちら", [b"\r", b"\r"]),
    }
    names = list(programs)
    rows = {}  # label -> {program: value}

    def put(label, name, value):
        rows.setdefault(label, {})[name] = value

    # First frame and its peak memory: the programs take turns, and take turns at going first.
    frames = {name: [] for name in names}
    peaks = {name: [] for name in names}
    for run in range(args.runs):
        for name in names if run % 2 == 0 else reversed(names):
            argv, sentinel, _ = programs[name]
            elapsed, peak = first_frame(argv, env, sentinel)
            frames[name].append(elapsed)
            peaks[name].append(peak)
    for name in names:
        put(f"first frame, ms (median of {args.runs} interleaved)", name, statistics.median(frames[name]) * 1000)
        put("peak memory at the first frame, MiB (VmHWM, median)", name, statistics.median(peaks[name]) / 1024)

    for name in names:
        argv, sentinel, keys = programs[name]
        put("bytes written per typed character (80x24)", name, typing_bytes(argv, env, sentinel, keys))

    for rows_, cols in ((24, 80), (60, 200)):
        for name in names:
            argv, sentinel, keys = programs[name]
            seconds = cpu_per_key(argv, env, sentinel, keys, rows_, cols, args.keys)
            put(f"CPU per key at {cols}x{rows_}, ms (schedstat, {args.keys} keys)", name, seconds * 1000)

    if use_callgrind:
        CALLGRIND_COPIES[binary] = valgrind_copy(binary, scratch)
        for name in names:
            argv, sentinel, _ = programs[name]
            count = instructions_to_first_frame(argv, env, sentinel, scratch, name)
            put("instructions to the first frame, millions (callgrind)", name, count / 1e6 if count else None)
        for rows_, cols in ((24, 80), (60, 200)):
            for name in names:
                argv, sentinel, keys = programs[name]
                count = instructions_per_key(argv, env, sentinel, keys, rows_, cols, args.instr_keys, scratch, name)
                put(f"instructions per key at {cols}x{rows_}, thousands (callgrind, {args.instr_keys} keys)", name,
                    count / 1e3 if count else None)

    walks = [walkthrough(binary, env, script) for _ in range(args.walk_runs)]
    wall = statistics.median(w[0] for w in walks)
    cpu = statistics.median(w[1] for w in walks)
    put(f"walkthrough A to home, headless: wall ms (median of {args.walk_runs})", "hokulink", wall * 1000)
    put("walkthrough: CPU ms (user+system, all threads)", "hokulink", cpu * 1000)
    put("walkthrough: peak memory, MiB (ru_maxrss)", "hokulink", statistics.median(w[2] for w in walks) / 1024)
    share = kdf_share(binary, env, script, scratch)
    if share is not None:
        put("walkthrough: KDF CPU ms (perf samples under PBKDF2, production KDF)", "hokulink", cpu * share * 1000)
        put("walkthrough: CPU ms without the KDF", "hokulink", cpu * (1 - share) * 1000)

    if args.esc_runs > 0:
        put(f"a lone Esc to the first answer, ms (median of {args.esc_runs})", "dialog",
            dialog_esc(dialog, env, "メールアドレス", args.esc_runs) * 1000)
        put(f"a lone Esc to the first answer, ms (median of {args.esc_runs})", "hokulink",
            hokulink_esc(fresh_hokulink(), env, args.esc_runs) * 1000)

    def cell(value):
        if value is None:
            return "—"
        return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"

    load = open("/proc/loadavg").read().split()[:3]
    print(f"hokulink {binary} against {shutil.which('dialog')}; load average {' '.join(load)}")
    print("| | dialog | hokulink | ratio |")
    print("| --- | --- | --- | --- |")
    for label, values in rows.items():
        d, h = values.get("dialog"), values.get("hokulink")
        ratio = f"{h / d:.2f}×" if d and h else "—"
        print(f"| {label} | {cell(d)} | {cell(h)} | {ratio} |")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
