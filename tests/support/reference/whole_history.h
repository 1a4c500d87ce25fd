// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference scorecard of one lead from its whole event history, as the
// oracle test uses it: sort the events (spec 8 "Event order"), drop copies
// and events after as_of, and at every classification moment recompute
// everything from the first event on. Slow on purpose (cubic in the number of
// events): nothing is carried from one moment to the next.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_WHOLE_HISTORY_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_WHOLE_HISTORY_H_

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "support/reference/evaluate.h"
#include "support/reference/model.h"
#include "support/reference/scoring.h"

namespace reference {

// Event order (spec 8): (at, id with a missing id first, position).
inline bool EventBefore(const OEvent& x, const OEvent& y) {
  if (x.at != y.at) return x.at < y.at;
  if (x.id.has_value() != y.id.has_value()) return !x.id.has_value();
  if (x.id && *x.id != *y.id) return *x.id < *y.id;  // std::string: bytewise
  return false;  // stable sorts keep the position
}

// Sorts in event order and keeps the first copy of every id among the events
// at or before as_of.
inline std::vector<KEvent> KeepEvents(const std::vector<OEvent>& input, int64_t as_of,
                                      size_t* dropped = nullptr) {
  std::vector<size_t> idx(input.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return EventBefore(input[a], input[b]); });
  std::vector<KEvent> out;
  std::set<std::string> seen;
  size_t drop = 0;
  for (size_t i : idx) {
    const OEvent& e = input[i];
    if (e.at > as_of) continue;
    if (e.id) {
      if (!seen.insert(*e.id).second) { ++drop; continue; }
    }
    out.push_back({e.id, e.type, e.at, e.props});
  }
  if (dropped) *dropped = drop;
  return out;
}

// Everything at time `now` with the first `n` kept events, from scratch.
inline Snapshot TakeSnapshot(const OModel& m, const OLead& lead, const std::vector<KEvent>& ev,
                             size_t n, int64_t now) {
  std::vector<RuleProgress> progress(m.rules.size());
  for (size_t ri = 0; ri < m.rules.size(); ++ri) {
    for (size_t i = 0; i < n; ++i) StepRule(m.rules[ri], lead, ev[i], &progress[ri]);
  }
  return SnapshotAt(m, AttributeRulesHolding(m, lead), progress, now);
}

// The scorecard of `lead` at `as_of` from its events in any order.
inline OResult ScoreWholeHistory(const OModel& m, const OLead& lead,
                                 const std::vector<OEvent>& input, int64_t as_of) {
  size_t dropped = 0;
  const std::vector<KEvent> ev = KeepEvents(input, as_of, &dropped);
  const size_t n = ev.size();
  const Snapshot fin = TakeSnapshot(m, lead, ev, n, as_of);
  int final_stage = 0;
  int64_t entered = as_of;
  if (m.lc) {
    // Classification moments: after each kept event, then as_of.
    std::vector<int> held(n + 1, 0);
    std::vector<int64_t> when(n + 1, as_of);
    for (size_t k = 0; k <= n; ++k) {
      const size_t upto = k < n ? k + 1 : n;
      const int64_t now = k < n ? ev[k].at : as_of;
      when[k] = now;
      const Snapshot s = k < n ? TakeSnapshot(m, lead, ev, upto, now) : fin;
      held[k] = ComputedStage(m, lead, s, ev, upto, now);
    }
    if (m.lc->forward_only.value_or(true)) {
      for (size_t k = 1; k <= n; ++k) held[k] = std::max(held[k], held[k - 1]);
    }
    final_stage = held[n];
    size_t start = n;
    while (start > 0 && held[start - 1] == final_stage) --start;
    entered = when[start];
  }
  OResult out = Scorecard(m, lead, fin, ev, as_of, final_stage, entered);
  out.dropped_copies = dropped;
  return out;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_WHOLE_HISTORY_H_
