// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What a LeadState holds, private to the library: the public class is one
// pointer to this (lead_state.h).

#ifndef LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_
#define LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine_state.h"
#include "leadscore/lead_state.h"
#include "leadscore/source_position.h"

namespace leadscore {
namespace internal {

struct LeadStateData {
  // What every Apply reads comes first, so that it shares cache lines; the
  // checkpoints are read only for late events and copied every window.
  CoreState current;
  std::vector<PreparedEvent> log;  // recent events, in event order
  // Per log entry, LogKey of it: the duplicate search scans these 4-byte keys
  // instead of 88-byte entries (which at 100 k resident leads meant one cache
  // miss per entry).
  std::vector<uint32_t> log_keys;
  uint64_t next_seq = 0;
  // Model::fingerprint() of the model it was started under (or carried over
  // to): a state is read under that model only.
  uint64_t model_fingerprint = 0;
  // AttributeFingerprint of the lead's attributes every condition reads, and
  // of those event and pattern rules read, when its fit was last computed
  // (Start, UpdateLead): a lead whose attributes changed since is refused.
  uint64_t attribute_fingerprint = 0;
  uint64_t event_attribute_fingerprint = 0;
  // The reported stage last seen (a ReportedCode): the `from` of the next
  // transition. The lifecycle's first stage until the first moment.
  int reported = -1;
  // Per source, the highest offset applied (the high-water mark), in the
  // order the sources were first seen. Usually one.
  std::vector<SourcePosition> sources;
  bool checkpoint_is_start = true;  // no event folded before log
  CoreState checkpoint;       // state before log.front(); empty until the
                              // first logged event
  CoreState next_checkpoint;  // state after log[window - 1]
};

// The library's way into a LeadState.
struct LeadStateAccess {
  // Null for an empty (default-built, moved-from or erased) state.
  static LeadStateData* Data(LeadState& s) { return s.data_.get(); }
  static const LeadStateData* Data(const LeadState& s) { return s.data_.get(); }
  // Gives `s` fresh, empty contents and returns them.
  static LeadStateData* Reset(LeadState* s) {
    s->data_ = std::make_unique<LeadStateData>();
    return s->data_.get();
  }
  // Drops the contents (the state becomes empty); returns them for wiping.
  static std::unique_ptr<LeadStateData> Release(LeadState* s) { return std::move(s->data_); }
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_SCORING_LEAD_STATE_DATA_H_
