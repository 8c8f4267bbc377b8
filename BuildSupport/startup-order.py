#!/usr/bin/env python3
"""Writes BuildSupport/hokulink-startup-order.txt: the functions a start of the release `hokulink` runs, for lld's
--symbol-ordering-file (Package.swift), so that they sit together in the binary and the first frame touches fewer
code pages (issue 11: VmHWM at the first frame 17.1 → 13.7 MiB, code pages 9.9 → 5.2 MiB).

    swift build -c release --product hokulink
    python3 BuildSupport/startup-order.py            # needs valgrind; then build again to relink

It runs the binary under callgrind (a copy without its DWARF, which valgrind cannot read) in an 80x24 pty from
the app top to the first frame, then into step 3's e-mail field and eight keys, and lists every function callgrind
saw, by its mangled name. A function added later and missing from the list is simply placed after the others.
"""
import importlib.util
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
spec = importlib.util.spec_from_file_location("bench", os.path.join(REPO, "Benchmarks", "terminal-bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, ".build", "release", "hokulink"))
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    scratch = tempfile.mkdtemp(prefix="hokulink-order-")
    try:
        copy = bench.valgrind_copy(binary, scratch)
        env = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color")
        data = os.path.join(scratch, "data")
        bench.install_app([copy, "--data-dir", data, "--no-guide"], env)
        out = os.path.join(scratch, "callgrind.out")
        pid, fd = bench.spawn(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}", "--",
                               copy, "--data-dir", data, "--no-guide"], env)
        bench.read_until(fd, "新規会員登録はこちら", 120)
        bench.drain(fd, 0.5)
        for key in [b"\r", b"\r"]:
            os.write(fd, key)
            bench.drain(fd, 1.0)
        for key in b"abcdefgh":
            os.write(fd, bytes([key]))
            bench.drain(fd, 0.1)
        bench.stop(pid, fd)
        names, seen = [], set()
        with open(out, errors="replace") as profile:
            for line in profile:
                match = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
                if match and not match.group(1).startswith("0x") and match.group(1) not in seen:
                    seen.add(match.group(1))
                    names.append(match.group(1))
        target = os.path.join(HERE, "hokulink-startup-order.txt")
        with open(target, "w") as order:
            order.write("\n".join(names) + "\n")
        print(f"{len(names)} functions written to {target}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
