// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Stable fingerprints of a model document and of the lead attributes a
// state depends on: what lets a stored LeadState be recognised as stale
// after a model edit or an attribute change (docs/live-scoring.md). Not API.

#ifndef LEADSCORE_SRC_MODEL_MODEL_FINGERPRINT_H_
#define LEADSCORE_SRC_MODEL_MODEL_FINGERPRINT_H_

#include <cstdint>

#include "leadscore/lead.h"
#include "model/compiled_model.h"
#include "nlohmann/json_fwd.hpp"

namespace leadscore {
namespace internal {

// Fills m->fingerprints and the attribute name lists from the parsed model
// document `root` (the one m was compiled from).
void ComputeFingerprints(const nlohmann::json& root, CompiledModel* m);

// The fingerprint of the values `lead` has for `names` (sorted): a missing
// attribute and a null one differ; numbers compare by value (1 and 1.0 are
// one value).
uint64_t AttributeFingerprint(const Lead& lead, const std::vector<std::string>& names);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_MODEL_FINGERPRINT_H_
