# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""The streaming flow a CRM runs: start a lead, apply events as requests arrive,
keep the state bytes between requests, read the transitions, score."""

import datetime

import leadscore

MODEL = {
    "name": "py", "version": "1",
    "dimensions": [{"name": "readiness", "min": 0, "max": 100}],
    "rules": [
        {"id": "vp", "dimension": "readiness", "points": 10,
         "when": {"attr": "job_title", "contains": "vp"}},
        {"id": "demo", "dimension": "readiness", "points": 60, "on": "demo_request"},
        {"id": "pricing", "dimension": "readiness", "points": 5, "on": "page_view",
         "when": {"prop": "url", "contains": "/pricing"}},
    ],
    "lifecycle": {"stages": ["subscriber", "lead", "mql", "sql"],
                  "thresholds": [{"stage": "mql", "when": {"score": "readiness", "gte": 10}},
                                 {"stage": "sql", "when": {"score": "readiness", "gte": 70}}]},
}
LEAD = {"id": "L-1", "consent": True, "attributes": {"job_title": "VP Sales"}}


def event(i, type_, at, **props):
    return {"id": f"E-{i}", "lead_id": "L-1", "type": type_, "at": at, "properties": props}


def test_requests_keep_state_bytes_and_see_transitions():
    model = leadscore.Model.from_json(MODEL)
    scorer = leadscore.Scorer(model)
    lead = leadscore.Lead(LEAD)
    database = {"L-1": bytes(scorer.start(lead))}

    def request(ev):
        state = leadscore.State.from_bytes(scorer, database["L-1"])
        result = state.apply(lead, ev)
        database["L-1"] = bytes(state)
        return result

    r1 = request(event(1, "page_view", "2026-10-05T09:00:00Z", url="/pricing"))
    assert r1.outcome == "applied"
    assert [(t.from_stage, t.to_stage) for t in r1.transitions] == [("subscriber", "mql")]
    r2 = request(event(2, "demo_request", "2026-10-06T11:00:00Z"))
    assert [(t.from_stage, t.to_stage) for t in r2.transitions] == [("mql", "sql")]
    assert r2.transitions[0].at == datetime.datetime(2026, 10, 6, 11, tzinfo=datetime.timezone.utc)
    assert request(event(2, "demo_request", "2026-10-06T11:00:00Z")).outcome == "duplicate"

    state = leadscore.State.from_bytes(scorer, database["L-1"])
    card = state.score(lead, "2026-10-07T00:00:00Z", explain=True)
    assert card["total"] == 75
    assert card["stage"] == "sql"
    assert [e["rule"] for e in card["explain"]] == ["vp", "demo", "pricing"]
    # The same bytes the CLI and the batch call write.
    batch = leadscore.score_batch_jsonl(
        model, [LEAD], [event(1, "page_view", "2026-10-05T09:00:00Z", url="/pricing"),
                        event(2, "demo_request", "2026-10-06T11:00:00Z")],
        datetime.datetime(2026, 10, 7, tzinfo=datetime.timezone.utc), explain=True)
    assert batch == state.score_json(lead, "2026-10-07T00:00:00Z", explain=True) + b"\n"


def test_late_event_is_an_outcome():
    scorer = leadscore.Scorer(leadscore.Model.from_json(MODEL), reorder_window=1)
    lead = leadscore.Lead(LEAD)
    state = scorer.start(lead)
    for i, day in enumerate([10, 11, 12, 13]):
        assert state.apply(lead, event(i, "page_view", f"2026-10-{day}T00:00:00Z")).outcome == \
            "applied"
    assert state.apply(lead, event(9, "page_view", "2026-10-01T00:00:00Z")).outcome == "late"


def test_version():
    assert leadscore.version().count(".") == 2
