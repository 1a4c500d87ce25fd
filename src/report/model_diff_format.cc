// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "report/model_diff_format.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "util/number_format.h"

namespace leadscore {
namespace internal {

namespace {

int Group(const LeadDiff& d) {
  if (!d.scored_by_both()) return 0;
  if (d.comparison.stage_changed) return 1;
  return 2;
}

double AbsTotalDelta(const LeadDiff& d) {
  return d.scored_by_both() ? std::abs(d.comparison.total_delta()) : 0;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

}  // namespace

std::vector<const LeadDiff*> ReportedLeads(const ModelDiff& diff) {
  std::vector<const LeadDiff*> out;
  for (const LeadDiff& d : diff.leads) {
    if (d.changed() || !d.scored_by_both()) out.push_back(&d);
  }
  std::stable_sort(out.begin(), out.end(), [](const LeadDiff* a, const LeadDiff* b) {
    if (Group(*a) != Group(*b)) return Group(*a) < Group(*b);
    return AbsTotalDelta(*a) > AbsTotalDelta(*b);
  });
  return out;
}

std::string StageLabel(const std::string& stage) { return stage.empty() ? "(none)" : stage; }

std::string StageLabel(const std::optional<std::string>& stage) {
  return StageLabel(stage.value_or(""));
}

std::string SignedNumber(double d) {
  if (d == 0) return "0";
  return absl::StrCat(d > 0 ? "+" : "", SignificantNumber(d));
}

std::string DescribeModel(const std::string& name, const std::string& version) {
  return absl::StrCat("model '", name, "' version '", version, "'");
}

std::string DescribeRefusal(const LeadDiff& d) {
  if (!d.old_card && !d.new_card) {
    return absl::StrCat("refused by both models: ", d.old_status.message());
  }
  if (!d.old_card) return absl::StrCat("refused by the old model: ", d.old_status.message());
  if (!d.new_card) return absl::StrCat("refused by the new model: ", d.new_status.message());
  return "";
}

std::string DescribeLeadChange(const LeadDiff& d) {
  if (!d.scored_by_both()) return DescribeRefusal(d);
  const ScorecardComparison& c = d.comparison;
  std::string s;
  if (c.stage_changed) {
    absl::StrAppend(&s, StageLabel(c.old_stage), " -> ", StageLabel(c.new_stage));
  } else {
    absl::StrAppend(&s, StageLabel(c.old_stage));
  }
  absl::StrAppend(&s, ", total ", SignificantNumber(c.old_total), " -> ",
                  SignificantNumber(c.new_total), " (", SignedNumber(c.total_delta()), ")");
  return s;
}

std::string DescribeRuleChanges(const std::vector<RuleChange>& rules, size_t max) {
  std::string s;
  for (size_t i = 0; i < rules.size() && i < max; ++i) {
    absl::StrAppend(&s, i ? ", " : "", rules[i].rule, " ", SignedNumber(rules[i].delta()));
    if (rules[i].kind != RuleChange::Kind::kChanged) {
      absl::StrAppend(&s, " (", RuleChangeKindName(rules[i].kind), ")");
    }
  }
  if (rules.size() > max) absl::StrAppend(&s, ", ... (", rules.size() - max, " more)");
  return s;
}

std::vector<std::string> SummaryLines(const ModelDiff& diff) {
  std::vector<std::string> lines;
  lines.push_back(absl::StrCat(Plural(diff.lead_count, "lead", "leads"), ", ",
                               Plural(diff.event_count, "event", "events"), "; ",
                               diff.compared, " scored by both models"));
  std::string changed = absl::StrCat(Plural(diff.changed, "lead changes", "leads change"), ": ",
                                     diff.stage_changed, " change stage, ", diff.score_changed,
                                     " change score");
  if (diff.tolerance > 0) {
    absl::StrAppend(&changed, " (by more than ", SignificantNumber(diff.tolerance), ")");
  }
  absl::StrAppend(&changed, ", ", diff.grade_changed, " change grade");
  lines.push_back(changed);
  if (diff.refused_by_old + diff.refused_by_new + diff.refused_by_both > 0) {
    lines.push_back(absl::StrCat("refused: ", diff.refused_by_old, " by the old model only, ",
                                 diff.refused_by_new, " by the new model only, ",
                                 diff.refused_by_both, " by both (listed below)"));
  }
  if (diff.events_after_as_of > 0) {
    lines.push_back(absl::StrCat(Plural(diff.events_after_as_of, "event", "events"),
                                 " after as-of not counted"));
  }
  if (diff.unknown_lead_events > 0) {
    lines.push_back(absl::StrCat(Plural(diff.unknown_lead_events, "event names", "events name"),
                                 " no given lead"));
  }
  return lines;
}

}  // namespace internal
}  // namespace leadscore
