// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// RunBacktest (backtest.h): checks, then one function per part of the
// report. Score groups and thresholds are in score_groups.cc.

#include "leadscore/backtest/backtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "backtest/score_groups.h"

namespace leadscore {
namespace {

using internal::Group;
using internal::Ratio;

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

// Every score finite; dimension scores for none or all dimensions.
absl::Status CheckLeads(absl::Span<const BacktestLead> leads, size_t dims) {
  if (leads.empty()) {
    return absl::InvalidArgumentError(
        "no lead to evaluate: a backtest needs at least one scored lead with an outcome");
  }
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
  }
  return absl::OkStatus();
}

// Counts, the base rate and the notes on what is undefined.
void Summarize(absl::Span<const BacktestLead> leads, BacktestReport* r) {
  r->leads = leads.size();
  for (const BacktestLead& l : leads) r->converted += l.converted ? 1 : 0;
  r->conversion_rate = static_cast<double>(r->converted) / static_cast<double>(r->leads);
  if (r->converted == 0) {
    r->notes.push_back(
        "No lead converted: AUC, lift and recall are undefined. Check that the outcomes "
        "file names these leads and that conversions are marked \"converted\": true.");
  } else if (r->converted == r->leads) {
    r->notes.push_back(
        "Every lead converted: AUC is undefined (there is nothing to rank against) and "
        "every lift is 1.");
  }
}

// Sorted by score, highest first; ties by input order (which no metric sees:
// tied leads are always counted together).
std::vector<const BacktestLead*> SortByScore(absl::Span<const BacktestLead> leads) {
  std::vector<const BacktestLead*> sorted;
  sorted.reserve(leads.size());
  for (const BacktestLead& l : leads) sorted.push_back(&l);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const BacktestLead* a, const BacktestLead* b) {
                     return a->score > b->score;
                   });
  return sorted;
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

// AUC of the total and of each dimension's score (when every lead has
// them), and the ROC curve when the AUC is defined.
void Ranking(absl::Span<const BacktestLead> leads, const std::vector<Group>& groups,
             const BacktestOptions& options, BacktestReport* r) {
  std::vector<double> p_scores, n_scores;
  for (const BacktestLead& l : leads) (l.converted ? p_scores : n_scores).push_back(l.score);
  r->auc = RocAuc(p_scores, n_scores);
  if (r->auc) {
    r->roc = RocCurve(groups, r->converted, r->leads - r->converted, options.max_roc_points);
  }
  const size_t dims = options.dimensions.size();
  const bool with_dimensions =
      dims > 0 && std::none_of(leads.begin(), leads.end(), [](const BacktestLead& l) {
        return l.dimension_scores.empty();
      });
  if (!with_dimensions) return;
  for (size_t d = 0; d < dims; ++d) {
    p_scores.clear();
    n_scores.clear();
    for (const BacktestLead& l : leads) {
      (l.converted ? p_scores : n_scores).push_back(l.dimension_scores[d]);
    }
    r->dimension_auc.push_back(DimensionAuc{options.dimensions[d], RocAuc(p_scores, n_scores)});
  }
}

// Log loss and Brier score of the probabilities a learned scorecard's
// scaling gives the totals.
void Calibration(absl::Span<const BacktestLead> leads, const PointsScaling& scaling,
                 BacktestReport* r) {
  double ll = 0, brier = 0;
  constexpr double kEps = 1e-15;
  for (const BacktestLead& l : leads) {
    const double p = scaling.Probability(l.score);
    const double q = std::clamp(l.converted ? p : 1 - p, kEps, 1.0);
    ll -= std::log(q);
    const double err = p - (l.converted ? 1.0 : 0.0);
    brier += err * err;
  }
  r->log_loss = ll / static_cast<double>(r->leads);
  r->brier = brier / static_cast<double>(r->leads);
}

// Deciles: a tie group goes to the decile holding the middle of its ranks.
std::vector<DecileRow> Deciles(const std::vector<Group>& groups, size_t leads, size_t converted,
                               const std::optional<PointsScaling>& scaling) {
  std::vector<DecileRow> deciles(10);
  std::vector<double> prob_sum(10, 0);
  const double base_rate = static_cast<double>(converted) / static_cast<double>(leads);
  for (const Group& g : groups) {
    const size_t twice_mid = g.begin + g.end - 1;  // 2 * middle position
    const size_t d = std::min<size_t>(9, (10 * twice_mid) / (2 * leads));
    DecileRow& row = deciles[d];
    row.leads += g.end - g.begin;
    row.converted += g.converted;
    row.max_score = row.max_score ? std::max(*row.max_score, g.score) : g.score;
    row.min_score = row.min_score ? std::min(*row.min_score, g.score) : g.score;
    if (scaling) {
      prob_sum[d] += scaling->Probability(g.score) * static_cast<double>(g.end - g.begin);
    }
  }
  size_t cum_leads = 0, cum_conv = 0;
  for (int d = 0; d < 10; ++d) {
    DecileRow& row = deciles[d];
    row.decile = d + 1;
    row.conversion_rate =
        Ratio(static_cast<double>(row.converted), static_cast<double>(row.leads));
    if (row.conversion_rate && base_rate > 0) row.lift = *row.conversion_rate / base_rate;
    cum_leads += row.leads;
    cum_conv += row.converted;
    row.cumulative_leads = cum_leads;
    row.cumulative_converted = cum_conv;
    row.cumulative_recall = Ratio(static_cast<double>(cum_conv), static_cast<double>(converted));
    if (scaling && row.leads > 0) {
      row.mean_probability = prob_sum[d] / static_cast<double>(row.leads);
    }
  }
  return deciles;
}

// Each stage as a threshold: the leads at that stage or a higher one.
std::vector<StageRow> StageTable(absl::Span<const BacktestLead> leads,
                                 const std::vector<std::string>& stages, size_t converted,
                                 double base_rate) {
  std::vector<StageRow> out;
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t i = 0; i < stages.size(); ++i) index.emplace(stages[i], i);
  std::vector<size_t> at_least(stages.size() + 1, 0);
  std::vector<size_t> conv_at_least(stages.size() + 1, 0);
  for (const BacktestLead& l : leads) {
    if (!l.stage) continue;
    auto it = index.find(*l.stage);
    if (it == index.end()) continue;  // invalid, disqualified
    ++at_least[it->second];
    if (l.converted) ++conv_at_least[it->second];
  }
  // Suffix sums: leads at this stage or above.
  for (size_t i = stages.size(); i-- > 0;) {
    at_least[i] += at_least[i + 1];
    conv_at_least[i] += conv_at_least[i + 1];
  }
  for (size_t i = 0; i < stages.size(); ++i) {
    StageRow row;
    row.stage = stages[i];
    row.passing = at_least[i];
    row.converted_passing = conv_at_least[i];
    row.precision =
        Ratio(static_cast<double>(row.converted_passing), static_cast<double>(row.passing));
    row.recall =
        Ratio(static_cast<double>(row.converted_passing), static_cast<double>(converted));
    if (row.precision && base_rate > 0) row.lift = *row.precision / base_rate;
    out.push_back(std::move(row));
  }
  return out;
}

// Converted and other leads per equal-width score bin.
ScoreHistogram Histogram(const std::vector<Group>& groups, int bins) {
  ScoreHistogram h;
  h.hi = groups.front().score;
  h.lo = groups.back().score;
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
  return h;
}

}  // namespace

absl::StatusOr<BacktestReport> RunBacktest(absl::Span<const BacktestLead> leads,
                                           const BacktestOptions& options) {
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  if (absl::Status s = CheckLeads(leads, options.dimensions.size()); !s.ok()) return s;

  BacktestReport r;
  Summarize(leads, &r);
  const std::vector<const BacktestLead*> sorted = SortByScore(leads);
  const std::vector<Group> groups = internal::GroupByScore(sorted);
  for (size_t i = 0; i < sorted.size() && i < options.top_leads; ++i) {
    r.top_leads.push_back(*sorted[i]);
  }
  Ranking(leads, groups, options, &r);
  if (options.scaling) Calibration(leads, *options.scaling, &r);
  r.deciles = Deciles(groups, r.leads, r.converted, options.scaling);
  if (!options.stages.empty()) {
    r.stages = StageTable(leads, options.stages, r.converted, r.conversion_rate);
  }
  r.recommendations =
      internal::Recommend(options, groups, r.leads, r.converted, r.conversion_rate);
  r.histogram = Histogram(groups, options.histogram_bins);
  return r;
}

}  // namespace leadscore
