# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The CRM flow: load a model once, then per request rebuild the lead, restore
its state from the bytes kept with it, apply the event that arrived, read the
transitions, keep the new bytes."""

import datetime
import json

import pytest

import leadscore

LEAD = {"id": "L-1", "consent": True, "attributes": {"job_title": "VP Sales"}}


def event(n, type_, at, **props):
    e = {"id": f"E-{n}", "lead_id": "L-1", "type": type_, "at": at}
    if props:
        e["properties"] = props
    return e


def test_requests_with_state_bytes_between_them(smoke_model):
    scorer = leadscore.Scorer(smoke_model)
    arriving = [
        event(1, "page_view", "2026-10-01T10:00:00Z", url="/pricing"),
        event(2, "page_view", "2026-10-02T10:00:00Z", url="/blog"),
        event(3, "demo_request", "2026-10-03T09:00:00Z"),
        event(2, "page_view", "2026-10-02T10:00:00Z", url="/blog"),   # sent twice
        event(4, "page_view", "2026-10-01T12:00:00Z", url="/pricing"),  # arrives late
    ]
    kept = None
    results = []
    for e in arriving:  # one "request" each: nothing but `kept` survives
        lead = leadscore.Lead(json.dumps(LEAD))
        state = (scorer.start(lead) if kept is None
                 else leadscore.State.from_bytes(scorer, kept, lead))
        results.append(state.apply(e))
        kept = bytes(state)
        assert isinstance(kept, bytes) and kept == state.to_bytes()
        del state, lead
    assert [r.outcome for r in results] == ["applied", "applied", "applied", "duplicate",
                                            "reordered"]
    # The first event classifies the lead: 10 (VP) + 5 (pricing) >= 10, mql.
    (t,) = results[0].transitions
    assert (t.from_stage, t.to_stage, t.at) == (
        "subscriber", "mql", datetime.datetime(2026, 10, 1, 10, tzinfo=datetime.timezone.utc))
    assert results[1].transitions == []
    # 10 + 5 + 60 (demo) = 75 >= 70: mql -> sql at the demo request.
    (t,) = results[2].transitions
    assert (t.from_stage, t.to_stage) == ("mql", "sql")
    assert t.at == datetime.datetime(2026, 10, 3, 9, tzinfo=datetime.timezone.utc)
    assert t.at_unix_ns == 1791018000 * 10**9
    assert (t.cause, t.event_id) == ("event", "E-3")
    assert (results[0].transitions[0].cause, results[0].transitions[0].event_id) == (
        "event", "E-1")
    assert results[3].transitions == [] and results[4].transitions == []

    lead = leadscore.Lead(LEAD)
    state = leadscore.State.from_bytes(scorer, kept, lead)
    card = state.score("2026-10-07T00:00:00Z", explain=True)
    assert card["lead_id"] == "L-1"
    assert card["scores"] == {"readiness": 80}  # the late pricing view counted
    assert card["stage"] == "sql" and card["stage_entered_at"] == "2026-10-03T09:00:00Z"
    assert [(x["rule"], x["points"]) for x in card["explain"]] == [
        ("vp", 10), ("demo", 60), ("pricing", 10)]
    # The streamed scorecard is the batch's for the same lead and events.
    batch = leadscore.score_batch(smoke_model, [LEAD], arriving, "2026-10-07T00:00:00Z",
                                  explain=True)
    assert batch == [card]
    assert state.score_json("2026-10-07T00:00:00Z", explain=True) == \
        leadscore.score_batch_jsonl(smoke_model, [LEAD], arriving, "2026-10-07T00:00:00Z",
                                    explain=True).decode().rstrip("\n")


def test_late_beyond_the_window_is_refused_not_an_error(smoke_model):
    scorer = leadscore.Scorer(smoke_model, reorder_window=1)
    state = scorer.start(LEAD)
    assert state.apply(event(1, "page_view", "2026-10-01T10:00:00Z", url="/pricing")).outcome \
        == "applied"
    assert state.apply(event(2, "page_view", "2026-10-02T10:00:00Z", url="/x")).outcome \
        == "applied"
    before = state.score("2026-10-07T00:00:00Z", explain=True)
    r = state.apply(event(3, "demo_request", "2026-09-30T10:00:00Z"))
    assert r == leadscore.ApplyResult("late", [])
    # Refused: the scorecard is unchanged. (The state's bytes are not quite:
    # the engine's arrival counter moved; reported, not the binding's.)
    assert state.score("2026-10-07T00:00:00Z", explain=True) == before
    assert before["scores"] == {"readiness": 15}


def test_times_as_datetimes(smoke_model):
    scorer = leadscore.Scorer(smoke_model)
    cet = datetime.timezone(datetime.timedelta(hours=2))
    a = scorer.start(LEAD)
    b = scorer.start(LEAD)
    a.apply(event(1, "demo_request", "2026-10-03T09:00:00.25Z"))
    r = b.apply(event(1, "demo_request", datetime.datetime(2026, 10, 3, 11, 0, 0, 250000,
                                                           tzinfo=cet)))
    assert r.transitions[0].at_unix_ns == 1791018000 * 10**9 + 250_000_000
    as_of = datetime.datetime(2026, 10, 7, tzinfo=datetime.timezone.utc)
    assert a.score(as_of) == b.score("2026-10-07T00:00:00Z")
    assert bytes(a) == bytes(b)


def test_events_as_json_text_and_bytes(smoke_model):
    scorer = leadscore.Scorer(smoke_model)
    states = [scorer.start(LEAD) for _ in range(3)]
    e = event(1, "demo_request", "2026-10-03T09:00:00Z")
    for state, form in zip(states, (e, json.dumps(e), json.dumps(e).encode())):
        assert state.apply(form).outcome == "applied"
    assert len({bytes(s) for s in states}) == 1


def test_close_wipes_and_refuses_further_calls(smoke_model):
    import pytest
    with leadscore.Scorer(smoke_model).start(LEAD) as state:
        state.apply(event(1, "demo_request", "2026-10-03T09:00:00Z"))
    with pytest.raises(ValueError, match="closed"):
        state.score("2026-10-07T00:00:00Z")
    with pytest.raises(ValueError, match="closed"):
        bytes(state)


def test_objects_outlive_what_made_them():
    # Any collection order is fine: a state keeps its scorer and model alive.
    import gc
    from conftest import SMOKE_MODEL
    state = leadscore.Scorer(leadscore.Model.from_json(SMOKE_MODEL)).start(LEAD)
    gc.collect()
    assert state.apply(event(1, "demo_request", "2026-10-03T09:00:00Z")).outcome == "applied"
    assert state.score("2026-10-07T00:00:00Z")["stage"] == "sql"


def test_version():
    assert leadscore.library_version() == leadscore.__version__


def test_transition_of_an_event_without_id_has_no_event_id(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    e = event(1, "demo_request", "2026-10-03T09:00:00Z")
    del e["id"]
    (t,) = state.apply(e).transitions
    assert (t.from_stage, t.to_stage, t.cause, t.event_id) == ("subscriber", "sql", "event", None)


def test_positions_advance_and_lead_updates(smoke_model):
    scorer = leadscore.Scorer(smoke_model)
    state = scorer.start(leadscore.Lead(LEAD))
    first = event(1, "page_view", "2026-10-01T10:00:00Z", url="/pricing")
    r = state.apply(first, source="crm-events-3", offset=41)
    assert r.outcome == "applied"
    kept = bytes(state)
    # The queue re-delivers it (even as another event) under the same offset.
    again = state.apply(event(9, "demo_request", "2026-10-05T10:00:00Z"),
                        source="crm-events-3", offset=41)
    assert again.outcome == "already_applied" and again.transitions == []
    assert bytes(state) == kept
    with pytest.raises(ValueError):
        state.apply(first, source="crm-events-3")
    # Nothing decays in the smoke model: no time-driven transition.
    assert state.advance("2026-10-20T00:00:00Z") == []
    # Consent withdrawn: the reported stage becomes invalid, cause "lead".
    (t,) = state.update_lead(dict(LEAD, consent={"granted": False}), "2026-10-21T00:00:00Z")
    assert (t.from_stage, t.to_stage, t.cause) == ("mql", "invalid", "lead")
    assert state.score("2026-10-22T00:00:00Z")["stage"] == "invalid"
