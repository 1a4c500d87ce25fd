#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Python batch scoring against the CLI on the same data, in one run.

    PYTHONPATH=bindings/python LEADSCORE_LIBRARY=build/libleadscore.so.0 \\
        /usr/bin/python3 bench/python_batch.py [--leads L --events E --model M --as-of T]
                                               [--threads N] [--repeat R]

Times (best of R, wall clock) `leadscore score` on the files, the binding's
score_batch_jsonl on the same bytes (read once, untimed), and score_batch from
lists of dicts (serialisation included), and prints events/s and the ratios.
The outputs must be identical (checked). Goal (issue 13): the binding within
1.5x of the CLI."""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))
import leadscore  # noqa: E402


def best(repeat, fn):
    times = []
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default=str(ROOT / "examples/models/b2b-saas.json"))
    p.add_argument("--leads", default=str(ROOT / "examples/data/leads.jsonl"))
    p.add_argument("--events", default=str(ROOT / "examples/data/events.jsonl"))
    p.add_argument("--as-of", default=(ROOT / "examples/data/as_of.txt").read_text().strip())
    p.add_argument("--cli", default=str(ROOT / "build/leadscore"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    leads = pathlib.Path(a.leads).read_bytes()
    events = pathlib.Path(a.events).read_bytes()
    n_events = events.count(b"\n")
    cli_cmd = [a.cli, "score", "--model", a.model, "--leads", a.leads, "--events", a.events,
               "--as-of", a.as_of, "--threads", str(a.threads), "--on-error", "skip"]
    cli_t, cli_out = best(a.repeat, lambda: subprocess.run(
        cli_cmd, check=True, capture_output=True).stdout)
    model = leadscore.Model.from_file(a.model)
    py_t, py_out = best(a.repeat, lambda: leadscore.score_batch_jsonl(
        model, leads, events, a.as_of, threads=a.threads, on_error="skip"))
    lead_dicts = [json.loads(l) for l in leads.splitlines() if l.strip()]
    event_dicts = []
    for l in events.splitlines():
        try:
            event_dicts.append(json.loads(l))
        except ValueError:
            pass
    dict_t, _ = best(a.repeat, lambda: leadscore.score_batch(
        model, lead_dicts, event_dicts, a.as_of, threads=a.threads, on_error="skip"))
    if py_out != cli_out:
        sys.exit("python_batch: the binding's output differs from the CLI's")
    print(f"events: {n_events}, threads: {a.threads}, best of {a.repeat}")
    for name, t in (("CLI (leadscore score)", cli_t), ("Python, JSON Lines bytes", py_t),
                    ("Python, lists of dicts", dict_t)):
        print(f"  {name:26s} {t * 1000:8.1f} ms  {n_events / t / 1e6:6.2f} M events/s  "
              f"{t / cli_t:5.2f}x the CLI's time")


if __name__ == "__main__":
    main()
