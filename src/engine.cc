// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Decay is kept in closed form: each rule keeps the sum of
// 2^(-(acc_t - at)/H) over its counted events as of the time acc_t of the last
// one, so adding an event or reading at T is one exp2. Caps and windows keep
// bounded rings of times (see RuleState).

#include "engine.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "condition_eval.h"
#include "leadscore/time.h"

namespace leadscore {
namespace internal {
namespace {

inline double DecayFactor(const Dimension& d, int64_t dt) {
  if (d.half_life_ns <= 0 || dt == 0) return 1.0;
  return std::exp2(-static_cast<double>(dt) / d.half_life_ns);
}

// Removes counted events that fell out of `within_days` as of `now`.
void Expire(const Rule& r, const Dimension& d, int64_t now, RuleState* rs) {
  if (r.within_ns == 0) return;
  bool dropped = false;
  while (!rs->live.empty() && now - rs->live.front() >= r.within_ns) {
    rs->acc -= DecayFactor(d, rs->acc_t - rs->live.front());
    rs->live.PopFront();
    dropped = true;
  }
  if (dropped && (rs->live.empty() || rs->acc < 0)) {
    rs->acc = rs->live.empty() ? 0 : std::max(rs->acc, 0.0);
  }
}

// A rule's unit sum (points not applied) and event count at `now`, leaving
// the state as it is.
double EventRuleValue(const Rule& r, const Dimension& d, const RuleState& rs,
                      int64_t now, int64_t* count) {
  double v = rs.acc * DecayFactor(d, now - rs.acc_t);
  if (r.within_ns == 0) {
    *count = rs.counted;
    return v;
  }
  size_t expired = 0;
  while (expired < rs.live.size() && now - rs.live[expired] >= r.within_ns) {
    v -= DecayFactor(d, now - rs.live[expired]);
    ++expired;
  }
  *count = static_cast<int64_t>(rs.live.size() - expired);
  if (*count == 0) return 0;
  return std::max(v, 0.0);
}

bool PatternActive(const Rule& r, const RuleState& rs, int64_t now) {
  return rs.ring.AtLeastWithin(static_cast<size_t>(r.pattern_at_least), now,
                               r.pattern_ns);
}

}  // namespace

void TakeSnapshot(const CompiledModel& m, const CoreState& core, int64_t now,
                  Snapshot* s) {
  const size_t nd = m.dimensions.size();
  s->raw.assign(nd, 0.0);
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    switch (r.kind) {
      case Rule::Kind::kAttribute:
        if (core.attr_holds[i]) s->raw[r.dimension] += r.points;
        break;
      case Rule::Kind::kPattern:
        if (PatternActive(r, core.rules[i], now)) s->raw[r.dimension] += r.points;
        break;
      case Rule::Kind::kEvent: {
        int64_t count;
        const double v = EventRuleValue(r, m.dimensions[r.dimension],
                                        core.rules[i], now, &count);
        if (count > 0) s->raw[r.dimension] += r.points * v;
        break;
      }
    }
  }
  s->scores.resize(nd);
  s->grades.resize(nd);
  s->total = 0;
  for (size_t d = 0; d < nd; ++d) {
    const Dimension& dim = m.dimensions[d];
    double v = s->raw[d];
    if (dim.min && v < *dim.min) v = *dim.min;
    if (dim.max && v > *dim.max) v = *dim.max;
    s->scores[d] = v;
    s->total += dim.weight * v;
    int g = -1;
    for (size_t k = 0; k < dim.grades.size(); ++k) {
      if (!dim.grades[k].min || *dim.grades[k].min <= v) {
        g = static_cast<int>(k);
        break;
      }
    }
    s->grades[d] = g;
  }
}

EvalEnv LifecycleEnv(const CompiledModel& m, const Lead& lead,
                     const CoreState& core, const Snapshot& s, int64_t now) {
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.scores = s.scores.data();
  env.total = s.total;
  env.grades = s.grades.data();
  env.model = &m;
  env.trackers = &core.trackers;
  env.now = now;
  return env;
}

namespace {

// The highest stage whose threshold holds (the first stage by default).
int ComputeStage(const Lifecycle& lc, const EvalEnv& env, int* threshold) {
  for (int s = static_cast<int>(lc.stages.size()) - 1; s > 0; --s) {
    for (int t : lc.thresholds_by_stage[s]) {
      if (Evaluate(lc.thresholds[t].when, env)) {
        *threshold = t;
        return s;
      }
    }
  }
  *threshold = -1;
  return 0;
}

// The tracked stage after a classification moment at `now` that computed
// `stage`: forward-only keeps the highest, otherwise the latest.
bool Track(const Lifecycle& lc, int stage, int64_t now, int* tracked,
           int64_t* since) {
  const bool change = lc.forward_only ? stage > *tracked : stage != *tracked;
  if (change) {
    *tracked = stage;
    *since = now;
  }
  return change;
}

}  // namespace

void InitCore(const CompiledModel& m, const Lead& lead, CoreState* core) {
  // Reset in place: a batch reuses one state for many leads.
  core->rules.resize(m.rules.size());
  for (RuleState& rs : core->rules) rs.Reset();
  core->trackers.resize(m.trackers.size());
  for (TimeRing& tr : core->trackers) tr.Clear();
  core->attr_holds.assign(m.rules.size(), 0);
  core->stage = -1;
  core->stage_since = 0;
  core->last_at = std::numeric_limits<int64_t>::min();
  core->events = 0;
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.model = &m;
  for (int i : m.attribute_rules) {
    const Rule& r = m.rules[i];
    core->attr_holds[i] = !r.when || Evaluate(*r.when, env);
  }
}

void PrepareEvent(const CompiledModel& m, const Lead& lead, const Event& event,
                  int64_t at, uint64_t seq, PreparedEvent* out) {
  out->at = at;
  out->seq = seq;
  out->has_id = event.id.has_value();
  out->id = event.id.value_or(std::string());
  out->rules.clear();
  auto it = m.event_types.find(event.type);
  out->type = it == m.event_types.end() ? -1 : it->second;
  if (out->type < 0) return;
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.props = &event.properties;
  env.model = &m;
  for (int i : m.rules_by_type[out->type]) {
    const Rule& r = m.rules[i];
    if (!r.when || Evaluate(*r.when, env)) out->rules.push_back(static_cast<uint32_t>(i));
  }
}

int MatchRules(const CompiledModel& m, const Lead& lead, const Event& event,
               std::vector<uint32_t>* rules) {
  auto it = m.event_types.find(event.type);
  if (it == m.event_types.end()) return -1;
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.props = &event.properties;
  env.model = &m;
  for (int i : m.rules_by_type[it->second]) {
    const Rule& r = m.rules[i];
    if (!r.when || Evaluate(*r.when, env)) rules->push_back(static_cast<uint32_t>(i));
  }
  return it->second;
}

void StepCore(const CompiledModel& m, const Lead& lead, const EventStep& e,
              CoreState* core, std::vector<StageChange>* changes) {
  const int64_t t = e.at;
  for (size_t k = 0; k < e.rule_count; ++k) {
    const uint32_t i = e.rules[k];
    const Rule& r = m.rules[i];
    RuleState& rs = core->rules[i];
    if (r.kind == Rule::Kind::kPattern) {
      rs.ring.Push(t, static_cast<size_t>(r.pattern_at_least));
      continue;
    }
    // Caps in the order of section 8: max_per_lead, then the sliding window
    // over the events that passed both.
    if (r.max_per_lead != 0) {
      if (rs.passed >= r.max_per_lead) continue;
      ++rs.passed;
    }
    if (r.window_count != 0) {
      if (rs.ring.CountWithin(t, r.window_ns) >= static_cast<size_t>(r.window_count)) {
        continue;
      }
      rs.ring.Push(t, static_cast<size_t>(r.window_count));
    }
    const Dimension& d = m.dimensions[r.dimension];
    // acc == 0 has no time yet; skipping the factor also keeps 0 * inf (an
    // acc_t of 0 far after t) from making NaN.
    rs.acc = rs.acc == 0 ? 1.0 : rs.acc * DecayFactor(d, t - rs.acc_t) + 1.0;
    rs.acc_t = t;
    if (r.within_ns != 0) {
      rs.live.Push(t);
    } else {
      ++rs.counted;
    }
  }
  if (e.type >= 0 && !m.tracker_by_type.empty()) {
    const int tr = m.tracker_by_type[e.type];
    if (tr >= 0) {
      core->trackers[tr].Push(t, static_cast<size_t>(m.trackers[tr].capacity));
    }
  }
  core->last_at = t;
  ++core->events;
  // Expired window events never count again: drop them now so queues stay short.
  for (int i : m.within_rules) {
    const Rule& r = m.rules[i];
    Expire(r, m.dimensions[r.dimension], t, &core->rules[i]);
  }
  if (!m.lifecycle) return;
  // Classification moment at t. The snapshot's buffers are reused per thread.
  thread_local Snapshot s;
  TakeSnapshot(m, *core, t, &s);
  const EvalEnv env = LifecycleEnv(m, lead, *core, s, t);
  int threshold;
  const int stage = ComputeStage(*m.lifecycle, env, &threshold);
  const int before = core->stage;
  if (Track(*m.lifecycle, stage, t, &core->stage, &core->stage_since) &&
      changes != nullptr && stage != std::max(before, 0)) {
    changes->push_back({std::max(before, 0), stage, t, threshold});
  }
}

void ReadCore(const CompiledModel& m, const Lead& lead, const CoreState& core,
              int64_t as_of, bool explain, Scorecard* card) {
  const absl::Time as_of_time = FromEngineNanos(as_of);
  card->lead_id = lead.id;
  card->as_of = as_of_time;
  card->valid = lead.consent.GrantedAt(as_of_time);
  card->model_name = m.name;
  card->model_version = m.version;
  Snapshot s;
  TakeSnapshot(m, core, as_of, &s);
  card->dimensions.resize(m.dimensions.size());
  for (size_t d = 0; d < m.dimensions.size(); ++d) {
    DimensionScore& ds = card->dimensions[d];
    ds.dimension = m.dimensions[d].name;
    ds.score = s.scores[d];
    if (s.grades[d] >= 0) {
      ds.grade = m.dimensions[d].grades[s.grades[d]].name;
    } else {
      ds.grade.reset();
    }
  }
  card->total = s.total;
  card->stage.reset();
  card->stage_entered_at.reset();
  card->funnel.reset();
  card->labels.clear();
  if (m.lifecycle) {
    const Lifecycle& lc = *m.lifecycle;
    const EvalEnv env = LifecycleEnv(m, lead, core, s, as_of);
    // The as_of moment, without touching the state.
    int threshold;
    int stage = core.stage;
    int64_t since = core.stage_since;
    Track(lc, ComputeStage(lc, env, &threshold), as_of, &stage, &since);
    int host = -1;
    if (lead.stage) {
      for (size_t i = 0; i < lc.stages.size(); ++i) {
        if (lc.stages[i] == *lead.stage) host = static_cast<int>(i);
      }
    }
    if (lc.require_consent && !card->valid) {
      card->stage = "invalid";
    } else if (host < 0 && lc.disqualify_when && Evaluate(*lc.disqualify_when, env)) {
      card->stage = "disqualified";
    } else if (host >= stage) {
      card->stage = lc.stages[host];
    } else {
      card->stage = lc.stages[stage];
      card->stage_entered_at = FromEngineNanos(since);
    }
    if (card->stage != "invalid" && card->stage != "disqualified") {
      const int reported = host >= stage ? host : stage;
      static const char* kFunnel[] = {"tofu", "mofu", "bofu"};
      if (lc.funnel[reported] >= 0) card->funnel = kFunnel[lc.funnel[reported]];
    }
    for (const Label& l : lc.labels) {
      if (Evaluate(l.when, env)) card->labels.push_back(l.name);
    }
  }
  card->explain.clear();
  if (!explain) return;
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    const std::string& dim = m.dimensions[r.dimension].name;
    switch (r.kind) {
      case Rule::Kind::kAttribute:
        if (core.attr_holds[i]) card->explain.push_back({r.id, dim, r.points, std::nullopt});
        break;
      case Rule::Kind::kPattern:
        if (PatternActive(r, core.rules[i], as_of)) {
          card->explain.push_back({r.id, dim, r.points, std::nullopt});
        }
        break;
      case Rule::Kind::kEvent: {
        int64_t count;
        const double v = EventRuleValue(r, m.dimensions[r.dimension],
                                        core.rules[i], as_of, &count);
        if (count > 0) card->explain.push_back({r.id, dim, r.points * v, count});
        break;
      }
    }
  }
}

}  // namespace internal
}  // namespace leadscore
