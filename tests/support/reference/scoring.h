// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The pieces both ways of running the reference share (whole_history.h,
// host_loop.h): a rule's progress over a lead's events in event order (caps,
// pattern matches), the scores, grades and explanation at a moment computed
// from that progress, the computed stage at a moment, and the scorecard at
// as_of (consent, disqualification, host stage, labels, funnel).

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_SCORING_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_SCORING_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/reference/evaluate.h"
#include "support/reference/model.h"
#include "support/reference/values.h"

namespace reference {

struct OExplain {
  std::string rule, dimension;
  long double points = 0;
  std::optional<int64_t> events;
};

// A scorecard (spec 6) with the model's dimensions in model order.
struct OResult {
  bool valid = false;
  std::vector<long double> scores;
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  std::optional<std::string> stage;
  std::optional<int64_t> stage_entered_at;
  std::vector<std::string> labels;
  std::optional<std::string> funnel;
  std::vector<OExplain> explain;
  size_t kept_events = 0;     // events kept (<= as_of, first copies)
  size_t dropped_copies = 0;  // copies at or before as_of dropped
};

// What one rule has seen of a lead's events so far, in event order.
struct RuleProgress {
  int passed = 0;                // max_per_lead: matching events seen
  std::vector<int64_t> counted;  // event rule: times of events that passed both caps
  std::vector<int64_t> matches;  // pattern rule: times of matching events
};

inline bool RuleMatches(const Rule& r, const OLead& lead, const KEvent& e) {
  bool on = false;
  for (const std::string& type : r.on) on = on || type == e.type;  // exact (spec 8)
  if (!on) return false;
  if (!r.when) return true;
  EvalCtx x;
  x.attrs = &lead.attrs;
  x.props = &e.props;
  return Eval(*r.when, x);
}

// Feeds the next event (in event order) to rule `r`'s progress (spec 8,
// "Caps on one rule").
inline void StepRule(const Rule& r, const OLead& lead, const KEvent& e, RuleProgress* p) {
  if (r.kind == Rule::kAttribute || !RuleMatches(r, lead, e)) return;
  if (r.kind == Rule::kPattern) {
    p->matches.push_back(e.at);
    return;
  }
  if (r.max_per_lead) {
    if (p->passed >= *r.max_per_lead) return;
    ++p->passed;
  }
  if (r.max_per_window) {
    int inwin = 0;
    for (int64_t t : p->counted) {
      if (InWindow(t, e.at, r.max_per_window->second)) ++inwin;
    }
    if (inwin >= r.max_per_window->first) return;
  }
  p->counted.push_back(e.at);
}

// Whether each attribute rule holds for the lead (false for other rules).
inline std::vector<char> AttributeRulesHolding(const OModel& m, const OLead& lead) {
  std::vector<char> out(m.rules.size(), 0);
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    if (r.kind != Rule::kAttribute) continue;
    EvalCtx x;
    x.attrs = &lead.attrs;
    out[i] = !r.when || Eval(*r.when, x);
  }
  return out;
}

struct Snapshot {
  std::vector<long double> scores;  // clamped
  long double total = 0;
  std::vector<std::optional<std::string>> grades;
  std::vector<OExplain> explain;  // rules that hold or count an event
};

// Scores, grades and (if `explain`) explanation at `now` from every rule's
// progress.
inline Snapshot SnapshotAt(const OModel& m, const std::vector<char>& attribute_holds,
                           const std::vector<RuleProgress>& progress, int64_t now,
                           bool explain = true) {
  Snapshot s;
  std::vector<long double> raw(m.dims.size(), 0.0L);
  for (size_t ri = 0; ri < m.rules.size(); ++ri) {
    const Rule& r = m.rules[ri];
    const RuleProgress& p = progress[ri];
    const Dim& d = m.dims[r.dim];
    switch (r.kind) {
      case Rule::kAttribute:
        if (attribute_holds[ri]) {
          raw[r.dim] += r.points;
          if (explain) s.explain.push_back({r.id, d.name, r.points, std::nullopt});
        }
        break;
      case Rule::kPattern: {
        int c = 0;
        for (int64_t t : p.matches) c += InWindow(t, now, r.pattern_days);
        if (c >= r.pattern_at_least) {
          raw[r.dim] += r.points;
          if (explain) s.explain.push_back({r.id, d.name, r.points, std::nullopt});
        }
        break;
      }
      case Rule::kEvent: {
        long double pts = 0;
        int64_t cnt = 0;
        for (int64_t t : p.counted) {
          if (r.within_days && !InWindow(t, now, *r.within_days)) continue;
          // Decay in double, as a hand-written loop computes it (and as the
          // library does); the sum is long double.
          double f = 1;
          if (d.half_life) {
            f = std::pow(2.0, -static_cast<double>(now - t) / (*d.half_life * kNsPerDay));
          }
          pts += r.points * f;
          ++cnt;
        }
        if (cnt > 0) {
          raw[r.dim] += pts;
          if (explain) s.explain.push_back({r.id, d.name, pts, cnt});
        }
        break;
      }
    }
  }
  s.scores.resize(m.dims.size());
  s.grades.resize(m.dims.size());
  for (size_t i = 0; i < m.dims.size(); ++i) {
    const Dim& d = m.dims[i];
    long double v = raw[i];
    if (d.min && v < *d.min) v = *d.min;
    if (d.max && v > *d.max) v = *d.max;
    s.scores[i] = v;
    s.total += static_cast<long double>(d.weight.value_or(1.0)) * v;
    for (const Grade& g : d.grades) {
      if (!g.min || *g.min <= v) { s.grades[i] = g.grade; break; }
    }
  }
  return s;
}

// The context of a lifecycle condition at `now`, after the first `n` events.
inline EvalCtx LifecycleCtx(const OModel& m, const OLead& lead, const Snapshot& s,
                            const std::vector<KEvent>& ev, size_t n, int64_t now,
                            std::vector<std::string>* dim_names) {
  dim_names->clear();
  for (const auto& d : m.dims) dim_names->push_back(d.name);
  EvalCtx x;
  x.attrs = &lead.attrs;
  x.dim_names = dim_names;
  x.scores = &s.scores;
  x.total = s.total;
  x.grades = &s.grades;
  x.events = &ev;
  x.n_events = n;
  x.now = now;
  return x;
}

inline int StageIndex(const Lifecycle& lc, const std::string& s) {
  for (size_t i = 0; i < lc.stages.size(); ++i) {
    if (lc.stages[i] == s) return static_cast<int>(i);
  }
  throw std::logic_error("unknown stage " + s);
}

// The computed stage at a classification moment: the highest stage whose
// threshold holds; the first stage by default (spec 5.3).
inline int ComputedStage(const OModel& m, const OLead& lead, const Snapshot& s,
                         const std::vector<KEvent>& ev, size_t n, int64_t now) {
  std::vector<std::string> dim_names;
  const EvalCtx x = LifecycleCtx(m, lead, s, ev, n, now, &dim_names);
  int best = 0;
  for (const Labeled& t : m.lc->thresholds) {
    if (Eval(t.when, x)) best = std::max(best, StageIndex(*m.lc, t.name));
  }
  return best;
}

// The scorecard at as_of: `fin` is the snapshot at as_of after all `ev`;
// `held_stage` the stage held at the last moment (as_of) and `entered` the
// moment it was entered (both ignored without a lifecycle).
inline OResult Scorecard(const OModel& m, const OLead& lead, const Snapshot& fin,
                         const std::vector<KEvent>& ev, int64_t as_of, int held_stage,
                         int64_t entered) {
  OResult out;
  out.kept_events = ev.size();
  out.valid = lead.GrantedAt(as_of);
  out.scores = fin.scores;
  out.total = fin.total;
  out.grades = fin.grades;
  out.explain = fin.explain;
  if (!m.lc) return out;
  const Lifecycle& lc = *m.lc;
  std::vector<std::string> dim_names;
  EvalCtx x = LifecycleCtx(m, lead, fin, ev, ev.size(), as_of, &dim_names);
  // v1.1 stage leaves in labels and disqualify_when: the stage computed at as_of.
  x.stages = &lc.stages;
  x.stage = held_stage;
  x.stage_since = entered;
  for (const Labeled& l : lc.labels) {
    if (Eval(l.when, x)) out.labels.push_back(l.name);
  }
  if (lc.require_consent.value_or(true) && !out.valid) {
    out.stage = "invalid";
  } else if (lc.disqualify_when && !lead.stage && Eval(*lc.disqualify_when, x)) {
    out.stage = "disqualified";
  } else {
    const int host = lead.stage ? StageIndex(lc, *lead.stage) : -1;
    if (host >= held_stage) {
      out.stage = *lead.stage;
    } else {
      out.stage = lc.stages[held_stage];
      out.stage_entered_at = entered;
    }
    for (const auto& [key, stages] : lc.funnel) {
      if (std::find(stages.begin(), stages.end(), *out.stage) != stages.end()) out.funnel = key;
    }
  }
  return out;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_SCORING_H_
