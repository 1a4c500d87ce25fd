# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Wrong Python inputs raise TypeError or ValueError before reaching the
library, with a message naming the argument."""

import datetime
import math

import pytest

import leadscore

LEAD = {"id": "L-1", "consent": True}
AS_OF = "2026-10-07T00:00:00Z"


def test_objects_made_only_by_their_factories(smoke_model):
    with pytest.raises(TypeError, match="from_json"):
        leadscore.Model()
    with pytest.raises(TypeError, match="start"):
        leadscore.State()


@pytest.mark.parametrize("bad", [42, None, 1.5, ["{}"]])
def test_model_from_json_types(bad):
    with pytest.raises(TypeError, match="model"):
        leadscore.Model.from_json(bad)


def test_model_from_file_types():
    with pytest.raises(TypeError):
        leadscore.Model.from_file(None)
    with pytest.raises(TypeError):
        leadscore.Model.from_file(3)


def test_scorer_arguments(smoke_model):
    with pytest.raises(TypeError, match="Model"):
        leadscore.Scorer("model.json")
    with pytest.raises(TypeError, match="reorder_window"):
        leadscore.Scorer(smoke_model, reorder_window="16")
    with pytest.raises(TypeError, match="reorder_window"):
        leadscore.Scorer(smoke_model, reorder_window=True)
    for bad in (-1, 1048577, 2**70):
        with pytest.raises(ValueError, match="reorder_window"):
            leadscore.Scorer(smoke_model, reorder_window=bad)
    assert leadscore.Scorer(smoke_model, reorder_window=0).reorder_window == 0


def test_lead_and_event_types(smoke_model):
    with pytest.raises(TypeError, match="lead"):
        leadscore.Lead(42)
    with pytest.raises(leadscore.Error):
        leadscore.Lead("not json")
    state = leadscore.Scorer(smoke_model).start(LEAD)
    for bad in (42, None, [("id", "E-1")]):
        with pytest.raises(TypeError, match="event"):
            state.apply(bad)
    with pytest.raises(ValueError, match="JSON compliant"):
        state.apply({"id": "E-1", "lead_id": "L-1", "type": "x", "at": AS_OF,
                     "properties": {"n": math.nan}})
    with pytest.raises(ValueError, match="UTF-8"):
        state.apply({"id": "E-1", "lead_id": "L-1", "type": "\ud800", "at": AS_OF})
    with pytest.raises(TypeError, match="set|JSON"):
        state.apply({"id": "E-1", "lead_id": "L-1", "type": "x", "at": AS_OF,
                     "properties": {"o": object()}})
    with pytest.raises(TypeError):
        leadscore.State.from_bytes(leadscore.Scorer(smoke_model), "text", LEAD)
    with pytest.raises(TypeError):
        leadscore.State.from_bytes(smoke_model, b"", LEAD)


def test_times(smoke_model):
    state = leadscore.Scorer(smoke_model).start(LEAD)
    for bad in (1791018000, 1791018000.0, datetime.date(2026, 10, 7), None):
        with pytest.raises(TypeError, match="as_of"):
            state.score(bad)
    with pytest.raises(ValueError, match="naive"):
        state.score(datetime.datetime(2026, 10, 7))
    with pytest.raises(ValueError, match="as_of"):
        state.score("yesterday")
    with pytest.raises(ValueError, match="as_of"):
        state.score("2200-01-01T00:00:00Z")  # outside 1900-2189
    with pytest.raises(ValueError, match="naive"):
        state.apply({"id": "E-1", "lead_id": "L-1", "type": "x",
                     "at": datetime.datetime(2026, 10, 1)})


def test_batch_arguments(smoke_model):
    with pytest.raises(TypeError, match="one dict"):
        leadscore.score_batch(smoke_model, LEAD, None, AS_OF)
    with pytest.raises(TypeError, match="item 2 is a str"):
        leadscore.score_batch(smoke_model, [LEAD, '{"id": "L-2"}'], None, AS_OF)
    with pytest.raises(TypeError, match="leads"):
        leadscore.score_batch(smoke_model, 12, None, AS_OF)
    with pytest.raises(TypeError, match="events"):
        leadscore.score_batch(smoke_model, [LEAD], 3.5, AS_OF)
    with pytest.raises(TypeError, match="Model"):
        leadscore.score_batch("model", [LEAD], None, AS_OF)
    for threads in (0, 257):
        with pytest.raises(ValueError, match="threads"):
            leadscore.score_batch(smoke_model, [LEAD], None, AS_OF, threads=threads)
    with pytest.raises(TypeError, match="threads"):
        leadscore.score_batch(smoke_model, [LEAD], None, AS_OF, threads=2.0)
    with pytest.raises(ValueError, match="on_error"):
        leadscore.score_batch(smoke_model, [LEAD], None, AS_OF, on_error="ignore")
    with pytest.raises(ValueError, match="item 1"):
        leadscore.score_batch(smoke_model, [{"id": "L-1", "attributes": {"x": math.inf}}],
                              None, AS_OF)


def test_accepted_forms_agree(smoke_model):
    # Text, bytes, bytearray, a generator of dicts, mappings that are not dicts,
    # datetimes inside dicts: the same scorecards.
    import types
    events = [{"id": "E-1", "lead_id": "L-1", "type": "demo_request",
               "at": datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)}]
    text = ('{"id": "E-1", "lead_id": "L-1", "type": "demo_request", '
            '"at": "2026-10-01T00:00:00Z"}')
    want = leadscore.score_batch(smoke_model, '{"id": "L-1", "consent": true}', text, AS_OF)
    assert want[0]["scores"] == {"readiness": 60}
    forms = [
        ([LEAD], events),
        ((x for x in [LEAD]), iter(events)),
        ([types.MappingProxyType(LEAD)], text.encode()),
        (bytearray(b'{"id": "L-1", "consent": true}\r\n'), memoryview(text.encode())),
    ]
    for leads, evs in forms:
        assert leadscore.score_batch(smoke_model, leads, evs, AS_OF) == want
    as_of = datetime.datetime(2026, 10, 7, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert leadscore.score_batch(smoke_model, [LEAD], events, as_of) == want
    assert leadscore.score_batch(smoke_model, [], None, AS_OF) == []
