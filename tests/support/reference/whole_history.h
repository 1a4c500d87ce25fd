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

// One classification moment: after an event, at an inactivity moment (v1.1)
// or at as_of.
struct Moment {
  enum Kind { kEvent, kInactivity, kAsOf } kind = kEvent;
  int64_t at = 0;
  size_t upto = 0;  // the kept events processed by then
};

// Every classification moment up to as_of, in order: after each kept event,
// the inactivity moments that follow it (the latest event's time plus each
// recycle rule's inactive_days, strictly before the next event, at or before
// as_of), then as_of.
inline std::vector<Moment> Moments(const OModel& m, const std::vector<KEvent>& ev,
                                   int64_t as_of) {
  std::vector<Moment> out;
  for (size_t k = 0; k < ev.size(); ++k) {
    out.push_back({Moment::kEvent, ev[k].at, k + 1});
    std::set<int64_t> times;
    for (const Recycle& r : m.lc->recycle) {
      if (!r.inactive_days) continue;
      const int64_t d = DaysToNs(*r.inactive_days);
      if (d > as_of - ev[k].at) continue;  // (also keeps the sum in range)
      const int64_t t = ev[k].at + d;
      if (k + 1 < ev.size() ? t < ev[k + 1].at : t <= as_of) times.insert(t);
    }
    for (int64_t t : times) out.push_back({Moment::kInactivity, t, k + 1});
  }
  out.push_back({Moment::kAsOf, as_of, ev.size()});
  return out;
}

// The computed stage after the as_of moment and when it was entered, by
// walking every moment with the tracked stage (v1 and v1.1: exit_when,
// recycle rules, stage leaves), each moment's scores from scratch.
inline void StageAtAsOf(const OModel& m, const OLead& lead, const std::vector<KEvent>& ev,
                        int64_t as_of, const Snapshot& fin, int* final_stage,
                        int64_t* entered) {
  const Lifecycle& lc = *m.lc;
  const bool forward_only = lc.forward_only.value_or(true);
  int stage = -1;  // before the first moment
  int64_t since = 0;
  bool recycled = false;
  for (const Moment& mo : Moments(m, ev, as_of)) {
    const Snapshot s = mo.kind == Moment::kAsOf ? fin : TakeSnapshot(m, lead, ev, mo.upto, mo.at);
    std::vector<std::string> dim_names;
    EvalCtx x = LifecycleCtx(m, lead, s, ev, mo.upto, mo.at, &dim_names);
    x.stages = &lc.stages;
    x.stage = stage < 0 ? 0 : stage;  // what stage leaves read: the stage held before
    x.stage_since = stage < 0 ? mo.at : since;
    int next = stage;
    if (mo.kind == Moment::kEvent || (mo.kind == Moment::kAsOf && !recycled)) {
      int computed = 0;
      for (const Labeled& t : lc.thresholds) {
        const int ts = StageIndex(lc, t.name);
        const bool holds = t.exit_when && ts <= x.stage ? !Eval(*t.exit_when, x) : Eval(t.when, x);
        if (holds) computed = std::max(computed, ts);
      }
      next = forward_only ? std::max(next, computed) : computed;
    }
    if (mo.kind == Moment::kEvent) recycled = false;
    for (const Recycle& r : lc.recycle) {
      if (next < 0 || std::find(r.from.begin(), r.from.end(), lc.stages[next]) == r.from.end()) {
        continue;
      }
      if (r.inactive_days) {
        bool active = false;
        for (size_t i = 0; i < mo.upto; ++i) active = active || InWindow(ev[i].at, mo.at, *r.inactive_days);
        if (active) continue;
      }
      if (r.when && !Eval(*r.when, x)) continue;
      next = StageIndex(lc, r.to);
      recycled = true;
      break;
    }
    if (next != stage) {
      stage = next;
      since = mo.at;
    }
  }
  *final_stage = stage;
  *entered = since;
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
  if (m.lc) StageAtAsOf(m, lead, ev, as_of, fin, &final_stage, &entered);
  OResult out = Scorecard(m, lead, fin, ev, as_of, final_stage, entered);
  out.dropped_copies = dropped;
  return out;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_WHOLE_HISTORY_H_
