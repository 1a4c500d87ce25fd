// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LeadState: what the engine remembers of one lead between events.

#ifndef LEADSCORE_LEAD_STATE_H_
#define LEADSCORE_LEAD_STATE_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/source_position.h"

namespace leadscore {

namespace internal {
struct LeadStateData;
struct LeadStateAccess;
}  // namespace internal

// The scoring state of one lead under one model. Created by Scorer::Start and
// updated by Scorer::Apply in O(1) amortised per in-order event, whatever the
// length of the history. It does not copy the lead's attributes. The caller
// owns it: distinct states may be used from distinct threads freely; one state
// needs external synchronisation, even for reading (SerializeLeadState keeps
// the encoded bytes of the state's checkpoints in it, to reuse next time).
//
// To absorb late and duplicate events, a state keeps its most recent events
// (between `reorder_window` and twice that many, see ScorerOptions), a
// checkpoint taken before them and one taken `reorder_window` events later
// (the next checkpoint), so moving the checkpoint is a copy, not a replay.
//
// Its contents are the library's own (one pointer to them): copying a state
// copies them deeply, moving one is a pointer move. A default-built or
// moved-from state holds nothing; Scorer::Apply and Scorer::Score refuse it
// with FailedPrecondition (Start it, or assign a started state to it).
class LeadState {
 public:
  LeadState() noexcept;
  ~LeadState();
  LeadState(const LeadState& other);
  LeadState& operator=(const LeadState& other);
  LeadState(LeadState&& other) noexcept;
  LeadState& operator=(LeadState&& other) noexcept;

  // Events applied and kept (duplicates excluded); 0 for an empty state.
  uint64_t event_count() const;
  // Whether any event was applied.
  bool has_events() const { return event_count() > 0; }
  // Time of the newest applied event; meaningful only if has_events().
  absl::Time last_event_time() const;
  // The highest offset applied per source (Scorer::Apply with a
  // SourcePosition), in the order the sources were first seen; empty for an
  // empty state or one never given a position.
  std::vector<SourcePosition> source_marks() const;
  // Model::fingerprint() of the model the state belongs to; 0 for an empty
  // state.
  uint64_t model_fingerprint() const;

 private:
  friend struct internal::LeadStateAccess;  // the scorer and serialisation
  std::unique_ptr<internal::LeadStateData> data_;  // null: an empty state
};

}  // namespace leadscore

#endif  // LEADSCORE_LEAD_STATE_H_
