// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Score groups and recommended thresholds (score_groups.h).

#include "backtest/score_groups.h"

#include <algorithm>
#include <cmath>

namespace leadscore {
namespace internal {
namespace {

// The shortest decimal x with lower < x <= t (lower may be -infinity).
double ShortestThreshold(double t, double lower) {
  for (int d = -6; d <= 17; ++d) {
    const double scale = std::pow(10.0, d);
    const double x = std::floor(t * scale) / scale;
    if (std::isfinite(x) && x <= t && x > lower) return x == 0 ? 0.0 : x;
  }
  return t;
}

Recommendation MakeRecommendation(Recommendation::Target target, double value,
                                  const std::vector<Group>& groups, size_t k,
                                  bool met, size_t total_converted,
                                  double base_rate) {
  Recommendation r;
  r.target = target;
  r.target_value = value;
  r.met = met;
  r.threshold = groups[k].score;
  // Below the lowest score, any value up to one point lower passes everyone.
  const double lower = k + 1 < groups.size() ? groups[k + 1].score : r.threshold - 1;
  r.suggested_threshold = ShortestThreshold(r.threshold, lower);
  r.passing = groups[k].end;
  for (size_t i = 0; i <= k; ++i) r.converted_passing += groups[i].converted;
  r.precision = Ratio(static_cast<double>(r.converted_passing), static_cast<double>(r.passing));
  r.recall = Ratio(static_cast<double>(r.converted_passing), static_cast<double>(total_converted));
  if (r.precision && base_rate > 0) r.lift = *r.precision / base_rate;
  return r;
}

// The last group index whose cumulative count is <= n; the first group if
// even that one is larger (met = false).
Recommendation RecommendVolume(Recommendation::Target target, double value, size_t n,
                               const std::vector<Group>& groups, size_t total_converted,
                               double base_rate) {
  size_t k = 0;
  bool met = groups[0].end <= n;
  if (met) {
    while (k + 1 < groups.size() && groups[k + 1].end <= n) ++k;
  }
  return MakeRecommendation(target, value, groups, k, met, total_converted, base_rate);
}

Recommendation RecommendPrecision(double p, const std::vector<Group>& groups,
                                  size_t total_converted, double base_rate) {
  std::optional<size_t> best_met;
  size_t best = 0;
  double best_precision = -1;
  size_t cum_converted = 0;
  for (size_t k = 0; k < groups.size(); ++k) {
    cum_converted += groups[k].converted;
    const double precision =
        static_cast<double>(cum_converted) / static_cast<double>(groups[k].end);
    // Compare in counts to avoid a rounding miss at exactly the target.
    if (static_cast<double>(cum_converted) >= p * static_cast<double>(groups[k].end) -
                                                  1e-9 * static_cast<double>(groups[k].end)) {
      best_met = k;
    }
    if (precision >= best_precision) {
      best_precision = precision;
      best = k;
    }
  }
  return MakeRecommendation(Recommendation::Target::kPrecision, p, groups,
                            best_met ? *best_met : best, best_met.has_value(),
                            total_converted, base_rate);
}

}  // namespace

std::optional<double> Ratio(double num, double den) {
  if (den <= 0) return std::nullopt;
  return num / den;
}

std::vector<Group> GroupByScore(const std::vector<const BacktestLead*>& sorted) {
  std::vector<Group> groups;
  for (size_t i = 0; i < sorted.size();) {
    Group g{sorted[i]->score, i, i, 0};
    while (g.end < sorted.size() && sorted[g.end]->score == g.score) {
      g.converted += sorted[g.end]->converted ? 1 : 0;
      ++g.end;
    }
    i = g.end;
    groups.push_back(g);
  }
  return groups;
}

std::vector<Recommendation> Recommend(const BacktestOptions& options,
                                      const std::vector<Group>& groups, size_t leads,
                                      size_t converted, double base_rate) {
  std::vector<Recommendation> out;
  if (options.target_volume) {
    out.push_back(RecommendVolume(Recommendation::Target::kVolume,
                                  static_cast<double>(*options.target_volume),
                                  *options.target_volume, groups, converted, base_rate));
  }
  if (options.target_fraction) {
    const double f = *options.target_fraction;
    // floor, with a little slack for fractions like 0.3 * 10 = 2.9999...
    size_t n = static_cast<size_t>(std::floor(f * static_cast<double>(leads) + 1e-9));
    n = std::max<size_t>(n, 1);
    out.push_back(
        RecommendVolume(Recommendation::Target::kFraction, f, n, groups, converted, base_rate));
  }
  if (options.target_precision) {
    out.push_back(RecommendPrecision(*options.target_precision, groups, converted, base_rate));
  }
  return out;
}

}  // namespace internal
}  // namespace leadscore
