// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Compiles a model's conditions (spec section 3.2: `when`, thresholds,
// `disqualify_when`, labels) into internal::Condition trees, reporting every
// problem through a FieldReader. Not API.

#ifndef LEADSCORE_SRC_MODEL_CONDITION_COMPILER_H_
#define LEADSCORE_SRC_MODEL_CONDITION_COMPILER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "model/account_model.h"
#include "model/compiled_model.h"
#include "model/field_reader.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {

// Conditions may nest at most this many levels (all/any/not count one each).
inline constexpr int kMaxConditionDepth = 64;

// Where a condition appears decides which subjects it may name.
// kLabel: a lead lifecycle label (as kLifecycle, and account leaves when the
// model has accounts). kAccountWhere: a coverage `where` (a lead's attr,
// score and grade). kAccount: an account threshold or label (attr, score and
// grade of the account; the compiler is then built over the account model).
enum class ConditionContext {
  kAttributeRule, kEventRule, kLifecycle, kLabel, kAccountWhere, kAccount
};

class ConditionCompiler {
 public:
  // Reports to `reader`; reads the dimensions (for score and grade leaves)
  // from `m` and `dim_index` (name -> index), and adds to `m` what its
  // conditions read: attribute names, property slots, event types and event
  // trackers. All three must outlive the compiler.
  // `stage_index` (name -> index, filled before lifecycle conditions are
  // compiled) resolves v1.1 `stage` leaves.
  ConditionCompiler(FieldReader* reader, CompiledModel* m,
                    const absl::flat_hash_map<std::string, int>* dim_index,
                    const absl::flat_hash_map<std::string, int>* stage_index = nullptr)
      : reader_(*reader), m_(*m), dim_index_(*dim_index), stage_index_(stage_index) {}

  // Lets `account_score` and `account_stage` leaves (kLabel only) resolve
  // against `names` (which must outlive the compiler); without it they are
  // load errors (the model has no accounts section).
  void SetAccountNames(AccountNames names) { account_names_ = names; }

  // The condition `j` at `ptr`, or nullopt if it has a problem (reported).
  std::optional<Condition> Compile(const nlohmann::json& j,
                                   const std::string& ptr,
                                   ConditionContext ctx) {
    return Compile(j, ptr, ctx, 1);
  }

 private:
  using json = nlohmann::json;

  std::optional<Condition> Compile(const json& j, const std::string& ptr,
                                   ConditionContext ctx, int depth);
  std::optional<Condition> CompileLeaf(const json& j, const std::string& ptr,
                                       ConditionContext ctx);
  std::optional<Condition> CompileEventLeaf(const json& j,
                                            const std::string& ptr,
                                            Condition c);
  // A v1.1 `stage` (stage names) or `days_in_stage` (numbers) leaf's
  // {OP: ARG} at `ptr`.
  bool CompileStageLeaf(const json& j, const std::string& ptr, bool stage, Leaf* leaf);
  std::optional<Condition> CompileAccountStageLeaf(const json& arg, const std::string& ptr,
                                                   const char* op, Condition c);
  bool CompileArgument(const json& arg, const std::string& ptr,
                       bool numbers_only, bool strings_only, Leaf* leaf);
  bool Scalar(const json& j, const std::string& ptr, bool numbers_only,
              bool strings_only, Operand* out);

  FieldReader& reader_;
  CompiledModel& m_;
  const absl::flat_hash_map<std::string, int>& dim_index_;
  const absl::flat_hash_map<std::string, int>* stage_index_;
  absl::flat_hash_map<std::string, int> prop_index_;  // name -> slot
  std::optional<AccountNames> account_names_;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_CONDITION_COMPILER_H_
