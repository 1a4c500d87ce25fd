// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: leadscore/train.h
//
// Learning a scorecard from history (predictive scoring). A TrainingSet
// collects leads, their events up to an as-of time and their outcomes;
// Train() derives features, fits an L2-regularised logistic regression
// (logistic.h), measures it on held-out leads (or by k-fold cross-validation)
// and emits a spec-v1 model whose points are the coefficients scaled like a
// credit scorecard, so the model loads with Model::FromJson and scores with the
// normal engine. docs/predictive.md explains the encoding; in short:
//
//   - a string attribute: one rule per frequent value (`eq`), one for the rare
//     values pooled together (`not_in` the frequent ones) and one for
//     "missing" (`exists: false`);
//   - a numeric attribute: quantile bins (`lt` / `gte` + `lt` / `gte`) and
//     "missing"; a boolean attribute: `eq: true` / `eq: false` and "missing";
//   - an event type T: the regression feature is phi(n), n the number of
//     T events up to as-of (duplicates by id dropped), where phi interpolates
//     ln(1 + n) linearly between the knots 0, 1, 2, 4, ..., K and stays flat
//     above K (max_event_count). phi is a sum of capped counts, so it becomes
//     event rules `on: T` with `max_per_lead` = each knot and points = the
//     learned weight times the change of slope there: exact, not approximated.
//   - the intercept is an attribute rule without `when` ("base"), which always
//     holds.
//
// So a lead's total is exactly offset + factor * (b + x . w): an increasing
// affine function of the regression's log-odds, with factor = pdo / ln 2 and
// offset = base_score - factor * ln(base_odds). The total therefore ranks the
// leads exactly as the regression does, and PointsScaling::Probability(total)
// is the regression's probability.
//
// Example:
//
//   leadscore::TrainingSet data(as_of);
//   for (auto& lead : leads) data.AddLead(std::move(lead)).IgnoreError();
//   for (auto& event : events) data.AddEvent(event);
//   for (auto& outcome : outcomes) data.AddOutcome(outcome);
//   absl::StatusOr<leadscore::TrainResult> result = leadscore::Train(data, {});
//   auto model = leadscore::Model::FromJson(result->model_json);

#ifndef LEADSCORE_TRAIN_H_
#define LEADSCORE_TRAIN_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/predictive/logistic.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/predictive/outcome_policy.h"
#include "leadscore/predictive/points_scaling.h"

namespace leadscore {

// Leads, their event counts per type up to `as_of`, and their outcomes.
// Add leads first, then events and outcomes (in any order between those two).
class TrainingSet {
 public:
  explicit TrainingSet(absl::Time as_of) : as_of_(as_of) {}

  // Adds a lead, with its outcome if known (e.g. a CSV outcome column).
  // AlreadyExists for a second lead with the same id (the first stays).
  absl::Status AddLead(Lead lead, std::optional<bool> converted = std::nullopt);

  // Counts an event for its lead, as the engine would count it: events after
  // as_of are ignored, and of the events of one lead with the same id (at or
  // before as_of) only the first in event order (EventPrecedes of history.h)
  // counts. An event naming no added lead is
  // counted in unknown_lead_events(). Never fails.
  void AddEvent(const Event& event);

  // Sets a lead's outcome. InvalidArgument if that lead already has one;
  // an outcome naming no added lead is counted in unknown_outcomes().
  absl::Status AddOutcome(const Outcome& outcome);

  absl::Time as_of() const { return as_of_; }
  size_t lead_count() const { return leads_.size(); }
  size_t unknown_lead_events() const { return unknown_lead_events_; }
  size_t unknown_outcomes() const { return unknown_outcomes_; }
  size_t events_after_as_of() const { return after_as_of_; }
  size_t duplicate_events() const { return duplicates_; }

  struct Row {
    Lead lead;
    std::optional<bool> converted;
    std::optional<absl::Time> outcome_at;
    // (event type index, count), in order of first occurrence.
    std::vector<std::pair<uint32_t, uint32_t>> event_counts;
  };
  const std::vector<Row>& rows() const { return leads_; }
  // Event type names, by index.
  const std::vector<std::string>& event_types() const { return types_; }

 private:
  absl::Time as_of_;
  std::vector<Row> leads_;
  absl::flat_hash_map<std::string, size_t> index_;
  absl::flat_hash_map<std::string, uint32_t> type_index_;
  std::vector<std::string> types_;
  // The copy of an id that counts: its time and id, input position and type.
  struct KeptCopy {
    Event event;
    uint64_t position;
    uint32_t type;
  };
  // (lead index, event id) -> the copy kept, for duplicates.
  absl::flat_hash_map<std::pair<size_t, std::string>, KeptCopy> event_ids_;
  uint64_t positions_ = 0;  // input positions handed out
  size_t unknown_lead_events_ = 0;
  size_t unknown_outcomes_ = 0;
  size_t after_as_of_ = 0;
  size_t duplicates_ = 0;
};

struct TrainOptions {
  // Validation: a stratified held-out share (0 < holdout < 1), or, when
  // folds >= 2, stratified k-fold cross-validation (holdout is then unused).
  // With holdout = 0 and folds = 0 there is no validation.
  double holdout = 0.3;
  int folds = 0;
  // Fit the emitted model on every lead after measuring (always so with
  // folds). Otherwise the model is the one fitted on the training share, which
  // the held-out figures describe.
  bool refit_all = false;
  uint64_t seed = 1;  // the split is a deterministic function of the seed

  double l2 = 1.0;  // see LogisticOptions (sklearn's C = 1 / l2)

  // Points: pdo points double the odds; base_score at base_odds.
  PointsScaling scaling;

  // Features. Attributes used: `attributes` (all when empty) minus
  // `ignore_attributes`. A string value (ASCII case ignored) seen on fewer
  // than min_category_count training leads, or beyond the max_categories most
  // frequent, is pooled into "other". Numeric attributes get up to
  // numeric_bins quantile bins. A feature that holds for fewer than
  // min_category_count training leads is dropped (only "other" and "missing"
  // can be that rare). Event types seen on fewer than min_category_count
  // training leads are dropped.
  std::vector<std::string> attributes;
  std::vector<std::string> ignore_attributes;
  size_t min_category_count = 10;
  size_t max_categories = 30;
  int numeric_bins = 5;
  bool use_events = true;
  uint32_t max_event_count = 64;  // the last knot K of phi (>= 1)

  // Which leads are learned from (outcome_policy.h, the rule backtests use
  // too): leads without consent at as_of and leads whose outcome is dated at
  // or before as_of are left out; leads without an outcome are not converted.
  OutcomePolicy outcome_policy;

  // The model's name and version.
  std::string model_name = "learned-scorecard";
  std::string model_version = "1";

  // Suggested lifecycle: when set, the model gets stages lead, mql and sql,
  // with mql for the top `mql_share` of the training leads' scores and sql
  // for the top `sql_share` (0 < sql_share < mql_share < 1).
  std::optional<double> mql_share;
  double sql_share = 0.05;

  // Keep the encoded design matrix in the result (TrainResult::design).
  bool keep_design = false;
};

// Figures measured on some leads. A figure is none where it is undefined:
// AUC unless the leads hold both classes (a small held-out share may not).
struct TrainMetrics {
  size_t leads = 0;
  size_t converted = 0;
  std::optional<double> auc;       // ROC AUC
  std::optional<double> log_loss;  // mean, natural log; none for no lead
};

// One rule of the emitted model with the coefficient it came from.
struct LearnedRule {
  std::string rule_id;
  std::string description;
  double coefficient = 0;  // weight in log-odds (for an event tier: its share)
  double points = 0;
};

// The encoded data, for comparisons (see TrainOptions::keep_design).
struct DesignMatrix {
  std::vector<std::string> columns;
  SparseMatrix x;
  std::vector<uint8_t> labels;
  std::vector<std::string> lead_ids;
  std::vector<uint8_t> held_out;  // 1: in the held-out share (holdout mode)
};

struct TrainResult {
  std::string model_json;  // spec v1, loads with Model::FromJson
  // Leads used (with a usable outcome) and why others were not (one reason
  // each, in the order of outcome_policy.h).
  size_t leads_used = 0;
  size_t converted = 0;
  size_t without_consent_excluded = 0;  // no consent at as_of
  size_t without_outcome_excluded = 0;
  size_t decided_before_as_of = 0;

  TrainMetrics train;                    // on the leads the model was fitted on
  std::optional<TrainMetrics> held_out;  // holdout mode
  std::optional<TrainMetrics> cross_validated;  // folds: pooled out-of-fold figures

  size_t feature_count = 0;
  double intercept = 0;
  int iterations = 0;
  std::vector<LearnedRule> rules;  // in model order (the base rule first)
  double factor = 0;               // points per unit of log-odds (pdo / ln 2)
  double offset = 0;               // score at log-odds 0
  std::optional<double> mql_threshold, sql_threshold;

  // For every lead used, in input order: id, whether it is in the held-out
  // share, and the emitted model's log-odds (b + x . w) and score
  // (offset + factor * log-odds).
  struct Prediction {
    std::string lead_id;
    bool held_out = false;
    bool converted = false;
    double log_odds = 0;
    double score = 0;
  };
  std::vector<Prediction> predictions;

  std::optional<DesignMatrix> design;
  double seconds = 0;  // wall time of Train()
};

// Trains a scorecard. InvalidArgument for bad options (holdout outside
// [0, 1), folds 1 or negative, l2 < 0, non-positive pdo or base_odds,
// numeric_bins < 1, max_event_count < 1, bad shares), for too few leads with
// outcomes, or when the leads fitted on are all of one class.
[[nodiscard]] absl::StatusOr<TrainResult> Train(const TrainingSet& data,
                                                const TrainOptions& options);

// phi(n): ln(1 + n) interpolated linearly between the knots 0, 1, 2, 4, ...,
// max_event_count (the last knot is max_event_count itself), flat above it.
double EventCountFeature(uint32_t n, uint32_t max_event_count);

}  // namespace leadscore

#endif  // LEADSCORE_TRAIN_H_
