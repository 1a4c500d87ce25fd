// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "predictive/train_scorecard.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"
#include "util/number_format.h"

namespace leadscore {
namespace internal {
namespace {

using ojson = nlohmann::ordered_json;

// Numbers in descriptions: 4 significant digits.
std::string Fmt(double d) { return SignificantNumber(d, 4); }
// A figure that may be undefined (an AUC on leads of one class).
std::string Fmt(std::optional<double> d) { return d ? Fmt(*d) : "undefined"; }

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

// The intercept as an attribute rule without `when`, which always holds.
void AddBaseRule(double intercept, TrainResult* result, ojson* rules) {
  const double points = result->offset + result->factor * intercept;
  rules->push_back({{"id", "base"},
                    {"description",
                     absl::StrCat("intercept: the score of a lead for which no other rule "
                                  "holds (log-odds ", Fmt(intercept), ")")},
                    {"dimension", "fit"},
                    {"points", points}});
  result->rules.push_back({"base", "intercept", intercept, points});
}

// An attribute feature: one rule in `fit`, where the feature is 1.
void AddAttributeRule(const FeatureColumn& c, double w, TrainResult* result, ojson* rules) {
  const double points = result->factor * w;
  const std::string description =
      absl::StrCat(Describe(c), " (", c.support, " training leads; log-odds ", Fmt(w), ")");
  rules->push_back({{"id", c.name},
                    {"description", description},
                    {"dimension", "fit"},
                    {"points", points},
                    {"when", Condition(c)}});
  result->rules.push_back({c.name, description, w, points});
}

// An event type: phi(n) = sum_k coefficient_k * min(n, knot_k), so one
// `max_per_lead: knot_k` rule per knot in `engagement`.
void AddEventRules(const FeatureColumn& c, double w, uint32_t max_event_count,
                   TrainResult* result, ojson* rules) {
  const std::vector<uint32_t> knots = EventKnots(max_event_count);
  const std::vector<double> knot_coefficients = EventKnotCoefficients(max_event_count);
  for (size_t k = 0; k < knots.size(); ++k) {
    const double coefficient = w * knot_coefficients[k];
    const double points = result->factor * coefficient;
    const std::string id = absl::StrCat(c.name, " (first ", knots[k], ")");
    const std::string description = absl::StrCat(
        "each of the first ", knots[k], " '", c.attribute, "' events; the ", knots.size(),
        " '", c.attribute, "' rules together give ", Fmt(result->factor * w),
        " x phi(count), phi(n) = ln(1 + n) interpolated between the counts 0, 1, 2, 4, ..., ",
        max_event_count, " (log-odds weight ", Fmt(w), ", ", c.support, " training leads)");
    rules->push_back({{"id", id},
                      {"description", description},
                      {"dimension", "engagement"},
                      {"points", points},
                      {"on", c.attribute},
                      {"max_per_lead", knots[k]}});
    result->rules.push_back({id, description, coefficient, points});
  }
}

std::string Description(const TrainOptions& options, absl::Time as_of, size_t fitted_leads,
                        const TrainResult& result) {
  const PointsScaling& sc = options.scaling;
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
  return absl::StrCat(
      "Learned scorecard: ", FormatPointsScaling(sc),
      ". The odds of converting are ", Fmt(sc.base_odds), " at ", Fmt(sc.base_score),
      " points and double every ", Fmt(sc.pdo), " points: total = ", Fmt(result.offset),
      " + ", Fmt(result.factor), " x log-odds, and the rule 'base' carries the intercept. ",
      "Fitted by leadscore train (L2-regularised logistic regression, l2 ", Fmt(options.l2),
      ") on ", fitted_leads, " leads as of ", FormatTimestamp(as_of), ".", validation,
      " Do not add decay, caps or clamps if the points are to keep this meaning.");
}

ojson Lifecycle(const TrainOptions& options, const TrainResult& result) {
  return {{"stages", {"lead", "mql", "sql"}},
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

}  // namespace

std::string WriteScorecard(const FeatureSet& features, const LogisticFit& fit,
                           const TrainOptions& options, absl::Time as_of,
                           size_t fitted_leads, TrainResult* result) {
  bool any_event = false;
  ojson rules = ojson::array();
  AddBaseRule(fit.intercept, result, &rules);
  for (size_t j = 0; j < features.size(); ++j) {
    const FeatureColumn& c = features.column(j);
    if (c.kind == FeatureColumn::Kind::kEvents) {
      any_event = true;
      AddEventRules(c, fit.weights[j], options.max_event_count, result, &rules);
    } else {
      AddAttributeRule(c, fit.weights[j], result, &rules);
    }
  }

  ojson model;
  model["name"] = options.model_name;
  model["version"] = options.model_version;
  model["description"] = Description(options, as_of, fitted_leads, *result);
  ojson dims = ojson::array();
  dims.push_back({{"name", "fit"},
                  {"description", "learned points from the lead's attributes, plus the base"}});
  if (any_event) {
    dims.push_back({{"name", "engagement"},
                    {"description", "learned points from event counts up to the scoring time"}});
  }
  model["dimensions"] = std::move(dims);
  model["rules"] = std::move(rules);
  if (result->mql_threshold) model["lifecycle"] = Lifecycle(options, *result);
  return model.dump(2) + "\n";
}

}  // namespace internal
}  // namespace leadscore
