// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore::Train (train.h) and FitLogistic (logistic.h): a planted signal
// the trainer must recover, exactness of the emitted scorecard against the
// engine, determinism, and the `leadscore train` command.

#include "leadscore/predictive/roc_auc.h"
#include "leadscore/predictive/train.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "leadscore/batch.h"
#include "leadscore/predictive/logistic.h"
#include "leadscore/model.h"
#include "leadscore/predictive/points_scaling.h"
#include "leadscore/scorer.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"

#ifdef LEADSCORE_CLI
#include "support/cli_util.h"
#endif

namespace leadscore {
namespace {

const absl::Time kAsOf = absl::FromUnixSeconds(1793491200);  // 2026-11-01T00:00:00Z

struct Planted {
  std::vector<Lead> leads;
  std::vector<Event> events;
  std::vector<Outcome> outcomes;
};

// Conversion is driven by industry (saas strongly, finance mildly) and by
// demo requests (log-scaled); country, company size, a flag and page views
// are noise.
Planted MakePlanted(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&]() { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  const char* industries[] = {"SaaS", "retail", "finance", "health", "education"};
  const char* countries[] = {"ES", "FR", "DE", "IT", "PT", "NL", "BE", "SE"};
  Planted p;
  int event_id = 0;
  for (size_t i = 0; i < n; ++i) {
    Lead lead;
    lead.id = absl::StrCat("L-", i);
    lead.consent.granted = true;
    const int industry = static_cast<int>(rng() % 5);
    // Mixed case: conditions ignore ASCII case, so must the features.
    lead.attributes["industry"] =
        Value::String(i % 7 == 0 ? std::string("saas") : industries[industry]);
    if (i % 7 == 0 && industry != 0) lead.attributes["industry"] = Value::String(industries[industry]);
    if (uniform() < 0.9) lead.attributes["country"] = Value::String(countries[rng() % 8]);
    lead.attributes["company_size"] = Value::Number(std::floor(std::exp(2 + 4 * uniform())));
    lead.attributes["newsletter"] = Value::Bool(uniform() < 0.5);
    const int demos = uniform() < 0.7 ? 0 : 1 + static_cast<int>(rng() % 4);
    const int views = static_cast<int>(rng() % 25);
    for (int d = 0; d < demos; ++d) {
      Event e;
      e.id = absl::StrCat("E-", event_id++);
      e.lead_id = lead.id;
      e.type = "demo_request";
      e.at = kAsOf - absl::Hours(1 + static_cast<int>(rng() % 2000));
      p.events.push_back(e);
      if (d == 0 && i % 11 == 0) p.events.push_back(e);  // a duplicate: counts once
    }
    for (int v = 0; v < views; ++v) {
      Event e;
      e.id = absl::StrCat("E-", event_id++);
      e.lead_id = lead.id;
      e.type = "page_view";
      e.at = kAsOf - absl::Hours(1 + static_cast<int>(rng() % 2000));
      p.events.push_back(e);
    }
    if (i % 13 == 0) {  // after as_of: ignored by engine and trainer alike
      Event e;
      e.id = absl::StrCat("E-", event_id++);
      e.lead_id = lead.id;
      e.type = "demo_request";
      e.at = kAsOf + absl::Hours(5);
      p.events.push_back(e);
    }
    const double logit = -2.5 + 2.5 * (industry == 0) + 1.0 * (industry == 2) +
                         1.6 * std::log1p(static_cast<double>(demos));
    const bool converted = uniform() < 1 / (1 + std::exp(-logit));
    p.outcomes.push_back({lead.id, converted, kAsOf + absl::Hours(24 * 30)});
    p.leads.push_back(std::move(lead));
  }
  return p;
}

TrainingSet MakeSet(const Planted& p) {
  TrainingSet set(kAsOf);
  for (const Lead& l : p.leads) REQUIRE(set.AddLead(l).ok());
  for (const Event& e : p.events) set.AddEvent(e);
  for (const Outcome& o : p.outcomes) REQUIRE(set.AddOutcome(o).ok());
  return set;
}

const LearnedRule* FindRule(const TrainResult& r, const std::string& id) {
  for (const LearnedRule& rule : r.rules) {
    if (rule.rule_id == id) return &rule;
  }
  return nullptr;
}

TEST_CASE("FitLogistic matches a known optimum", "[train]") {
  // One binary feature: without penalty the fit reproduces the rates:
  // x = 0: 1 of 4 converted, x = 1: 3 of 4.
  SparseMatrix x(1);
  std::vector<uint8_t> y;
  for (int i = 0; i < 8; ++i) {
    if (i < 4) {
      x.AddRow({});
    } else {
      x.AddRow({{0, 1.0}});
    }
    y.push_back(i == 0 || i >= 5);
  }
  LogisticOptions o;
  o.l2 = 0;
  auto fit = FitLogistic(x, y, {}, o);
  REQUIRE(fit.ok());
  CHECK(fit->converged);
  CHECK(fit->intercept == Approx(std::log(1.0 / 3)).margin(1e-7));
  CHECK(fit->weights[0] == Approx(std::log(3.0) - std::log(1.0 / 3)).margin(1e-7));

  auto one_class = FitLogistic(x, std::vector<uint8_t>(8, 1), {}, o);
  REQUIRE_FALSE(one_class.ok());
  CHECK(one_class.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("RocAuc and LogLoss", "[train]") {
  CHECK(LabeledRocAuc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}).value() == Approx(0.75));
  CHECK(LabeledRocAuc({0.5, 0.5}, {0, 1}).value() == Approx(0.5));
  // Undefined is none, never NaN.
  CHECK_FALSE(LabeledRocAuc({0.5}, {1}).has_value());
  CHECK_FALSE(LabeledRocAuc({}, {}).has_value());
  CHECK(LogLoss({0.5, 0.5}, {0, 1}).value() == Approx(std::log(2.0)));
  CHECK_FALSE(LogLoss({}, {}).has_value());
}

TEST_CASE("EventCountFeature interpolates ln 1 plus n between the knots", "[train]") {
  for (uint32_t k : {1u, 2u, 4u, 8u, 16u, 32u, 64u}) {
    CHECK(EventCountFeature(k, 64) == Approx(std::log1p(static_cast<double>(k))));
  }
  CHECK(EventCountFeature(0, 64) == 0);
  CHECK(EventCountFeature(3, 64) ==
        Approx((std::log1p(2.0) + std::log1p(4.0)) / 2));
  CHECK(EventCountFeature(1000, 64) == Approx(std::log1p(64.0)));
  CHECK(EventCountFeature(10, 10) == Approx(std::log1p(10.0)));
  CHECK(EventCountFeature(9, 10) < EventCountFeature(10, 10));
}

TEST_CASE("Train recovers a planted signal", "[train]") {
  const Planted p = MakePlanted(6000, 42);
  const TrainingSet set = MakeSet(p);
  TrainOptions options;
  options.seed = 3;
  absl::StatusOr<TrainResult> r = Train(set, options);
  REQUIRE(r.ok());
  REQUIRE(r->held_out.has_value());
  CHECK(r->held_out->leads == Approx(0.3 * 6000).margin(2));
  CHECK(r->held_out->auc.value() > 0.78);
  CHECK(r->held_out->log_loss.value() < 0.6);

  // The planted features carry the largest attribute points.
  const LearnedRule* saas = FindRule(*r, "industry = SaaS");
  const LearnedRule* finance = FindRule(*r, "industry = finance");
  const LearnedRule* retail = FindRule(*r, "industry = retail");
  REQUIRE(saas != nullptr);
  REQUIRE(finance != nullptr);
  REQUIRE(retail != nullptr);
  CHECK(saas->points > finance->points);
  CHECK(finance->points > retail->points);
  for (const LearnedRule& rule : r->rules) {
    if (rule.rule_id == "base" || rule.rule_id.rfind("industry", 0) == 0 ||
        rule.rule_id.rfind("events:", 0) == 0) {
      continue;
    }
    INFO(rule.rule_id);
    CHECK(std::abs(rule.points) < (saas->points - retail->points) / 3);
  }
  // Demo requests: learned weight near the planted 1.6 (per unit of phi),
  // page views near 0.
  const LearnedRule* demo = FindRule(*r, "events: demo_request (first 1)");
  const LearnedRule* views = FindRule(*r, "events: page_view (first 1)");
  REQUIRE(demo != nullptr);
  REQUIRE(views != nullptr);
  CHECK(demo->points > 0);
  CHECK(std::abs(views->points) < demo->points / 5);
  // The first knot's share of phi: slope 0..1 minus slope 1..2.
  const double first_share = std::log(2.0) - (std::log(3.0) - std::log(2.0));
  const double demo_weight = demo->coefficient / first_share;
  CHECK(demo_weight == Approx(1.6).margin(0.35));
}

TEST_CASE("The emitted scorecard scores exactly as the regression", "[train]") {
  const Planted p = MakePlanted(3000, 9);
  const TrainingSet set = MakeSet(p);
  TrainOptions options;
  options.scaling = PointsScaling{25, 500, 4};
  options.mql_share = 0.2;
  absl::StatusOr<TrainResult> r = Train(set, options);
  REQUIRE(r.ok());
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromJson(r->model_json);
  INFO(r->model_json.substr(0, 3000));
  REQUIRE(model.ok());
  // The description states the scaling the backtest reads back.
  std::optional<PointsScaling> scaling = ParsePointsScaling((*model)->description());
  REQUIRE(scaling.has_value());
  CHECK(scaling->pdo == 25);
  CHECK(scaling->base_score == 500);
  CHECK(scaling->base_odds == 4);
  CHECK(r->factor == Approx(25 / std::log(2.0)));
  CHECK(r->offset == Approx(500 - r->factor * std::log(4.0)));

  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(*model, kAsOf);
  REQUIRE(batch.ok());
  for (const Lead& l : p.leads) REQUIRE(batch->AddLead(l).ok());
  for (const Event& e : p.events) REQUIRE(batch->AddEvent(e).ok());
  std::map<std::string, double> totals;
  std::map<std::string, std::string> stages;
  batch->Score({}, [&](const Scorecard& c) {
    totals[c.lead_id] = c.total;
    stages[c.lead_id] = c.stage.value_or("");
  });
  REQUIRE(totals.size() == r->predictions.size());
  size_t mql_or_above = 0;
  for (const TrainResult::Prediction& pred : r->predictions) {
    INFO(pred.lead_id);
    REQUIRE(totals.count(pred.lead_id));
    CHECK(totals[pred.lead_id] == Approx(pred.score).margin(1e-9 * std::abs(pred.score) + 1e-9));
    CHECK(scaling->Probability(totals[pred.lead_id]) ==
          Approx(Sigmoid(pred.log_odds)).margin(1e-9));
    mql_or_above += stages[pred.lead_id] == "mql" || stages[pred.lead_id] == "sql";
  }
  // Exact ranking: sorting by engine total gives the order of the log-odds.
  std::vector<const TrainResult::Prediction*> order;
  for (const auto& pred : r->predictions) order.push_back(&pred);
  std::sort(order.begin(), order.end(), [&](auto* a, auto* b) {
    return totals[a->lead_id] < totals[b->lead_id];
  });
  for (size_t i = 1; i < order.size(); ++i) {
    CHECK(order[i - 1]->log_odds <= order[i]->log_odds + 1e-12);
  }
  // Suggested thresholds: about the top 20% reach mql (forward-only stages
  // can only add leads that were higher earlier).
  REQUIRE(r->mql_threshold.has_value());
  CHECK(mql_or_above >= static_cast<size_t>(0.19 * 3000));
}

TEST_CASE("Train is deterministic for a seed", "[train]") {
  const Planted p = MakePlanted(1500, 5);
  const TrainingSet set = MakeSet(p);
  TrainOptions options;
  options.seed = 11;
  auto a = Train(set, options);
  auto b = Train(set, options);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a->model_json == b->model_json);
  CHECK(a->held_out->auc == b->held_out->auc);
  options.seed = 12;
  auto c = Train(set, options);
  REQUIRE(c.ok());
  CHECK(c->model_json != a->model_json);
}

TEST_CASE("Train with k-fold cross-validation and refit", "[train]") {
  const Planted p = MakePlanted(2000, 8);
  const TrainingSet set = MakeSet(p);
  TrainOptions options;
  options.folds = 5;
  auto r = Train(set, options);
  REQUIRE(r.ok());
  REQUIRE(r->cross_validated.has_value());
  CHECK_FALSE(r->held_out.has_value());
  CHECK(r->cross_validated->leads == 2000);
  CHECK(r->cross_validated->auc.value() > 0.75);
  CHECK(r->train.leads == 2000);

  options.folds = 0;
  options.refit_all = true;
  auto refit = Train(set, options);
  REQUIRE(refit.ok());
  CHECK(refit->train.leads == 2000);
  REQUIRE(refit->held_out.has_value());
}

TEST_CASE("Train leaves out leads without consent, as backtest does", "[train]") {
  // Regression: train used to learn from leads without consent, which are not
  // valid leads and which backtest leaves out (outcome_policy.h).
  Planted p = MakePlanted(1200, 5);
  size_t withheld = 0;
  for (size_t i = 0; i < p.leads.size(); ++i) {
    if (i % 6 == 0) {
      p.leads[i].consent.granted = false;
      ++withheld;
    } else if (i % 6 == 1) {
      p.leads[i].consent.at = kAsOf + absl::Hours(1);  // granted only after as_of
      ++withheld;
    }
  }
  const TrainingSet set = MakeSet(p);
  TrainOptions options;
  auto r = Train(set, options);
  REQUIRE(r.ok());
  CHECK(r->without_consent_excluded == withheld);
  CHECK(r->leads_used == p.leads.size() - withheld);
  for (const TrainResult::Prediction& prediction : r->predictions) {
    const size_t i = std::stoul(prediction.lead_id.substr(2));
    INFO(prediction.lead_id);
    CHECK(i % 6 > 1);
  }
  // Consent is checked before the outcome's date: a lead without consent
  // and decided before as_of counts as without consent only.
  options.outcome_policy.include_invalid = true;
  auto all = Train(set, options);
  REQUIRE(all.ok());
  CHECK(all->without_consent_excluded == 0);
  CHECK(all->leads_used == p.leads.size());
}

TEST_CASE("Train encodes every attribute kind faithfully", "[train]") {
  // Rare values pooled into other, missing, arrays, bools, numbers in bins:
  // whatever the data, the engine's total equals the regression's score.
  std::mt19937_64 rng(1);
  TrainingSet set(kAsOf);
  std::vector<Lead> leads;
  for (int i = 0; i < 600; ++i) {
    Lead l;
    l.id = absl::StrCat("L", i);
    l.consent.granted = true;
    const int k = static_cast<int>(rng() % 40);
    if (k < 35) l.attributes["source"] = Value::String(absl::StrCat("src", k % 4 == 0 ? k : k % 3));
    if (k % 5 == 0) l.attributes["source"] = Value::Number(k);  // wrong type: no feature
    if (k % 3 != 0) l.attributes["score"] = Value::Number(static_cast<double>(rng() % 100));
    if (k == 7) l.attributes["score"] = Value::String("n/a");
    l.attributes["tags"] = Value::StringArray(
        k % 2 ? std::vector<std::string>{"Webinar", "ebook"} : std::vector<std::string>{"TRIAL"});
    l.attributes["vip"] = Value::Bool(k % 4 == 0);
    if (k % 9 == 0) l.attributes["vip"] = Value::Null();
    REQUIRE(set.AddLead(l, (rng() % 3 == 0) != (k % 2 == 0)).ok());
    leads.push_back(std::move(l));
  }
  TrainOptions options;
  options.holdout = 0;
  options.min_category_count = 15;
  auto r = Train(set, options);
  REQUIRE(r.ok());
  CHECK_FALSE(r->held_out.has_value());
  CHECK(FindRule(*r, "source: other") != nullptr);
  CHECK(FindRule(*r, "score: missing") != nullptr);
  CHECK(FindRule(*r, "tags = Webinar") != nullptr);
  CHECK(FindRule(*r, "vip = true") != nullptr);
  CHECK(FindRule(*r, "vip: missing") != nullptr);
  auto model = Model::FromJson(r->model_json);
  INFO(r->model_json);
  REQUIRE(model.ok());
  Scorer scorer(*model);
  for (size_t i = 0; i < leads.size(); ++i) {
    auto state = scorer.Start(leads[i]);
    REQUIRE(state.ok());
    auto card = scorer.Score(leads[i], *state, kAsOf, {});
    REQUIRE(card.ok());
    INFO(leads[i].id);
    CHECK(card->total == Approx(r->predictions[i].score).margin(1e-9));
  }
}

TEST_CASE("Train rejects bad options and one-class data", "[train]") {
  TrainingSet set(kAsOf);
  for (int i = 0; i < 10; ++i) {
    Lead l;
    l.id = absl::StrCat("L", i);
    REQUIRE(set.AddLead(l, false).ok());
  }
  Lead dup;
  dup.id = "L0";
  CHECK(set.AddLead(dup).code() == absl::StatusCode::kAlreadyExists);
  CHECK(set.AddOutcome({"L1", true, std::nullopt}).code() == absl::StatusCode::kInvalidArgument);
  CHECK(set.AddOutcome({"nobody", true, std::nullopt}).ok());
  CHECK(set.unknown_outcomes() == 1);
  auto r = Train(set, {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(r.status().message()).find("need both converted and not converted") !=
        std::string::npos);
  TrainOptions bad;
  bad.holdout = 1;
  CHECK(Train(set, bad).status().message() == "holdout must be in [0, 1)");
  bad = {};
  bad.scaling.pdo = 0;
  CHECK(Train(set, bad).status().message() == "pdo must be > 0");
  bad = {};
  bad.folds = 1;
  CHECK(Train(set, bad).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("TrainingSet counts events like the engine", "[train]") {
  TrainingSet set(kAsOf);
  Lead l;
  l.id = "A";
  REQUIRE(set.AddLead(l).ok());
  auto ev = [](const char* id, const char* type, absl::Duration before) {
    Event e;
    if (id) e.id = id;
    e.lead_id = "A";
    e.type = type;
    e.at = kAsOf - before;
    return e;
  };
  set.AddEvent(ev("1", "view", absl::Hours(5)));
  set.AddEvent(ev("1", "view", absl::Hours(6)));   // same id, earlier: replaces
  set.AddEvent(ev("2", "view", absl::Hours(-1)));  // after as_of
  set.AddEvent(ev("2", "click", absl::Hours(1)));  // id 2 only seen after as_of: counts
  set.AddEvent(ev("3", "click", absl::Hours(9)));
  set.AddEvent(ev("3", "view", absl::Hours(2)));   // later copy of 3: dropped
  set.AddEvent(ev(nullptr, "view", absl::Hours(1)));
  set.AddEvent(ev(nullptr, "view", absl::Hours(1)));  // no id: never a duplicate
  Event unknown = ev("9", "view", absl::Hours(1));
  unknown.lead_id = "B";
  set.AddEvent(unknown);
  CHECK(set.unknown_lead_events() == 1);
  CHECK(set.events_after_as_of() == 1);
  CHECK(set.duplicate_events() == 2);
  std::map<std::string, uint32_t> counts;
  for (const auto& [t, c] : set.rows()[0].event_counts) counts[set.event_types()[t]] = c;
  CHECK(counts["view"] == 3);
  CHECK(counts["click"] == 2);
}

// ---- the command line --------------------------------------------------

#ifdef LEADSCORE_CLI

using leadscore_test::CliDir;
using leadscore_test::CliResult;
using leadscore_test::ReadFile;

// The planted data as CSV leads (with an outcome column), JSONL events.
void WritePlanted(CliDir* dir, const Planted& p) {
  std::string csv = "\xEF\xBB\xBF" "Lead ID,Industry,Country,Employees,Notes,Converted\r\n";
  for (size_t i = 0; i < p.leads.size(); ++i) {
    const Lead& l = p.leads[i];
    auto str = [&](const char* k) {
      auto it = l.attributes.find(k);
      return it == l.attributes.end() ? std::string() : it->second.as_string();
    };
    absl::StrAppend(&csv, l.id, ",", str("industry"), ",", str("country"), ",",
                    l.attributes.at("company_size").as_number(), ",\"a, \"\"note\"\"\",",
                    p.outcomes[i].converted ? "yes" : "no", "\r\n");
  }
  dir->Write("leads.csv", csv);
  std::string events;
  for (const Event& e : p.events) {
    absl::StrAppend(&events, R"({"id": ")", *e.id, R"(", "lead_id": ")", e.lead_id,
                    R"(", "type": ")", e.type, R"(", "at": ")", FormatTimestamp(e.at), "\"}\n");
  }
  dir->Write("events.jsonl", events);
}

TEST_CASE("leadscore train learns from CSV leads and the model scores them", "[train]") {
  CliDir dir("train_test_tmp");
  WritePlanted(&dir, MakePlanted(3000, 21));
  const std::string as_of = FormatTimestamp(kAsOf);
  CliResult r = dir.Run({"train", "--leads", dir.Path("leads.csv"), "--id-column", "Lead ID",
                    "--outcome-column", "Converted", "--ignore-columns", "Notes",
                    "--assume-consent", "--events", dir.Path("events.jsonl"), "--as-of", as_of, "--seed", "4",
                    "--out", dir.Path("model.json"), "--features-out",
                    dir.Path("features.csv"), "--mql-share", "0.25"});
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("held-out (30%, seed 4): AUC 0.") != std::string::npos);
  CHECK(r.err.find("log loss") != std::string::npos);
  CHECK(r.err.find("Industry = SaaS") != std::string::npos);
  auto model = Model::FromFile(dir.Path("model.json"));
  REQUIRE(model.ok());
  CHECK((*model)->has_lifecycle());
  const std::string features = ReadFile(dir.Path("features.csv"));
  CHECK(features.rfind("lead_id,converted,held_out,", 0) == 0);
  CHECK(std::count(features.begin(), features.end(), '\n') == 3001);

  // The same CSV scores with the learned model.
  CliResult s = dir.Run({"score", "--model", dir.Path("model.json"), "--leads",
                    dir.Path("leads.csv"), "--id-column", "Lead ID", "--ignore-columns",
                    "Notes,Converted", "--assume-consent", "--events",
                    dir.Path("events.jsonl"), "--as-of", as_of});
  REQUIRE(s.code == 0);
  CHECK(std::count(s.out.begin(), s.out.end(), '\n') == 3000);
  CHECK(s.out.find(R"({"lead_id": "L-0", )") != std::string::npos);
  CHECK(s.err.find("3000 leads") != std::string::npos);

  // Deterministic: a second run writes the same model.
  CliResult again = dir.Run({"train", "--leads", dir.Path("leads.csv"), "--id-column", "Lead ID",
                        "--outcome-column", "Converted", "--ignore-columns", "Notes",
                        "--assume-consent", "--events", dir.Path("events.jsonl"), "--as-of", as_of, "--seed", "4",
                        "--mql-share", "0.25"});
  REQUIRE(again.code == 0);
  CHECK(again.out == ReadFile(dir.Path("model.json")));
}

TEST_CASE("leadscore train with JSONL leads and an outcomes file", "[train]") {
  CliDir dir("train_test_tmp");
  const Planted p = MakePlanted(800, 2);
  std::string leads, outcomes;
  for (size_t i = 0; i < p.leads.size(); ++i) {
    absl::StrAppend(&leads, R"({"id": ")", p.leads[i].id, R"(", "consent": true, "attributes": {"industry": ")",
                    p.leads[i].attributes.at("industry").as_string(), "\"}}\n");
    absl::StrAppend(&outcomes, R"({"lead_id": ")", p.leads[i].id, R"(", "converted": )",
                    p.outcomes[i].converted ? "true" : "false", "}\n");
  }
  dir.Write("leads.jsonl", leads);
  dir.Write("outcomes.jsonl", outcomes);
  CliResult r = dir.Run({"train", "--leads", dir.Path("leads.jsonl"), "--outcomes",
                    dir.Path("outcomes.jsonl"), "--as-of", "2026-11-01T00:00:00Z", "--folds",
                    "4", "--pdo", "40", "--base-score", "300"});
  REQUIRE(r.code == 0);
  CHECK(r.err.find("4-fold cross-validation (seed 1): AUC 0.") != std::string::npos);
  CHECK(Model::FromJson(r.out).ok());
  CHECK(r.out.find("pdo 40, base score 300 at odds 1") != std::string::npos);
}

TEST_CASE("leadscore train and backtest leave out the same leads", "[train]") {
  // The bundled sample: 141 leads without consent, 18 decided before as-of
  // (2 more are decided but already left out for lack of consent).
  CliDir dir("train_test_tmp");
  const std::vector<std::string> inputs = {
      "--leads", "examples/data/leads.jsonl", "--events", "examples/data/events.jsonl",
      "--outcomes", "examples/data/outcomes.jsonl", "--as-of", "2026-11-01T00:00:00Z"};
  std::vector<std::string> train = {"train", "--out", dir.Path("model.json")};
  train.insert(train.end(), inputs.begin(), inputs.end());
  CliResult t = dir.Run(train);
  REQUIRE(t.code == 0);
  CHECK(t.err.find("1841 used (117 converted, 6.36%)") != std::string::npos);
  CHECK(t.err.find("left out: 141 without consent, 0 without outcome, 18 decided before as-of") !=
        std::string::npos);
  std::vector<std::string> backtest = {"backtest", "--model", "examples/models/b2b-saas.json"};
  backtest.insert(backtest.end(), inputs.begin(), inputs.end());
  CliResult b = dir.Run(backtest);
  REQUIRE(b.code == 0);
  CHECK(b.out.find("1841 of 2000 scored leads evaluated; 117 converted") != std::string::npos);
  CHECK(b.out.find("left out: 141 without consent (stage invalid); 18 with an outcome dated at "
                   "or before as-of") != std::string::npos);
}

TEST_CASE("leadscore train reports bad input with exit code 2", "[train]") {
  CliDir dir("train_test_tmp");
  dir.Write("leads.csv", "id,x,won\n1,a,yes\n2,b,\"no\n");
  CliResult csv = dir.Run({"train", "--leads", dir.Path("leads.csv"), "--outcome-column", "won",
                      "--as-of", "2026-11-01T00:00:00Z"});
  CHECK(csv.code == 2);
  CHECK(csv.err.find("leads.csv:3: quoted field 3 is not closed before the end of the input") !=
        std::string::npos);

  dir.Write("leads2.csv", "id,x,won\n1,a,yes\n2,b,no\n");
  CliResult header = dir.Run({"train", "--leads", dir.Path("leads2.csv"), "--outcome-column", "Won",
                         "--as-of", "2026-11-01T00:00:00Z"});
  CHECK(header.code == 2);
  CHECK(header.err.find("leads2.csv:1: outcome column 'Won' is not in the header") !=
        std::string::npos);

  CliResult one_class = dir.Run({"train", "--leads", dir.Path("leads2.csv"), "--outcome-column",
                            "won", "--assume-consent", "--as-of", "2026-11-01T00:00:00Z",
                            "--holdout", "0"});
  CHECK(one_class.code == 0);  // 1 converted, 1 not: trains (tiny)
  CliResult no_outcomes = dir.Run({"train", "--leads", dir.Path("leads2.csv"), "--as-of",
                              "2026-11-01T00:00:00Z"});
  CHECK(no_outcomes.code == 2);
  CHECK(no_outcomes.err.find("give --outcomes O") != std::string::npos);
  dir.Write("out.jsonl", "{\"lead_id\": \"1\", \"converted\": \"yes\"}\n");
  CliResult bad_outcome = dir.Run({"train", "--leads", dir.Path("leads2.csv"), "--outcomes",
                              dir.Path("out.jsonl"), "--as-of", "2026-11-01T00:00:00Z"});
  CHECK(bad_outcome.code == 2);
  CHECK(bad_outcome.err.find("out.jsonl:1: 'converted': expected true or false") !=
        std::string::npos);
  CliResult flag = dir.Run({"train", "--leads", dir.Path("leads2.csv"), "--outcome-column", "won",
                       "--as-of", "2026-11-01T00:00:00Z", "--holdout", "2"});
  CHECK(flag.code == 2);
  CHECK(flag.err.find("--holdout takes a number") != std::string::npos);
  CliResult jsonl_flag = dir.Run({"score", "--model", "m.json", "--leads", "x.jsonl",
                             "--id-column", "x", "--as-of", "2026-11-01T00:00:00Z"});
  CHECK(jsonl_flag.code == 2);
  CHECK(jsonl_flag.err.find("--id-column applies to CSV leads only") != std::string::npos);
}

#endif  // LEADSCORE_CLI

}  // namespace
}  // namespace leadscore
