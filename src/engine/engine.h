// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The scoring engine proper: initial state, one event step, reading a
// scorecard. Everything here works on engine nanoseconds and compiled models.
// Not API: Scorer and BatchScorer are the public faces.

#ifndef LEADSCORE_SRC_ENGINE_H_
#define LEADSCORE_SRC_ENGINE_H_

#include <cstdint>
#include <vector>

#include "model/compiled_model.h"
#include "engine/condition_eval.h"
#include "engine/reported_stage.h"
#include "leadscore/event.h"
#include "engine/engine_state.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"

namespace leadscore {
namespace internal {

// The reported stage seen at one classification moment (StepCore), as a
// ReportedCode, and the threshold that took the computed stage up at that
// moment (-1: none did).
// A v1.1 inactivity moment at which a recycle rule changed the tracked
// stage: when, the reported stage there (a ReportedCode) and the rule.
struct TimeMoment {
  int64_t at = 0;
  int reported = kNoReportedStage;
  int recycle = -1;
};

struct MomentStage {
  int reported = kNoReportedStage;
  int threshold = -1;
  int recycle = -1;  // the recycle rule that changed the stage here (-1: none)
  // The inactivity moments between the previous event and this one at which
  // a recycle changed the stage, in time order (transitions with cause time).
  std::vector<TimeMoment> recycled_before;
};

// Everything thresholds and labels read at one moment.
struct Snapshot {
  std::vector<double> raw;     // unclamped sums per dimension
  std::vector<double> scores;  // clamped
  std::vector<int> grades;     // grade index per dimension, -1: none
  double total = 0;
};

// Which cap, if any, refuses a matching event of event rule `rule` at `t`
// given the state before it (spec section 8 order: max_per_lead, then
// max_per_window).
enum class CapVerdict { kCounted, kMaxPerLead, kMaxPerWindow };
CapVerdict JudgeCaps(const CompiledModel& m, const CoreState& core, uint32_t rule,
                     int64_t t);

// Whether attribute rule `rule` held when the state was initialised.
bool AttributeRuleHolds(const CompiledModel& m, const CoreState& core, size_t rule);

// Scores, total and grades of `core` as of `now` (>= core.last_at).
void TakeSnapshot(const CompiledModel& m, const CoreState& core, int64_t now,
                  Snapshot* s);

// The environment lifecycle conditions see at `now`.
EvalEnv LifecycleEnv(const CompiledModel& m, const Lead& lead,
                     const CoreState& core, const Snapshot& s, int64_t now);

// Sizes the state for the model and evaluates the attribute rules.
void InitCore(const CompiledModel& m, const Lead& lead, CoreState* core);

// Evaluates the attribute rules for `lead` again, replacing what an earlier
// evaluation left in `core` (the fit of a changed lead record).
void EvaluateAttributeRules(const CompiledModel& m, const Lead& lead, CoreState* core);

// Reduces `event` (already known to belong to `lead`) to a PreparedEvent:
// interned type and the event/pattern rules whose `on` and `when` hold. If
// `will_step` is given, the words of it that the event may touch are
// prefetched (a hint: the state is not read).
void PrepareEvent(const CompiledModel& m, const Lead& lead, const Event& event,
                  int64_t at, uint64_t seq, PreparedEvent* out,
                  const CoreState* will_step = nullptr);

// Applies one kept event, which must not sort before the previous one, then
// classifies at its time. If `moment` is not null (and the model has a
// lifecycle), the reported stage at that moment goes there: it costs a
// snapshot at moments that otherwise need none, so batch scoring without
// transitions passes null.
void StepCore(const CompiledModel& m, const Lead& lead, const EventStep& e,
              CoreState* core, MomentStage* moment);
inline void StepCore(const CompiledModel& m, const Lead& lead, const PreparedEvent& e,
                     CoreState* core, MomentStage* moment) {
  StepCore(m, lead, StepOf(e), core, moment);
}

// The reported stage (a ReportedCode) at `now` (>= core.last_at), seen as a
// scorecard as of `now` would report it, without changing the state;
// kNoReportedStage without a lifecycle. If `before` is given, the inactivity
// moments up to `now` at which a recycle changed the stage are appended to it.
int ReportedAt(const CompiledModel& m, const Lead& lead, const CoreState& core,
               int64_t now, std::vector<TimeMoment>* before = nullptr);

// The tracked computed stage (-1 before the first moment) and when it was
// entered, as held just before the as_of moment at `now` (>= core.last_at):
// after the inactivity moments up to `now`. What a threshold's exit_when and
// stage leaves see at that moment (explanations). Needs a lifecycle.
void StageBeforeAsOf(const CompiledModel& m, const Lead& lead, const CoreState& core,
                     int64_t now, int* stage, int64_t* since);

// Appends to `rules` the event/pattern rules whose `on` and `when` hold for
// `event`; returns the event's type id (-1: a type no rule names).
int MatchRules(const CompiledModel& m, const Lead& lead, const Event& event,
               std::vector<uint32_t>* rules);

// Fills `card` as of `as_of` (>= core.last_at). Does not modify the state.
// The reported stage (ReportStage) also goes to `reported` if not null.
void ReadCore(const CompiledModel& m, const Lead& lead, const CoreState& core,
              int64_t as_of, bool explain, Scorecard* card,
              ReportedStage* reported = nullptr);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ENGINE_H_
