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

struct Scorecard {
  std::string lead_id;
  absl::Time as_of;
  bool valid = false;  // consent granted at as_of
  std::vector<DimensionScore> dimensions;  // model order
  double total = 0;                        // sum of weight * score
  // Lifecycle (all empty for a model without one). `stage` may also be
  // "invalid" or "disqualified".
  std::optional<std::string> stage;
  std::optional<absl::Time> stage_entered_at;  // null for host-asserted stages
  std::vector<std::string> labels;             // model order
  std::optional<std::string> funnel;           // "tofu", "mofu" or "bofu"
  std::vector<ExplainEntry> explain;           // model order; when asked
  std::string model_name;                      // the model that produced it
  std::string model_version;
};

}  // namespace leadscore

#endif  // LEADSCORE_SCORECARD_H_
