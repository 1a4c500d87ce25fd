#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""python_batch.py: Python batch scoring (the leadscore package) against the CLI.

Scores the same leads and events as of the same time with the same threads
through `leadscore score` (a process: read files, score, write scorecards to
a file) and through the Python package in three forms:

  jsonl->bytes   file bytes in, score_batch_jsonl, scorecard bytes written to
                 a file (the CLI's job, from Python)
  jsonl->dicts   file bytes in, score_batch: a list of scorecard dicts
  dicts->dicts   lists of dicts in (already in memory; serialised with
                 json.dumps in the call), a list of scorecard dicts out

Every figure is the best wall time of --repeat runs; events/s = event lines /
seconds; ratio = Python seconds / CLI seconds (goal: within 1.5x). The model
is loaded inside each timed run, as the CLI loads it. Before timing, each form's
scorecards are checked against the CLI's bytes.

Data sets: the bundled examples (2,000 leads, 40,000 events) and a larger one
made with build/leadscore-gen (--gen-leads, --gen-events; 0 to skip).

  /usr/bin/python3 bench/python_batch.py [--build build] [--threads 1 2] [--repeat 3]
      [--gen-leads 20000 --gen-events 400000] [--json results.json]

The library comes from LEADSCORE_LIBRARY, else BUILD/libleadscore.so.0.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent


def best(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(name, model, leads, events, as_of, cli, threads, repeat, tmp):
    import leadscore
    n_events = sum(1 for line in open(events, "rb") if line.strip())
    cli_out = tmp / "cli.jsonl"
    cmd = [cli, "score", "--model", str(model), "--leads", str(leads), "--events", str(events),
           "--as-of", as_of, "--threads", str(threads), "--out", str(cli_out)]

    def run_cli():
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)

    run_cli()
    want = cli_out.read_bytes()
    py_out = tmp / "py.jsonl"

    def jsonl_bytes():
        m = leadscore.Model.from_file(model)
        out = leadscore.score_batch_jsonl(m, leads.read_bytes(), events.read_bytes(), as_of,
                                          threads=threads)
        py_out.write_bytes(out)
        return out

    def jsonl_dicts():
        m = leadscore.Model.from_file(model)
        return leadscore.score_batch(m, leads.read_bytes(), events.read_bytes(), as_of,
                                     threads=threads)

    lead_dicts = [json.loads(x) for x in leads.read_bytes().splitlines() if x.strip()]
    event_dicts = [json.loads(x) for x in events.read_bytes().splitlines() if x.strip()]

    def dicts_dicts():
        m = leadscore.Model.from_file(model)
        return leadscore.score_batch(m, lead_dicts, event_dicts, as_of, threads=threads)

    assert jsonl_bytes() == want, f"{name}: Python bytes differ from the CLI's"
    want_dicts = [json.loads(x) for x in want.splitlines()]
    assert jsonl_dicts() == want_dicts, f"{name}: scorecard dicts differ"
    assert dicts_dicts() == want_dicts, f"{name}: scorecard dicts (from dicts) differ"

    rows = []
    t_cli = best(run_cli, repeat)
    rows.append(("cli", t_cli))
    for form, fn in (("jsonl->bytes", jsonl_bytes), ("jsonl->dicts", jsonl_dicts),
                     ("dicts->dicts", dicts_dicts)):
        rows.append((form, best(fn, repeat)))
    out = []
    for form, t in rows:
        out.append({"data": name, "threads": threads, "form": form, "seconds": t,
                    "events": n_events, "events_per_s": n_events / t, "ratio_vs_cli": t / t_cli})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=str(SOURCE / "build"), help="build folder (default build/)")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    ap.add_argument("--gen-leads", type=int, default=20000)
    ap.add_argument("--gen-events", type=int, default=400000)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    build = pathlib.Path(args.build)
    os.environ.setdefault("LEADSCORE_LIBRARY", str(build / "libleadscore.so.0"))
    sys.path.insert(0, str(SOURCE / "bindings" / "python"))
    import leadscore  # noqa: F401  (after the library path is set)
    cli = str(build / "leadscore")

    data = SOURCE / "examples" / "data"
    sets = [("bundled", SOURCE / "examples" / "models" / "b2b-saas.json", data / "leads.jsonl",
             data / "events.jsonl", (data / "as_of.txt").read_text().strip())]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        if args.gen_events > 0:
            gen = tmp / "gen"
            subprocess.run([str(build / "leadscore-gen"), "--leads", str(args.gen_leads),
                            "--events", str(args.gen_events), "--seed", "7", "--out-dir",
                            str(gen)], check=True, stdout=subprocess.DEVNULL)
            sets.append((f"generated-{args.gen_leads}x{args.gen_events}", sets[0][1],
                         gen / "leads.jsonl", gen / "events.jsonl",
                         (gen / "as_of.txt").read_text().strip()))
        results = []
        print(f"{'data':<28} {'thr':>3} {'form':<13} {'seconds':>8} {'events/s':>11} "
              f"{'vs CLI':>7}")
        for name, model, leads, events, as_of in sets:
            for threads in args.threads:
                for r in measure(name, model, leads, events, as_of, cli, threads, args.repeat,
                                 tmp):
                    results.append(r)
                    print(f"{r['data']:<28} {r['threads']:>3} {r['form']:<13} "
                          f"{r['seconds']:>8.3f} {r['events_per_s']:>11,.0f} "
                          f"{r['ratio_vs_cli']:>6.2f}x", flush=True)
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
