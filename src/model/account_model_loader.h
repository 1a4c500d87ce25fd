// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reads a model's `accounts` section (v1.1) into an AccountModel, reporting
// every problem with its JSON pointer through the model's FieldReader. Not
// API.

#ifndef LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_LOADER_H_
#define LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_LOADER_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "model/account_model.h"
#include "model/compiled_model.h"
#include "model/condition_compiler.h"
#include "model/field_reader.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {

// The section `j` at `ptr` (normally "/accounts"), or null if it is not an
// object. Problems are reported to `reader`; a section with problems is
// still returned (as far as it could be read), so that references to it
// resolve, and the model fails to load. `lead_model` and `lead_dimensions`
// (name -> index) resolve the lead scores that `from` aggregates; coverage
// attributes are added to the lead model's read attributes, and coverage
// `where` conditions are compiled by `lead_conditions` (they read the lead).
std::shared_ptr<const AccountModel> LoadAccounts(
    FieldReader* reader, const nlohmann::json& j, const std::string& ptr,
    CompiledModel* lead_model, const absl::flat_hash_map<std::string, int>& lead_dimensions,
    ConditionCompiler* lead_conditions);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_LOADER_H_
