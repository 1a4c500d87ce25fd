// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "report/backtest_format.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "util/number_format.h"

namespace leadscore {
namespace internal {

std::string Percent(std::optional<double> v, int decimals) {
  if (!v || !std::isfinite(*v)) return "-";
  return FixedNumber(*v * 100, decimals) + "%";
}

std::string Fixed(std::optional<double> v, int decimals) {
  if (!v || !std::isfinite(*v)) return "-";
  return FixedNumber(*v, decimals);
}

std::string DescribeTarget(const Recommendation& r, size_t leads) {
  switch (r.target) {
    case Recommendation::Target::kVolume:
      return absl::StrCat("top ", ShortestNumber(r.target_value), " leads");
    case Recommendation::Target::kFraction: {
      const size_t n = static_cast<size_t>(
          std::max(1.0, std::floor(r.target_value * static_cast<double>(leads) + 1e-9)));
      return absl::StrCat("top ", SignificantNumber(r.target_value * 100), "% of leads (", n,
                          " leads)");
    }
    case Recommendation::Target::kPrecision:
      return absl::StrCat("precision >= ", SignificantNumber(r.target_value * 100), "%");
  }
  return "";
}

std::string DescribeOutcome(const Recommendation& r) {
  std::string s = absl::StrCat("total >= ", ShortestNumber(r.suggested_threshold), ": ", r.passing,
                               r.passing == 1 ? " lead passes" : " leads pass",
                               ", precision ", Percent(r.precision), ", recall ",
                               Percent(r.recall));
  if (r.lift) absl::StrAppend(&s, ", lift ", Fixed(r.lift, 2));
  return s;
}

std::string DescribeMet(const Recommendation& r) {
  if (r.met) return "";
  switch (r.target) {
    case Recommendation::Target::kVolume:
    case Recommendation::Target::kFraction:
      return absl::StrCat("Not met: the ", r.passing,
                          " leads tied at the best score cannot be split by a threshold.");
    case Recommendation::Target::kPrecision:
      return absl::StrCat("Not met: no threshold reaches it; the best precision, ",
                          Percent(r.precision), ", is shown.");
  }
  return "";
}

std::string ThresholdJson(const Recommendation& r) {
  return absl::StrCat("{\"score\": \"total\", \"gte\": ", ShortestNumber(r.suggested_threshold),
                      "}");
}

std::vector<std::string> PopulationLines(const BacktestReport& report,
                                         const BacktestContext& context) {
  std::vector<std::string> lines;
  if (!context.population) {
    lines.push_back(absl::StrCat(report.leads, " leads evaluated"));
    return lines;
  }
  const PopulationStats& p = *context.population;
  lines.push_back(absl::StrCat(p.evaluated, " of ", p.scorecards,
                               " scored leads evaluated; ", p.converted, " converted (",
                               Percent(report.conversion_rate), ")"));
  std::vector<std::string> out;
  if (p.excluded_invalid > 0) {
    out.push_back(absl::StrCat(p.excluded_invalid, " without consent (stage invalid)"));
  }
  if (p.excluded_decided_before_as_of > 0) {
    out.push_back(absl::StrCat(p.excluded_decided_before_as_of,
                               " with an outcome dated at or before as-of"));
  }
  if (p.excluded_without_outcome > 0) {
    out.push_back(absl::StrCat(p.excluded_without_outcome, " without an outcome"));
  }
  if (!out.empty()) {
    std::string s = "left out: ";
    for (size_t i = 0; i < out.size(); ++i) absl::StrAppend(&s, i ? "; " : "", out[i]);
    lines.push_back(s);
  }
  if (p.without_outcome > 0) {
    lines.push_back(absl::StrCat(p.without_outcome,
                                 " evaluated leads have no outcome and count as not converted"));
  }
  if (p.decided_before_as_of_kept > 0) {
    lines.push_back(absl::StrCat(p.decided_before_as_of_kept,
                                 " evaluated leads have an outcome dated at or before as-of "
                                 "(kept on request)"));
  }
  if (context.population_options.include_invalid) {
    lines.push_back("leads without consent are evaluated (on request)");
  }
  if (!context.unknown_outcome_ids.empty()) {
    const auto& ids = context.unknown_outcome_ids;
    std::string s = absl::StrCat(ids.size(), ids.size() == 1 ? " outcome names" : " outcomes name",
                                 " no scored lead: ");
    for (size_t i = 0; i < ids.size() && i < 20; ++i) absl::StrAppend(&s, i ? ", " : "", ids[i]);
    if (ids.size() > 20) absl::StrAppend(&s, ", ... (", ids.size() - 20, " more)");
    lines.push_back(s);
  }
  return lines;
}

std::string DescribeScaling(const BacktestContext& context) {
  if (!context.scaling) return "";
  const PointsScaling& s = *context.scaling;
  std::string out = absl::StrCat("pdo ", SignificantNumber(s.pdo), ", base score ",
                                 SignificantNumber(s.base_score), " at odds ",
                                 SignificantNumber(s.base_odds));
  if (!context.scaling_source.empty()) absl::StrAppend(&out, ", from the ", context.scaling_source);
  return out;
}

}  // namespace internal
}  // namespace leadscore
