// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Phrases and orders shared by the model diff report writers. Not API.

#ifndef LEADSCORE_SRC_REPORT_MODEL_DIFF_FORMAT_H_
#define LEADSCORE_SRC_REPORT_MODEL_DIFF_FORMAT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "leadscore/model_diff.h"

namespace leadscore {
namespace internal {

// The leads a report lists: changed (LeadDiff::changed()) or refused by
// either model. Order: refused by a model first, then those that change
// stage, then the others; within each, by decreasing |total delta|, then
// input order.
std::vector<const LeadDiff*> ReportedLeads(const ModelDiff& diff);

// A matrix label for people: the stage, or "(none)" for no stage.
std::string StageLabel(const std::string& stage);
std::string StageLabel(const std::optional<std::string>& stage);

// A signed delta for people: "+2.5", "-3", "0" (6 significant digits).
std::string SignedNumber(double d);

// "model 'b2b-saas' version '1'".
std::string DescribeModel(const std::string& name, const std::string& version);

// "refused by the new model: MESSAGE" and the like; "" when both scored it.
std::string DescribeRefusal(const LeadDiff& lead);

// One line about a listed lead without its id: "lead -> mql, total 38.5 ->
// 41.2 (+2.7)" or its refusal.
std::string DescribeLeadChange(const LeadDiff& lead);

// Up to `max` rule changes: "eng-pricing-page +10 (changed), fit-x -5
// (removed)", and ", ... (N more)".
std::string DescribeRuleChanges(const std::vector<RuleChange>& rules, size_t max);

// Summary lines: inputs, what changed, what was refused.
std::vector<std::string> SummaryLines(const ModelDiff& diff);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_REPORT_MODEL_DIFF_FORMAT_H_
