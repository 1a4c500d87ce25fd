// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The per-lead engine state behind LeadState. Not API: layout may change in
// any release (use LeadState's serialisation for persistence).

#ifndef LEADSCORE_INTERNAL_ENGINE_STATE_H_
#define LEADSCORE_INTERNAL_ENGINE_STATE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "leadscore/internal/time_ring.h"

namespace leadscore {
namespace internal {

// An event reduced to what the engine needs once the lead is known: its
// order key, its type and the event/pattern rules whose `on` and `when` hold.
// Properties are not kept.
struct PreparedEvent {
  int64_t at = 0;       // engine nanoseconds
  uint64_t seq = 0;     // position in the input, the last tie-breaker
  bool has_id = false;  // no id sorts before every id
  std::string id;
  int type = -1;        // model event type id, -1: a type no rule names
  absl::InlinedVector<uint32_t, 4> rules;
};

// What one engine step needs of an event.
struct EventStep {
  int64_t at = 0;
  int type = -1;
  const uint32_t* rules = nullptr;  // event/pattern rules whose on+when hold
  size_t rule_count = 0;
};

inline EventStep StepOf(const PreparedEvent& e) {
  return {e.at, e.type, e.rules.data(), e.rules.size()};
}

// Event order of spec section 2 / 8: (at, id, position).
inline bool EventBefore(const PreparedEvent& a, const PreparedEvent& b) {
  if (a.at != b.at) return a.at < b.at;
  if (a.has_id != b.has_id) return !a.has_id;
  if (a.has_id && a.id != b.id) return a.id < b.id;  // bytes, as UTF-8
  return a.seq < b.seq;
}

// One event or pattern rule's state.
struct RuleState {
  int64_t passed = 0;   // matching events let through by max_per_lead
  int64_t counted = 0;  // events counted (for rules without within_days)
  // Sum over counted, unexpired events of 2^(-(acc_t - at) / half_life).
  double acc = 0;
  int64_t acc_t = 0;
  TimeRing ring;  // max_per_window: last `count` counted; pattern: last N matches
  TimeQueue live;  // within_days: counted events still inside the window

  // Back to the initial state, keeping storage.
  void Reset() {
    passed = counted = 0;
    acc = 0;
    acc_t = 0;
    ring.Clear();
    live.Clear();
  }

  friend bool operator==(const RuleState& a, const RuleState& b) {
    return a.passed == b.passed && a.counted == b.counted && a.acc == b.acc &&
           a.acc_t == b.acc_t && a.ring == b.ring && a.live == b.live;
  }
};

struct CoreState {
  std::vector<RuleState> rules;     // indexed like the model's rules
  std::vector<TimeRing> trackers;   // event-leaf trackers
  std::vector<uint8_t> attr_holds;  // per rule: attribute rule holds
  // Lifecycle: the tracked computed stage (forward-only: the highest so far)
  // and the classification moment it was entered; -1 before the first moment.
  int stage = -1;
  int64_t stage_since = 0;
  int64_t last_at = std::numeric_limits<int64_t>::min();
  uint64_t events = 0;  // kept events applied
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_INTERNAL_ENGINE_STATE_H_
