// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ModelDiffText: the plain-text model diff report.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "leadscore/report/model_diff_report.h"
#include "leadscore/time.h"
#include "report/model_diff_format.h"
#include "util/number_format.h"

namespace leadscore {

namespace {

using internal::SignedNumber;
using internal::SignificantNumber;
using internal::StageLabel;

void AppendMatrix(const StageMatrix& m, std::string* out) {
  absl::StrAppend(out, "\nStages (rows: old model, columns: new model; ", m.moved(),
                  m.moved() == 1 ? " lead moves" : " leads move", ")\n");
  if (m.stages.empty()) {
    absl::StrAppend(out, "  no lead was scored by both models\n");
    return;
  }
  size_t row_width = std::string("old \\ new").size();
  for (const std::string& s : m.stages) row_width = std::max(row_width, StageLabel(s).size());
  std::vector<size_t> widths;
  for (size_t j = 0; j < m.stages.size(); ++j) {
    size_t w = StageLabel(m.stages[j]).size();
    for (size_t i = 0; i < m.stages.size(); ++i) {
      w = std::max(w, absl::StrCat(m.counts[i][j]).size());
    }
    widths.push_back(w);
  }
  absl::StrAppend(out, "  ", absl::StrFormat("%-*s", static_cast<int>(row_width), "old \\ new"));
  for (size_t j = 0; j < m.stages.size(); ++j) {
    absl::StrAppend(out, "  ", absl::StrFormat("%*s", static_cast<int>(widths[j]),
                                               StageLabel(m.stages[j])));
  }
  out->push_back('\n');
  for (size_t i = 0; i < m.stages.size(); ++i) {
    absl::StrAppend(out, "  ", absl::StrFormat("%-*s", static_cast<int>(row_width),
                                               StageLabel(m.stages[i])));
    for (size_t j = 0; j < m.stages.size(); ++j) {
      // Empty cells as ".", so the moves stand out.
      const std::string cell = m.counts[i][j] == 0 ? "." : absl::StrCat(m.counts[i][j]);
      absl::StrAppend(out, "  ", absl::StrFormat("%*s", static_cast<int>(widths[j]), cell));
    }
    out->push_back('\n');
  }
}

void AppendDeltas(const ModelDiff& diff, std::string* out) {
  absl::StrAppend(out, "\nScore deltas (new - old) over ", diff.compared,
                  diff.compared == 1 ? " lead" : " leads", "\n");
  size_t name_width = std::string("dimension").size();
  for (const DeltaSummary& d : diff.dimensions) {
    name_width = std::max(name_width, d.dimension.size());
  }
  const int w = static_cast<int>(name_width);
  absl::StrAppend(out, absl::StrFormat("  %-*s %6s %6s %6s %9s %9s %9s %9s %9s %9s %9s\n", w,
                                       "dimension", "moved", "up", "down", "mean", "mean|d|",
                                       "median|d|", "max|d|", "p10", "p50", "p90"));
  const auto row = [&](const DeltaSummary& d) {
    absl::StrAppend(
        out, absl::StrFormat("  %-*s %6d %6d %6d %9s %9s %9s %9s %9s %9s %9s\n", w, d.dimension,
                             d.moved, d.up, d.down, SignificantNumber(d.mean_delta, 4),
                             SignificantNumber(d.mean_abs_delta, 4),
                             SignificantNumber(d.median_abs_delta, 4),
                             SignificantNumber(d.max_abs_delta, 4), SignificantNumber(d.p10, 4),
                             SignificantNumber(d.p50, 4), SignificantNumber(d.p90, 4)));
  };
  row(diff.total);
  for (const DeltaSummary& d : diff.dimensions) row(d);
}

void AppendRules(const ModelDiff& diff, size_t top, std::string* out) {
  if (diff.rules.empty() || top == 0) return;
  const size_t shown = std::min(top, diff.rules.size());
  absl::StrAppend(out, "\nRules behind the changes (", shown, " of ", diff.rules.size(),
                  ", by leads affected)\n");
  size_t rule_width = 4, dim_width = 9;
  for (size_t i = 0; i < shown; ++i) {
    rule_width = std::max(rule_width, diff.rules[i].rule.size());
    dim_width = std::max(dim_width, diff.rules[i].dimension.size());
  }
  for (size_t i = 0; i < shown; ++i) {
    const RuleImpact& r = diff.rules[i];
    std::string kinds;
    for (const auto& [n, name] : {std::pair<size_t, const char*>{r.changed, "changed"},
                                  {r.added, "added"},
                                  {r.removed, "removed"}}) {
      if (n > 0) absl::StrAppend(&kinds, kinds.empty() ? "" : ", ", n, " ", name);
    }
    absl::StrAppend(out, absl::StrFormat("  %-*s  %-*s  %6d %-5s  sum %s  (%s)\n",
                                         static_cast<int>(rule_width), r.rule,
                                         static_cast<int>(dim_width), r.dimension, r.leads,
                                         r.leads == 1 ? "lead" : "leads",
                                         SignedNumber(r.total_delta), kinds));
  }
}

void AppendLeads(const ModelDiff& diff, size_t top, std::string* out) {
  const std::vector<const LeadDiff*> leads = internal::ReportedLeads(diff);
  if (leads.empty() || top == 0) return;
  const size_t shown = std::min(top, leads.size());
  absl::StrAppend(out, "\nLeads (", shown, " of ", leads.size(),
                  "; refused first, then stage changes, then by |total delta|)\n");
  for (size_t i = 0; i < shown; ++i) {
    const LeadDiff& d = *leads[i];
    absl::StrAppend(out, "  ", d.lead_id, "  ", internal::DescribeLeadChange(d), "\n");
    if (!d.comparison.rules.empty()) {
      absl::StrAppend(out, "      rules: ", internal::DescribeRuleChanges(d.comparison.rules, 4),
                      "\n");
    }
  }
}

}  // namespace

std::string ModelDiffText(const ModelDiff& diff, const ModelDiffReportOptions& options) {
  std::string out;
  absl::StrAppend(&out, "Model diff: ", internal::DescribeModel(diff.old_name, diff.old_version),
                  " -> ", internal::DescribeModel(diff.new_name, diff.new_version),
                  ", as of ", FormatTimestamp(diff.as_of), "\n\n");
  for (const std::string& line : internal::SummaryLines(diff)) {
    absl::StrAppend(&out, line, "\n");
  }
  AppendMatrix(diff.stages, &out);
  AppendDeltas(diff, &out);
  AppendRules(diff, options.top, &out);
  AppendLeads(diff, options.top, &out);
  return out;
}

}  // namespace leadscore
