#!/usr/bin/env python3
# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Writes examples/data/outcomes.jsonl: made-up outcomes for the bundled sample.

    python3 scripts/make_example_outcomes.py [LEADS EVENTS AS_OF_FILE OUT]

Deterministic (no random module: every draw is a SHA-256 of the lead id), so the
file is byte-identical on every machine. The rule, for `leadscore backtest`
demos and tests only (it is not a model of real buyers):

- A lead's chance to convert in the 60 days after as-of grows with what it did
  up to as-of: +25 points for a demo request, +15 for a trial, +8 for a
  pricing-page view, +6 for a senior job title, +4 per webinar (at most 2),
  from a base of 3 (capped at 90).
- Converted leads get "at" 1-60 days after as-of; the others mostly
  "converted": false with no "at".
- Leads the CRM already marks customer/opportunity converted 10 days *before*
  as-of (so a backtest leaves them out by default).
- One lead in ten has no outcome line at all (a backtest counts it as not
  converted by default).
- Two outcome lines name leads that are not in the leads file.
"""

import datetime
import hashlib
import json
import sys


def unit(lead_id, salt):
    """A number in [0, 1) fixed by the lead id and `salt`."""
    h = hashlib.sha256(f"{salt}:{lead_id}".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2**64


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def fmt(t):
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv):
    leads_path, events_path, as_of_path, out_path = (argv + [
        "examples/data/leads.jsonl", "examples/data/events.jsonl",
        "examples/data/as_of.txt", "examples/data/outcomes.jsonl"][len(argv):])[:4]
    as_of = parse_time(open(as_of_path).read().strip())

    signals = {}
    for line in open(events_path, encoding="utf-8"):
        if not line.strip():
            continue
        e = json.loads(line)
        if parse_time(e["at"]) > as_of:
            continue
        s = signals.setdefault(e["lead_id"], {"demo": 0, "trial": 0, "pricing": 0, "webinar": 0})
        url = str(e.get("properties", {}).get("url", ""))
        if e["type"] == "demo_request":
            s["demo"] = 1
        elif e["type"] == "trial_started":
            s["trial"] = 1
        elif e["type"] == "page_view" and "/pricing" in url:
            s["pricing"] = 1
        elif e["type"] == "webinar_attended":
            s["webinar"] = min(2, s["webinar"] + 1)

    out = []
    for line in open(leads_path, encoding="utf-8"):
        if not line.strip():
            continue
        lead = json.loads(line)
        lid = lead["id"]
        if lead.get("stage") in ("customer", "opportunity"):
            out.append({"lead_id": lid, "converted": True,
                        "at": fmt(as_of - datetime.timedelta(days=10))})
            continue
        if unit(lid, "missing") < 0.10:
            continue
        s = signals.get(lid, {"demo": 0, "trial": 0, "pricing": 0, "webinar": 0})
        title = str(lead.get("attributes", {}).get("job_title", "")).lower()
        senior = any(w in title for w in ("chief", "vp", "vice president", "director", "head"))
        chance = 3 + 25 * s["demo"] + 15 * s["trial"] + 8 * s["pricing"] + 6 * senior + \
            4 * s["webinar"]
        if unit(lid, "convert") * 100 < min(chance, 90):
            days = 1 + int(unit(lid, "when") * 60)
            out.append({"lead_id": lid, "converted": True,
                        "at": fmt(as_of + datetime.timedelta(days=days))})
        else:
            out.append({"lead_id": lid, "converted": False})
    out.append({"lead_id": "L-999998", "converted": True,
                "at": fmt(as_of + datetime.timedelta(days=3))})
    out.append({"lead_id": "L-999999", "converted": False})

    with open(out_path, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o) + "\n")
    print(f"{out_path}: {len(out)} outcomes, "
          f"{sum(1 for o in out if o['converted'])} converted", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
