// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: backtest.h
//
// Backtesting: how well a model's scores and stages predicted what became of
// the leads. Given each lead's score (the scorecard's `total`), its reported
// stage, optionally its dimension scores, and whether it converted, computes
// ROC AUC (Mann-Whitney, ties counted half), log loss for learned scorecards,
// conversion rate and lift per score decile, precision and recall per
// lifecycle stage, score histograms, and recommends a score threshold for a
// target volume or precision.
//
// Which leads to evaluate, and whether they converted, is decided before this
// point: see backtest_population.h for the rules the command line uses.
//
// Example:
//
//   std::vector<leadscore::BacktestLead> leads = ...;  // score + converted
//   leadscore::BacktestOptions options;
//   options.stages = model.stages();
//   options.target_volume = 300;
//   absl::StatusOr<leadscore::BacktestReport> report =
//       leadscore::RunBacktest(leads, options);
//   if (report.ok() && report->auc) { /* *report->auc in [0, 1] */ }
//
// Every number in a report is finite: a metric that is undefined for the
// input (AUC without both outcomes, a rate over no lead) is std::nullopt.

#ifndef LEADSCORE_BACKTEST_H_
#define LEADSCORE_BACKTEST_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "leadscore/predictive/points_scaling.h"
#include "leadscore/predictive/roc_auc.h"

namespace leadscore {

// One evaluated lead: what the model said and what happened.
struct BacktestLead {
  std::string lead_id;
  double score = 0;  // the ranked score: the scorecard's `total`
  // The reported stage ("invalid" and "disqualified" included); none for a
  // model without a lifecycle.
  std::optional<std::string> stage;
  // One score per BacktestOptions::dimensions entry, in that order; may be
  // empty (then no per-dimension AUC is computed).
  std::vector<double> dimension_scores;
  bool converted = false;
};

struct BacktestOptions {
  // The model's lifecycle stages, lowest first (Model::stages()). Empty: no
  // stage table.
  std::vector<std::string> stages;
  // Names of BacktestLead::dimension_scores, in order (Model dimension order).
  std::vector<std::string> dimensions;
  // Set for a learned scorecard: adds log loss, the Brier score and the mean
  // predicted probability per decile.
  std::optional<PointsScaling> scaling;
  // Threshold recommendations; any combination may be set.
  std::optional<size_t> target_volume;    // the N best-scored leads; >= 1
  std::optional<double> target_fraction;  // that share of the leads; in (0, 1]
  std::optional<double> target_precision;  // a conversion rate; in (0, 1]
  int histogram_bins = 20;     // 1 to 1000
  size_t max_roc_points = 200;  // the curve is thinned to about 2x this; >= 2
  size_t top_leads = 10;        // how many of the best-scored leads to list
};

// A point of the ROC curve: flagging every lead with score >= threshold gives
// these false- and true-positive rates. The first point (0, 0) has no
// threshold.
struct RocPoint {
  std::optional<double> threshold;
  double fpr = 0;
  double tpr = 0;
};

// A tenth of the leads by score, decile 1 the highest. Leads with equal
// scores always share a decile (the decile holding the middle of their rank
// range), so deciles can be uneven, or empty when many leads tie.
struct DecileRow {
  int decile = 0;  // 1 to 10
  size_t leads = 0;
  size_t converted = 0;
  std::optional<double> min_score;        // none when empty
  std::optional<double> max_score;        // none when empty
  std::optional<double> conversion_rate;  // converted / leads; none when empty
  // conversion_rate / overall conversion rate; none when empty or when no
  // lead converted.
  std::optional<double> lift;
  // Deciles 1 to this one together.
  size_t cumulative_leads = 0;
  size_t cumulative_converted = 0;
  // cumulative_converted / all converted ("capture"); none if none converted.
  std::optional<double> cumulative_recall;
  // With scaling: the mean predicted probability of the decile's leads.
  std::optional<double> mean_probability;
};

// A lifecycle stage used as a threshold: a lead passes it when its reported
// stage is that stage or a higher one of BacktestOptions::stages ("invalid",
// "disqualified" and unknown stages pass none).
struct StageRow {
  std::string stage;
  size_t passing = 0;
  size_t converted_passing = 0;
  std::optional<double> precision;  // converted_passing / passing
  std::optional<double> recall;     // converted_passing / all converted
  std::optional<double> lift;       // precision / overall conversion rate
};

// A recommended score threshold: `score >= threshold`.
struct Recommendation {
  enum class Target { kVolume, kFraction, kPrecision };
  Target target = Target::kVolume;
  double target_value = 0;  // N, the fraction, or the precision asked for
  // kVolume/kFraction: at most the target volume passes (false when even the
  // leads tied at the best score are more; the threshold is then that score).
  // kPrecision: the precision is reached (false: the threshold with the best
  // precision is given instead, the largest volume among equals).
  bool met = false;
  double threshold = 0;  // the lowest passing lead's score
  // The shortest decimal in (next lower score, threshold]: the same leads
  // pass, and it reads better in a model ({"score": "total", "gte": X}).
  double suggested_threshold = 0;
  size_t passing = 0;
  size_t converted_passing = 0;
  std::optional<double> precision;
  std::optional<double> recall;
  std::optional<double> lift;
};

// Counts of converted and not converted leads per score bin. Bin i covers
// [lo + i * width, lo + (i + 1) * width); the last bin also holds `hi`.
struct ScoreHistogram {
  double lo = 0;
  double hi = 0;
  double width = 1;
  std::vector<size_t> converted;
  std::vector<size_t> not_converted;
};

struct DimensionAuc {
  std::string dimension;
  std::optional<double> auc;
};

struct BacktestReport {
  size_t leads = 0;
  size_t converted = 0;
  double conversion_rate = 0;  // converted / leads (leads is at least 1)
  std::optional<double> auc;   // none unless some converted and some did not
  std::vector<DimensionAuc> dimension_auc;  // when dimension scores are given
  std::optional<double> log_loss;  // with scaling: mean -ln p(outcome)
  std::optional<double> brier;     // with scaling: mean (p - outcome)^2
  std::vector<RocPoint> roc;       // empty when auc is none
  std::vector<DecileRow> deciles;  // always 10 rows
  std::vector<StageRow> stages;    // one per BacktestOptions::stages entry
  std::vector<Recommendation> recommendations;  // volume, fraction, precision
  ScoreHistogram histogram;
  // The highest-scored leads, best first (ties in input order); at most
  // BacktestOptions::top_leads.
  std::vector<BacktestLead> top_leads;
  // Plain-language notes on metrics that are undefined for this input.
  std::vector<std::string> notes;
};

// Computes the report. Errors (InvalidArgument): no lead, a non-finite score,
// dimension_scores of a size other than 0 or options.dimensions.size(), or an
// option out of range (scaling with pdo <= 0 or base_odds <= 0 or non-finite;
// a target_volume of 0; a target_fraction or target_precision outside (0, 1];
// histogram_bins outside [1, 1000]; max_roc_points < 2).
[[nodiscard]] absl::StatusOr<BacktestReport> RunBacktest(
    absl::Span<const BacktestLead> leads, const BacktestOptions& options);


}  // namespace leadscore

#endif  // LEADSCORE_BACKTEST_H_
