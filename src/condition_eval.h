// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Evaluation of compiled conditions (spec section 3.2 with section 8's type,
// array and case rules). Not API.

#ifndef LEADSCORE_SRC_CONDITION_EVAL_H_
#define LEADSCORE_SRC_CONDITION_EVAL_H_

#include <cstdint>
#include <vector>

#include "compiled_model.h"
#include "leadscore/lead.h"
#include "leadscore/internal/engine_state.h"

namespace leadscore {
namespace internal {

// What a condition can see. Pointers left null make their leaves false.
struct EvalEnv {
  const Attributes* attrs = nullptr;  // the lead's attributes
  const Attributes* props = nullptr;  // the current event's properties
  const double* scores = nullptr;     // clamped, per dimension
  double total = 0;
  const int* grades = nullptr;        // grade index per dimension, -1: none
  const CompiledModel* model = nullptr;
  const CoreState* core = nullptr;    // event leaves read its trackers
  int64_t now = 0;
};

bool Evaluate(const Condition& c, const EvalEnv& env);

// A leaf's operator applied to one value (exposed for tests and fuzzing).
// `value` null means missing.
bool MatchValue(const Leaf& leaf, const Value* value);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CONDITION_EVAL_H_
