// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scorecard: a lead's scores, grades, stage and explanation as of a time
// (spec 1, section 6).

#ifndef LEADSCORE_SCORECARD_H_
#define LEADSCORE_SCORECARD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace leadscore {

// One dimension's score, clamped to its [min, max], and its grade.
struct DimensionScore {
  std::string dimension;
  double score = 0;
  std::optional<std::string> grade;  // none when no grade entry matches
};

// Why a score is what it is: one rule's contribution.
struct ExplainEntry {
  std::string rule;
  std::string dimension;
  double points = 0;             // after decay, before the dimension's clamp
  std::optional<int64_t> events;  // event rules: how many events counted
};

// Where a scorecard's reported stage comes from (spec 1, section 6).
enum class StageKind {
  kNone,          // the model has no lifecycle: no stage
  kInvalid,       // consent required and not granted at as_of: "invalid"
  kDisqualified,  // the lifecycle's disqualify_when holds: "disqualified"
  kHostAsserted,  // the lead's own stage, at or above the computed one
  kComputed,      // the stage the thresholds computed (forward-only)
};

// How fast a lead's scores moved: each number is the score at the
// scorecard's as_of minus the score at as_of - `days` days, both exactly as a
// scorecard as of that time reports them (docs/model-format.md, "Trends").
// Only the series calls fill it (Scorer::ScoreSeries,
// BatchScorer::ScoreSeries), when asked: a LeadState keeps no history.
struct ScoreVelocity {
  int days = 0;                    // the window D, in days of 24 hours
  double total = 0;                // total(as_of) - total(as_of - D)
  std::vector<double> dimensions;  // the same per dimension, model order
};

struct Scorecard {
  std::string lead_id;
  absl::Time as_of;
  bool valid = false;  // consent granted at as_of
  std::vector<DimensionScore> dimensions;  // model order
  double total = 0;                        // sum of weight * score
  // Lifecycle (all empty for a model without one). `stage` may also be
  // "invalid" or "disqualified".
  std::optional<std::string> stage;
  // Where `stage` comes from; kNone exactly when `stage` is empty. Not part
  // of the scorecard's JSON (which the stage string and stage_entered_at
  // already tell).
  StageKind stage_kind = StageKind::kNone;
  std::optional<absl::Time> stage_entered_at;  // null for host-asserted stages
  std::vector<std::string> labels;             // model order
  std::optional<std::string> funnel;           // "tofu", "mofu" or "bofu"
  std::vector<ExplainEntry> explain;           // model order; when asked
  std::optional<ScoreVelocity> velocity;       // when asked (series calls)
  std::string model_name;                      // the model that produced it
  std::string model_version;
};

}  // namespace leadscore

#endif  // LEADSCORE_SCORECARD_H_
