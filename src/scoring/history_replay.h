// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Replaying one lead's raw history (Scorer::ScoreHistory, ExplainLead): the
// events are checked and prepared, then go through the one replay path
// (engine/replay.h).

#ifndef LEADSCORE_SRC_SCORING_HISTORY_REPLAY_H_
#define LEADSCORE_SRC_SCORING_HISTORY_REPLAY_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/engine.h"
#include "engine/event_order.h"
#include "engine/replay.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/time.h"

namespace leadscore {
namespace internal {

// Checks `lead`'s whole history and prepares the events at or before `as_of`
// into `prepared` (cleared first). Errors: InvalidArgument for an event of
// another lead; the engine's range error for the time of an event at or
// before as_of.
inline absl::Status PrepareHistory(const CompiledModel& m, const Lead& lead,
                                   absl::Span<const Event> events, absl::Time as_of,
                                   std::vector<PreparedEvent>* prepared) {
  prepared->clear();
  prepared->reserve(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& ev = events[i];
    if (ev.lead_id != lead.id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "event ", i, " is for lead '", ev.lead_id, "', not '", lead.id, "'"));
    }
    if (ev.at > as_of) continue;  // never prepared, whatever its time
    absl::StatusOr<int64_t> at = ToEngineNanos(ev.at);
    if (!at.ok()) return at.status();
    prepared->emplace_back();
    PrepareEvent(m, lead, ev, *at, i, &prepared->back());
  }
  return absl::OkStatus();
}

// Builds `core` from `lead` and its whole history as of `as_of` (`as_of_ns`
// in engine nanoseconds). Errors as PrepareHistory. `observer` (see
// NoReplayObserver) watches every step.
template <typename Observer = NoReplayObserver>
absl::Status ReplayHistory(const CompiledModel& m, const Lead& lead,
                           absl::Span<const Event> events, absl::Time as_of,
                           int64_t as_of_ns, CoreState* core,
                           Observer* observer = nullptr) {
  std::vector<PreparedEvent> prepared;
  if (absl::Status s = PrepareHistory(m, lead, events, as_of, &prepared); !s.ok()) return s;
  InitCore(m, lead, core);
  SeenIds seen;
  ReplayEvents(m, lead, absl::MakeSpan(prepared), PreparedEventTraits(), as_of_ns, &seen,
               core, observer);
  return absl::OkStatus();
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_SCORING_HISTORY_REPLAY_H_
