// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ShadowScorer: a live and a candidate Scorer side by side (shadow_scorer.h).

#include "leadscore/shadow_scorer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"

namespace leadscore {

namespace {

// The candidate's error, marked as the candidate's.
absl::Status CandidateError(const absl::Status& s) {
  return absl::Status(s.code(), absl::StrCat("candidate model: ", s.message()));
}

}  // namespace

ShadowScorer::ShadowScorer(Scorer live, Scorer candidate, ShadowOptions options)
    : live_(std::move(live)), candidate_(std::move(candidate)), options_(options) {
  if (!(options_.tolerance >= 0) || !std::isfinite(options_.tolerance)) {
    options_.tolerance = 0;
  }
}

absl::StatusOr<ShadowState> ShadowScorer::Start(const Lead& lead) const {
  absl::StatusOr<LeadState> live = live_.Start(lead);
  if (!live.ok()) return live.status();
  ShadowState state;
  state.live = *std::move(live);
  absl::StatusOr<LeadState> candidate = candidate_.Start(lead);
  if (candidate.ok()) {
    state.candidate = *std::move(candidate);
  } else {
    state.candidate_status = CandidateError(candidate.status());
  }
  return state;
}

absl::StatusOr<ShadowApplyResult> ShadowScorer::Apply(const Lead& lead, const Event& event,
                                                      ShadowState& state) const {
  absl::StatusOr<ApplyResult> live = live_.Apply(lead, event, state.live);
  if (!live.ok()) return live.status();
  ShadowApplyResult result;
  result.live = *std::move(live);
  if (state.candidate_status.ok()) {
    absl::StatusOr<ApplyResult> candidate = candidate_.Apply(lead, event, state.candidate);
    if (candidate.ok()) {
      result.candidate = *std::move(candidate);
    } else {
      state.candidate_status = CandidateError(candidate.status());
    }
  }
  if (options_.compare_on_apply) {
    // The live state has an event now: its newest is the earliest time a
    // scorecard may be read at.
    absl::StatusOr<std::optional<ShadowDisagreement>> d =
        Compare(lead, state, state.live.last_event_time());
    if (!d.ok()) return d.status();
    result.disagreement = *std::move(d);
  }
  return result;
}

absl::StatusOr<ShadowState> ShadowScorer::Rebuild(const Lead& lead,
                                                  absl::Span<const Event> events) const {
  absl::StatusOr<LeadState> live = live_.Rebuild(lead, events);
  if (!live.ok()) return live.status();
  ShadowState state;
  state.live = *std::move(live);
  absl::StatusOr<LeadState> candidate = candidate_.Rebuild(lead, events);
  if (candidate.ok()) {
    state.candidate = *std::move(candidate);
  } else {
    state.candidate_status = CandidateError(candidate.status());
  }
  return state;
}

absl::StatusOr<std::optional<ShadowDisagreement>> ShadowScorer::Compare(
    const Lead& lead, const ShadowState& state, absl::Time at) const {
  ScoreOptions score_options;
  score_options.explain = options_.explain;
  absl::StatusOr<Scorecard> live = live_.Score(lead, state.live, at, score_options);
  if (!live.ok()) return live.status();
  ShadowDisagreement d;
  d.lead_id = lead.id;
  d.at = at;
  d.candidate_status = state.candidate_status;
  if (d.candidate_status.ok()) {
    absl::StatusOr<Scorecard> candidate =
        candidate_.Score(lead, state.candidate, at, score_options);
    if (candidate.ok()) {
      d.candidate = *std::move(candidate);
    } else {
      d.candidate_status = CandidateError(candidate.status());
    }
  }
  if (d.candidate) {
    d.comparison = CompareScorecards(*live, *d.candidate, options_.tolerance);
    if (!d.comparison.changed()) return std::optional<ShadowDisagreement>();
  }
  d.live = *std::move(live);
  return std::optional<ShadowDisagreement>(std::move(d));
}

}  // namespace leadscore
