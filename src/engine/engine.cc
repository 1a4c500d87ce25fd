// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Decay is kept in closed form: each rule keeps the sum of
// 2^(-(acc_t - at)/H) over its counted events as of the time acc_t of the last
// one, so adding an event or reading at T is one exp2. Caps and windows keep
// bounded rings of times (see StateLayout and state_times.h).

#include "engine/engine.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/hash/hash.h"
#include "engine/condition_eval.h"
#include "leadscore/time.h"
#include "engine/state_times.h"

namespace leadscore {
namespace internal {
namespace {

inline double DecayFactor(const Dimension& d, int64_t dt) {
  if (d.half_life_ns <= 0 || dt == 0) return 1.0;
  return std::exp2(-static_cast<double>(dt) / d.half_life_ns);
}

// Removes counted events that fell out of `within_days` as of `now`; returns
// their unit sum (decayed to `now`), 0 if none fell out.
double Expire(const Rule& r, const RuleSlots& slots, const Dimension& d, int64_t now,
              CoreState* core) {
  TimeQueue& live = core->queues[slots.live.queue];
  if (live.empty() || now - live.front() < r.within_ns) return 0;
  // (A rule with queued times has its block.)
  int64_t* acc = MutableBlockWords(core, slots.block) + slots.acc;
  double removed = 0;  // as of acc[1]
  while (!live.empty() && now - live.front() >= r.within_ns) {
    removed += DecayFactor(d, acc[1] - live.front());
    live.PopFront();
  }
  StoreDouble(acc, live.empty() ? 0.0 : std::max(LoadDouble(acc) - removed, 0.0));
  return removed * DecayFactor(d, now - acc[1]);
}

// A rule's unit sum (points not applied) and event count at `now`, leaving
// the state as it is.
double EventRuleValue(const Rule& r, const RuleSlots& slots, const Dimension& d,
                      const CoreState& core, int64_t now, int64_t* count) {
  const int64_t* block = BlockWords(core, slots.block);
  const int64_t* acc = block + slots.acc;
  double v = LoadDouble(acc);
  if (v != 0) v *= DecayFactor(d, now - acc[1]);
  if (!slots.has_live) {
    *count = block[slots.counted];
    return v;
  }
  const TimeQueue& live = core.queues[slots.live.queue];
  size_t expired = 0;
  while (expired < live.size() && now - live[expired] >= r.within_ns) {
    v -= DecayFactor(d, now - live[expired]);
    ++expired;
  }
  *count = static_cast<int64_t>(live.size() - expired);
  if (*count == 0) return 0;
  return std::max(v, 0.0);
}

bool PatternActive(const Rule& r, const RuleSlots& slots, const CoreState& core,
                   int64_t now) {
  return TimesView(core, slots.pattern)
      .AtLeastWithin(static_cast<size_t>(r.pattern_at_least), now, r.pattern_ns);
}

// The decayed event points of dimension `d` at `now`, rule by rule.
double DimensionEventSum(const CompiledModel& m, const CoreState& core, int d,
                         int64_t now) {
  double sum = 0;
  for (int i : m.event_rules_by_dim[d]) {
    const Rule& r = m.rules[i];
    int64_t count;
    const double v = EventRuleValue(r, m.layout.rules[i], m.dimensions[d], core, now, &count);
    if (count > 0) sum += r.points * v;
  }
  return sum;
}

void FinishSnapshot(const CompiledModel& m, Snapshot* s) {
  const size_t nd = m.dimensions.size();
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

// Raw points per dimension at `now`: attribute points, event points and the
// pattern rules that hold. Event points come rule by rule (exact for any
// `now`, and what explanations list), or, right after a step at `now`, from
// the per-dimension running sums (one exp2 per decaying dimension instead of
// one per rule).
void FillSnapshot(const CompiledModel& m, const CoreState& core, int64_t now,
                  bool running_sums, Snapshot* s) {
  const size_t nd = m.dimensions.size();
  s->raw.resize(nd);
  const int64_t* w = core.words.data();
  for (size_t d = 0; d < nd; ++d) {
    double v = LoadDouble(w + m.layout.dim_attr + d);
    if (running_sums) {
      const int64_t* sum = w + m.layout.dim_sum + 2 * d;
      const double e = LoadDouble(sum);
      if (e != 0) v += e * DecayFactor(m.dimensions[d], now - sum[1]);
    } else {
      v += DimensionEventSum(m, core, static_cast<int>(d), now);
    }
    for (int i : m.pattern_rules_by_dim[d]) {
      if (PatternActive(m.rules[i], m.layout.rules[i], core, now)) v += m.rules[i].points;
    }
    s->raw[d] = v;
  }
  FinishSnapshot(m, s);
}

// The stage leaves' view of `core` before a moment at `now` (the first
// stage, entered now, before the first moment).
void SetStageEnvOf(const CoreState& core, int64_t now, EvalEnv* env) {
  env->stage = std::max(core.stage, 0);
  env->stage_since = core.stage < 0 ? now : core.stage_since;
}

}  // namespace

CapVerdict JudgeCaps(const CompiledModel& m, const CoreState& core, uint32_t rule,
                     int64_t t) {
  const Rule& r = m.rules[rule];
  const RuleSlots& slots = m.layout.rules[rule];
  if (r.max_per_lead != 0 && BlockWords(core, slots.block)[slots.passed] >= r.max_per_lead) {
    return CapVerdict::kMaxPerLead;
  }
  if (slots.has_window &&
      TimesView(core, slots.window).CountWithin(t, r.window_ns) >=
          static_cast<size_t>(r.window_count)) {
    return CapVerdict::kMaxPerWindow;
  }
  return CapVerdict::kCounted;
}

bool AttributeRuleHolds(const CompiledModel& m, const CoreState& core, size_t rule) {
  return (static_cast<uint64_t>(core.words[m.layout.attr_bits + rule / 64]) >> (rule % 64)) & 1;
}

void TakeSnapshot(const CompiledModel& m, const CoreState& core, int64_t now,
                  Snapshot* s) {
  FillSnapshot(m, core, now, /*running_sums=*/false, s);
}

EvalEnv LifecycleEnv(const CompiledModel& m, const Lead& lead,
                     const CoreState& core, const Snapshot& s, int64_t now) {
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.scores = s.scores.data();
  env.total = s.total;
  env.grades = s.grades.data();
  env.model = &m;
  env.core = &core;
  env.now = now;
  SetStageEnvOf(core, now, &env);
  return env;
}

namespace {

// The tracked stage of a state (CoreState::stage, stage_since, recycled),
// which each classification moment updates.
struct Tracked {
  int stage = -1;
  int64_t since = 0;
  bool recycled = false;
};

Tracked TrackedOf(const CoreState& c) { return {c.stage, c.stage_since, c.recycled}; }

void StoreTracked(const Tracked& tr, CoreState* c) {
  c->stage = tr.stage;
  c->stage_since = tr.since;
  c->recycled = tr.recycled;
}

// What stage and days_in_stage leaves read at a moment at `now`: the stage
// `tr` holds (the first stage, entered now, before the first moment).
void SetStageEnv(const Tracked& tr, int64_t now, EvalEnv* env) {
  env->stage = std::max(tr.stage, 0);
  env->stage_since = tr.stage < 0 ? now : tr.since;
}

// The highest stage above `floor` whose threshold holds, or 0 (the first
// stage) when none does. With forward-only stages nothing at or below the
// tracked stage can change it, so those thresholds are not evaluated. A
// threshold with exit_when (v1.1) at or below `held`, the stage tracked
// before the moment, holds unless exit_when does.
int ComputeStage(const Lifecycle& lc, const EvalEnv& env, int floor, int held,
                 int* threshold) {
  for (int s = static_cast<int>(lc.stages.size()) - 1; s > floor; --s) {
    for (int t : lc.thresholds_by_stage[s]) {
      const Threshold& th = lc.thresholds[t];
      const bool holds = th.exit_when && s <= held ? !Evaluate(*th.exit_when, env)
                                                   : Evaluate(th.when, env);
      if (holds) {
        *threshold = t;
        return s;
      }
    }
  }
  *threshold = -1;
  return 0;
}

int StageFloor(const Lifecycle& lc, int tracked) {
  return lc.forward_only ? std::max(tracked, 0) : 0;
}

// The first recycle rule, in model order, that fires at `now` for tracked
// stage `stage`, or -1: `stage` is in its `from`, no kept event is in
// (now - inactive_days, now], and its `when` holds.
int FireRecycle(const Lifecycle& lc, const EvalEnv& env, const CoreState& core, int stage,
                int64_t now) {
  if (stage < 0 || lc.recycle.empty() || !lc.recyclable[stage]) return -1;
  for (size_t i = 0; i < lc.recycle.size(); ++i) {
    const RecycleRule& r = lc.recycle[i];
    if (std::find(r.from.begin(), r.from.end(), stage) == r.from.end()) continue;
    if (r.inactive_ns > 0 && core.events > 0 && now - core.last_at < r.inactive_ns) continue;
    if (r.when && !Evaluate(*r.when, env)) continue;
    return static_cast<int>(i);
  }
  return -1;
}

enum class MomentKind { kEvent, kAsOf, kInactivity };

// One classification moment at `now` on `*tr`, with `env` holding the scores
// at `now` (its stage leaves are set here, then left reading the stage after
// the moment). Thresholds first (at an event's moment, and at as_of unless a
// recycle came after the last event), then recycle rules. Returns whether the
// tracked stage changed; `*threshold` and `*recycle` say what changed it (-1:
// not that).
bool Classify(const Lifecycle& lc, MomentKind kind, const CoreState& core, int64_t now,
              EvalEnv* env, Tracked* tr, int* threshold, int* recycle) {
  SetStageEnv(*tr, now, env);
  *threshold = -1;
  *recycle = -1;
  int stage = tr->stage;
  if (kind == MomentKind::kEvent || (kind == MomentKind::kAsOf && !tr->recycled)) {
    int th;
    const int computed = ComputeStage(lc, *env, StageFloor(lc, stage), env->stage, &th);
    if (lc.forward_only ? computed > stage : computed != stage) {
      stage = computed;
      *threshold = th;
    }
  }
  if (kind == MomentKind::kEvent) tr->recycled = false;
  const int r = FireRecycle(lc, *env, core, stage, now);
  if (r >= 0) {
    stage = lc.recycle[r].to;
    tr->recycled = true;
    *threshold = -1;
    *recycle = r;
  }
  // A moment that ends where it began is no break in the stage held.
  const bool changed = stage != tr->stage;
  if (changed) {
    tr->stage = stage;
    tr->since = now;
  } else {
    *threshold = -1;
    *recycle = -1;
  }
  env->stage = tr->stage;
  env->stage_since = tr->since;
  return changed;
}

// The inactivity moments (v1.1) after the state's latest kept event that
// fall before `end` (at or before it if `inclusive`), in time order, applied
// to `*tr`: `seen(at, recycle, env)` for each at which a recycle changed the
// stage. Only recycle rules are evaluated there, so a moment at which the
// tracked stage is in no rule's `from` changes nothing, and no later one can.
template <typename Seen>
void InactivityMoments(const CompiledModel& m, const Lead& lead, const CoreState& core,
                       int64_t end, bool inclusive, Tracked* tr, Seen&& seen) {
  const Lifecycle& lc = *m.lifecycle;
  if (core.events == 0) return;
  for (int64_t d : lc.inactivity_ns) {
    if (tr->stage < 0 || !lc.recyclable[tr->stage]) return;
    if (d > end - core.last_at || (!inclusive && d == end - core.last_at)) return;
    const int64_t at = core.last_at + d;
    Snapshot s;
    TakeSnapshot(m, core, at, &s);
    EvalEnv env = LifecycleEnv(m, lead, core, s, at);
    int threshold, recycle;
    if (Classify(lc, MomentKind::kInactivity, core, at, &env, tr, &threshold, &recycle)) {
      seen(at, recycle, static_cast<const EvalEnv&>(env));
    }
  }
}

// The reported stage seen at `now` (a scorecard's as_of, an Advance) without
// changing the state: the inactivity moments up to `now`, then the as_of
// moment, then consent, disqualification and the host's stage. `*env` (the
// scores at `now`) is left reading the stage after the moment; `*since`
// gets when the tracked stage was entered; `before`, if given, the
// inactivity moments at which a recycle changed the stage.
ReportedStage ObserveStage(const CompiledModel& m, const Lead& lead, const CoreState& core,
                           EvalEnv* env, int64_t now, bool consent_granted, int64_t* since,
                           std::vector<TimeMoment>* before) {
  const Lifecycle& lc = *m.lifecycle;
  Tracked tr = TrackedOf(core);
  if (!lc.inactivity_ns.empty()) {
    InactivityMoments(m, lead, core, now, /*inclusive=*/true, &tr,
                      [&](int64_t at, int recycle, const EvalEnv& at_env) {
                        if (before == nullptr) return;
                        const ReportedStage r = ReportStage(
                            lc, lead, lead.consent.GrantedAt(FromEngineNanos(at)), at_env,
                            tr.stage);
                        before->push_back({at, ReportedCode(r), recycle});
                      });
  }
  int threshold, recycle;
  Classify(lc, MomentKind::kAsOf, core, now, env, &tr, &threshold, &recycle);
  *since = tr.since;
  return ReportStage(lc, lead, consent_granted, *env, tr.stage);
}

}  // namespace

void InitCore(const CompiledModel& m, const Lead& lead, CoreState* core) {
  // Reset in place: a batch reuses one state for many leads.
  core->words.assign(m.layout.fixed_words, 0);
  core->queues.resize(m.layout.queues);
  core->ForgetEvents();
  EvaluateAttributeRules(m, lead, core);
}

void EvaluateAttributeRules(const CompiledModel& m, const Lead& lead, CoreState* core) {
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.model = &m;
  int64_t* w = core->words.data();
  // Only attribute rules write these words: clear them, then add up again.
  for (int i : m.attribute_rules) {
    w[m.layout.attr_bits + i / 64] = static_cast<int64_t>(
        static_cast<uint64_t>(w[m.layout.attr_bits + i / 64]) & ~(uint64_t{1} << (i % 64)));
  }
  for (size_t d = 0; d < m.dimensions.size(); ++d) StoreDouble(w + m.layout.dim_attr + d, 0.0);
  for (int i : m.attribute_rules) {
    const Rule& r = m.rules[i];
    if (r.when && !Evaluate(*r.when, env)) continue;
    w[m.layout.attr_bits + i / 64] = static_cast<int64_t>(
        static_cast<uint64_t>(w[m.layout.attr_bits + i / 64]) | (uint64_t{1} << (i % 64)));
    int64_t* dim = w + m.layout.dim_attr + r.dimension;
    StoreDouble(dim, LoadDouble(dim) + r.points);
  }
}

namespace {

// Appends the event/pattern rules whose `on` and `when` hold for `event`;
// returns the event's type id (-1: a type no rule names).
template <typename Rules>
int MatchInto(const CompiledModel& m, const Lead& lead, const Event& event, Rules* rules,
              const CoreState* will_step = nullptr) {
  auto it = m.event_types.find(event.type);
  if (it == m.event_types.end()) return -1;
  if (will_step != nullptr) {
    // Start loading the state's words (a few cache lines: the fixed words
    // and the blocks the lead touched): with many resident leads they are
    // seldom cached, and the loads overlap rule matching.
    const int64_t* w = will_step->words.data();
    const size_t n = will_step->words.size();
    for (size_t o = 0; o < n; o += 8) __builtin_prefetch(w + o, 1);
  }
  thread_local PropFrame frame;
  frame.Resolve(m, it->second, event.properties);
  EvalEnv env;
  env.attrs = &lead.attributes;
  env.props = &event.properties;
  env.frame = &frame;
  env.model = &m;
  for (int i : m.rules_by_type[it->second]) {
    const Rule& r = m.rules[i];
    if (!r.when || Evaluate(*r.when, env)) rules->push_back(static_cast<uint32_t>(i));
  }
  return it->second;
}

}  // namespace

void PrepareEvent(const CompiledModel& m, const Lead& lead, const Event& event,
                  int64_t at, uint64_t seq, PreparedEvent* out, const CoreState* will_step) {
  out->at = at;
  out->seq = seq;
  out->has_id = event.id.has_value();
  if (out->has_id) {
    out->id = *event.id;
    out->id_hash = absl::HashOf(out->id);
  } else {
    out->id.clear();
    out->id_hash = 0;
  }
  out->rules.clear();
  out->type = MatchInto(m, lead, event, &out->rules, will_step);
}

int MatchRules(const CompiledModel& m, const Lead& lead, const Event& event,
               std::vector<uint32_t>* rules) {
  return MatchInto(m, lead, event, rules);
}

void StepCore(const CompiledModel& m, const Lead& lead, const EventStep& e,
              CoreState* core, MomentStage* moment) {
  const int64_t t = e.at;
  // v1.1: the inactivity moments between the latest event and this one come
  // first, on the state before this event.
  if (moment != nullptr) moment->recycled_before.clear();
  if (m.lifecycle && !m.lifecycle->inactivity_ns.empty() && core->events > 0 &&
      t > core->last_at) {
    const Lifecycle& lc = *m.lifecycle;
    Tracked tr = TrackedOf(*core);
    InactivityMoments(m, lead, *core, t, /*inclusive=*/false, &tr,
                      [&](int64_t at, int recycle, const EvalEnv& env) {
                        if (moment == nullptr) return;
                        const ReportedStage r = ReportStage(
                            lc, lead, lead.consent.GrantedAt(FromEngineNanos(at)), env,
                            tr.stage);
                        moment->recycled_before.push_back({at, ReportedCode(r), recycle});
                      });
    StoreTracked(tr, core);
  }
  for (size_t k = 0; k < e.rule_count; ++k) {
    const uint32_t i = e.rules[k];
    const Rule& r = m.rules[i];
    const RuleSlots& slots = m.layout.rules[i];
    if (r.kind == Rule::Kind::kPattern) {
      PushTime(core, slots.pattern, t);
      continue;
    }
    // Caps in the order of section 8: an event max_per_lead lets through
    // counts toward it even if the sliding window then refuses it.
    const CapVerdict verdict = JudgeCaps(m, *core, i, t);
    if (verdict == CapVerdict::kMaxPerLead) continue;
    // The rule writes from here on: its block exists after this (and the
    // words may have moved, so every pointer into them is taken below).
    int64_t* block = MutableBlockWords(core, slots.block);
    if (r.max_per_lead != 0) ++block[slots.passed];
    if (verdict == CapVerdict::kMaxPerWindow) continue;
    if (slots.has_window) {  // in the block already at hand, unless a queue
      if (slots.window.inline_ring) {
        PushRingTime(block, slots.window, t);
      } else {
        PushTime(core, slots.window, t);
      }
    }
    const Dimension& d = m.dimensions[r.dimension];
    // A zero sum has no time yet; skipping the factor also keeps 0 * inf (a
    // stale time far after t) from making NaN.
    int64_t* acc = block + slots.acc;
    const double a = LoadDouble(acc);
    StoreDouble(acc, a == 0 ? 1.0 : a * DecayFactor(d, t - acc[1]) + 1.0);
    acc[1] = t;
    if (slots.has_live) {
      PushTime(core, slots.live, t);
      core->next_expiry = std::min(core->next_expiry, ExpiryOf(t, r.within_ns));
    } else {
      ++block[slots.counted];
    }
    int64_t* sum = core->words.data() + m.layout.dim_sum + 2 * r.dimension;
    const double sv = LoadDouble(sum);
    StoreDouble(sum, sv == 0 ? r.points : sv * DecayFactor(d, t - sum[1]) + r.points);
    sum[1] = t;
  }
  if (e.type >= 0 && !m.tracker_by_type.empty()) {
    const int tr = m.tracker_by_type[e.type];
    if (tr >= 0) PushTime(core, m.trackers[tr].times, t);
  }
  core->last_at = t;
  ++core->events;
  // Expired window events never count again: drop them now so queues stay
  // short, and take them out of their dimension's running sum.
  if (t >= core->next_expiry) {
    for (int i : m.within_rules) {
      const Rule& r = m.rules[i];
      const Dimension& d = m.dimensions[r.dimension];
      const double gone = Expire(r, m.layout.rules[i], d, t, core);
      if (gone == 0) continue;
      // Subtracted rather than recomputed rule by rule: the same rounding
      // as adding, at one exp2 instead of one per rule of the dimension.
      int64_t* sum = core->words.data() + m.layout.dim_sum + 2 * r.dimension;
      const double sv = LoadDouble(sum);
      StoreDouble(sum, (sv == 0 ? 0.0 : sv * DecayFactor(d, t - sum[1])) - r.points * gone);
      sum[1] = t;
    }
    RecomputeNextExpiry(m, core);
  }
  if (!m.lifecycle) return;
  const Lifecycle& lc = *m.lifecycle;
  // Forward-only and at or above every threshold's stage: no threshold can
  // move it, so the moment needs no snapshot unless its reported stage is
  // asked for and disqualify_when may read scores.
  // (Nor can a recycle rule, if none lists it in `from`; an event moment ends
  // a recycle's hold on the thresholds.)
  const bool stage_fixed = lc.forward_only && core->stage >= lc.top_threshold_stage &&
                           !lc.recyclable[core->stage];
  const bool report = moment != nullptr;
  if (stage_fixed) core->recycled = false;
  if (stage_fixed && !report) return;
  // Classification moment at t. The snapshot's buffers are reused per thread.
  thread_local Snapshot s;
  EvalEnv env;
  if (!stage_fixed || lc.disqualify_reads_scores) {
    FillSnapshot(m, *core, t, /*running_sums=*/true, &s);
    env = LifecycleEnv(m, lead, *core, s, t);
  } else {
    // Only attributes are read (disqualify_when, if any).
    env.attrs = &lead.attributes;
    env.model = &m;
    env.core = core;
    env.now = t;
  }
  int threshold = -1, recycle = -1;
  bool changed = false;
  if (!stage_fixed) {
    Tracked tr = TrackedOf(*core);
    changed = Classify(lc, MomentKind::kEvent, *core, t, &env, &tr, &threshold, &recycle);
    StoreTracked(tr, core);
  } else {
    SetStageEnvOf(*core, t, &env);
  }
  if (report) {
    const ReportedStage r =
        ReportStage(lc, lead, lead.consent.GrantedAt(FromEngineNanos(t)), env, core->stage);
    moment->reported = ReportedCode(r);
    const bool computed = changed && r.kind == StageKind::kComputed;
    moment->threshold = computed ? threshold : -1;
    moment->recycle = computed ? recycle : -1;
  }
}

int ReportedAt(const CompiledModel& m, const Lead& lead, const CoreState& core,
               int64_t now, std::vector<TimeMoment>* before) {
  if (!m.lifecycle) return kNoReportedStage;
  Snapshot s;
  TakeSnapshot(m, core, now, &s);
  int64_t since;
  EvalEnv env = LifecycleEnv(m, lead, core, s, now);
  return ReportedCode(ObserveStage(m, lead, core, &env, now,
                                   lead.consent.GrantedAt(FromEngineNanos(now)), &since,
                                   before));
}

void StageBeforeAsOf(const CompiledModel& m, const Lead& lead, const CoreState& core,
                     int64_t now, int* stage, int64_t* since) {
  Tracked tr = TrackedOf(core);
  if (!m.lifecycle->inactivity_ns.empty()) {
    InactivityMoments(m, lead, core, now, /*inclusive=*/true, &tr,
                      [](int64_t, int, const EvalEnv&) {});
  }
  *stage = tr.stage;
  *since = tr.since;
}

namespace {

// The scorecard's scores and grades, from the snapshot at as_of.
void ReadScores(const CompiledModel& m, const Snapshot& s, Scorecard* card) {
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
}

// The reported stage at as_of (classified at that moment without touching the
// state), its funnel position and the labels that hold.
void ReadStage(const CompiledModel& m, const Lead& lead, const CoreState& core,
               const Snapshot& s, int64_t as_of, Scorecard* card, ReportedStage* reported) {
  card->stage.reset();
  card->stage_kind = StageKind::kNone;
  card->stage_entered_at.reset();
  if (reported != nullptr) *reported = ReportedStage();
  card->funnel.reset();
  card->labels.clear();
  if (!m.lifecycle) return;
  const Lifecycle& lc = *m.lifecycle;
  EvalEnv env = LifecycleEnv(m, lead, core, s, as_of);
  int64_t since;
  const ReportedStage r =
      ObserveStage(m, lead, core, &env, as_of, card->valid, &since, nullptr);
  card->stage = ReportedStageName(lc, r);
  card->stage_kind = r.kind;
  if (r.kind == StageKind::kComputed) card->stage_entered_at = FromEngineNanos(since);
  if (r.is_stage()) {
    static const char* kFunnel[] = {"tofu", "mofu", "bofu"};
    if (lc.funnel[r.index] >= 0) card->funnel = kFunnel[lc.funnel[r.index]];
  }
  if (reported != nullptr) *reported = r;
  for (const Label& l : lc.labels) {
    if (Evaluate(l.when, env)) card->labels.push_back(l.name);
  }
}

// One explain entry per rule that holds or still counts an event at as_of,
// in model order.
void ReadExplain(const CompiledModel& m, const CoreState& core, int64_t as_of,
                 Scorecard* card) {
  for (size_t i = 0; i < m.rules.size(); ++i) {
    const Rule& r = m.rules[i];
    const RuleSlots& slots = m.layout.rules[i];
    const std::string& dim = m.dimensions[r.dimension].name;
    switch (r.kind) {
      case Rule::Kind::kAttribute:
        if (AttributeRuleHolds(m, core, i)) {
          card->explain.push_back({r.id, dim, r.points, std::nullopt});
        }
        break;
      case Rule::Kind::kPattern:
        if (PatternActive(r, slots, core, as_of)) {
          card->explain.push_back({r.id, dim, r.points, std::nullopt});
        }
        break;
      case Rule::Kind::kEvent: {
        int64_t count;
        const double v = EventRuleValue(r, slots, m.dimensions[r.dimension], core, as_of,
                                        &count);
        if (count > 0) card->explain.push_back({r.id, dim, r.points * v, count});
        break;
      }
    }
  }
}

}  // namespace

void ReadCore(const CompiledModel& m, const Lead& lead, const CoreState& core,
              int64_t as_of, bool explain, Scorecard* card, ReportedStage* reported) {
  const absl::Time as_of_time = FromEngineNanos(as_of);
  card->lead_id = lead.id;
  card->as_of = as_of_time;
  card->valid = lead.consent.GrantedAt(as_of_time);
  card->model_name = m.name;
  card->model_version = m.version;
  Snapshot s;
  TakeSnapshot(m, core, as_of, &s);
  ReadScores(m, s, card);
  ReadStage(m, lead, core, s, as_of, card, reported);
  card->explain.clear();
  if (explain) ReadExplain(m, core, as_of, card);
}

}  // namespace internal
}  // namespace leadscore
