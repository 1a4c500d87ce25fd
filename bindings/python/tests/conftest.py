# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""pytest setup for the Python binding's tests.

Environment (the ctest `python_binding` sets all three):
  LEADSCORE_LIBRARY          libleadscore.so to test (else build/libleadscore.so.0 of this
                             checkout, if built)
  LEADSCORE_CONFORMANCE_DIR  the shared conformance samples (else ../shared/spec/conformance
                             beside the checkout; the conformance tests are skipped without them)
  LEADSCORE_CLI              the leadscore CLI, to compare batch bytes with (optional)
"""

import os
import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
SOURCE_DIR = HERE.parents[2]

# The package from this checkout, not an installed copy.
sys.path.insert(0, str(HERE.parent))
if not os.environ.get("LEADSCORE_LIBRARY"):
    built = SOURCE_DIR / "build" / "libleadscore.so.0"
    if built.exists():
        os.environ["LEADSCORE_LIBRARY"] = str(built)

# The model of tests/capi/capi_smoke.c: readiness 10 for a VP (mql), 60 for a
# demo request (sql at 70), 5 per pricing page view.
SMOKE_MODEL = {
    "name": "smoke", "version": "1",
    "dimensions": [{"name": "readiness", "min": 0, "max": 100}],
    "rules": [
        {"id": "vp", "dimension": "readiness", "points": 10,
         "when": {"attr": "job_title", "contains": "vp"}},
        {"id": "demo", "dimension": "readiness", "points": 60, "on": "demo_request"},
        {"id": "pricing", "dimension": "readiness", "points": 5, "on": "page_view",
         "when": {"prop": "url", "contains": "/pricing"}},
    ],
    "lifecycle": {
        "stages": ["subscriber", "lead", "mql", "sql"],
        "thresholds": [{"stage": "mql", "when": {"score": "readiness", "gte": 10}},
                       {"stage": "sql", "when": {"score": "readiness", "gte": 70}}],
    },
}


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def conformance_dir() -> pathlib.Path:
    d = pathlib.Path(os.environ.get("LEADSCORE_CONFORMANCE_DIR",
                                    SOURCE_DIR.parent / "shared" / "spec" / "conformance"))
    if not (d / "compare_scorecards.py").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"conformance samples not found at {d} (CI=true)")
        pytest.skip(f"conformance samples not found at {d}")
    return d


@pytest.fixture()
def smoke_model():
    import leadscore
    return leadscore.Model.from_json(SMOKE_MODEL)


@pytest.fixture(scope="session")
def bundled_model():
    import leadscore
    return leadscore.Model.from_file(SOURCE_DIR / "examples" / "models" / "b2b-saas.json")
