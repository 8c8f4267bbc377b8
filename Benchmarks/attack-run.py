#!/usr/bin/env python3
"""The longer attack run of issue 12: what takes minutes or many tries, kept out of `swift test`.

    python3 Benchmarks/attack-run.py --hokulink .build/debug/hokulink            # the full run (about 15 min)
    python3 Benchmarks/attack-run.py --hokulink .build/debug/hokulink --quick    # a short one (a few minutes)

It builds nothing. The binary must be a debug build: the fault hook (HOKULINK_TEST_CRASH_AT=N kills the process
just before its Nth durable step) exists in debug builds only (Sources/HokuLinkCore/Store/TestSeams.swift).

(a) Kills at each kind of durable step of a sign-up. One traced run (strace) of each walkthrough-A script lists
    its durable steps in order: each write, fsync, rename and unlink the fault hook counts is one such system call.
    Then the script is played again and again, each time killed at one step, until every kind has had its share of
    kills. After each kill, before anything repairs anything, every JSON document must parse; then ANOTHER device
    opens the folder (`hokulink mail --device attack-other`) and the folder is checked: every file parses, no
    journal is left, every account has both its index entries and every entry its record, no flow points at nothing,
    and the new account (if there is one) has exactly one 利用者ID mail. Then the same device starts again (an empty
    play script), which is when today's code re-sends a 利用者ID mail that a kill separated from its account; the
    mails are counted again.
(b) 8 walkthroughs at once on one folder (8 devices, 8 customers of a registry made for the run), 3 rounds: every
    play must pass, and every account, index entry and mail must be there once.
(c) Terminal fuzz in tmux: random keys, escape sequences, bracketed pastes (some never ended) and resizes against
    the real binary; every exit must be a clean one (no signal, no crash) and leave the terminal as it was (not in
    the alternate screen, stty sane), and the app is started again until the time is up.

Exit status 0 when every count of failures is 0.
"""

import argparse
import email
import email.policy
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPTS = ["signup-a-immediate-bank.play", "signup-a-immediate-card.play"]
KINDS = ["write", "fsync", "rename", "unlink"]
ID_SUBJECT = "利用者IDのお知らせ"
LINK_SUBJECT = "会員情報登録用URLのご案内"


def environment(extra=None):
    env = dict(os.environ)
    env["HOKULINK_TEST_KDF_ITERATIONS"] = "1000"
    env.pop("HOKULINK_TEST_CRASH_AT", None)
    env.pop("HOKULINK_HOME", None)
    env["TERM"] = env.get("TERM", "xterm-256color")
    if extra:
        env.update(extra)
    return env


def run(args, extra=None, timeout=120):
    try:
        done = subprocess.run(
            args, env=environment(extra), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            timeout=timeout)
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


# ----------------------------------------------------------------------------------------------------------------
# Reading a data folder as an outsider: the layout of README "The data it keeps".

def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_key(folder):
    """The folder's key for file names (name-key.json), or None for a folder of plain names."""
    path = os.path.join(folder, "name-key.json")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as handle:
        import base64
        return base64.b64decode(json.load(handle)["key"])


def index_name(key, index, text):
    if key is None:
        return sha256(text)
    label = "index/%s/%s" % (index, sha256(text))
    return hmac.new(key, label.encode("utf-8"), hashlib.sha256).hexdigest()


def json_files(folder):
    for directory, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".json") and not name.startswith("."):
                yield os.path.join(directory, name)


def unparseable(folder):
    bad = []
    for path in json_files(folder):
        try:
            with open(path, "rb") as handle:
                json.load(handle)
        except (ValueError, OSError):
            bad.append(os.path.relpath(path, folder))
    return bad


def records(folder, kind):
    directory = os.path.join(folder, kind)
    found = {}
    if os.path.isdir(directory):
        for name in os.listdir(directory):
            if name.endswith(".json") and not name.startswith("."):
                with open(os.path.join(directory, name), "rb") as handle:
                    found[name[:-5]] = json.load(handle)
    return found


def mails(folder, address):
    """Every message of one Maildir (new/ and cur/), parsed: (subject, body)."""
    box = os.path.join(folder, "mail", address.lower())
    found = []
    for sub in ("new", "cur"):
        directory = os.path.join(box, sub)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if name.startswith("."):
                continue
            with open(os.path.join(directory, name), "rb") as handle:
                message = email.message_from_binary_file(handle, policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",))
            found.append((str(message["Subject"] or ""), body.get_content() if body else ""))
    return found


def inconsistencies(folder):
    """What is wrong in a folder that a process has opened (and so finished any journal): a list of sentences."""
    problems = ["%s does not parse" % path for path in unparseable(folder)]
    if problems:
        return problems
    if os.path.exists(os.path.join(folder, "journal.json")):
        problems.append("journal.json is left after another process opened the folder")
    key = read_key(folder)
    accounts = records(folder, "accounts")
    pending = records(folder, "pending")
    indexes = {name: records(folder, "index/" + name) for name in ("email", "customer-number", "pending-email")}
    for user_id, account in accounts.items():
        for index, text in (("email", account["email"].lower()), ("customer-number", account["customerNumber"])):
            entry = indexes[index].get(index_name(key, index, text))
            if entry is None or entry.get("id") != user_id:
                problems.append("account %s has no %s index entry" % (user_id, index))
    for index in ("email", "customer-number"):
        for name, entry in indexes[index].items():
            if entry.get("id") not in accounts:
                problems.append("index/%s/%s points at no account (%s)" % (index, name, entry.get("id")))
    for name, entry in indexes["pending-email"].items():
        if entry.get("id") not in pending:
            problems.append("index/pending-email/%s points at no pending sign-up" % name)
    digests = {registration.get("tokenDigest") for registration in pending.values()}
    for name, flow in records(folder, "registration-flows").items():
        if flow.get("userID") and flow["userID"] not in accounts:
            problems.append("flow %s points at account %s, which is not there" % (name, flow["userID"]))
        if flow.get("linkDigest") and flow["linkDigest"] not in digests:
            problems.append("flow %s points at a registration link that is not there" % name)
        # Step 8 (受付完了) is the raw value 8; 5-1 to 5-3 are 51 to 53, so compare for equality.
        if flow.get("step") == 8 and not flow.get("userID"):
            problems.append("flow %s is done without an account" % name)
    return problems


def id_mail_count(folder, account):
    return sum(1 for subject, body in mails(folder, account["email"])
               if subject == ID_SUBJECT and account["userID"] in body)


# ----------------------------------------------------------------------------------------------------------------
# (a) kills at each kind of durable step

def script_facts(script):
    text = open(script, encoding="utf-8").read()
    address = re.search(r'fill "メールアドレス" "([^"]+)"', text).group(1)
    return address


def trace_steps(hokulink, script, template, work):
    """The kinds of the script's durable steps, in the order the fault hook counts them."""
    folder = os.path.join(work, "trace")
    shutil.copytree(template, folder, symlinks=True)
    log = os.path.join(work, "trace.txt")
    code, out, err = run(["strace", "-f", "-qq", "-y", "-o", log,
                          "-e", "trace=write,fsync,rename,renameat,renameat2,unlink,unlinkat",
                          hokulink, "play", "--headless", script, "--data-dir", folder])
    if code != 0:
        sys.exit("the traced run of %s failed (%s): %s%s" % (script, code, out[-2000:], err[-2000:]))
    steps = []
    for line in open(log, encoding="utf-8", errors="replace"):
        match = re.match(r"\d+\s+(\w+)\((\d+<([^>]*)>)?", line)
        if not match or folder not in line:
            continue
        call = match.group(1)
        if call == "write":
            steps.append("write")
        elif call == "fsync":
            steps.append("fsync")
        elif call.startswith("rename"):
            steps.append("rename")
        elif call.startswith("unlink"):
            steps.append("unlink")
    shutil.rmtree(folder, ignore_errors=True)
    # The fault hook must count exactly these: killed at the last, finished one later.
    for point, want in ((len(steps), -9), (len(steps) + 1, 0)):
        probe = os.path.join(work, "probe")
        shutil.copytree(template, probe, symlinks=True)
        code, _, _ = run([hokulink, "play", "--headless", script, "--data-dir", probe],
                         {"HOKULINK_TEST_CRASH_AT": str(point)})
        shutil.rmtree(probe, ignore_errors=True)
        if code != want:
            sys.exit("the trace of %s does not match the fault hook: step %d gave %s, not %s"
                     % (script, point, code, want))
    return steps


def one_kill(hokulink, script, address, point, template, work, restart_script):
    folder = os.path.join(work, "kill-%s-%d-%s" % (os.path.basename(script)[:-5], point, random.getrandbits(32)))
    shutil.copytree(template, folder, symlinks=True)
    result = {"point": point, "killed": False, "inconsistent": [], "account": False,
              "missing": 0, "duplicate": 0, "missing_after_restart": 0, "duplicate_after_restart": 0}
    try:
        code, _, _ = run([hokulink, "play", "--headless", script, "--data-dir", folder],
                         {"HOKULINK_TEST_CRASH_AT": str(point)})
        result["killed"] = code == -9
        if code not in (-9, 0):
            result["inconsistent"].append("the play ended with %s, neither killed nor finished" % code)
        result["inconsistent"] += ["before any repair: %s does not parse" % path for path in unparseable(folder)]
        # Another phone opens the same folder.
        code, out, err = run([hokulink, "mail", "--device", "attack-other", "--data-dir", folder])
        if code != 0:
            result["inconsistent"].append("another device's `hokulink mail` ended %s: %s" % (code, err.strip()))
        result["inconsistent"] += inconsistencies(folder)
        new = [account for user_id, account in records(folder, "accounts").items()
               if account["email"].lower() == address.lower()]
        result["account"] = bool(new)
        for account in new:
            count = id_mail_count(folder, account)
            result["missing"] += count == 0
            result["duplicate"] += count > 1
        # The same phone starts again: the app's start re-sends a 利用者ID mail the kill kept back.
        run([hokulink, "play", "--headless", restart_script, "--data-dir", folder])
        result["inconsistent"] += ["after the same device started again: " + p for p in inconsistencies(folder)]
        for account in new:
            count = id_mail_count(folder, account)
            result["missing_after_restart"] += count == 0
            result["duplicate_after_restart"] += count > 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def kills(hokulink, work, per_kind, jobs):
    template = os.path.join(work, "template")
    code, _, err = run([hokulink, "customers", "--data-dir", template])
    if code != 0:
        sys.exit("could not make a data folder: %s" % err)
    restart_script = os.path.join(work, "restart.play")
    with open(restart_script, "w", encoding="utf-8") as handle:
        handle.write("# The app starts and nothing is typed.\n")
    traces = {}
    for name in SCRIPTS:
        script = os.path.join(ROOT, "Scripts", name)
        traces[script] = trace_steps(hokulink, script, template, work)
    # Each kind's kill points from both scripts: every one in turn, repeated until the kind has its share; a share
    # smaller than the points (--quick) takes them evenly spaced, so the end of the sign-up is reached too.
    plan = []
    for kind in KINDS:
        points = [(script, n + 1) for script, steps in traces.items() for n, step in enumerate(steps) if step == kind]
        if not points:
            continue
        for i in range(per_kind):
            at = (i * len(points)) // per_kind if per_kind <= len(points) else i % len(points)
            plan.append((kind,) + points[at])
    random.shuffle(plan)
    addresses = {script: script_facts(script) for script in traces}
    table = {kind: {"tries": 0, "killed": 0, "inconsistent": 0, "missing": 0, "duplicate": 0,
                    "missing_after_restart": 0, "duplicate_after_restart": 0, "points": 0} for kind in KINDS}
    for kind in KINDS:
        table[kind]["points"] = sum(steps.count(kind) for steps in traces.values())
    # Where each finding happened: script -> the kill points (the fault hook's step numbers) that showed it.
    findings = {"inconsistent": {}, "missing": {}, "duplicate": {}, "missing after restart": {},
                "duplicate after restart": {}}
    reasons = {}
    started = time.time()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [(kind, script, pool.submit(one_kill, hokulink, script, addresses[script], point, template, work,
                                             restart_script)) for kind, script, point in plan]
        for done, (kind, script, future) in enumerate(futures, 1):
            result = future.result()
            row = table[kind]
            row["tries"] += 1
            row["killed"] += result["killed"]
            row["inconsistent"] += bool(result["inconsistent"])
            for field in ("missing", "duplicate", "missing_after_restart", "duplicate_after_restart"):
                row[field] += result[field]
            name = os.path.basename(script)
            for finding, present in (("inconsistent", result["inconsistent"]), ("missing", result["missing"]),
                                     ("duplicate", result["duplicate"]),
                                     ("missing after restart", result["missing_after_restart"]),
                                     ("duplicate after restart", result["duplicate_after_restart"])):
                if present:
                    findings[finding].setdefault(name, set()).add(result["point"])
            for reason in result["inconsistent"]:
                reasons.setdefault(reason, "%s step %d" % (name, result["point"]))
            if done % 100 == 0:
                print("  (a) %d of %d kills, %.0f s" % (done, len(plan), time.time() - started), flush=True)
    examples = []
    for finding, where in findings.items():
        for name, points in sorted(where.items()):
            steps = traces[os.path.join(ROOT, "Scripts", name)]
            examples.append("%s: %s at steps %s" % (finding, name, ", ".join(
                "%d (%s)" % (point, steps[point - 1]) for point in sorted(points))))
    for reason, first in list(reasons.items())[:8]:
        examples.append("first seen at %s: %s" % (first, reason))
    return table, traces, examples


# ----------------------------------------------------------------------------------------------------------------
# (b) concurrent walkthroughs

def concurrent(hokulink, work, walkers, rounds):
    folder = os.path.join(work, "shared")
    os.makedirs(folder, mode=0o700)
    bundled = json.load(open(os.path.join(ROOT, "Sources/HokuLinkCore/Resources/customers.json"), encoding="utf-8"))
    base = next(c for c in bundled["customers"] if c["customerNumber"] == "410012345678")
    script = open(os.path.join(ROOT, "Scripts", "signup-a-immediate-bank.play"), encoding="utf-8").read()
    people = []
    for r in range(rounds):
        for w in range(walkers):
            number = "4190%04d%04d" % (r, w)
            customer = dict(base, customerNumber=number)
            bundled["customers"].append(customer)
            address = "attack.r%d.w%d@example.jp" % (r, w)
            text = script.replace("hokuriku.taro@example.jp", address).replace(
                "41-0012-3456-78", "%s-%s-%s-%s" % (number[:2], number[2:6], number[6:10], number[10:]))
            path = os.path.join(work, "walk-%d-%d.play" % (r, w))
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            people.append((r, w, number, address, path))
    registry = os.path.join(folder, "customers.json")
    with open(registry, "w", encoding="utf-8") as handle:
        json.dump(bundled, handle, ensure_ascii=False, indent=2)
    os.chmod(registry, 0o600)
    failures = []
    plays = 0
    for r in range(rounds):
        group = [p for p in people if p[0] == r]
        processes = []
        for _, w, _, _, path in group:
            processes.append(subprocess.Popen(
                [hokulink, "play", "--headless", path, "--data-dir", folder, "--device", "walker-%d-%d" % (r, w)],
                env=environment(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT))
        for (_, w, _, _, _), process in zip(group, processes):
            out, _ = process.communicate(timeout=600)
            plays += 1
            if process.returncode != 0:
                failures.append("round %d walker %d: play ended %s: %s" % (
                    r, w, process.returncode, out.decode("utf-8", "replace")[-600:]))
        # After each round: everything of this round and of the earlier ones is there, once.
        problems = inconsistencies(folder)
        accounts = records(folder, "accounts")
        for pr, pw, number, address, _ in people:
            if pr > r:
                continue
            mine = [a for a in accounts.values() if a["customerNumber"] == number]
            if len(mine) != 1:
                problems.append("round %d: customer %s has %d accounts" % (r, number, len(mine)))
                continue
            if mine[0]["email"] != address:
                problems.append("round %d: customer %s has the address %s" % (r, number, mine[0]["email"]))
            count = id_mail_count(folder, mine[0])
            links = sum(1 for subject, _ in mails(folder, address) if subject == LINK_SUBJECT)
            if count != 1 or links != 1:
                problems.append("round %d: %s has %d 利用者ID mails and %d link mails" % (r, address, count, links))
        if len(accounts) != 1 + walkers * (r + 1):
            problems.append("round %d: %d accounts, not %d" % (r, len(accounts), 1 + walkers * (r + 1)))
        failures += problems
    return plays, len(records(folder, "accounts")) - 1, failures


# ----------------------------------------------------------------------------------------------------------------
# (c) tmux fuzz

KEYS = ["Up", "Down", "Left", "Right", "Tab", "BTab", "Enter", "Space", "BSpace", "Escape", "Home", "End", "PPage",
        "NPage", "DC", "IC", "F1", "F2", "F3", "F4", "F5", "F10", "F12", "C-a", "C-e", "C-k", "C-u", "C-w", "C-l",
        "M-x", "M-Enter", "S-Up", "C-Right"]
RAW = [b"\x1b[", b"\x1b[1;5", b"\x1bO", b"\x1b[M   ", b"\x1b[<0;10;5M", b"\x1b[<0;10;5m", b"\x1b]0;x\x07", b"\x1b[99~",
       b"\x1b[200~", b"\x1b[201~", b"\x1b\x1b", b"\x7f", b"\x00", b"\x1b[?1049h", b"\xe3\x81", b"\xff\xfe",
       b"\x1bP1$r\x1b\\", b"\x1b[6n", b"\x1b[I", b"\x1b[O"]
TEXT = ["hokuriku.taro@example.jp", "北陸 太郎", "ほくりく", "410012345678", "920-0981", "ｱｲｳ", "🙂", "a" * 40,
        "北" + "\u0301" * 50, "\u202e\u200b", "$(id)", "'; --", "\t\n"]


def tmux(socket, *args, check=False):
    done = subprocess.run(["tmux", "-L", socket, "-f", "/dev/null"] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    return done.stdout.decode("utf-8", "replace")


def fuzz(hokulink, work, seconds, seed):
    rng = random.Random(seed)
    socket = "hokulink-attack-%d" % os.getpid()
    folder = os.path.join(work, "fuzz-data")
    status = os.path.join(work, "fuzz-status")
    stty_file = os.path.join(work, "fuzz-stty")
    # Each start of the app is followed by its exit status and `stty -a` in the same pane; then the next start.
    loop = os.path.join(work, "fuzz-loop.sh")
    with open(loop, "w") as handle:
        handle.write(
            "#!/bin/sh\ntrap 'true' INT\nstty -a > %s.before\nn=0\nwhile :; do\n  n=$((n+1))\n"
            "  HOKULINK_TEST_KDF_ITERATIONS=1000 %s --data-dir %s --device fuzz-$((n %% 3))\n"
            "  code=$?\n  stty -a > %s.$n\n"
            "  modes=$(tmux display-message -p -t \"$TMUX_PANE\" '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')\n"
            "  echo \"$n $code $modes\" >> %s\n  sleep 0.2\ndone\n"
            % (stty_file, hokulink, folder, stty_file, status))
    os.chmod(loop, 0o700)
    tmux(socket, "new-session", "-d", "-x", "100", "-y", "30", "-s", "fuzz", loop)
    tmux(socket, "set-option", "-g", "remain-on-exit", "on")
    started = time.time()
    sent = {"keys": 0, "raw": 0, "text": 0, "pastes": 0, "unterminated": 0, "resizes": 0, "ctrl-c": 0}
    alternate_checks = 0
    alternate_stuck = 0
    while time.time() - started < seconds:
        choice = rng.random()
        if choice < 0.015:
            # Now and then Ctrl-C, wherever the app is (inside a paste too): each exit is checked, then it starts again.
            tmux(socket, "send-keys", "-t", "fuzz", "C-c")
            sent["ctrl-c"] += 1
        elif choice < 0.45:
            tmux(socket, "send-keys", "-t", "fuzz", rng.choice(KEYS))
            sent["keys"] += 1
        elif choice < 0.60:
            data = rng.choice(RAW)
            tmux(socket, "send-keys", "-t", "fuzz", "-H", *["%02x" % b for b in data])
            sent["raw"] += 1
        elif choice < 0.75:
            tmux(socket, "send-keys", "-t", "fuzz", "-l", rng.choice(TEXT))
            sent["text"] += 1
        elif choice < 0.88:
            body = rng.choice(TEXT).encode("utf-8") * rng.randint(1, 200)
            terminated = rng.random() < 0.7
            data = b"\x1b[200~" + body + (b"\x1b[201~" if terminated else b"")
            for start in range(0, len(data), 512):
                tmux(socket, "send-keys", "-t", "fuzz", "-H", *["%02x" % b for b in data[start:start + 512]])
            sent["pastes"] += 1
            sent["unterminated"] += not terminated
        else:
            tmux(socket, "resize-window", "-t", "fuzz", "-x", str(rng.randint(20, 200)), "-y",
                 str(rng.randint(5, 60)))
            sent["resizes"] += 1
        time.sleep(rng.choice([0, 0.005, 0.02, 0.05]))
    # The end: Ctrl-C must end the app (then the loop's `stty -a` shows the terminal it left), then stop the loop.
    tmux(socket, "resize-window", "-t", "fuzz", "-x", "100", "-y", "30")
    before = len(open(status).read().split("\n")) if os.path.exists(status) else 0
    deadline = time.time() + 60
    ended_by_ctrl_c = False
    while time.time() < deadline:
        tmux(socket, "send-keys", "-t", "fuzz", "C-c")
        time.sleep(1)
        now = len(open(status).read().split("\n")) if os.path.exists(status) else 0
        if now > before:
            ended_by_ctrl_c = True
            break
    time.sleep(0.3)
    dead = tmux(socket, "display-message", "-p", "-t", "fuzz", "#{pane_dead}").strip() == "1"
    tmux(socket, "kill-server")
    runs = []
    if os.path.exists(status):
        for line in open(status).read().splitlines():
            number, code, *modes = line.split()
            runs.append((int(number), int(code), modes))
    baseline = normalised_stty(open(stty_file + ".before").read()) if os.path.exists(stty_file + ".before") else ""
    # A crash is any end by a signal but SIGINT (130: a Ctrl-C that came before the app had the terminal in raw
    # mode, which is what Ctrl-C is for), or the damaged stop (2).
    crashes = [(n, c) for n, c, _ in runs if c not in (0, 1, 130)]
    not_restored = []
    for n, _, modes in runs:
        path = "%s.%d" % (stty_file, n)
        # After an exit: the alternate screen left, the cursor shown, no mouse mode left on, the tty modes as before.
        if modes != ["0", "1", "0"]:
            not_restored.append((n, "alternate screen, cursor, mouse: %s" % " ".join(modes)))
        elif not os.path.exists(path) or normalised_stty(open(path).read()) != baseline:
            not_restored.append((n, "stty -a differs from before"))
    codes = {}
    for _, code, _ in runs:
        codes[code] = codes.get(code, 0) + 1
    return {"seconds": seconds, "sent": sent, "starts": len(runs), "crashes": crashes, "codes": codes,
            "not_restored": not_restored, "ended_by_ctrl_c": ended_by_ctrl_c, "loop_died": dead}


def normalised_stty(text):
    """The modes of `stty -a`, without the size (the fuzz resizes the window) and the line discipline number."""
    text = re.sub(r"rows \d+; columns \d+;", "", text)
    return " ".join(word for word in text.split() if not word.startswith("line"))


# ----------------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hokulink", required=True, help="a DEBUG build of hokulink (the fault hook)")
    parser.add_argument("--quick", action="store_true", help="a short run: 25 kills per kind, 1 round, 15 s fuzz")
    parser.add_argument("--kills-per-kind", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--walkers", type=int, default=8)
    parser.add_argument("--fuzz-seconds", type=float)
    parser.add_argument("--jobs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--only", choices=["kills", "concurrent", "fuzz"], action="append")
    options = parser.parse_args()
    hokulink = os.path.abspath(options.hokulink)
    per_kind = options.kills_per_kind or (25 if options.quick else 200)
    rounds = options.rounds or (1 if options.quick else 3)
    seconds = options.fuzz_seconds or (15 if options.quick else 60)
    parts = options.only or ["kills", "concurrent", "fuzz"]
    random.seed(options.seed)
    failures = 0
    work = tempfile.mkdtemp(prefix="hokulink-attack-")
    os.chmod(work, 0o700)
    rows = []
    try:
        if "kills" in parts:
            started = time.time()
            table, traces, examples = kills(hokulink, work, per_kind, options.jobs)
            print("(a) kills at each kind of durable step of a sign-up (%s; %s steps), %.0f s"
                  % (", ".join(SCRIPTS), " + ".join(str(len(s)) for s in traces.values()), time.time() - started))
            print("| step | points | kills | inconsistent folders | 利用者ID mail missing / duplicate, "
                  "another device opened | missing / duplicate, same device started again |")
            print("| --- | --- | --- | --- | --- | --- |")
            for kind in KINDS:
                row = table[kind]
                print("| %s | %d | %d | %d | %d / %d | %d / %d |" % (
                    kind, row["points"], row["killed"], row["inconsistent"], row["missing"], row["duplicate"],
                    row["missing_after_restart"], row["duplicate_after_restart"]))
                failures += row["inconsistent"] + row["missing"] + row["duplicate"] + (row["killed"] < row["tries"])
                failures += row["missing_after_restart"] + row["duplicate_after_restart"]
            for example in examples:
                print("    " + example)
        if "concurrent" in parts:
            started = time.time()
            plays, accounts, problems = concurrent(hokulink, work, options.walkers, rounds)
            print("(b) %d walkthroughs at once x %d rounds on one folder: %d plays, %d new accounts, %d problems, %.0f s"
                  % (options.walkers, rounds, plays, accounts, len(problems), time.time() - started))
            for problem in problems[:12]:
                print("    " + problem)
            failures += len(problems)
        if "fuzz" in parts:
            result = fuzz(hokulink, work, seconds, options.seed)
            print("(c) %.0f s of tmux fuzz: %s; %d starts of the app, %d crashes, %d exits that left the terminal "
                  "changed (exit statuses %s), Ctrl-C ended the last: %s" % (
                      result["seconds"], ", ".join("%d %s" % (v, k) for k, v in result["sent"].items()),
                      result["starts"], len(result["crashes"]), len(result["not_restored"]),
                      ", ".join("%s: %d" % item for item in sorted(result["codes"].items())),
                      "yes" if result["ended_by_ctrl_c"] else "NO"))
            for n, code in result["crashes"][:12]:
                print("    start %d ended with status %d" % (n, code))
            for n, what in result["not_restored"][:12]:
                print("    start %d left the terminal changed: %s" % (n, what))
            if result["loop_died"]:
                print("    the pane's loop died before the end, so part of the fuzz reached no app")
            failures += len(result["crashes"]) + len(result["not_restored"]) + (not result["ended_by_ctrl_c"])
            failures += result["loop_died"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("failures: %d" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
