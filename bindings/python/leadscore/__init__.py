# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""leadscore for Python: lead scoring over the library's C ABI (libleadscore.so).

    import leadscore
    model = leadscore.Model.from_file("b2b-saas.json")
    scorer = leadscore.Scorer(model)
    lead = leadscore.Lead({"id": "L-1", "consent": True, "attributes": {"job_title": "VP Sales"}})
    state = scorer.start(lead)
    result = state.apply(lead, {"id": "E-1", "lead_id": "L-1", "type": "demo_request",
                                "at": "2026-10-06T11:00:00Z"})
    card = state.score(lead, "2026-10-07T00:00:00Z")
    saved = bytes(state)   # keep between requests; State.from_bytes(scorer, saved)

See docs/bindings.md.
"""

from ._lib import lib as _lib
from .batch import Rejected, score_batch, score_batch_jsonl
from .core import ApplyResult, Lead, Model, Scorer, State, Transition
from .errors import Detail, Error, LineError, ModelError

__all__ = ["ApplyResult", "Detail", "Error", "Lead", "LineError", "Model", "ModelError",
           "Rejected", "Scorer", "State", "Transition", "score_batch", "score_batch_jsonl",
           "version"]


def version() -> str:
    """The version of the loaded libleadscore.so ("MAJOR.MINOR.PATCH")."""
    return _lib.leadscore_version().decode()
