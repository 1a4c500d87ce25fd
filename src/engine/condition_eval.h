// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Evaluation of compiled conditions (spec section 3.2 with section 8's type,
// array and case rules). Not API.

#ifndef LEADSCORE_SRC_CONDITION_EVAL_H_
#define LEADSCORE_SRC_CONDITION_EVAL_H_

#include <cstdint>
#include <vector>

#include "model/compiled_model.h"
#include "leadscore/lead.h"
#include "engine/engine_state.h"

namespace leadscore {
namespace internal {

// An event's properties looked up once per slot (CompiledModel::prop_names)
// for the slots its type's rules read, rather than once per leaf; string
// values are lower-cased once, on first use by a `contains` operator.
class PropFrame {
 public:
  // Looks up the slots that the rules of event type `type` read.
  void Resolve(const CompiledModel& m, int type, const Attributes& props);
  // The value of a resolved slot; null when the event lacks the property.
  const Value* value(int slot) const { return values_[slot]; }
  // The string value of resolved `slot`, ASCII lower-cased.
  absl::string_view Lowered(int slot) const;
  // Which of the slot's needles (CompiledModel::prop_needles) its string value
  // contains, case-insensitively: bit k for needle k.
  uint64_t Needles(int slot) const;

 private:
  const CompiledModel* model_ = nullptr;
  std::vector<const Value*> values_;
  mutable std::vector<std::string> lowered_;
  mutable std::vector<uint64_t> needles_;
  mutable std::vector<uint8_t> has_lowered_, has_needles_;
};

// A lead's account, as `account_score` and `account_stage` leaves of lead
// labels read it (v1.1 accounts).
struct AccountView {
  const double* scores = nullptr;  // clamped, per account dimension
  double total = 0;
  int stage = -1;                  // account stage index; -1: none
};

// What a condition can see. Pointers left null make their leaves false.
struct EvalEnv {
  const Attributes* attrs = nullptr;  // the lead's attributes
  const Attributes* props = nullptr;  // the current event's properties
  const PropFrame* frame = nullptr;   // if set, read instead of `props`
  const double* scores = nullptr;     // clamped, per dimension
  double total = 0;
  const int* grades = nullptr;        // grade index per dimension, -1: none
  const CompiledModel* model = nullptr;
  const CoreState* core = nullptr;    // event leaves read its trackers
  int64_t now = 0;
  // v1.1 stage and days_in_stage leaves: the tracked computed stage they
  // read and when it was entered (LifecycleEnv sets both).
  int stage = 0;
  int64_t stage_since = 0;
  const AccountView* account = nullptr;  // the lead's account, if scored
};

bool Evaluate(const Condition& c, const EvalEnv& env);

// A leaf's operator applied to one value (exposed for tests and fuzzing).
// `value` null means missing.
bool MatchValue(const Leaf& leaf, const Value* value);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CONDITION_EVAL_H_
