# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Errors become exceptions that carry what a person needs: JSON pointers for a
model, source and line for a bad line, the status code always."""

import threading
import time

import pytest

import leadscore
from test_streaming import LEAD, MODEL


def test_model_error_carries_every_pointer():
    bad = {"name": "m", "version": "1", "dimensions": [{"name": "d"}],
           "rules": [{"id": "r", "dimension": "nope", "points": 1, "on": "x"},
                     {"id": "s", "dimension": "d", "pointz": 1}]}
    with pytest.raises(leadscore.ModelError) as e:
        leadscore.Model.from_json(bad)
    assert e.value.code == "INVALID_ARGUMENT"
    pointers = [p for p, _ in e.value.diagnostics]
    assert "/rules/0/dimension" in pointers
    assert "/rules/1/pointz" in pointers


def test_missing_model_file():
    with pytest.raises(leadscore.ModelError) as e:
        leadscore.Model.from_file("/nonexistent/model.json")
    assert e.value.code == "NOT_FOUND"
    assert "/nonexistent/model.json" in str(e.value)


def test_bad_event_line_has_source_and_line():
    model = leadscore.Model.from_json(MODEL)
    events = '{"id":"E-1","lead_id":"L-1","type":"x","at":"2026-10-05T09:00:00Z"}\nnot json\n'
    with pytest.raises(leadscore.LineError) as e:
        leadscore.score_batch(model, [LEAD], events, "2026-10-07T00:00:00Z")
    assert (e.value.source, e.value.line) == ("events", 2)
    rejected = []
    cards = leadscore.score_batch(model, [LEAD], events, "2026-10-07T00:00:00Z",
                                  on_error="skip", rejected=rejected)
    assert len(cards) == 1
    assert [(r.source, r.line) for r in rejected] == [("events", 2)]


def test_wrong_types_and_values_raise_cleanly():
    model = leadscore.Model.from_json(MODEL)
    with pytest.raises(TypeError):
        leadscore.Lead(42)
    with pytest.raises(TypeError):
        leadscore.Scorer("not a model")
    with pytest.raises(ValueError):
        leadscore.score_batch(model, [LEAD], [], "2026-10-07T00:00:00Z", on_error="maybe")
    with pytest.raises(ValueError):
        import datetime
        leadscore.score_batch(model, [LEAD], [], datetime.datetime(2026, 10, 7))  # naive
    with pytest.raises(leadscore.Error) as e:
        leadscore.score_batch(model, [LEAD], [], "yesterday")
    assert e.value.code == "INVALID_ARGUMENT"
    with pytest.raises(leadscore.Error):
        leadscore.Lead(b'{"id": "L-\xff"}')  # invalid UTF-8
    scorer = leadscore.Scorer(model)
    other = leadscore.Scorer(leadscore.Model.from_json(dict(MODEL, name="other")))
    saved = bytes(scorer.start(leadscore.Lead(LEAD)))
    with pytest.raises(leadscore.Error) as e:
        leadscore.State.from_bytes(other, saved)
    assert e.value.code == "FAILED_PRECONDITION"


def test_batch_scoring_releases_the_gil():
    model = leadscore.Model.from_json(MODEL)
    leads = [dict(LEAD, id=f"L-{i}") for i in range(10000)]
    events = [{"id": f"E-{i}", "lead_id": f"L-{i % 10000}", "type": "page_view",
               "at": "2026-10-05T09:00:00Z", "properties": {"url": "/pricing"}}
              for i in range(100000)]
    leads_text = "".join(__import__("json").dumps(l) + "\n" for l in leads)
    events_text = "".join(__import__("json").dumps(e) + "\n" for e in events)
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    start = time.perf_counter()
    out = leadscore.score_batch_jsonl(model, leads_text, events_text, "2026-10-07T00:00:00Z")
    end = time.perf_counter()
    done.set()
    t.join()
    assert out.count(b"\n") == 10000
    # While the library scored, the other Python thread kept running.
    during = [x for x in ticks if start < x < end]
    assert len(during) >= 3, f"{len(during)} ticks in {end - start:.3f} s"
