// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BacktestReportText: the plain-text backtest report.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "report/backtest_format.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/time.h"

namespace leadscore {

using internal::Fixed;
using internal::Percent;
using internal::SignificantNumber;

std::string BacktestReportText(const BacktestReport& r, const BacktestContext& c) {
  std::string out;
  absl::StrAppend(&out, "Backtest of model '", c.model_name, "' version '", c.model_version,
                  "', scores as of ", FormatTimestamp(c.as_of), "\n\n");

  for (const std::string& line : internal::PopulationLines(r, c)) {
    absl::StrAppend(&out, line, "\n");
  }

  absl::StrAppend(&out, "\nRanking by total score\n");
  absl::StrAppend(&out, "  ROC AUC        ", Fixed(r.auc, 4),
                  r.auc ? "  (0.5: random order; 1: every converted lead ranks first)"
                        : "  (undefined: needs converted and not converted leads)",
                  "\n");
  if (!r.dimension_auc.empty()) {
    std::string dims;
    for (size_t i = 0; i < r.dimension_auc.size(); ++i) {
      absl::StrAppend(&dims, i ? ", " : "", r.dimension_auc[i].dimension, " ",
                      Fixed(r.dimension_auc[i].auc, 4));
    }
    absl::StrAppend(&out, "  by dimension   ", dims, "\n");
  }
  if (r.log_loss) {
    absl::StrAppend(&out, "  log loss       ", Fixed(r.log_loss, 4),
                    "  (probability from points: ", internal::DescribeScaling(c), ")\n");
    absl::StrAppend(&out, "  Brier score    ", Fixed(r.brier, 4), "\n");
  }

  const bool predicted = r.log_loss.has_value();
  absl::StrAppend(&out,
                  "\nDeciles by total score (1 = highest; leads with equal scores share a "
                  "decile)\n");
  absl::StrAppend(&out, "  decile   leads  converted     rate    lift  capture",
                  predicted ? "  predicted" : "", "  scores\n");
  for (const DecileRow& d : r.deciles) {
    std::string range = "-";
    if (d.min_score) {
      range = *d.min_score == *d.max_score
                  ? SignificantNumber(*d.min_score)
                  : absl::StrCat(SignificantNumber(*d.min_score), " to ",
                                 SignificantNumber(*d.max_score));
    }
    absl::StrAppend(&out,
                    absl::StrFormat("  %6d  %6u  %9u  %7s  %6s  %7s", d.decile, d.leads,
                                    d.converted, Percent(d.conversion_rate),
                                    Fixed(d.lift, 2), Percent(d.cumulative_recall)));
    if (predicted) absl::StrAppend(&out, absl::StrFormat("  %9s", Percent(d.mean_probability)));
    absl::StrAppend(&out, "  ", range, "\n");
  }

  if (!r.stages.empty()) {
    size_t w = 5;
    for (const StageRow& s : r.stages) w = std::max(w, s.stage.size());
    absl::StrAppend(&out,
                    "\nStages as thresholds (a lead passes a stage when its stage is that one "
                    "or higher)\n");
    absl::StrAppend(&out, absl::StrFormat("  %-*s  %7s  %9s  %9s  %7s  %6s\n",
                                          static_cast<int>(w), "stage", "passing",
                                          "converted", "precision", "recall", "lift"));
    for (const StageRow& s : r.stages) {
      absl::StrAppend(&out, absl::StrFormat("  %-*s  %7u  %9u  %9s  %7s  %6s\n",
                                            static_cast<int>(w), s.stage, s.passing,
                                            s.converted_passing, Percent(s.precision),
                                            Percent(s.recall), Fixed(s.lift, 2)));
    }
  }

  if (!r.recommendations.empty()) {
    absl::StrAppend(&out, "\nRecommended thresholds on the total score\n");
    for (const Recommendation& rec : r.recommendations) {
      absl::StrAppend(&out, "  ", internal::DescribeTarget(rec, r.leads), ": ",
                      internal::DescribeOutcome(rec), "\n");
      const std::string met = internal::DescribeMet(rec);
      if (!met.empty()) absl::StrAppend(&out, "    ", met, "\n");
      absl::StrAppend(&out, "    as a lifecycle threshold: ", internal::ThresholdJson(rec),
                      "\n");
    }
  }

  if (!r.top_leads.empty()) {
    absl::StrAppend(&out, "\nHighest-scored leads\n");
    for (const BacktestLead& l : r.top_leads) {
      absl::StrAppend(&out, "  ", l.lead_id, "  total ", SignificantNumber(l.score), "  stage ",
                      l.stage.value_or("-"), "  ", l.converted ? "converted" : "not converted",
                      "\n");
    }
  }

  if (!r.notes.empty()) {
    absl::StrAppend(&out, "\nNotes\n");
    for (const std::string& n : r.notes) absl::StrAppend(&out, "  ", n, "\n");
  }
  return out;
}

}  // namespace leadscore
