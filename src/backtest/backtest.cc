// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/backtest/backtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace leadscore {
namespace {

std::optional<double> Ratio(double num, double den) {
  if (den <= 0) return std::nullopt;
  return num / den;
}

// Leads sorted by score, highest first, as runs of equal scores.
struct Group {
  double score;
  size_t begin;  // position in the sorted order
  size_t end;
  size_t converted;
};

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

absl::Status CheckOptions(const BacktestOptions& o) {
  if (o.scaling) {
    const PointsScaling& s = *o.scaling;
    if (!std::isfinite(s.pdo) || s.pdo <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("scaling: pdo must be a positive number, got ", s.pdo));
    }
    if (!std::isfinite(s.base_odds) || s.base_odds <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("scaling: base_odds must be a positive number, got ", s.base_odds));
    }
    if (!std::isfinite(s.base_score)) {
      return absl::InvalidArgumentError("scaling: base_score must be finite");
    }
  }
  if (o.target_volume && *o.target_volume == 0) {
    return absl::InvalidArgumentError("target volume must be at least 1 lead");
  }
  if (o.target_fraction && !(*o.target_fraction > 0 && *o.target_fraction <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("target fraction must be in (0, 1], got ", *o.target_fraction));
  }
  if (o.target_precision && !(*o.target_precision > 0 && *o.target_precision <= 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("target precision must be in (0, 1], got ", *o.target_precision));
  }
  if (o.histogram_bins < 1 || o.histogram_bins > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat("histogram_bins must be from 1 to 1000, got ", o.histogram_bins));
  }
  if (o.max_roc_points < 2) {
    return absl::InvalidArgumentError("max_roc_points must be at least 2");
  }
  return absl::OkStatus();
}

std::vector<RocPoint> RocCurve(const std::vector<Group>& groups, size_t pos, size_t neg,
                               size_t max_points) {
  std::vector<RocPoint> all;
  all.push_back(RocPoint{std::nullopt, 0, 0});
  size_t tp = 0, fp = 0;
  for (const Group& g : groups) {
    tp += g.converted;
    fp += (g.end - g.begin) - g.converted;
    all.push_back(RocPoint{g.score, static_cast<double>(fp) / static_cast<double>(neg),
                           static_cast<double>(tp) / static_cast<double>(pos)});
  }
  // Thin: keep a point when it moved at least 1/max_points on either axis
  // since the last kept one; always keep both ends.
  const double step = 1.0 / static_cast<double>(max_points);
  std::vector<RocPoint> kept;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i == 0 || i + 1 == all.size() ||
        std::fabs(all[i].fpr - kept.back().fpr) >= step ||
        std::fabs(all[i].tpr - kept.back().tpr) >= step) {
      kept.push_back(all[i]);
    }
  }
  return kept;
}

}  // namespace


absl::StatusOr<BacktestReport> RunBacktest(absl::Span<const BacktestLead> leads,
                                           const BacktestOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  if (leads.empty()) {
    return absl::InvalidArgumentError(
        "no lead to evaluate: a backtest needs at least one scored lead with an outcome");
  }
  const size_t dims = options.dimensions.size();
  bool with_dimensions = dims > 0;
  for (const BacktestLead& l : leads) {
    if (!std::isfinite(l.score)) {
      return absl::InvalidArgumentError(
          absl::StrCat("lead '", l.lead_id, "': score is not a finite number"));
    }
    if (!l.dimension_scores.empty() && l.dimension_scores.size() != dims) {
      return absl::InvalidArgumentError(absl::StrCat(
          "lead '", l.lead_id, "': ", l.dimension_scores.size(),
          " dimension scores for ", dims, " dimensions"));
    }
    if (l.dimension_scores.empty()) with_dimensions = false;
  }

  BacktestReport r;
  r.leads = leads.size();
  for (const BacktestLead& l : leads) r.converted += l.converted ? 1 : 0;
  const size_t pos = r.converted, neg = r.leads - r.converted;
  r.conversion_rate = static_cast<double>(pos) / static_cast<double>(r.leads);
  const double base_rate = r.conversion_rate;
  if (pos == 0) {
    r.notes.push_back(
        "No lead converted: AUC, lift and recall are undefined. Check that the outcomes "
        "file names these leads and that conversions are marked \"converted\": true.");
  } else if (neg == 0) {
    r.notes.push_back(
        "Every lead converted: AUC is undefined (there is nothing to rank against) and "
        "every lift is 1.");
  }

  // Sort by score, highest first; ties by input order (which no metric sees:
  // tied leads are always counted together).
  std::vector<const BacktestLead*> sorted;
  sorted.reserve(leads.size());
  for (const BacktestLead& l : leads) sorted.push_back(&l);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const BacktestLead* a, const BacktestLead* b) {
                     return a->score > b->score;
                   });
  const std::vector<Group> groups = GroupByScore(sorted);
  for (size_t i = 0; i < sorted.size() && i < options.top_leads; ++i) {
    r.top_leads.push_back(*sorted[i]);
  }

  // AUC, overall and per dimension.
  {
    std::vector<double> p_scores, n_scores;
    for (const BacktestLead& l : leads) (l.converted ? p_scores : n_scores).push_back(l.score);
    r.auc = RocAuc(p_scores, n_scores);
    if (r.auc) r.roc = RocCurve(groups, pos, neg, options.max_roc_points);
    if (with_dimensions) {
      for (size_t d = 0; d < dims; ++d) {
        p_scores.clear();
        n_scores.clear();
        for (const BacktestLead& l : leads) {
          (l.converted ? p_scores : n_scores).push_back(l.dimension_scores[d]);
        }
        r.dimension_auc.push_back(DimensionAuc{options.dimensions[d], RocAuc(p_scores, n_scores)});
      }
    }
  }

  // Log loss and Brier score.
  if (options.scaling) {
    double ll = 0, brier = 0;
    constexpr double kEps = 1e-15;
    for (const BacktestLead& l : leads) {
      const double p = options.scaling->Probability(l.score);
      const double q = std::clamp(l.converted ? p : 1 - p, kEps, 1.0);
      ll -= std::log(q);
      const double err = p - (l.converted ? 1.0 : 0.0);
      brier += err * err;
    }
    r.log_loss = ll / static_cast<double>(r.leads);
    r.brier = brier / static_cast<double>(r.leads);
  }

  // Deciles: a tie group goes to the decile holding the middle of its ranks.
  {
    r.deciles.resize(10);
    std::vector<double> prob_sum(10, 0);
    const size_t n = sorted.size();
    for (const Group& g : groups) {
      const size_t twice_mid = g.begin + g.end - 1;  // 2 * middle position
      const size_t d = std::min<size_t>(9, (10 * twice_mid) / (2 * n));
      DecileRow& row = r.deciles[d];
      row.leads += g.end - g.begin;
      row.converted += g.converted;
      row.max_score = row.max_score ? std::max(*row.max_score, g.score) : g.score;
      row.min_score = row.min_score ? std::min(*row.min_score, g.score) : g.score;
      if (options.scaling) {
        prob_sum[d] += options.scaling->Probability(g.score) * static_cast<double>(g.end - g.begin);
      }
    }
    size_t cum_leads = 0, cum_conv = 0;
    for (int d = 0; d < 10; ++d) {
      DecileRow& row = r.deciles[d];
      row.decile = d + 1;
      row.conversion_rate =
          Ratio(static_cast<double>(row.converted), static_cast<double>(row.leads));
      if (row.conversion_rate && base_rate > 0) row.lift = *row.conversion_rate / base_rate;
      cum_leads += row.leads;
      cum_conv += row.converted;
      row.cumulative_leads = cum_leads;
      row.cumulative_converted = cum_conv;
      row.cumulative_recall = Ratio(static_cast<double>(cum_conv), static_cast<double>(pos));
      if (options.scaling && row.leads > 0) {
        row.mean_probability = prob_sum[d] / static_cast<double>(row.leads);
      }
    }
  }

  // Stages.
  if (!options.stages.empty()) {
    absl::flat_hash_map<std::string, size_t> index;
    for (size_t i = 0; i < options.stages.size(); ++i) index.emplace(options.stages[i], i);
    std::vector<size_t> at_least(options.stages.size() + 1, 0);
    std::vector<size_t> conv_at_least(options.stages.size() + 1, 0);
    for (const BacktestLead& l : leads) {
      if (!l.stage) continue;
      auto it = index.find(*l.stage);
      if (it == index.end()) continue;  // invalid, disqualified
      ++at_least[it->second];
      if (l.converted) ++conv_at_least[it->second];
    }
    // Suffix sums: leads at this stage or above.
    for (size_t i = options.stages.size(); i-- > 0;) {
      at_least[i] += at_least[i + 1];
      conv_at_least[i] += conv_at_least[i + 1];
    }
    for (size_t i = 0; i < options.stages.size(); ++i) {
      StageRow row;
      row.stage = options.stages[i];
      row.passing = at_least[i];
      row.converted_passing = conv_at_least[i];
      row.precision =
          Ratio(static_cast<double>(row.converted_passing), static_cast<double>(row.passing));
      row.recall = Ratio(static_cast<double>(row.converted_passing), static_cast<double>(pos));
      if (row.precision && base_rate > 0) row.lift = *row.precision / base_rate;
      r.stages.push_back(std::move(row));
    }
  }

  // Recommendations.
  if (options.target_volume) {
    r.recommendations.push_back(RecommendVolume(
        Recommendation::Target::kVolume, static_cast<double>(*options.target_volume),
        *options.target_volume, groups, pos, base_rate));
  }
  if (options.target_fraction) {
    const double f = *options.target_fraction;
    // floor, with a little slack for fractions like 0.3 * 10 = 2.9999...
    size_t n = static_cast<size_t>(std::floor(f * static_cast<double>(r.leads) + 1e-9));
    n = std::max<size_t>(n, 1);
    r.recommendations.push_back(RecommendVolume(Recommendation::Target::kFraction, f, n,
                                                groups, pos, base_rate));
  }
  if (options.target_precision) {
    r.recommendations.push_back(
        RecommendPrecision(*options.target_precision, groups, pos, base_rate));
  }

  // Histogram.
  {
    ScoreHistogram& h = r.histogram;
    h.hi = groups.front().score;
    h.lo = groups.back().score;
    const int bins = options.histogram_bins;
    h.width = h.hi > h.lo ? (h.hi - h.lo) / bins : 1.0;
    if (!(h.width > 0) || !std::isfinite(h.width)) h.width = 1.0;
    h.converted.assign(bins, 0);
    h.not_converted.assign(bins, 0);
    for (const Group& g : groups) {
      double b = std::floor((g.score - h.lo) / h.width);
      if (!std::isfinite(b) || b < 0) b = 0;
      const size_t bin = std::min<size_t>(bins - 1, static_cast<size_t>(b));
      h.converted[bin] += g.converted;
      h.not_converted[bin] += (g.end - g.begin) - g.converted;
    }
  }
  return r;
}

}  // namespace leadscore
