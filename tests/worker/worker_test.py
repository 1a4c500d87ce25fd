#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Tests of `leadscore worker` against real Redis servers (docs/scale-out.md, "Tests").

    worker_test.py --leadscore BIN --data DIR --redis-state FILE --scenario NAME
                   [--events N] [--partitions 8] [--lease-ms 1500] [--timeout 240] [--work DIR]

DIR holds what tests/live/gen_stream.py writes (leads.jsonl, events.jsonl); FILE is the state
file of scripts/redis_server.sh (its `url=` line). Scenarios:

  kill      3 workers over all the events (200,000 by default); one is killed with SIGKILL
            once 30% are committed; the survivors take its partitions over when its leases
            expire (and re-apply what it left pending).
  scale     the same events by 1 worker, then by 3 (under another key prefix): both runs'
            scorecards must be identical (and equal batch scoring's).
  pause     3 workers started before the stream is published (a live producer); the busiest is
            stopped (SIGSTOP) for three leases and then continued: a worker that lost its
            lease while paused must not write (fencing).
  restart   3 workers; the Redis server (persisting: appendfsync always) is killed midway and
            started again 3 s later on the same port: the workers retry with backoff and go on.
  cluster   3 workers on a 3-master Redis Cluster (the URL is redis+cluster://...); once 30%
            are committed, partition 0's slot is moved to another master (MIGRATING/IMPORTING,
            MIGRATE, SETSLOT NODE) while the workers run: they follow ASK, TRYAGAIN and MOVED.
  errors    exit codes and messages: a bad URL, Redis down (the worker retries with backoff,
            then gives up), refused credentials (password masked), a bad line; an event of a
            lead without a record is dead-lettered; a changed lead record scores as batch
            scoring of the new record; a worker with another model than the states' stops.

Every scenario then checks, byte for byte: (a) `leadscore redis-state --scorecards` equals
`leadscore score` of the same leads and events as of 2030-01-01; (b) the output streams hold
every transition exactly once, and grouped by lead they equal `leadscore score --transitions`
without its cause "time" lines; (c) nothing was dead-lettered. Every wait is bounded.

Exit 0: passed; 1: a check failed; 77: skipped (no server state file).
"""

import argparse
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import time

MODEL_REL = "examples/models/b2b-saas.json"
AS_OF = "2030-01-01T00:00:00Z"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
T0 = time.monotonic()


def log(msg):
    print("[%6.1f s] %s" % (time.monotonic() - T0, msg), flush=True)


class Failed(Exception):
    pass


def fail(msg):
    raise Failed(msg)


def run(cmd, timeout=300, **kw):
    r = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
    if r.returncode != 0:
        fail("%s exited %d: %s" % (" ".join(cmd), r.returncode, r.stderr.decode()[-2000:]))
    return r


class Workers:
    """Worker processes of one run, their logs in the work folder."""

    def __init__(self, args, url, prefix, work):
        self.args, self.url, self.prefix, self.work = args, url, prefix, work
        self.procs = {}

    def start(self, name):
        logf = open(os.path.join(self.work, "%s.log" % name), "wb")
        cmd = [self.args.leadscore, "worker", "--model", self.args.model, "--redis", self.url,
               "--partitions", str(self.args.partitions), "--prefix", self.prefix, "--id", name,
               "--lease-ms", str(self.args.lease_ms), "--metrics-seconds", "2",
               "--max-backoff-ms", "500", "--give-up-seconds", "60"]
        self.procs[name] = (subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=logf), logf)

    def log_text(self, name):
        with open(os.path.join(self.work, "%s.log" % name), encoding="utf-8",
                  errors="replace") as f:
            return f.read()

    def check_alive(self):
        for name, (p, _) in self.procs.items():
            if p.poll() is not None and p.returncode != -signal.SIGKILL:
                fail("worker %s exited %d early:\n%s" % (name, p.returncode,
                                                         self.log_text(name)[-3000:]))

    def stop_all(self, graceful=True):
        for name, (p, _) in self.procs.items():
            if p.poll() is None:
                p.send_signal(signal.SIGCONT)
                p.send_signal(signal.SIGTERM if graceful else signal.SIGKILL)
        for name, (p, logf) in self.procs.items():
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                if graceful:
                    fail("worker %s did not stop within 30 s of SIGTERM" % name)
            logf.close()
            if graceful and p.returncode not in (0, -signal.SIGKILL):
                fail("worker %s exited %d after SIGTERM:\n%s"
                     % (name, p.returncode, self.log_text(name)[-3000:]))


def progress(args, url, prefix):
    r = run([args.leadscore, "redis-state", "--redis", url, "--partitions", str(args.partitions),
             "--prefix", prefix, "--progress"], timeout=60)
    return [json.loads(l) for l in r.stdout.decode().splitlines()]


def committed(rows):
    """Entries acknowledged so far (appended, less not yet delivered, less pending)."""
    return sum(r["entries_added"] - (r["lag"] or 0) - r["pending"] for r in rows)


def wait_done(args, url, prefix, total, workers, deadline):
    """Until every published entry is acknowledged; bounded by `deadline`."""
    last = None
    while True:
        workers.check_alive()
        try:
            rows = progress(args, url, prefix)
        except Failed as e:  # Redis may be down in the restart scenario
            rows, last = None, str(e)
        if rows is not None:
            added = sum(r["entries_added"] for r in rows)
            if added == total and all(r["lag"] == 0 and r["pending"] == 0 for r in rows):
                return
            last = "%d of %d committed" % (committed(rows), total)
        if time.monotonic() > deadline:
            fail("not all entries were consumed in time: %s" % last)
        time.sleep(0.3)


def busiest(args, url, prefix):
    """The worker owning the most partitions now (lease tokens are "<worker>:<n>")."""
    owners = collections.Counter(r["owner"].rsplit(":", 1)[0]
                                 for r in progress(args, url, prefix) if r["owner"])
    if not owners:
        fail("no worker owns a partition")
    return owners.most_common(1)[0][0]


def wait_committed(args, url, prefix, at_least, workers, deadline):
    while True:
        workers.check_alive()
        rows = progress(args, url, prefix)
        if committed(rows) >= at_least:
            return committed(rows)
        if time.monotonic() > deadline:
            fail("fewer than %d entries committed in time" % at_least)
        time.sleep(0.1)


def check_results(args, url, prefix, leads, events, batch):
    base = [args.leadscore, "redis-state", "--redis", url, "--partitions",
            str(args.partitions), "--prefix", prefix]
    cards = run(base + ["--scorecards", "--model", args.model, "--as-of", AS_OF]).stdout
    batch_cards, batch_transitions = batch
    if cards != batch_cards:
        a, b = cards.splitlines(), batch_cards.splitlines()
        diff = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]),
                    min(len(a), len(b)))
        fail("(a) scorecards differ from batch scoring: %d vs %d lines, first at %d:\n"
             "  redis: %s\n  batch: %s" % (len(a), len(b), diff + 1,
                                           a[diff][:500] if diff < len(a) else "(none)",
                                           b[diff][:500] if diff < len(b) else "(none)"))
    log("(a) scorecards as of %s: %d leads, equal to `leadscore score` byte for byte"
        % (AS_OF, cards.count(b"\n")))
    lines = run(base + ["--transitions"]).stdout.decode("utf-8").splitlines()
    counts = collections.Counter(lines)
    dup = [l for l, n in counts.items() if n > 1]
    if dup:
        fail("(b) %d transitions appear more than once, e.g. %s" % (len(dup), dup[0]))
    by_lead = collections.defaultdict(list)
    for l in lines:
        by_lead[json.loads(l)["lead_id"]].append(l)
    got = [l for lead in sorted(by_lead) for l in by_lead[lead]]
    want = [l for l in batch_transitions if '"cause": "time"' not in l]
    if got != want:
        missing = len(set(want) - set(got))
        extra = len(set(got) - set(want))
        fail("(b) transitions differ from `score --transitions` without cause time: %d vs %d "
             "(%d missing, %d not in batch's)" % (len(got), len(want), missing, extra))
    log("(b) %d transitions in the output streams, each once, equal by lead to "
        "`leadscore score --transitions` without cause time" % len(got))
    rejected = run(base + ["--rejected"]).stdout.decode("utf-8").splitlines()
    if rejected:
        fail("(c) %d entries were dead-lettered, e.g. %s" % (len(rejected), rejected[0]))
    log("(c) no dead letters")
    return cards


def publish(args, url, prefix, leads, events):
    t = time.monotonic()
    run([args.leadscore, "publish", "--redis", url, "--partitions", str(args.partitions),
         "--prefix", prefix, "--leads", leads, "--events", events])
    log("published %s under %s in %.1f s" % (os.path.basename(events), prefix,
                                              time.monotonic() - t))


def cli(port, *a, timeout=60):
    r = subprocess.run(["redis-cli", "-p", str(port)] + [str(x) for x in a], capture_output=True,
                       text=True, timeout=timeout)
    if r.returncode != 0 or r.stdout.startswith(("ERR", "(error)")):
        fail("redis-cli -p %s %s: %s %s" % (port, " ".join(map(str, a)), r.stdout, r.stderr))
    return r.stdout


def migrate_slot(url, prefix):
    """Moves the slot of partition 0 to another master while the workers run (the client
    must follow ASK during the move and MOVED after it)."""
    ports = [int(hp.rsplit(":", 1)[1]) for hp in url.split("://", 1)[1].split(",")]
    slot = int(cli(ports[0], "CLUSTER", "KEYSLOT", prefix + "{p0}:events").strip())
    masters = {}  # port -> (id, slots)
    for line in cli(ports[0], "CLUSTER", "NODES").splitlines():
        f = line.split()
        if "master" not in f[2]:
            continue
        port = int(f[1].split("@")[0].rsplit(":", 1)[1])
        ranges = []
        for r in f[8:]:
            if r.startswith("["):
                continue
            a, _, b = r.partition("-")
            ranges.append((int(a), int(b or a)))
        masters[port] = (f[0], ranges)
    src = next(p for p, (_, rs) in masters.items() if any(a <= slot <= b for a, b in rs))
    dst = next(p for p in masters if p != src)
    cli(dst, "CLUSTER", "SETSLOT", slot, "IMPORTING", masters[src][0])
    cli(src, "CLUSTER", "SETSLOT", slot, "MIGRATING", masters[dst][0])
    moved = 0
    while True:
        keys = cli(src, "--raw", "CLUSTER", "GETKEYSINSLOT", slot, 200).split()
        if not keys:
            break
        out = cli(src, "MIGRATE", "127.0.0.1", dst, "", 0, 10000, "KEYS", *keys)
        if "OK" not in out and "NOKEY" not in out:
            fail("MIGRATE: %s" % out)
        moved += len(keys)
    for p in masters:
        cli(p, "CLUSTER", "SETSLOT", slot, "NODE", masters[dst][0])
    return slot, moved, src, dst


def one_run(args, url, prefix, leads, events, total, n_workers, scenario, work, state_file):
    workers = Workers(args, url, prefix, work)
    names = ["w%d" % i for i in range(1, n_workers + 1)]
    # The pause scenario starts its workers first and publishes while they run (a live
    # producer); the others publish the whole backlog first.
    live_producer = scenario == "pause"
    if not live_producer:
        publish(args, url, prefix, leads, events)
    t = time.monotonic()
    deadline = t + args.timeout
    for n in names:
        workers.start(n)
    try:
        if live_producer:
            time.sleep(0.5)
            publish(args, url, prefix, leads, events)
        if scenario == "kill":
            at = wait_committed(args, url, prefix, int(total * 0.3), workers, deadline)
            victim = busiest(args, url, prefix)
            workers.procs[victim][0].send_signal(signal.SIGKILL)
            workers.procs[victim][0].wait()
            log("SIGKILL to %s with %d of %d entries committed" % (victim, at, total))
            survivors = [n for n in names if n != victim]
            took_before = sum(workers.log_text(n).count("took partition") for n in survivors)
        elif scenario == "pause":
            at = wait_committed(args, url, prefix, int(total * 0.3), workers, deadline)
            victim = busiest(args, url, prefix)
            workers.procs[victim][0].send_signal(signal.SIGSTOP)
            log("SIGSTOP to %s with %d of %d entries committed" % (victim, at, total))
            time.sleep(3 * args.lease_ms / 1000.0)
            workers.procs[victim][0].send_signal(signal.SIGCONT)
            log("SIGCONT to %s" % victim)
            # It must find out on its own (a failed renewal or a fenced commit), before it is
            # told to stop: bounded wait for the line.
            until = time.monotonic() + 20
            while "lost partition" not in workers.log_text(victim) and time.monotonic() < until:
                time.sleep(0.1)
        elif scenario == "cluster":
            at = wait_committed(args, url, prefix, int(total * 0.3), workers, deadline)
            slot, moved, src, dst = migrate_slot(url, prefix)
            log("moved slot %d (partition 0: %d keys) from the master on port %d to the one on "
                "port %d with %d of %d entries committed, while the workers ran"
                % (slot, moved, src, dst, at, total))
        elif scenario == "restart":
            at = wait_committed(args, url, prefix, int(total * 0.3), workers, deadline)
            run(["bash", os.path.join(ROOT, "scripts/redis_server.sh"), "down", state_file])
            log("Redis killed with %d of %d entries committed" % (at, total))
            time.sleep(3)
            run(["bash", os.path.join(ROOT, "scripts/redis_server.sh"), "up", state_file])
            log("Redis started again on the same port")
        wait_done(args, url, prefix, total, workers, deadline)
        elapsed = time.monotonic() - t
        log("%d workers: all %d entries committed in %.1f s (%.0f entries/s)"
            % (n_workers, total, elapsed, total / elapsed))
    finally:
        workers.stop_all()
    logs = {n: workers.log_text(n) for n in names}
    if scenario == "kill":
        took = sum(logs[n].count("took partition") for n in survivors) - took_before
        reapplied = sum(l.count("re-applied") for l in logs.values())
        log("after the kill the survivors took %d partitions over (their logs also show %d "
            "batches of pending entries re-applied)" % (took, reapplied))
        if took <= 0:
            fail("no survivor took a partition over after the kill")
    if scenario == "pause":
        lost = logs[victim].count("lost partition")
        fenced = logs[victim].count("were committed")
        log("the paused worker logged %d 'lost partition' lines, %d of them for a batch it "
            "could not commit (fenced)" % (lost, fenced))
        if lost == 0:
            fail("the paused worker never noticed it lost its leases")
    if scenario == "cluster":
        tries = [line for l in logs.values() for line in l.splitlines() if "retrying in" in line]
        log("during the move the workers retried %d times%s" % (
            len(tries), (", e.g. " + tries[0].split(": ", 1)[1]) if tries else ""))
    if scenario == "restart":
        retried = sum(l.count("retrying in") for l in logs.values())
        back = sum(l.count("Redis is back") for l in logs.values())
        log("the workers logged %d retries and %d recoveries" % (retried, back))
        if retried == 0 or back == 0:
            fail("the workers did not notice the outage (retries %d, recoveries %d)"
                 % (retried, back))
    return logs


def expect_fail(cmd, code, *needles, timeout=60):
    r = subprocess.run(cmd, capture_output=True, timeout=timeout)
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode != code:
        fail("%s exited %d, not %d: %s" % (" ".join(cmd[:2]), r.returncode, code, err[-1500:]))
    for n in needles:
        if n not in err:
            fail("%s: the message lacks %r: %s" % (" ".join(cmd[:2]), n, err[-1500:]))
    return err


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def errors_scenario(args, url, work):
    """Bad URLs, Redis down, refused credentials, bad lines, dead letters, lead updates and a
    worker started with another model: exact exit codes and messages."""
    ls = args.leadscore
    down = "redis://127.0.0.1:%d" % free_port()
    leads = os.path.join(work, "leads.jsonl")
    events = os.path.join(work, "events.jsonl")
    with open(os.path.join(args.data, "leads.jsonl"), encoding="utf-8") as f:
        lead_lines = [f.readline() for _ in range(3)]
    ids = [json.loads(l)["id"] for l in lead_lines]
    with open(os.path.join(args.data, "events.jsonl"), encoding="utf-8") as f:
        event_lines = [l for l in f if json.loads(l)["lead_id"] in ids][:40]
    with open(leads, "w", encoding="utf-8") as f:
        f.writelines(lead_lines)
    with open(events, "w", encoding="utf-8") as f:
        f.writelines(event_lines)
    expect_fail([ls, "publish", "--redis", "http://h:1", "--events", events], 2,
                "the scheme must be redis:// or redis+cluster://")
    expect_fail([ls, "publish", "--redis", down, "--events", events], 1, "cannot be reached")
    err = expect_fail([ls, "worker", "--model", args.model, "--redis", down, "--give-up-seconds",
                       "1", "--max-backoff-ms", "200"], 1, "cannot be reached", "retrying in",
                      "giving up")
    log("Redis down: publish exits 1, the worker retries with backoff and gives up (exit 1): "
        + err.strip().splitlines()[-1])
    secret = url.replace("redis://", "redis://:not-the-password@")
    err = expect_fail([ls, "publish", "--redis", secret, "--events", events], 2,
                      "refused the connection set-up", ":***@")
    if "not-the-password" in err:
        fail("the password shows in a message: " + err)
    bad = os.path.join(work, "bad.jsonl")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(event_lines[0] + "{not json\n")
    prefix = "t%d-errors-bad:" % os.getpid()
    expect_fail([ls, "publish", "--redis", url, "--prefix", prefix, "--events", bad], 2,
                bad + ":2:")
    log("bad URL (2), refused credentials (2, password masked), bad line (2, FILE:LINE): ok")

    # Dead letters and lead updates.
    prefix = "t%d-errors:" % os.getpid()
    p = ["--redis", url, "--partitions", "2", "--prefix", prefix]
    orphan = json.dumps({"id": "E-orphan", "lead_id": "NOBODY", "type": "page_view",
                         "at": "2026-05-01T00:00:00Z"})
    with open(os.path.join(work, "orphan.jsonl"), "w") as f:
        f.write(orphan + "\n")
    changed = json.loads(lead_lines[0])
    changed["attributes"]["company_size"] = 5000
    changed_line = json.dumps(changed, separators=(", ", ": "))
    with open(os.path.join(work, "update.jsonl"), "w") as f:
        f.write(changed_line + "\n")
    run([ls, "publish"] + p + ["--leads", leads, "--events", events])
    run([ls, "publish"] + p + ["--leads", os.path.join(work, "update.jsonl"), "--events",
                               os.path.join(work, "orphan.jsonl")])
    workers = Workers(args, url, prefix, work)
    args_partitions = args.partitions
    args.partitions = 2
    try:
        workers.start("w1")
        wait_done(args, url, prefix, 3 + len(event_lines) + 2, workers, time.monotonic() + 60)
    finally:
        workers.stop_all()
    rejected = run([ls, "redis-state"] + p + ["--rejected"]).stdout.decode().splitlines()
    if len(rejected) != 1 or "no record of lead 'NOBODY'" not in rejected[0]:
        fail("expected one dead letter for lead NOBODY, got %s" % rejected)
    log("an event of a lead without a record is dead-lettered with its reason: " + rejected[0])
    updated = os.path.join(work, "updated_leads.jsonl")
    with open(updated, "w", encoding="utf-8") as f:
        f.write(changed_line + "\n")
        f.writelines(lead_lines[1:])
    cards = run([ls, "redis-state"] + p + ["--scorecards", "--model", args.model, "--as-of",
                                           AS_OF]).stdout
    batch = run([ls, "score", "--model", args.model, "--leads", updated, "--events", events,
                 "--as-of", AS_OF]).stdout
    if cards != batch:
        fail("after a lead update the scorecards differ from batch scoring of the new record")
    log("a changed lead record (UpdateLead) scores as batch scoring of the new record does")

    # Another model on these states: refused, exit 2, nothing written.
    other = os.path.join(ROOT, "examples/models/product-led.json")
    run([ls, "publish"] + p + ["--events", events])
    err = expect_fail([ls, "worker", "--model", other] + p + ["--id", "wrong-model",
                                                                "--metrics-seconds", "0"], 2,
                      "does not fit this worker's model", timeout=60)
    log("a worker with another model stops (exit 2): " + err.strip().splitlines()[-1][:200])
    args.partitions = args_partitions


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--leadscore", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--redis-state", required=True)
    ap.add_argument("--scenario", required=True,
                    choices=("kill", "scale", "pause", "restart", "cluster", "errors"))
    ap.add_argument("--events", type=int, default=0, help="first N events (0: all)")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--lease-ms", type=int, default=1500)
    ap.add_argument("--timeout", type=float, default=240)
    ap.add_argument("--work")
    args = ap.parse_args()
    args.model = os.path.join(ROOT, MODEL_REL)
    if not os.path.exists(args.redis_state):
        log("skipped: no Redis server state at %s" % args.redis_state)
        return 77
    with open(args.redis_state) as f:
        url = dict(l.rstrip("\n").split("=", 1) for l in f if "=" in l)["url"]
    work = args.work or os.path.join(args.data, "worker_" + args.scenario)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    leads = os.path.join(args.data, "leads.jsonl")
    events = os.path.join(args.data, "events.jsonl")
    if args.events:
        cut = os.path.join(work, "events.jsonl")
        with open(events, "rb") as src, open(cut, "wb") as dst:
            for i, line in enumerate(src):
                if i >= args.events:
                    break
                dst.write(line)
        events = cut
    with open(leads, "rb") as f:
        n_leads = sum(1 for _ in f)
    with open(events, "rb") as f:
        n_events = sum(1 for _ in f)
    total = n_leads + n_events
    bt = os.path.join(work, "batch.transitions")
    if args.scenario == "errors":
        try:
            errors_scenario(args, url, work)
        except Failed as e:
            log("FAIL: " + str(e))
            log("work folder kept: " + work)
            return 1
        shutil.rmtree(work, ignore_errors=True)
        log("passed")
        return 0
    batch_cards = run([args.leadscore, "score", "--model", args.model, "--leads", leads,
                       "--events", events, "--as-of", AS_OF, "--transitions", bt]).stdout
    with open(bt, encoding="utf-8") as f:
        batch = (batch_cards, [l.rstrip("\n") for l in f])
    log("scenario %s: %s, %d leads, %d events, %d partitions, lease %d ms"
        % (args.scenario, url, n_leads, n_events, args.partitions, args.lease_ms))
    prefix = "t%d-%s:" % (os.getpid(), args.scenario)
    try:
        if args.scenario == "scale":
            one_run(args, url, prefix + "one:", leads, events, total, 1, "scale", work,
                    args.redis_state)
            one = check_results(args, url, prefix + "one:", leads, events, batch)
            one_run(args, url, prefix + "three:", leads, events, total, 3, "scale", work,
                    args.redis_state)
            three = check_results(args, url, prefix + "three:", leads, events, batch)
            if one != three:
                fail("the 1-worker and 3-worker runs' scorecards differ")
            log("the 1-worker and 3-worker runs' scorecards are identical")
        else:
            one_run(args, url, prefix, leads, events, total, 3, args.scenario, work,
                    args.redis_state)
            check_results(args, url, prefix, leads, events, batch)
    except Failed as e:
        log("FAIL: " + str(e))
        log("work folder kept: " + work)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    log("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
