# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The shared conformance samples scored through the binding give exactly
expected.jsonl, compared as the samples' compare_scorecards.py compares (section
8 forms, model order, no tolerance beyond its 1e-6); batch and streaming."""

import importlib.util
import json
import os
import subprocess

import pytest

import leadscore
from leadscore._convert import to_unix_ns


def samples(conformance_dir):
    out = sorted(d for d in conformance_dir.glob("gen-*") if (d / "expected.jsonl").exists())
    assert out, f"no samples in {conformance_dir}"
    return out


@pytest.fixture(scope="module")
def compare(conformance_dir):
    spec = importlib.util.spec_from_file_location(
        "compare_scorecards", conformance_dir / "compare_scorecards.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    def check(expected_path, actual_cards):
        expected = [json.loads(line) for line in open(expected_path, encoding="utf-8")]
        assert len(actual_cards) == len(expected)
        diff = mod.Diff(strict=False)
        for e, a in zip(expected, actual_cards):
            assert a.get("lead_id") == e["lead_id"]  # leads order
            mod.compare_card(e, a, e["lead_id"], diff)
        assert diff.items == [], diff.items[:10]
        return len(expected)
    return check


def load(d):
    return (leadscore.Model.from_file(d / "model.json"), (d / "leads.jsonl").read_bytes(),
            (d / "events.jsonl").read_bytes(), (d / "as_of.txt").read_text().strip())


def test_batch_from_jsonl_matches_expected(conformance_dir, compare):
    total = 0
    for d in samples(conformance_dir):
        model, leads, events, as_of = load(d)
        cards = leadscore.score_batch(model, leads, events, as_of, explain=True)
        total += compare(d / "expected.jsonl", cards)
    assert total > 0


def test_batch_from_dicts_matches_expected(conformance_dir, compare):
    for d in samples(conformance_dir):
        model, leads, events, as_of = load(d)
        lead_dicts = [json.loads(x) for x in leads.splitlines() if x.strip()]
        event_dicts = [json.loads(x) for x in events.splitlines() if x.strip()]
        cards = leadscore.score_batch(model, lead_dicts, event_dicts, as_of, explain=True,
                                      threads=2)
        compare(d / "expected.jsonl", cards)


def test_streaming_matches_expected(conformance_dir, compare):
    # Each lead's events applied one at a time in file order (a window large
    # enough to absorb every reordering), then scored: the batch's scorecards.
    for d in samples(conformance_dir):
        model, leads, events, as_of = load(d)
        scorer = leadscore.Scorer(model, reorder_window=1048576)
        t = to_unix_ns(as_of, "as_of")
        lead_dicts = [json.loads(x) for x in leads.splitlines() if x.strip()]
        states = {lead["id"]: scorer.start(lead) for lead in lead_dicts}
        for line in events.splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            state = states.get(e["lead_id"])
            if state is None or to_unix_ns(e["at"], "at") > t:
                continue  # as the batch: unknown leads and events after as_of don't count
            assert state.apply(line).outcome in ("applied", "reordered", "duplicate")
        cards = [states[lead["id"]].score(as_of, explain=True) for lead in lead_dicts]
        compare(d / "expected.jsonl", cards)


def test_batch_bytes_are_the_clis(conformance_dir, source_dir):
    cli = os.environ.get("LEADSCORE_CLI") or str(source_dir / "build" / "leadscore")
    if not os.access(cli, os.X_OK):
        pytest.skip("the leadscore CLI is not built")
    runs = [(d / "model.json", d / "leads.jsonl", d / "events.jsonl",
             (d / "as_of.txt").read_text().strip()) for d in samples(conformance_dir)]
    data = source_dir / "examples" / "data"
    runs.append((source_dir / "examples" / "models" / "b2b-saas.json", data / "leads.jsonl",
                 data / "events.jsonl", (data / "as_of.txt").read_text().strip()))
    for model, leads, events, as_of in runs:
        want = subprocess.run([cli, "score", "--model", str(model), "--leads", str(leads),
                               "--events", str(events), "--as-of", as_of, "--explain"],
                              check=True, capture_output=True).stdout
        got = leadscore.score_batch_jsonl(leadscore.Model.from_file(model), leads.read_bytes(),
                                          events.read_bytes(), as_of, explain=True)
        assert got == want, model
