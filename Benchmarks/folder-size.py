"""Benchmark (issue 11): does a folder of a million small files cost the kernel more per open-by-name than 256 folders of ~4,000?
Writes N files of ~300 bytes (names like the store's: 64 hex digits + .json) flat and in 256 hashed subfolders,
plus 100 flat as the baseline, reads every one once (warm), then times open+read+close of a random one from each
layout in turn (interleaved), median microseconds."""
import os, sys, time, random, hashlib, statistics, shutil
# Run: python3 Benchmarks/folder-size.py [N=1000000] [RUNS=20001]; writes under /tmp/direxp and removes it.
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 20001
root = "/tmp/direxp"
shutil.rmtree(root, ignore_errors=True)
body = b'{"schemaVersion":1,"id":"X","value":"' + b"x" * 240 + b'"}'
def name(i): return hashlib.sha256(str(i).encode()).hexdigest() + ".json"
layouts = {"flat-100": (100, False), f"flat-{N}": (N, False), f"hashed-{N}": (N, True)}
t = time.time()
for label, (n, hashed) in layouts.items():
    base = os.path.join(root, label); os.makedirs(base)
    if hashed:
        for b in range(256): os.makedirs(os.path.join(base, f"{b:02x}"))
    for i in range(n):
        nm = name(i)
        path = os.path.join(base, nm[:2], nm) if hashed else os.path.join(base, nm)
        with open(path, "wb") as f: f.write(body)
print(f"written in {time.time()-t:.0f} s", flush=True)
t = time.time()
for label in layouts:
    for dirpath, _, files in os.walk(os.path.join(root, label)):
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as h: h.read()
print(f"read back in {time.time()-t:.0f} s", flush=True)
samples = {label: [] for label in layouts}
for _ in range(RUNS):
    for label, (n, hashed) in layouts.items():
        nm = name(random.randrange(n))
        path = os.path.join(root, label, nm[:2], nm) if hashed else os.path.join(root, label, nm)
        start = time.perf_counter_ns()
        with open(path, "rb") as h: h.read()
        samples[label].append(time.perf_counter_ns() - start)
base = statistics.median(samples["flat-100"])
for label in layouts:
    m = statistics.median(samples[label])
    print(f"{label:>16}: {m/1000:8.2f} µs  ({m/base:.2f}× flat-100)")
shutil.rmtree(root, ignore_errors=True)
