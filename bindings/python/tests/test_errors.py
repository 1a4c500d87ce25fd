# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Errors from the library are exceptions carrying what a person needs: the
code, the message, the model's JSON pointers, the bad line's input and number."""

import json

import pytest

import leadscore
from leadscore import StatusCode

LEAD = {"id": "L-1", "consent": True, "attributes": {"job_title": "VP Sales"}}


def test_model_error_lists_every_problem_with_its_pointer(smoke_model):
    from conftest import SMOKE_MODEL
    bad = json.loads(json.dumps(SMOKE_MODEL))
    bad["name"] = 7
    bad["rules"][1]["points"] = "sixty"
    bad["lifecycle"]["thresholds"][0]["stage"] = "nope"
    with pytest.raises(leadscore.ModelError) as info:
        leadscore.Model.from_json(json.dumps(bad))
    e = info.value
    assert isinstance(e, leadscore.Error)
    assert e.code == StatusCode.INVALID_ARGUMENT
    pointers = [p for p, _ in e.diagnostics]
    assert pointers == ["/name", "/rules/1/points", "/lifecycle/thresholds/0/stage"]
    assert "expected a string" in e.diagnostics[0][1]
    assert all(d.source == "model" for d in e.details)
    # The message lists them all, `POINTER: what is wrong` a line.
    assert "/rules/1/points: " in e.message and str(e).startswith("INVALID_ARGUMENT: ")


def test_model_that_is_not_json():
    with pytest.raises(leadscore.ModelError) as info:
        leadscore.Model.from_json("{ not json")
    assert info.value.code == StatusCode.INVALID_ARGUMENT
    assert len(info.value.diagnostics) == 1 and info.value.diagnostics[0][0] == ""


def test_model_file_missing(tmp_path):
    with pytest.raises(leadscore.ModelError) as info:
        leadscore.Model.from_file(tmp_path / "nope.json")
    assert info.value.code == StatusCode.NOT_FOUND
    assert info.value.diagnostics[0][0] == ""
    assert "nope.json" in info.value.message


def test_batch_bad_line_names_input_and_line(smoke_model):
    leads = json.dumps(LEAD) + "\n\n{\"id\": 5}\n"  # line 3 (a blank line 2 counts)
    with pytest.raises(leadscore.LineError) as info:
        leadscore.score_batch(smoke_model, leads, None, "2026-10-07T00:00:00Z")
    e = info.value
    assert (e.code, e.source, e.line) == (StatusCode.INVALID_ARGUMENT, "leads", 3)
    assert e.message.startswith("leads:3: ")

    events = [{"id": "E-1", "lead_id": "L-1", "type": "x", "at": "2026-10-01T00:00:00Z"},
              {"id": "E-2", "lead_id": "L-1", "type": "x", "at": "last tuesday"}]
    with pytest.raises(leadscore.LineError) as info:
        leadscore.score_batch(smoke_model, [LEAD], events, "2026-10-07T00:00:00Z")
    assert (info.value.source, info.value.line) == ("events", 2)  # the item's position
    assert "at" in info.value.message


def test_batch_skip_lists_rejected_lines(smoke_model):
    leads = [LEAD, {"id": "L-1"}, {"id": "L-2", "consent": True}]  # L-1 twice
    events = ("{\"id\": \"E-1\", \"lead_id\": \"L-2\", \"type\": \"demo_request\", "
              "\"at\": \"2026-10-01T00:00:00Z\"}\nnot json\n")
    rejected = []
    cards = leadscore.score_batch(smoke_model, leads, events, "2026-10-07T00:00:00Z",
                                  on_error="skip", rejected=rejected)
    assert [c["lead_id"] for c in cards] == ["L-1", "L-2"]
    assert cards[1]["scores"] == {"readiness": 60}
    assert [(r.source, r.line) for r in rejected] == [("leads", 2), ("events", 2)]
    batch = leadscore.Batch(smoke_model, on_error="skip")
    batch.score(leads, events, "2026-10-07T00:00:00Z")
    assert batch.rejected == rejected
    batch.score([LEAD], None, "2026-10-07T00:00:00Z")
    assert batch.rejected == []  # per call


def test_event_of_another_lead_leaves_the_state_unchanged(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    before = bytes(state)
    with pytest.raises(leadscore.Error) as info:
        state.apply({"id": "E-1", "lead_id": "L-2", "type": "demo_request",
                     "at": "2026-10-01T00:00:00Z"})
    assert info.value.code == StatusCode.INVALID_ARGUMENT
    assert "L-2" in info.value.message and not isinstance(info.value, leadscore.LineError)
    assert bytes(state) == before


def test_event_that_does_not_parse(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    with pytest.raises(leadscore.Error) as info:
        state.apply('{"id": "E-1", "lead_id": "L-1", "type": "x"}')  # no time
    assert info.value.code == StatusCode.INVALID_ARGUMENT
    assert "at" in info.value.message
    with pytest.raises(leadscore.Error) as info:
        state.apply(b'{"id": "E-1", "lead_id": "L-1", "type": "\xff", "at": "2026-10-01T00:00:00Z"}')
    assert info.value.code == StatusCode.INVALID_ARGUMENT  # invalid UTF-8


def test_event_time_outside_the_engine_range(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    with pytest.raises(leadscore.Error) as info:
        state.apply({"id": "E-1", "lead_id": "L-1", "type": "x", "at": "1800-01-01T00:00:00Z"})
    # An event's time outside the range is a bad event (INVALID_ARGUMENT);
    # OUT_OF_RANGE is left to as-of times and, as an outcome, late events.
    assert info.value.code == StatusCode.INVALID_ARGUMENT
    assert "outside the supported range" in info.value.message


def test_score_before_the_newest_event(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    state.apply({"id": "E-1", "lead_id": "L-1", "type": "x", "at": "2026-10-05T00:00:00Z"})
    with pytest.raises(leadscore.Error) as info:
        state.score("2026-10-01T00:00:00Z")
    assert info.value.code == StatusCode.FAILED_PRECONDITION


def test_state_bytes_of_another_model_or_window_or_damaged(smoke_model, bundled_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    state.apply({"id": "E-1", "lead_id": "L-1", "type": "x", "at": "2026-10-05T00:00:00Z"})
    kept = bytes(state)
    for other in (leadscore.Scorer(bundled_model), leadscore.Scorer(smoke_model, 8)):
        with pytest.raises(leadscore.Error) as info:
            leadscore.State.from_bytes(other, kept, LEAD)
        assert info.value.code == StatusCode.FAILED_PRECONDITION
    damaged = bytearray(kept)
    damaged[-3] ^= 0x40
    with pytest.raises(leadscore.Error) as info:
        leadscore.State.from_bytes(leadscore.Scorer(smoke_model), damaged, LEAD)
    assert info.value.code == StatusCode.DATA_LOSS
    with pytest.raises(leadscore.Error) as info:
        leadscore.State.from_bytes(leadscore.Scorer(smoke_model), kept[:10], LEAD)
    assert info.value.code == StatusCode.DATA_LOSS


def test_lead_with_a_stage_the_model_does_not_define(smoke_model):
    with pytest.raises(leadscore.Error) as info:
        leadscore.Scorer(smoke_model).start(dict(LEAD, stage="customer"))
    assert info.value.code == StatusCode.INVALID_ARGUMENT
    assert "customer" in info.value.message
