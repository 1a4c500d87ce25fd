// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The lookup tables the engine reads instead of scanning the model: rules by
// event type, attribute and within_days rules, thresholds by stage, property
// slots by event type, needle sets and trackers by type. Not API.

#ifndef LEADSCORE_SRC_MODEL_MODEL_INDEXES_H_
#define LEADSCORE_SRC_MODEL_MODEL_INDEXES_H_

#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// Builds every index of `m` from its rules, lifecycle, event types, property
// slots and trackers (all final). For a model that loaded without problems
// (with problems, a rule may lack its dimension); the state layout is built
// after it (BuildStateLayout).
void BuildModelIndexes(CompiledModel* m);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_MODEL_INDEXES_H_
