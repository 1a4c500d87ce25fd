// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// TransitionChain: the one place that turns the reported stage seen at
// successive moments into Transitions. Scorer (Apply, Advance, UpdateLead,
// Rebuild) and BatchScorer (Score with transitions) both use it, so a batch
// run and a live scorer fed the same events produce the same transitions.
// Not API.

#ifndef LEADSCORE_SRC_SCORING_TRANSITION_CHAIN_H_
#define LEADSCORE_SRC_SCORING_TRANSITION_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "engine/engine.h"
#include "engine/reported_stage.h"
#include "leadscore/lead.h"
#include "leadscore/time.h"
#include "leadscore/transition.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// A change from the stage last seen (`*anchor`, a ReportedCode, which it
// keeps up to date) is one transition. So one lead's transitions always
// chain, whatever path (in order, merged, advanced, updated, batch) saw the
// moments. The anchor of a lead that has seen nothing yet is 0, the
// lifecycle's first stage (kNoReportedStage without a lifecycle: then
// nothing is ever reported).
class TransitionChain {
 public:
  TransitionChain(const CompiledModel& m, const Lead& lead, int* anchor,
                  std::vector<Transition>* out)
      : m_(m), lead_(lead), anchor_(anchor), out_(out) {}

  // The reported stage `reported` (a ReportedCode) seen at `at` (engine
  // nanoseconds); `threshold` as MomentStage::threshold; `event_id` the id
  // of the event of a kEvent moment, if it has one.
  // (The common case, no change, is inline; Emit is not.)
  // `recycle` as MomentStage::recycle.
  void See(int reported, int threshold, int64_t at, TransitionCause cause,
           std::optional<absl::string_view> event_id, int recycle = -1) {
    if (reported == kNoReportedStage || reported == *anchor_) return;
    Emit(reported, threshold, at, cause, event_id, recycle);
  }

  // The v1.1 inactivity moments at which a recycle changed the stage (cause
  // time), in time order.
  void SeeRecycles(const std::vector<TimeMoment>& moments) {
    for (const TimeMoment& t : moments) {
      See(t.reported, -1, t.at, TransitionCause::kTime, std::nullopt, t.recycle);
    }
  }

 private:
  __attribute__((noinline)) void Emit(int reported, int threshold, int64_t at,
                                      TransitionCause cause,
                                      std::optional<absl::string_view> event_id,
                                      int recycle) {
    const Lifecycle& lc = *m_.lifecycle;
    Transition t;
    t.lead_id = lead_.id;
    t.from = ReportedCodeName(lc, *anchor_);
    t.to = ReportedCodeName(lc, reported);
    t.at = FromEngineNanos(at);
    t.cause = cause;
    if (event_id) t.event_id = std::string(*event_id);
    t.model_name = m_.name;
    t.model_version = m_.version;
    t.threshold = threshold;
    t.recycle = recycle;
    out_->push_back(std::move(t));
    *anchor_ = reported;
  }

  const CompiledModel& m_;
  const Lead& lead_;
  int* anchor_;
  std::vector<Transition>* out_;
};

// The anchor of a lead that has seen no moment yet.
inline int FirstReportedCode(const CompiledModel& m) {
  return m.lifecycle ? 0 : kNoReportedStage;
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_SCORING_TRANSITION_CHAIN_H_
