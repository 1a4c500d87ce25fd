// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "engine/reported_stage.h"

namespace leadscore {
namespace internal {

int FindStageIndex(const Lifecycle& lc, absl::string_view name) {
  for (size_t i = 0; i < lc.stages.size(); ++i) {
    if (lc.stages[i] == name) return static_cast<int>(i);
  }
  return -1;
}

ReportedStage ReportStage(const Lifecycle& lc, const Lead& lead, bool consent_granted,
                          const EvalEnv& env, int computed) {
  const int host = lead.stage ? FindStageIndex(lc, *lead.stage) : -1;
  if (lc.require_consent && !consent_granted) return {StageKind::kInvalid, -1};
  // A host-asserted stage overrides disqualification (spec section 6).
  if (host < 0 && lc.disqualify_when && Evaluate(*lc.disqualify_when, env)) {
    return {StageKind::kDisqualified, -1};
  }
  if (host >= 0 && host >= computed) return {StageKind::kHostAsserted, host};
  return {StageKind::kComputed, computed};
}

const std::string& ReportedStageName(const Lifecycle& lc, const ReportedStage& r) {
  static const std::string kInvalid = "invalid", kDisqualified = "disqualified";
  switch (r.kind) {
    case StageKind::kInvalid: return kInvalid;
    case StageKind::kDisqualified: return kDisqualified;
    default: return lc.stages[r.index];
  }
}

int ReportedCode(const ReportedStage& r) {
  switch (r.kind) {
    case StageKind::kNone: return kNoReportedStage;
    case StageKind::kInvalid: return kReportedInvalid;
    case StageKind::kDisqualified: return kReportedDisqualified;
    default: return r.index;
  }
}

const std::string& ReportedCodeName(const Lifecycle& lc, int code) {
  if (code == kReportedInvalid) return ReportedStageName(lc, {StageKind::kInvalid, -1});
  if (code == kReportedDisqualified) {
    return ReportedStageName(lc, {StageKind::kDisqualified, -1});
  }
  return lc.stages[code];
}

}  // namespace internal
}  // namespace leadscore
