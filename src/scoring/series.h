// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scores at a series of times in one pass over a lead's history
// (Scorer::ScoreSeries, BatchScorer::ScoreSeries). The events that count as
// of a time are a prefix, in event order, of those that count as of a later
// time (sorted by time first; the first copy of an id is its earliest), and
// stepping an event never reads as_of; so reading the state at each time
// before the first kept event after it gives exactly the scorecard that
// replaying up to that time gives.

#ifndef LEADSCORE_SRC_SCORING_SERIES_H_
#define LEADSCORE_SRC_SCORING_SERIES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/engine.h"
#include "engine/replay.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"

namespace leadscore {
namespace internal {

// The times a series reads: the requested ones and, with velocity, each one
// minus the window; ascending and distinct, in engine nanoseconds.
struct SeriesPlan {
  std::vector<int64_t> read;
  std::vector<size_t> at;    // per requested time: its index in `read`
  std::vector<size_t> back;  // per requested time, with velocity: as_of - D's
  int velocity_days = 0;
  bool explain = false;
};

// Checks `as_ofs` and `options` (errors as Scorer::ScoreSeries) and plans
// the reads.
absl::StatusOr<SeriesPlan> PlanSeries(absl::Span<const absl::Time> as_ofs,
                                      const SeriesOptions& options);

// Replays `events` (ForEachKeptEvent, up to the plan's last read) onto `core`,
// which InitCore has prepared for `lead`, reading a scorecard into
// `(*cards)[k]` at each plan.read[k] (resized to match). Returns the
// duplicates dropped.
template <typename T, typename Traits>
size_t ReplaySeries(const CompiledModel& m, const Lead& lead, absl::Span<T> events,
                    const Traits& traits, const SeriesPlan& plan, SeenIds* seen,
                    CoreState* core, std::vector<Scorecard>* cards) {
  cards->resize(plan.read.size());
  size_t k = 0;
  const size_t dropped =
      ForEachKeptEvent(events, traits, plan.read.back(), seen, [&](const T& e) {
        const EventStep step = traits.step(e);
        for (; k < plan.read.size() && plan.read[k] < step.at; ++k) {
          ReadCore(m, lead, *core, plan.read[k], plan.explain, &(*cards)[k]);
        }
        StepCore(m, lead, step, core, nullptr);
      });
  for (; k < plan.read.size(); ++k) {
    ReadCore(m, lead, *core, plan.read[k], plan.explain, &(*cards)[k]);
  }
  return dropped;
}

// The scorecard of the plan's requested time `i`, with its velocity when
// the plan asks for one, from the cards ReplaySeries read.
Scorecard SeriesCard(const SeriesPlan& plan, absl::Span<const Scorecard> cards, size_t i);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_SCORING_SERIES_H_
