// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation of spec v1 (/work/shared/spec/model-format-v1.md,
// section 8 included): one deliberately naive scorer that the tests and the
// benchmarks share.
//
// It shares nothing with the library but the spec: its own model structs
// (model.h) read from any spec-v1 model JSON (model_json.h) or written to JSON
// for Model::FromJson, its own values and condition evaluator (values.h,
// evaluate.h). Two ways to run it, built from the same pieces (scoring.h):
//
// - whole_history.h, ScoreWholeHistory(model, lead, events, as_of): per lead,
//   sort the events, drop copies and events after as_of, and at every
//   classification moment recompute everything from the first event. The
//   oracle of tests/core/oracle_test.cc.
// - host_loop.h, HostLoop: AddLead / Apply(lead_id, event) / Score(lead_id,
//   as_of), the loop a CRM developer writes by hand (string-keyed maps,
//   strings compared per event, scores recomputed from the counted times at
//   every event). The naive baseline of bench/engine_bench.cc's
//   ratio_vs_naive, and checked against ScoreWholeHistory by the oracle test.
//
// Lives under tests/support/ because it is test code first; the benchmarks
// add tests/ to their include path. Header-only, namespace `reference`.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_REFERENCE_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_REFERENCE_H_

#include "support/reference/evaluate.h"    // IWYU pragma: export
#include "support/reference/host_loop.h"   // IWYU pragma: export
#include "support/reference/model.h"       // IWYU pragma: export
#include "support/reference/model_json.h"  // IWYU pragma: export
#include "support/reference/scoring.h"     // IWYU pragma: export
#include "support/reference/values.h"      // IWYU pragma: export
#include "support/reference/whole_history.h"  // IWYU pragma: export

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_REFERENCE_H_
