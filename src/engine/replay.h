// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The one replay path: how a lead's events in any order, duplicates
// included, become the events that count and the state they build (spec
// section 8): sort in event order, ignore events after as_of, keep the first
// copy of each id in that order, step the rest. Scorer::ScoreHistory,
// BatchScorer::Score, ExplainLead and KeptEventOrder (history.h) all go
// through ForEachKeptEvent; the first three through ReplayEvents.

#ifndef LEADSCORE_SRC_ENGINE_REPLAY_H_
#define LEADSCORE_SRC_ENGINE_REPLAY_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "engine/engine.h"
#include "engine/engine_state.h"
#include "engine/event_order.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// Ids already kept during one replay. Holds views into the events replayed,
// so it is cleared at the start of each; reuse one across leads to keep its
// memory.
using SeenIds = absl::flat_hash_set<absl::string_view>;

// Sorts `events` in place in event order (`traits`, see EventOrder), then
// calls `kept(e)` for each event that counts, in order: those at or before
// `as_of`, and of several with one id the first. Returns how many later
// copies of an id were dropped (events after as_of are not counted).
template <typename T, typename Traits, typename Kept>
size_t ForEachKeptEvent(absl::Span<T> events, const Traits& traits, int64_t as_of,
                        SeenIds* seen, Kept&& kept) {
  std::sort(events.begin(), events.end(), EventOrder<Traits>(traits));
  seen->clear();
  size_t dropped = 0;
  for (T& e : events) {
    if (traits.at(e) > as_of) break;  // sorted: the rest are later still
    if (traits.has_id(e) && !seen->insert(traits.id(e)).second) {
      ++dropped;
      continue;
    }
    kept(static_cast<const T&>(e));
  }
  return dropped;
}

// Watches a replay: BeforeStep sees the state each kept event is judged on,
// AfterStep the state it left. This one watches nothing (and costs nothing).
struct NoReplayObserver {
  void BeforeStep(const CoreState& /*core*/, const EventStep& /*step*/) {}
  void AfterStep(const CoreState& /*core*/, const EventStep& /*step*/) {}
};

// Replays `events` (see ForEachKeptEvent) onto `core`, which InitCore has
// prepared for `lead`; `traits.step(e)` gives the EventStep of an event.
// Returns the duplicates dropped.
template <typename T, typename Traits, typename Observer = NoReplayObserver>
size_t ReplayEvents(const CompiledModel& m, const Lead& lead, absl::Span<T> events,
                    const Traits& traits, int64_t as_of, SeenIds* seen, CoreState* core,
                    Observer* observer = nullptr) {
  return ForEachKeptEvent(events, traits, as_of, seen, [&](const T& e) {
    const EventStep step = traits.step(e);
    if (observer != nullptr) observer->BeforeStep(*core, step);
    StepCore(m, lead, step, core, nullptr);
    if (observer != nullptr) observer->AfterStep(*core, step);
  });
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ENGINE_REPLAY_H_
