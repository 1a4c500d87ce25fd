#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""A deterministic lead file and event stream for the live crash test and apply bench.

    gen_stream.py --out DIR [--leads 5000] [--events 200000] [--seed 14]

writes, from the bundled sample (examples/data/leads.jsonl and events.jsonl, whose shapes
the b2b-saas model reads):

  DIR/leads.jsonl          N leads C-000001 ... in id order: the sample's records in turn
                           (attributes, created_at, consent, host stage) under new ids
  DIR/events.jsonl         M events with unique ids X-0000001 ..., strictly increasing times
                           from 2026-05-01 (about 80 s apart), types and properties drawn from
                           the sample's events, leads drawn with a skew (some leads busy)
  DIR/events_redelivered.jsonl
                           the same events, each delivered twice (the copy 1-5 lines after
                           the original) and 5% of them moved 1-10 lines later first (out of
                           order: almost always within one lead's reorder window of 16), 0.05%
                           1,000-20,000 lines later (for a busy lead, past the window: `apply
                           --keep-history` merges those by a rebuild from the store's history)

The same arguments always write the same bytes (random.Random(seed); no clock, no hash
order). Only the standard library is used.
"""

import argparse
import datetime
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
START = datetime.datetime(2026, 5, 1, tzinfo=datetime.timezone.utc)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dump(obj):
    # Compact but spaced as the sample files are; keys in insertion order.
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def fmt_time(t):
    s = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        s += ".%03d" % (t.microsecond // 1000)
    return s + "Z"


def make_leads(sample, n):
    leads = []
    for i in range(n):
        src = sample[i % len(sample)]
        lead = {"id": "C-%06d" % (i + 1)}
        for key in ("created_at", "consent", "stage", "attributes"):
            if key in src:
                lead[key] = src[key]
        leads.append(lead)
    return leads


def make_events(rng, sample, n_leads, n):
    templates = [(e["type"], e.get("properties")) for e in sample]
    # Skewed activity: lead weights from a Pareto draw, so a few leads have hundreds or a
    # thousand events (long logs, checkpoints) and most have a few dozen.
    weights = [rng.paretovariate(2.0) for _ in range(n_leads)]
    lead_ids = ["C-%06d" % (i + 1) for i in range(n_leads)]
    chosen = rng.choices(range(n_leads), weights=weights, k=n)
    t = START
    lines = []
    for k in range(n):
        # Strictly increasing: every event has its own instant, so event order is one
        # order whichever way a scorer sorts ties.
        t += datetime.timedelta(seconds=rng.randint(1, 150), milliseconds=rng.choice((0, rng.randint(1, 999))))
        etype, props = templates[rng.randrange(len(templates))]
        event = {"id": "X-%07d" % (k + 1), "lead_id": lead_ids[chosen[k]], "type": etype,
                 "at": fmt_time(t)}
        if props is not None:
            event["properties"] = props
        lines.append(dump(event))
    return lines


def redeliver(rng, lines):
    """Every line twice, 5% of them moved 1-10 places later (and 0.05% 1,000-20,000 places
    later), each copy 1-5 places after its original."""
    keyed = []
    for i, line in enumerate(lines):
        key = float(i)
        u = rng.random()
        if u < 0.05:
            key += rng.randint(1, 10) + 0.25
        elif u < 0.0505:  # 1 in 2,000: far later, past a busy lead's reorder window
            key += rng.randint(1000, 20000) + 0.25
        keyed.append((key, 0, i, line))
        keyed.append((key + rng.randint(1, 5) + 0.5, 1, i, line))
    keyed.sort()
    return [k[3] for k in keyed]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--leads", type=int, default=5000)
    ap.add_argument("--events", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    leads = make_leads(read_jsonl(os.path.join(ROOT, "examples/data/leads.jsonl")), args.leads)
    events = make_events(rng, read_jsonl(os.path.join(ROOT, "examples/data/events.jsonl")),
                         args.leads, args.events)
    twice = redeliver(rng, events)
    for name, rows in (("leads.jsonl", [dump(l) for l in leads]), ("events.jsonl", events),
                       ("events_redelivered.jsonl", twice)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
