# Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
"""Finds the package (bindings/python), the conformance samples and the bundled data."""

import os
import pathlib
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))

CONFORMANCE = pathlib.Path(os.environ.get("LEADSCORE_CONFORMANCE_DIR",
                                          REPO.parent / "shared" / "spec" / "conformance"))


@pytest.fixture
def repo():
    return REPO


@pytest.fixture
def conformance_dir():
    if not (CONFORMANCE / "check.sh").exists():
        pytest.fail(f"conformance samples not found at {CONFORMANCE}")
    return CONFORMANCE
