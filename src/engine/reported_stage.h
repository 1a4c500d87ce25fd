// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The one place that turns the computed lifecycle stage into the reported
// one (spec 1, section 6): consent missing -> invalid, then disqualification,
// then a host-asserted stage at or above the computed one. Works on indices
// and StageKind; stage names are produced only where a scorecard is filled.

#ifndef LEADSCORE_SRC_ENGINE_REPORTED_STAGE_H_
#define LEADSCORE_SRC_ENGINE_REPORTED_STAGE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "engine/condition_eval.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

struct ReportedStage {
  StageKind kind = StageKind::kNone;
  int index = -1;  // in the lifecycle's stages for kHostAsserted and kComputed
  // Whether `index` names a stage of the lifecycle (host-asserted or computed).
  bool is_stage() const {
    return kind == StageKind::kHostAsserted || kind == StageKind::kComputed;
  }
};

// A reported stage as one int, what a state remembers to find transitions:
// the stage index for a stage (host-asserted or computed), or one of these.
inline constexpr int kNoReportedStage = -1;  // the model has no lifecycle
inline constexpr int kReportedInvalid = -2;
inline constexpr int kReportedDisqualified = -3;
int ReportedCode(const ReportedStage& r);
// The scorecard string of a code other than kNoReportedStage.
const std::string& ReportedCodeName(const Lifecycle& lc, int code);

// Index of stage `name` in `lc` (exact comparison), -1 if it has none.
int FindStageIndex(const Lifecycle& lc, absl::string_view name);

// The stage reported for `lead` whose computed stage at this moment is
// `computed` (a stage index, >= 0), given whether consent is granted and the
// lifecycle environment `env` of that moment (for disqualify_when).
ReportedStage ReportStage(const Lifecycle& lc, const Lead& lead, bool consent_granted,
                          const EvalEnv& env, int computed);

// The scorecard string of a reported stage: a stage name, "invalid" or
// "disqualified". Not for kNone.
const std::string& ReportedStageName(const Lifecycle& lc, const ReportedStage& r);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ENGINE_REPORTED_STAGE_H_
