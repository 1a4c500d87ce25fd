// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The model and reorder window state_fuzz reads states under; shared with
// tests/integration/fuzz_regressions_test.cc, which replays its findings.

#ifndef LEADSCORE_FUZZ_STATE_FUZZ_MODEL_H_
#define LEADSCORE_FUZZ_STATE_FUZZ_MODEL_H_

#include <cstddef>

namespace leadscore_fuzz {

// Every kind of state slot: decay, max_per_lead, max_per_window, within_days,
// pattern, event leaves, lifecycle with labels.
inline constexpr char kStateFuzzModel[] = R"({
  "name": "state-fuzz", "version": "1",
  "dimensions": [{"name": "e", "min": 0, "max": 100, "decay": {"half_life_days": 10},
                  "grades": [{"grade": "hot", "min": 50}, {"grade": "cold"}]},
                 {"name": "f"}],
  "rules": [
    {"id": "fit", "dimension": "f", "points": 5, "when": {"attr": "size", "gt": 10}},
    {"id": "view", "dimension": "e", "points": 2, "on": "view",
     "max_per_window": {"count": 2, "days": 1}},
    {"id": "click", "dimension": "e", "points": 3, "on": "click", "within_days": 7},
    {"id": "demo", "dimension": "e", "points": 40, "on": "demo", "max_per_lead": 1},
    {"id": "burst", "dimension": "f", "points": 10, "on": ["view", "click"],
     "pattern": {"at_least": 3, "within_days": 2}},
    {"id": "big", "dimension": "e", "points": 1, "on": "view", "max_per_window":
     {"count": 100, "days": 30}}
  ],
  "lifecycle": {
    "stages": ["subscriber", "mql", "sql"],
    "thresholds": [{"stage": "mql", "when": {"grade": "e", "eq": "hot"}},
                   {"stage": "sql", "when": {"event": "demo", "within_days": 14, "at_least": 1}}],
    "labels": [{"label": "busy", "when": {"event": "view", "within_days": 1, "at_least": 3}}]
  }
})";

inline constexpr size_t kWindow = 4;

}  // namespace leadscore_fuzz

#endif  // LEADSCORE_FUZZ_STATE_FUZZ_MODEL_H_
