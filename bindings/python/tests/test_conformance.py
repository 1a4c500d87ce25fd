# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The shared conformance samples, scored through the binding, give exactly the
expected scorecards (compared by the samples' own compare_scorecards.py)."""

import subprocess
import sys

import leadscore


def test_every_conformance_sample(conformance_dir, tmp_path):
    samples = sorted(d for d in conformance_dir.iterdir() if (d / "expected.jsonl").exists())
    assert samples, "no conformance samples"
    for d in samples:
        model = leadscore.Model.from_file(str(d / "model.json"))
        out = leadscore.score_batch_jsonl(
            model, (d / "leads.jsonl").read_bytes(), (d / "events.jsonl").read_bytes(),
            (d / "as_of.txt").read_text().strip(), explain=True)
        got = tmp_path / f"{d.name}.jsonl"
        got.write_bytes(out)
        cmp = subprocess.run([sys.executable, str(conformance_dir / "compare_scorecards.py"),
                              str(d / "expected.jsonl"), str(got)],
                             capture_output=True, text=True)
        assert cmp.returncode == 0, f"{d.name}: {cmp.stdout}{cmp.stderr}"


def test_batch_from_dicts_equals_batch_from_text(conformance_dir):
    import json
    d = sorted(x for x in conformance_dir.iterdir() if (x / "expected.jsonl").exists())[0]
    model = leadscore.Model.from_file(str(d / "model.json"))
    as_of = (d / "as_of.txt").read_text().strip()
    leads_text = (d / "leads.jsonl").read_text()
    events_text = (d / "events.jsonl").read_text()
    from_text = leadscore.score_batch(model, leads_text, events_text, as_of, threads=2)
    leads = [json.loads(l) for l in leads_text.splitlines() if l.strip()]
    events = [json.loads(l) for l in events_text.splitlines() if l.strip()]
    from_dicts = leadscore.score_batch(model, iter(leads), (e for e in events), as_of)
    assert from_dicts == from_text
    assert len(from_text) == len(leads)
