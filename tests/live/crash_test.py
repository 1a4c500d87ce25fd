#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Crash test of `leadscore apply` (docs/live-scoring.md, "Crash test and throughput").

    crash_test.py --leadscore BIN --data DIR --store sqlite|postgres [--pg-state FILE]
                  [--variant inorder|redelivered] [--kills 24] [--seed 1] [--work DIR]

DIR holds what tests/live/gen_stream.py writes (leads.jsonl, events.jsonl,
events_redelivered.jsonl). The test

 1. runs `leadscore apply --keep-history --batch 1000` once, uninterrupted, on a fresh store
    (the reference), and once more on it (a run with nothing left to do: the start-up time);
 2. on another fresh store runs the same command again and again, killing it with SIGKILL
    after a random delay, until --kills kills have landed on a running process that had
    committed at least one batch of events since it started, then with delays of up to the
    reference run's length until a run completes (exit 0). Every loop is bounded in count and
    time;
 3. checks that (a) `leadscore state --scorecards` equals `leadscore score` of the same files,
    byte for byte; (b) the outbox (`leadscore state --outbox`) equals the reference's, byte for
    byte (sequence numbers included), holds no transition twice and chains per lead;
    (c) for the in-order stream, the outbox's transitions, grouped by lead, equal
    `leadscore score --transitions` without its cause "time" lines, byte for byte.

The --transitions files of the killed runs are only counted (lines missing or repeated
against the outbox): a run writes a batch's lines after its commit, so a kill between the two
loses them, and nothing repeats them. The outbox is the record.

Exit 0: passed; 1: a check failed; 77: skipped (no PostgreSQL cluster state).
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

MODEL_REL = "examples/models/b2b-saas.json"
AS_OF = "2030-01-01T00:00:00Z"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def log(msg):
    print(msg, flush=True)


def fail(msg):
    log("FAIL: " + msg)
    sys.exit(1)


class Store:
    """A fresh store of one backend and how to read its committed event position."""

    def __init__(self, kind, work, name, pg_url=None):
        self.kind = kind
        if kind == "sqlite":
            self.path = os.path.join(work, name + ".db")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.path + suffix):
                    os.remove(self.path + suffix)
            self.url = "sqlite:" + self.path
        else:
            base = pg_url.rsplit("/", 1)[0]
            self.admin = pg_url
            self.db = name
            self.psql(self.admin, "DROP DATABASE IF EXISTS %s" % name)
            self.psql(self.admin, "CREATE DATABASE %s" % name)
            self.url = "%s/%s" % (base, name)

    @staticmethod
    def psql(url, sql):
        r = subprocess.run(["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            fail("psql %s: %s" % (sql, r.stderr.strip()))
        return r.stdout.strip()

    def position(self, source):
        """The committed line number of `source` (0: none yet)."""
        if self.kind == "sqlite":
            if not os.path.exists(self.path):
                return 0
            con = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=10)
            try:
                row = con.execute('SELECT "offset" FROM leadscore_positions WHERE source = ?',
                                  (source,)).fetchone()
            except sqlite3.OperationalError:  # no tables yet
                row = None
            finally:
                con.close()
        else:
            out = self.psql(self.url, "SELECT to_regclass('leadscore_positions') IS NOT NULL")
            row = None
            if out == "t":
                out = self.psql(self.url, "SELECT \"offset\" FROM leadscore_positions WHERE "
                                "source = '%s'" % source.replace("'", "''"))
                row = (int(out),) if out else None
        return row[0] if row else 0

    def history_counts(self):
        """(history entries, distinct (lead, payload) among them)."""
        sql = ("SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT lead_id, payload FROM "
               "leadscore_history) d) FROM leadscore_history")
        if self.kind == "sqlite":
            con = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=10)
            try:
                return tuple(con.execute(sql).fetchone())
            finally:
                con.close()
        return tuple(int(x) for x in self.psql(self.url, sql).split("|"))

    def drop(self):
        if self.kind == "postgres":
            self.psql(self.admin, "DROP DATABASE IF EXISTS %s" % self.db)


def run(cmd, timeout, **kw):
    r = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
    if r.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.decode()[-2000:]))
    return r


def apply_cmd(args, store, events, transitions):
    return [args.leadscore, "apply", "--model", args.model, "--store", store.url, "--leads",
            args.leads, "--events", events, "--keep-history", "--batch", "1000",
            "--transitions", transitions]


def summary_rate(stderr):
    m = re.search(r"time: ([0-9.]+) s \(([0-9]+) events/s\)", stderr)
    return (float(m.group(1)), int(m.group(2))) if m else (None, None)


def outbox(args, store):
    return run([args.leadscore, "state", "--store", store.url, "--outbox"], 300).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--leadscore", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--store", choices=("sqlite", "postgres"), required=True)
    ap.add_argument("--pg-state")
    ap.add_argument("--variant", choices=("inorder", "redelivered"), default="inorder")
    ap.add_argument("--kills", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work")
    ap.add_argument("--max-attempts", type=int, default=200)
    ap.add_argument("--max-seconds", type=float, default=170,
                    help="give up (fail) when the test has run this long, or 8 times the "
                    "reference run if that is longer (a loaded machine)")
    args = ap.parse_args()
    args.model = os.path.join(ROOT, MODEL_REL)
    args.leads = os.path.join(args.data, "leads.jsonl")
    events = os.path.join(args.data, "events.jsonl" if args.variant == "inorder"
                          else "events_redelivered.jsonl")
    with open(events, "rb") as f:
        total_lines = sum(1 for _ in f)
    name = "crash_%s_%s" % (args.store, args.variant)
    work = args.work or os.path.join(args.data, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    pg_url = None
    if args.store == "postgres":
        if not args.pg_state or not os.path.exists(args.pg_state):
            log("skipped: no PostgreSQL cluster state at %s" % args.pg_state)
            return 77
        with open(args.pg_state) as f:
            pg_url = dict(l.rstrip("\n").split("=", 1) for l in f if "=" in l)["url"]
    rng = random.Random(args.seed)
    t_start = time.monotonic()

    # 1. The reference: one uninterrupted run, then one with nothing left to do.
    ref = Store(args.store, work, name + "_ref", pg_url)
    t0 = time.monotonic()
    r = run(apply_cmd(args, ref, events, os.path.join(work, "ref.transitions")), 600)
    t_ref = time.monotonic() - t0
    _, rate = summary_rate(r.stderr.decode())
    t0 = time.monotonic()
    run(apply_cmd(args, ref, events, os.path.join(work, "ref-rerun.transitions")), 600)
    t_idle = time.monotonic() - t0
    ref_outbox = outbox(args, ref)
    log("uninterrupted run: " + " ".join(l for l in r.stderr.decode().splitlines()
                                          if l.startswith(("applied:", "leads:"))))
    log("%s %s: %d lines; uninterrupted run %.2f s (%s events/s by its summary), "
        "a run with nothing to do %.2f s, %d transitions"
        % (args.store, args.variant, total_lines, t_ref, rate, t_idle, ref_outbox.count(b"\n")))
    if ref.position(events) != total_lines:
        fail("the reference store's position is %d, not %d" % (ref.position(events), total_lines))

    # 2. Killed and restarted.
    store = Store(args.store, work, name, pg_url)
    attempts = landed = advanced = 0
    delays = []
    points = []  # the committed line after each kill that advanced
    completed = False
    run_timeout = 5 * t_ref + 30
    while attempts < args.max_attempts:
        if time.monotonic() - t_start > max(args.max_seconds, 8 * t_ref):
            fail("the kill loop ran over %.0f s (%d attempts, %d kills advanced)"
                 % (max(args.max_seconds, 8 * t_ref), attempts, advanced))
        attempts += 1
        before = store.position(events)
        if advanced < args.kills:
            # Aim a little past the start-up, at a random point of what is left, so that the
            # remaining kills still find something to do.
            left = max(0.0, t_ref - t_idle) * (1 - before / total_lines)
            delay = rng.uniform(0.05, t_idle + 2 * left / (args.kills - advanced + 1))
        else:
            delay = rng.uniform(0.05, t_ref)  # anywhere up to a whole run
        tfile = os.path.join(work, "run%03d.transitions" % attempts)
        proc = subprocess.Popen(apply_cmd(args, store, events, tfile), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed = True
        else:
            killed = False
        try:
            _, err = proc.communicate(timeout=run_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            fail("run %d did not end within %.0f s" % (attempts, run_timeout))
        after = store.position(events)
        if killed and proc.returncode == -signal.SIGKILL:
            landed += 1
            delays.append(delay)
            if before < after < total_lines:
                advanced += 1
                points.append(after)
            continue
        if proc.returncode != 0:
            fail("run %d exited %d: %s" % (attempts, proc.returncode, err.decode()[-2000:]))
        if advanced < min(args.kills, 20):
            fail("run %d completed after only %d kills that advanced (want %d): the delays "
                 "are too long for this machine" % (attempts, advanced, min(args.kills, 20)))
        completed = True
        break
    if not completed:
        fail("no run completed in %d attempts" % args.max_attempts)
    log("kill loop: %d runs, %d killed by SIGKILL while running (delays %.2f-%.2f s), %d of "
        "them after committing events of that run and before the end; run %d completed; "
        "%.1f s" % (attempts, landed, min(delays), max(delays), advanced, attempts,
                    time.monotonic() - t_start))
    log("committed line after each of those kills: %s" % " ".join(map(str, points)))
    if landed < 20:
        fail("only %d kills landed" % landed)

    # 3. Checks.
    got_outbox = outbox(args, store)
    if got_outbox != ref_outbox:
        a, b = got_outbox.splitlines(), ref_outbox.splitlines()
        diff = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        fail("(b) the outbox differs from the uninterrupted run's: %d vs %d entries, first "
             "difference at entry %d:\n  %s\n  %s" % (len(a), len(b), diff + 1,
                                                     a[diff] if diff < len(a) else "(none)",
                                                     b[diff] if diff < len(b) else "(none)"))
    payloads = []  # the stored JSON lines, as `state --outbox` wraps them
    for line in got_outbox.decode("utf-8").splitlines():
        m = re.fullmatch(r'\{"seq": [0-9]+, "transition": (.*)\}', line)
        if not m:
            fail("(b) an outbox line of unexpected form: %s" % line)
        payloads.append(m.group(1))
    if len(set(payloads)) != len(payloads):
        dup = [p for p, n in collections.Counter(payloads).items() if n > 1]
        fail("(b) %d transitions appear more than once, e.g. %s" % (len(dup), dup[0]))
    seen = {}
    for p in payloads:
        t = json.loads(p)
        if t["lead_id"] in seen and seen[t["lead_id"]] != t["from"]:
            fail("(b) the chain of lead %s breaks: %s after a transition to %s"
                 % (t["lead_id"], p, seen[t["lead_id"]]))
        seen[t["lead_id"]] = t["to"]
    log("(b) outbox: %d transitions, equal to the uninterrupted run's byte for byte, each once, "
        "chained per lead" % len(payloads))

    cards = run([args.leadscore, "state", "--store", store.url, "--scorecards", "--model",
                 args.model, "--as-of", AS_OF], 600).stdout
    batch_t = os.path.join(work, "batch.transitions")
    if os.path.exists(batch_t):
        os.remove(batch_t)
    batch = run([args.leadscore, "score", "--model", args.model, "--leads", args.leads,
                 "--events", events, "--as-of", AS_OF, "--transitions", batch_t], 600).stdout
    if cards != batch:
        a, b = cards.splitlines(), batch.splitlines()
        diff = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        fail("(a) the store's scorecards differ from batch scoring: %d vs %d lines, first at "
             "line %d:\n  store: %s\n  batch: %s" % (len(a), len(b), diff + 1,
                                                     a[diff][:600] if diff < len(a) else "(none)",
                                                     b[diff][:600] if diff < len(b) else "(none)"))
    log("(a) scorecards as of %s: %d leads, equal to `leadscore score` byte for byte"
        % (AS_OF, cards.count(b"\n")))

    if args.variant == "inorder":
        with open(batch_t, encoding="utf-8") as f:
            want = [l.rstrip("\n") for l in f if '"cause": "time"' not in l]
        by_lead = collections.defaultdict(list)
        for p in payloads:
            by_lead[json.loads(p)["lead_id"]].append(p)
        got = [p for lead in sorted(by_lead) for p in by_lead[lead]]
        if got != want:
            diff = next((i for i in range(min(len(got), len(want))) if got[i] != want[i]),
                        min(len(got), len(want)))
            fail("(c) the outbox by lead differs from `score --transitions` without cause time: "
                 "%d vs %d, first at %d:\n  outbox: %s\n  batch:  %s"
                 % (len(got), len(want), diff + 1, got[diff] if diff < len(got) else "(none)",
                    want[diff] if diff < len(want) else "(none)"))
        log("(c) outbox grouped by lead equals `leadscore score --transitions` without its "
            "cause time lines, byte for byte (%d transitions)" % len(want))

    # Information (not checked): a re-delivered copy of an event older than the reorder
    # window is merged by a rebuild again and kept in the history a second time.
    entries, distinct = store.history_counts()
    log("history: %d entries, %d distinct" % (entries, distinct))

    # (d) What the killed runs' --transitions files say, against the outbox.
    written = collections.Counter()
    for fn in sorted(os.listdir(work)):
        if fn.startswith("run") and fn.endswith(".transitions"):
            with open(os.path.join(work, fn), encoding="utf-8") as f:
                written.update(l.rstrip("\n") for l in f if l.endswith("\n"))
    missing = sum(1 for p in payloads if p not in written)
    repeated = sum(n - 1 for n in written.values() if n > 1)
    log("(d) the runs' --transitions files: %d lines, %d outbox transitions missing from them, "
        "%d repeated (the outbox is the record)" % (sum(written.values()), missing, repeated))
    store.drop()
    ref.drop()
    shutil.rmtree(work, ignore_errors=True)
    log("passed in %.1f s" % (time.monotonic() - t_start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
