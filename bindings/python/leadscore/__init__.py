# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""leadscore: lead scoring (model_format v1) from Python.

A pure-Python package over leadscore's C ABI (libleadscore.so, through
ctypes): no compiled module per Python version, and the library runs without
the GIL. docs/bindings.md ("Python") tells how to build and install it.

Streaming, one lead at a time (what a CRM does per request)::

    import leadscore
    model = leadscore.Model.from_file("examples/models/b2b-saas.json")
    scorer = leadscore.Scorer(model)                 # once per process
    lead = leadscore.Lead({"id": "L-1", "consent": True,
                           "attributes": {"job_title": "VP Sales"}})
    state = scorer.start(lead)                       # or State.from_bytes(scorer, kept, lead)
    r = state.apply({"id": "E-1", "lead_id": "L-1", "type": "demo_request",
                     "at": "2026-10-06T11:00:00Z"})
    r.outcome, r.transitions                         # 'applied', [Transition('lead', 'sql', ...)]
    card = state.score("2026-10-07T00:00:00Z")       # the scorecard as a dict
    kept = bytes(state)                              # store with the lead

Batch, from JSON Lines or iterables of dicts::

    cards = leadscore.score_batch(model, leads, events, as_of="2026-11-01T00:00:00Z",
                                  threads=2)

Errors are exceptions: :class:`Error` (``.code``, ``.message``,
``.details``), :class:`ModelError` (``.diagnostics``: ``(json_pointer,
message)`` pairs), :class:`LineError` (``.source``, ``.line``); wrong Python
types raise TypeError and bad values (a naive datetime, an unknown option)
ValueError.
"""

from ._batch import Batch, RejectedLine, score_batch, score_batch_jsonl
from ._core import ApplyResult, Lead, Model, Scorer, State, Transition
from ._errors import Error, ErrorDetail, LineError, ModelError, StatusCode
from ._native import lib as _lib
from ._native import library_path

__version__ = "0.1.0"


def library_version() -> str:
    """The version of the loaded libleadscore.so ("MAJOR.MINOR.PATCH")."""
    return _lib.leadscore_version().decode()


__all__ = [
    "ApplyResult", "Batch", "Error", "ErrorDetail", "Lead", "LineError", "Model", "ModelError",
    "RejectedLine", "Scorer", "State", "StatusCode", "Transition", "library_path",
    "library_version", "score_batch", "score_batch_jsonl",
]
