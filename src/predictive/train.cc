// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Train (train.h): choose the leads, validate (held-out share or folds), fit
// the emitted model, score the leads and write the scorecard. The pieces:
// train_features (features), train_split (holdout and folds), train_fit
// (design matrix, fit, metrics), train_scorecard (points and the model).

#include "leadscore/predictive/train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/predictive/outcome_policy.h"
#include "predictive/train_features.h"
#include "predictive/train_fit.h"
#include "predictive/train_scorecard.h"
#include "predictive/train_split.h"

namespace leadscore {
namespace {

using internal::FeatureColumn;
using internal::Fitted;
using internal::LabeledLeads;

absl::Status CheckOptions(const TrainOptions& o) {
  auto bad = [](absl::string_view what) {
    return absl::InvalidArgumentError(std::string(what));
  };
  if (!(o.holdout >= 0 && o.holdout < 1)) return bad("holdout must be in [0, 1)");
  if (o.folds < 0 || o.folds == 1) return bad("folds must be 0 (none) or at least 2");
  if (!(o.l2 >= 0) || !std::isfinite(o.l2)) return bad("l2 must be a finite number >= 0");
  if (!(o.scaling.pdo > 0) || !std::isfinite(o.scaling.pdo)) return bad("pdo must be > 0");
  if (!std::isfinite(o.scaling.base_score)) return bad("base score must be finite");
  if (!(o.scaling.base_odds > 0) || !std::isfinite(o.scaling.base_odds)) {
    return bad("base odds must be > 0");
  }
  if (o.numeric_bins < 1) return bad("numeric_bins must be at least 1");
  if (o.max_event_count < 1) return bad("max_event_count must be at least 1");
  if (o.max_categories < 1) return bad("max_categories must be at least 1");
  if (o.mql_share) {
    if (!(*o.mql_share > 0 && *o.mql_share < 1) || !(o.sql_share > 0) ||
        !(o.sql_share < *o.mql_share)) {
      return bad("stage shares need 0 < sql share < mql share < 1");
    }
  }
  return absl::OkStatus();
}

// The leads the outcome policy lets count, with their labels; counts the
// others in `result`. InvalidArgument unless both classes remain.
absl::StatusOr<LabeledLeads> SelectLeads(const TrainingSet& data, const OutcomePolicy& policy,
                                         TrainResult* result) {
  LabeledLeads leads;
  const auto& rows = data.rows();
  for (size_t r = 0; r < rows.size(); ++r) {
    const TrainingSet::Row& row = rows[r];
    const OutcomeDecision d =
        ApplyOutcomePolicy(policy, data.as_of(), row.lead.consent.GrantedAt(data.as_of()),
                           row.converted, row.outcome_at);
    switch (d.verdict) {
      case OutcomeVerdict::kWithoutConsent: ++result->without_consent_excluded; continue;
      case OutcomeVerdict::kDecidedBeforeAsOf: ++result->decided_before_as_of; continue;
      case OutcomeVerdict::kWithoutOutcome: ++result->without_outcome_excluded; continue;
      case OutcomeVerdict::kCounted: break;
    }
    leads.rows.push_back(r);
    leads.labels.push_back(d.converted ? 1 : 0);
  }
  result->leads_used = leads.rows.size();
  for (uint8_t y : leads.labels) result->converted += y;
  if (result->converted == 0 || result->converted == leads.rows.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "need both converted and not converted leads to train; got ", result->converted,
        " converted of ", leads.rows.size(), " leads with an outcome"));
  }
  return leads;
}

// Stratified k-fold cross-validation: sets result->cross_validated to the
// pooled out-of-fold figures.
absl::Status CrossValidate(const TrainingSet& data, const LabeledLeads& leads,
                           const internal::StratifiedOrder& order, const TrainOptions& options,
                           TrainResult* result) {
  const size_t k = static_cast<size_t>(options.folds);
  if (order.converted.size() < k || order.not_converted.size() < k) {
    return absl::InvalidArgumentError(absl::StrCat(
        "k-fold cross-validation with ", k, " folds needs at least ", k, " converted and ", k,
        " not converted leads"));
  }
  const size_t n = leads.rows.size();
  const std::vector<size_t> fold = internal::AssignFolds(order, n, k);
  std::vector<double> oof(n);
  for (size_t f = 0; f < k; ++f) {
    std::vector<size_t> train, test;
    for (size_t i = 0; i < n; ++i) (fold[i] == f ? test : train).push_back(i);
    absl::StatusOr<Fitted> fitted = internal::FitOn(data, leads, train, options);
    if (!fitted.ok()) return fitted.status();
    for (size_t i : test) oof[i] = fitted->fit.LinearPredictor(fitted->x, i);
  }
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;
  result->cross_validated = internal::Measure(oof, leads.labels, all);
  return absl::OkStatus();
}

// A held-out share: fits on the rest and sets result->held_out. Returns the
// fit (the emitted model unless refit_all).
absl::StatusOr<Fitted> HoldOut(const TrainingSet& data, const LabeledLeads& leads,
                               const std::vector<uint8_t>& held_out, const TrainOptions& options,
                               TrainResult* result) {
  const std::vector<size_t> train = internal::IndicesWhere(held_out, 0);
  const std::vector<size_t> test = internal::IndicesWhere(held_out, 1);
  if (test.empty() || train.empty()) {
    return absl::InvalidArgumentError("too few leads for a held-out share");
  }
  absl::StatusOr<Fitted> fitted = internal::FitOn(data, leads, train, options);
  if (!fitted.ok()) return fitted.status();
  result->held_out = internal::Measure(fitted->LinearPredictors(), leads.labels, test);
  return fitted;
}

// The score below which a share `top` of `scores` lies above (the lowest
// score of the top share).
double TopShareThreshold(std::vector<double> scores, double top) {
  std::sort(scores.begin(), scores.end());
  size_t k = static_cast<size_t>(std::ceil(top * static_cast<double>(scores.size())));
  k = std::min(std::max<size_t>(k, 1), scores.size());
  return scores[scores.size() - k];
}

// Every lead's log-odds and score under the emitted model; the suggested
// thresholds from the scores of the leads it was fitted on.
void Predict(const TrainingSet& data, const LabeledLeads& leads, const std::vector<double>& eta,
             const std::vector<uint8_t>& held_out, const std::vector<size_t>& fitted_on,
             const TrainOptions& options, TrainResult* result) {
  result->predictions.reserve(leads.rows.size());
  for (size_t i = 0; i < leads.rows.size(); ++i) {
    TrainResult::Prediction p;
    p.lead_id = data.rows()[leads.rows[i]].lead.id;
    p.held_out = held_out[i] != 0 && !options.refit_all;
    p.converted = leads.labels[i] != 0;
    p.log_odds = eta[i];
    p.score = result->offset + result->factor * eta[i];
    result->predictions.push_back(std::move(p));
  }
  if (options.mql_share) {
    std::vector<double> scores;
    for (size_t i : fitted_on) scores.push_back(result->predictions[i].score);
    result->mql_threshold = TopShareThreshold(scores, *options.mql_share);
    result->sql_threshold = TopShareThreshold(scores, options.sql_share);
  }
}

}  // namespace

absl::StatusOr<TrainResult> Train(const TrainingSet& data, const TrainOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  TrainResult result;
  absl::StatusOr<LabeledLeads> selected = SelectLeads(data, options.outcome_policy, &result);
  if (!selected.ok()) return selected.status();
  const LabeledLeads& leads = *selected;
  const size_t n = leads.rows.size();

  // Validation, on one stratified order. With a held-out share the emitted
  // model is the one it measured, unless refit_all.
  const internal::StratifiedOrder order = internal::ShuffleByClass(leads.labels, options.seed);
  std::vector<uint8_t> held_out(n, 0);
  std::vector<size_t> fitted_on(n);
  for (size_t i = 0; i < n; ++i) fitted_on[i] = i;
  std::optional<Fitted> fitted;
  if (options.folds >= 2) {
    if (absl::Status s = CrossValidate(data, leads, order, options, &result); !s.ok()) return s;
  } else if (options.holdout > 0) {
    held_out = internal::HoldOutShare(order, n, options.holdout);
    absl::StatusOr<Fitted> measured = HoldOut(data, leads, held_out, options, &result);
    if (!measured.ok()) return measured.status();
    if (!options.refit_all) {
      fitted_on = internal::IndicesWhere(held_out, 0);
      fitted = *std::move(measured);
    }
  }
  if (!fitted) {
    absl::StatusOr<Fitted> refit = internal::FitOn(data, leads, fitted_on, options);
    if (!refit.ok()) return refit.status();
    fitted = *std::move(refit);
  }

  const std::vector<double> eta = fitted->LinearPredictors();
  result.train = internal::Measure(eta, leads.labels, fitted_on);
  result.feature_count = fitted->features.size();
  result.intercept = fitted->fit.intercept;
  result.iterations = fitted->fit.iterations;

  // Scorecard scaling: total = offset + factor * log-odds.
  const PointsScaling& sc = options.scaling;
  result.factor = sc.pdo / std::log(2.0);
  result.offset = sc.base_score - result.factor * std::log(sc.base_odds);
  Predict(data, leads, eta, held_out, fitted_on, options, &result);
  result.model_json = internal::WriteScorecard(fitted->features, fitted->fit, options,
                                               data.as_of(), fitted_on.size(), &result);

  if (options.keep_design) {
    DesignMatrix d;
    for (const FeatureColumn& c : fitted->features.columns()) d.columns.push_back(c.name);
    d.x = std::move(fitted->x);
    d.labels = leads.labels;
    for (size_t r : leads.rows) d.lead_ids.push_back(data.rows()[r].lead.id);
    d.held_out = held_out;
    result.design = std::move(d);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace leadscore
