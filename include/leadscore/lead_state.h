// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LeadState: what the engine remembers of one lead between events.

#ifndef LEADSCORE_LEAD_STATE_H_
#define LEADSCORE_LEAD_STATE_H_

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/internal/engine_state.h"

namespace leadscore {

class Scorer;
namespace internal {
struct StateIo;
}  // namespace internal

// The scoring state of one lead under one model. Created by Scorer::Start and
// updated by Scorer::Apply in O(1) amortised per in-order event, whatever the
// length of the history. It does not copy the lead's attributes. The caller
// owns it: distinct states may be used from distinct threads freely; one state
// needs external synchronisation.
//
// To absorb late and duplicate events, a state keeps its most recent events
// (between `reorder_window` and twice that many, see ScorerOptions), a
// checkpoint taken before them and one taken `reorder_window` events later
// (the next checkpoint), so moving the checkpoint is a copy, not a replay.
class LeadState {
 public:
  LeadState() = default;

  // Events applied and kept (duplicates excluded).
  uint64_t event_count() const { return current_.events; }
  // Time of the newest applied event, if any.
  bool has_events() const { return current_.events > 0; }
  absl::Time last_event_time() const { return absl::FromUnixNanos(current_.last_at); }

 private:
  friend class Scorer;
  friend struct internal::StateIo;  // serialisation and erasure (state_io.h)
  // What every Apply reads comes first, so that it shares cache lines; the
  // checkpoints are read only for late events and copied every window.
  internal::CoreState current_;
  std::vector<internal::PreparedEvent> log_;  // recent events, in event order
  // Per log_ entry, internal::LogKey of it: the duplicate search scans these
  // 4-byte keys instead of 88-byte entries (which at 100 k resident leads
  // meant one cache miss per entry).
  std::vector<uint32_t> log_keys_;
  uint64_t next_seq_ = 0;
  uint32_t model_fingerprint_ = 0;          // StateLayout::fingerprint of its model
  bool checkpoint_is_start_ = true;         // no event folded before log_
  internal::CoreState checkpoint_;          // state before log_.front(); empty
                                            // until the first logged event
  internal::CoreState next_checkpoint_;     // state after log_[window - 1]
};

}  // namespace leadscore

#endif  // LEADSCORE_LEAD_STATE_H_
