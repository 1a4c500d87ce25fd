// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The compiled `accounts` section of a model (v1.1, docs/model-format.md
// "Accounts"). Not API.
//
// An account is scored like a lead without events: its dimensions, rules and
// lifecycle are those of a CompiledModel (`model`: dimensions without decay,
// attribute rules over the account's attributes, a lifecycle with stages,
// forward_only, thresholds and labels), so the condition compiler and
// evaluator serve it unchanged. What a lead has no equivalent for, each
// dimension's source (an aggregate of its leads' scores, or persona
// coverage), is kept beside it.

#ifndef LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_H_
#define LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// Where an account dimension's raw score starts from (before its rules).
struct AccountSource {
  enum class Kind : uint8_t { kNone, kFrom, kCoverage };
  enum class Aggregate : uint8_t { kSum, kMax, kTopKMean };
  Kind kind = Kind::kNone;
  // kFrom: the lead score aggregated (a lead dimension, -1: the total).
  int lead_dimension = -1;
  std::string score_name;  // as written: a lead dimension's name or "total"
  Aggregate aggregate = Aggregate::kSum;
  int64_t k = 0;                    // top_k_mean
  std::optional<double> lead_cap;   // each lead's value clamped to at most this
  // kCoverage: distinct values of lead attribute `attr` (ASCII case ignored)
  // among counting leads for which `where` holds, times `points`.
  std::string attr;
  std::optional<Condition> where;   // a lead condition (attr, score, grade)
  double points = 1;
};

struct AccountModel {
  CompiledModel model;                // dimensions, rules, lifecycle
  std::vector<AccountSource> sources;  // per dimension of `model`
  absl::flat_hash_map<std::string, int> dimension_index;  // name -> dimension
  absl::flat_hash_map<std::string, int> stage_index;      // name -> stage
};

// Names account leaves of lead labels resolve against (ConditionCompiler).
struct AccountNames {
  const absl::flat_hash_map<std::string, int>* dimensions = nullptr;
  const absl::flat_hash_map<std::string, int>* stages = nullptr;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_ACCOUNT_MODEL_H_
