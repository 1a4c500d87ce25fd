// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The per-lead engine state behind LeadState. Private to the library: layout may change in
// any release (use LeadState's serialisation for persistence).

#ifndef LEADSCORE_SRC_ENGINE_ENGINE_STATE_H_
#define LEADSCORE_SRC_ENGINE_ENGINE_STATE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "engine/time_ring.h"

namespace leadscore {
namespace internal {

// An event reduced to what the engine needs once the lead is known: its
// order key, its type and the event/pattern rules whose `on` and `when` hold.
// Properties are not kept.
// (Fields ordered to leave no padding but the tail: 88 bytes, and a state
// logs up to 2 * reorder_window of them.)
struct PreparedEvent {
  int64_t at = 0;       // engine nanoseconds
  uint64_t seq = 0;     // position in the input, the last tie-breaker
  uint64_t id_hash = 0; // of `id`, to find copies without comparing strings
  std::string id;
  absl::InlinedVector<uint32_t, 4> rules;
  int type = -1;        // model event type id, -1: a type no rule names
  bool has_id = false;  // no id sorts before every id
  // The reported stage seen at this event's moment (a ReportedCode; -1
  // without a lifecycle), so a merge can tell which moments it changed. (The
  // loader allows fewer than 2^15 stages.)
  int16_t reported = -1;
};

// A 32-bit digest of an event's id for a quick scan over a lead's log: 0 for
// no id, never 0 for an id. Equal ids have equal keys.
inline uint32_t LogKey(const PreparedEvent& e) {
  return e.has_id ? static_cast<uint32_t>(e.id_hash >> 32) | 1u : 0u;
}

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

// Everything the engine remembers of one lead, flat: the model's StateLayout
// places per-rule accumulators, counters and small rings of event times in
// `words`; large rings and within_days queues live in `queues`. Copying a
// state is a copy of these two arrays (no per-rule allocation).
struct CoreState {
  std::vector<int64_t> words;
  std::vector<TimeQueue> queues;
  // Lifecycle: the tracked computed stage (forward-only: the highest so far)
  // and the classification moment it was entered; -1 before the first moment.
  int stage = -1;
  int64_t stage_since = 0;
  // v1.1: a recycle rule set `stage` and no kept event came since, so
  // moments that are not an event's evaluate no thresholds.
  bool recycled = false;
  int64_t last_at = std::numeric_limits<int64_t>::min();
  uint64_t events = 0;  // kept events applied
  // The first time at which a within_days window drops an event: the least
  // front + within over the rules' queues (max: none). Derived from the
  // queues (not serialised); spares the engine a look at every queue per event.
  int64_t next_expiry = std::numeric_limits<int64_t>::max();

  // Forgets every event but keeps the words (the caller resets those): the
  // queues emptied (their storage kept), no stage, no event time.
  void ForgetEvents() {
    for (TimeQueue& q : queues) q.Clear();
    stage = -1;
    stage_since = 0;
    recycled = false;
    last_at = std::numeric_limits<int64_t>::min();
    events = 0;
    next_expiry = std::numeric_limits<int64_t>::max();
  }

  // (No operator==: equal states may hold their blocks in different
  // orders; compare serialised bytes, which are canonical.)
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ENGINE_ENGINE_STATE_H_
