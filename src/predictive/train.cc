// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Train (train.h): split, fit, measure, emit a spec-v1 scorecard.

#include "leadscore/predictive/train.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <random>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"
#include "predictive/train_features.h"
#include "util/number_format.h"

namespace leadscore {
namespace {

using ojson = nlohmann::ordered_json;
using internal::FeatureColumn;
using internal::FeatureSet;

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

// Fisher-Yates with a fully specified generator (std::shuffle's algorithm
// is not specified, so it could differ between standard libraries).
void Shuffle(std::vector<size_t>* v, std::mt19937_64* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    const size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

struct Fitted {
  FeatureSet features;
  SparseMatrix x;  // every used row, encoded with `features`
  LogisticFit fit;
};

// Derives features on `train` (indices into `used`), encodes all used rows,
// fits on `train`.
absl::StatusOr<Fitted> FitOn(const TrainingSet& data, const std::vector<size_t>& used,
                             const std::vector<uint8_t>& labels,
                             const std::vector<size_t>& train, const TrainOptions& options) {
  std::vector<size_t> data_rows;
  data_rows.reserve(train.size());
  for (size_t i : train) data_rows.push_back(used[i]);
  Fitted f;
  f.features = FeatureSet::Derive(data, data_rows, options);
  f.x = SparseMatrix(f.features.size());
  std::vector<std::pair<uint32_t, double>> entries;
  for (size_t r : used) {
    f.features.Encode(data.rows()[r], &entries);
    f.x.AddRow(entries);
  }
  f.features.CountSupport(f.x, train);
  LogisticOptions lo;
  lo.l2 = options.l2;
  absl::StatusOr<LogisticFit> fit = FitLogistic(f.x, labels, train, lo);
  if (!fit.ok()) return fit.status();
  f.fit = *std::move(fit);
  return f;
}

TrainMetrics Measure(const std::vector<double>& eta, const std::vector<uint8_t>& labels,
                     const std::vector<size_t>& rows) {
  TrainMetrics m;
  std::vector<double> s, p;
  std::vector<uint8_t> y;
  for (size_t r : rows) {
    s.push_back(eta[r]);
    p.push_back(Sigmoid(eta[r]));
    y.push_back(labels[r]);
    m.converted += labels[r];
  }
  m.leads = rows.size();
  m.auc = LabeledRocAuc(s, y);
  m.log_loss = LogLoss(p, y);
  return m;
}

ojson Condition(const FeatureColumn& c) {
  switch (c.kind) {
    case FeatureColumn::Kind::kLevel: return {{"attr", c.attribute}, {"eq", c.level}};
    case FeatureColumn::Kind::kBool: return {{"attr", c.attribute}, {"eq", c.bool_value}};
    case FeatureColumn::Kind::kOther: return {{"attr", c.attribute}, {"not_in", c.others_of}};
    case FeatureColumn::Kind::kMissing: return {{"attr", c.attribute}, {"exists", false}};
    case FeatureColumn::Kind::kRange: {
      if (c.lo && c.hi) {
        return {{"all", ojson::array({ojson{{"attr", c.attribute}, {"gte", *c.lo}},
                                      ojson{{"attr", c.attribute}, {"lt", *c.hi}}})}};
      }
      if (c.lo) return {{"attr", c.attribute}, {"gte", *c.lo}};
      if (c.hi) return {{"attr", c.attribute}, {"lt", *c.hi}};
      return {{"attr", c.attribute}, {"gte", -1.7976931348623157e308}};
    }
    case FeatureColumn::Kind::kEvents: break;
  }
  return ojson::object();
}

std::string Describe(const FeatureColumn& c) {
  switch (c.kind) {
    case FeatureColumn::Kind::kLevel:
      return absl::StrCat("'", c.attribute, "' is '", c.level, "'");
    case FeatureColumn::Kind::kBool:
      return absl::StrCat("'", c.attribute, "' is ", c.bool_value ? "true" : "false");
    case FeatureColumn::Kind::kOther:
      return absl::StrCat("'", c.attribute, "' is a rarer value (none of the ",
                          c.others_of.size(), " frequent ones)");
    case FeatureColumn::Kind::kMissing:
      return absl::StrCat("'", c.attribute, "' is missing");
    case FeatureColumn::Kind::kRange:
      return absl::StrCat("'", c.attribute, "' ", c.name.substr(c.attribute.size() + 1));
    case FeatureColumn::Kind::kEvents: break;
  }
  return c.name;
}

// The score below which a share `top` of `scores` lies above (the lowest
// score of the top share).
double TopShareThreshold(std::vector<double> scores, double top) {
  std::sort(scores.begin(), scores.end());
  size_t k = static_cast<size_t>(std::ceil(top * static_cast<double>(scores.size())));
  k = std::min(std::max<size_t>(k, 1), scores.size());
  return scores[scores.size() - k];
}

// Numbers in descriptions: 4 significant digits.
std::string Fmt(double d) { return internal::SignificantNumber(d, 4); }

}  // namespace

absl::StatusOr<TrainResult> Train(const TrainingSet& data, const TrainOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (absl::Status s = CheckOptions(options); !s.ok()) return s;
  TrainResult result;

  // Leads with a usable outcome.
  std::vector<size_t> used;
  std::vector<uint8_t> labels;
  const auto& rows = data.rows();
  for (size_t r = 0; r < rows.size(); ++r) {
    const TrainingSet::Row& row = rows[r];
    const OutcomeDecision d =
        ApplyOutcomePolicy(options.outcome_policy, data.as_of(),
                           row.lead.consent.GrantedAt(data.as_of()), row.converted, row.outcome_at);
    switch (d.verdict) {
      case OutcomeVerdict::kWithoutConsent: ++result.without_consent_excluded; continue;
      case OutcomeVerdict::kDecidedBeforeAsOf: ++result.decided_before_as_of; continue;
      case OutcomeVerdict::kWithoutOutcome: ++result.without_outcome_excluded; continue;
      case OutcomeVerdict::kCounted: break;
    }
    used.push_back(r);
    labels.push_back(d.converted ? 1 : 0);
  }
  result.leads_used = used.size();
  for (uint8_t y : labels) result.converted += y;
  if (result.converted == 0 || result.converted == used.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "need both converted and not converted leads to train; got ", result.converted,
        " converted of ", used.size(), " leads with an outcome"));
  }

  // Stratified order: each class shuffled with the seed.
  std::mt19937_64 rng(options.seed);
  std::vector<size_t> pos, neg;
  for (size_t i = 0; i < used.size(); ++i) (labels[i] ? pos : neg).push_back(i);
  Shuffle(&pos, &rng);
  Shuffle(&neg, &rng);

  std::vector<size_t> all(used.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<uint8_t> held_out(used.size(), 0);
  std::vector<size_t> final_train = all;
  const bool holdout = options.folds == 0 && options.holdout > 0;
  std::optional<Fitted> holdout_fit;  // the final fit, once made

  if (options.folds >= 2) {
    const size_t k = static_cast<size_t>(options.folds);
    if (pos.size() < k || neg.size() < k) {
      return absl::InvalidArgumentError(absl::StrCat(
          "k-fold cross-validation with ", k, " folds needs at least ", k,
          " converted and ", k, " not converted leads"));
    }
    std::vector<size_t> fold(used.size());
    for (size_t i = 0; i < pos.size(); ++i) fold[pos[i]] = i % k;
    for (size_t i = 0; i < neg.size(); ++i) fold[neg[i]] = i % k;
    std::vector<double> oof(used.size());
    for (size_t f = 0; f < k; ++f) {
      std::vector<size_t> train, test;
      for (size_t i = 0; i < used.size(); ++i) (fold[i] == f ? test : train).push_back(i);
      absl::StatusOr<Fitted> fitted = FitOn(data, used, labels, train, options);
      if (!fitted.ok()) return fitted.status();
      for (size_t i : test) oof[i] = fitted->fit.LinearPredictor(fitted->x, i);
    }
    result.cross_validated = Measure(oof, labels, all);
  } else if (holdout) {
    const size_t test_pos = static_cast<size_t>(std::llround(options.holdout * pos.size()));
    const size_t test_neg = static_cast<size_t>(std::llround(options.holdout * neg.size()));
    for (size_t i = 0; i < test_pos; ++i) held_out[pos[i]] = 1;
    for (size_t i = 0; i < test_neg; ++i) held_out[neg[i]] = 1;
    std::vector<size_t> train, test;
    for (size_t i = 0; i < used.size(); ++i) (held_out[i] ? test : train).push_back(i);
    if (test.empty() || train.empty()) {
      return absl::InvalidArgumentError("too few leads for a held-out share");
    }
    absl::StatusOr<Fitted> fitted = FitOn(data, used, labels, train, options);
    if (!fitted.ok()) return fitted.status();
    std::vector<double> eta(used.size());
    for (size_t i = 0; i < used.size(); ++i) eta[i] = fitted->fit.LinearPredictor(fitted->x, i);
    result.held_out = Measure(eta, labels, test);
    if (!options.refit_all) {
      final_train = train;
      holdout_fit = *std::move(fitted);
    }
  }

  if (!holdout_fit) {
    absl::StatusOr<Fitted> refit = FitOn(data, used, labels, final_train, options);
    if (!refit.ok()) return refit.status();
    holdout_fit = *std::move(refit);
  }
  Fitted* fitted = &*holdout_fit;
  const FeatureSet& features = fitted->features;
  const LogisticFit& fit = fitted->fit;
  std::vector<double> eta(used.size());
  for (size_t i = 0; i < used.size(); ++i) eta[i] = fit.LinearPredictor(fitted->x, i);
  result.train = Measure(eta, labels, final_train);
  result.feature_count = features.size();
  result.intercept = fit.intercept;
  result.iterations = fit.iterations;

  // Scorecard scaling.
  const PointsScaling& sc = options.scaling;
  result.factor = sc.pdo / std::log(2.0);
  result.offset = sc.base_score - result.factor * std::log(sc.base_odds);
  result.predictions.reserve(used.size());
  std::vector<double> train_scores;
  for (size_t i = 0; i < used.size(); ++i) {
    TrainResult::Prediction p;
    p.lead_id = rows[used[i]].lead.id;
    p.held_out = held_out[i] != 0 && !options.refit_all;
    p.converted = labels[i] != 0;
    p.log_odds = eta[i];
    p.score = result.offset + result.factor * eta[i];
    result.predictions.push_back(std::move(p));
  }
  for (size_t i : final_train) train_scores.push_back(result.predictions[i].score);

  // The model.
  bool any_event = false;
  for (const FeatureColumn& c : features.columns()) {
    any_event |= c.kind == FeatureColumn::Kind::kEvents;
  }
  ojson rules = ojson::array();
  const double base_points = result.offset + result.factor * fit.intercept;
  rules.push_back({{"id", "base"},
                   {"description",
                    absl::StrCat("intercept: the score of a lead for which no other rule "
                                 "holds (log-odds ", Fmt(fit.intercept), ")")},
                   {"dimension", "fit"},
                   {"points", base_points}});
  result.rules.push_back({"base", "intercept", fit.intercept, base_points});
  const std::vector<uint32_t> knots = internal::EventKnots(options.max_event_count);
  const std::vector<double> knot_coefficients =
      internal::EventKnotCoefficients(options.max_event_count);
  for (size_t j = 0; j < features.size(); ++j) {
    const FeatureColumn& c = features.column(j);
    const double w = fit.weights[j];
    if (c.kind != FeatureColumn::Kind::kEvents) {
      const double points = result.factor * w;
      const std::string description =
          absl::StrCat(Describe(c), " (", c.support, " training leads; log-odds ", Fmt(w), ")");
      rules.push_back({{"id", c.name},
                       {"description", description},
                       {"dimension", "fit"},
                       {"points", points},
                       {"when", Condition(c)}});
      result.rules.push_back({c.name, description, w, points});
      continue;
    }
    for (size_t k = 0; k < knots.size(); ++k) {
      const double coefficient = w * knot_coefficients[k];
      const double points = result.factor * coefficient;
      const std::string id = absl::StrCat(c.name, " (first ", knots[k], ")");
      const std::string description = absl::StrCat(
          "each of the first ", knots[k], " '", c.attribute, "' events; the ", knots.size(),
          " '", c.attribute, "' rules together give ", Fmt(result.factor * w),
          " x phi(count), phi(n) = ln(1 + n) interpolated between the counts 0, 1, 2, 4, ..., ",
          options.max_event_count, " (log-odds weight ", Fmt(w), ", ", c.support,
          " training leads)");
      rules.push_back({{"id", id},
                       {"description", description},
                       {"dimension", "engagement"},
                       {"points", points},
                       {"on", c.attribute},
                       {"max_per_lead", knots[k]}});
      result.rules.push_back({id, description, coefficient, points});
    }
  }

  std::string validation;
  if (result.held_out) {
    validation = absl::StrCat(" Held-out (", Fmt(100 * options.holdout), "% of the leads, seed ",
                              options.seed, "): AUC ", Fmt(result.held_out->auc), ", log loss ",
                              Fmt(result.held_out->log_loss), ".");
  } else if (result.cross_validated) {
    validation = absl::StrCat(" ", options.folds, "-fold cross-validation (seed ",
                              options.seed, "): AUC ", Fmt(result.cross_validated->auc),
                              ", log loss ", Fmt(result.cross_validated->log_loss), ".");
  }
  const std::string description = absl::StrCat(
      "Learned scorecard: ", FormatPointsScaling(sc),
      ". The odds of converting are ", Fmt(sc.base_odds), " at ", Fmt(sc.base_score),
      " points and double every ", Fmt(sc.pdo), " points: total = ", Fmt(result.offset),
      " + ", Fmt(result.factor), " x log-odds, and the rule 'base' carries the intercept. ",
      "Fitted by leadscore train (L2-regularised logistic regression, l2 ", Fmt(options.l2),
      ") on ", final_train.size(), " leads as of ", FormatTimestamp(data.as_of()), ".",
      validation, " Do not add decay, caps or clamps if the points are to keep this meaning.");

  ojson model;
  model["name"] = options.model_name;
  model["version"] = options.model_version;
  model["description"] = description;
  ojson dims = ojson::array();
  dims.push_back({{"name", "fit"},
                  {"description", "learned points from the lead's attributes, plus the base"}});
  if (any_event) {
    dims.push_back({{"name", "engagement"},
                    {"description", "learned points from event counts up to the scoring time"}});
  }
  model["dimensions"] = std::move(dims);
  model["rules"] = std::move(rules);
  if (options.mql_share) {
    result.mql_threshold = TopShareThreshold(train_scores, *options.mql_share);
    result.sql_threshold = TopShareThreshold(train_scores, options.sql_share);
    model["lifecycle"] = {
        {"stages", {"lead", "mql", "sql"}},
        {"thresholds",
         {{{"stage", "mql"},
           {"description", absl::StrCat("suggested: the top ", Fmt(100 * *options.mql_share),
                                        "% of the training leads")},
           {"when", {{"score", "total"}, {"gte", *result.mql_threshold}}}},
          {{"stage", "sql"},
           {"description", absl::StrCat("suggested: the top ", Fmt(100 * options.sql_share),
                                        "% of the training leads")},
           {"when", {{"score", "total"}, {"gte", *result.sql_threshold}}}}}}};
  }
  result.model_json = model.dump(2) + "\n";

  if (options.keep_design) {
    DesignMatrix d;
    for (const FeatureColumn& c : features.columns()) d.columns.push_back(c.name);
    d.x = std::move(fitted->x);
    d.labels = labels;
    for (size_t r : used) d.lead_ids.push_back(rows[r].lead.id);
    d.held_out = held_out;
    result.design = std::move(d);
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace leadscore
