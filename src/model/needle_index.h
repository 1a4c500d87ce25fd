// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The needle sets of a model's properties (CompiledModel::prop_needles): every
// contains/contains_any leaf on a property gets bits in its slot's set, so an
// event's value is searched once for all of them (spec section 3.2). Not API.

#ifndef LEADSCORE_SRC_MODEL_NEEDLE_INDEX_H_
#define LEADSCORE_SRC_MODEL_NEEDLE_INDEX_H_

#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// Fills `m->prop_needles` (one per property slot) from the conditions of
// `m->rules`, and sets each indexed leaf's needle_mask. Leaves past
// SlotNeedles::kMax distinct needles on one slot keep searching on their own.
void IndexPropertyNeedles(CompiledModel* m);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_NEEDLE_INDEX_H_
