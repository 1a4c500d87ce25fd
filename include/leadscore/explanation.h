// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Explanation: a detailed account of one lead's scorecard, for people ("why is
// this an MQL?", "what is missing for SQL?").

#ifndef LEADSCORE_EXPLANATION_H_
#define LEADSCORE_EXPLANATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"

namespace leadscore {

// What one rule did for the lead, up to as_of.
struct RuleExplanation {
  enum class Kind { kAttribute, kEvent, kPattern };
  std::string rule;
  std::string dimension;
  Kind kind = Kind::kAttribute;
  double points = 0;     // contribution at as_of (after decay, before clamp)
  bool contributes = false;  // listed in the scorecard's explain
  // Event and pattern rules: events whose `on` and `when` held.
  int64_t matched = 0;
  // Event rules: matched events counted, refused by each cap, and counted
  // events that have since left `within_days`.
  int64_t counted = 0;
  int64_t cut_by_max_per_lead = 0;
  int64_t cut_by_max_per_window = 0;
  int64_t expired = 0;
};

// One leaf of a lifecycle condition, evaluated at as_of.
struct ConditionCheck {
  std::string text;  // e.g. `score fit >= 35`
  bool holds = false;
  // For a failing score leaf with gt/gte/between: points still missing.
  std::optional<double> missing_points;
};

struct ThresholdExplanation {
  std::string stage;
  int index = 0;      // in the model's lifecycle thresholds
  bool holds = false;  // at as_of
  std::vector<ConditionCheck> checks;  // its leaves, in order
};

struct Explanation {
  Scorecard scorecard;  // with explain entries
  std::vector<RuleExplanation> rules;            // every rule, model order
  std::vector<ThresholdExplanation> thresholds;  // every threshold
  // The first stage above the reported one that a threshold could give, and
  // the thresholds for it (empty when none, e.g. at the top or for invalid).
  std::optional<std::string> next_stage;
  std::vector<ThresholdExplanation> next_stage_thresholds;
};

// Explains `lead` with its whole history (any order, duplicates included) as
// of `as_of`. Same results as Scorer::ScoreHistory, plus the details above.
absl::StatusOr<Explanation> ExplainLead(const Scorer& scorer, const Lead& lead,
                                        absl::Span<const Event> events,
                                        absl::Time as_of);

// A readable, multi-line account of an explanation (what `leadscore explain`
// prints).
std::string FormatExplanation(const Explanation& explanation);

}  // namespace leadscore

#endif  // LEADSCORE_EXPLANATION_H_
