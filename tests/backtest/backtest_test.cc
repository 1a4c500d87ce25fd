// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Backtest metrics (backtest.h), population rules (backtest_population.h),
// points scaling (points_scaling.h) and report writers (backtest_report.h),
// checked against numbers worked out by hand.

#include "leadscore/predictive/roc_auc.h"
#include "leadscore/backtest/backtest.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "leadscore/backtest/backtest_population.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/predictive/points_scaling.h"
#include "leadscore/time.h"

namespace leadscore {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

BacktestLead L(const std::string& id, double score, bool converted,
               std::optional<std::string> stage = std::nullopt) {
  BacktestLead l;
  l.lead_id = id;
  l.score = score;
  l.converted = converted;
  l.stage = std::move(stage);
  return l;
}

// O(p * n) reference: P(pos > neg) + P(pos == neg) / 2.
double BruteAuc(const std::vector<double>& pos, const std::vector<double>& neg) {
  double wins = 0;
  for (double p : pos) {
    for (double n : neg) wins += p > n ? 1.0 : p == n ? 0.5 : 0.0;
  }
  return wins / (static_cast<double>(pos.size()) * static_cast<double>(neg.size()));
}

// Every number in a JSON value is finite (nlohmann never holds NaN from
// parsing, but check what the writer produced parses and has no nan/inf).
void CheckFiniteJson(const std::string& text) {
  CHECK_THAT(text, !Contains("nan") && !Contains("inf"));
  nlohmann::json j;
  REQUIRE_NOTHROW(j = nlohmann::json::parse(text));
  REQUIRE(j.is_object());
}

TEST_CASE("RocAuc on hand-computed cases", "[backtest]") {
  SECTION("perfect ranking") {
    CHECK(*RocAuc({3, 4}, {1, 2}) == 1.0);
  }
  SECTION("inverted ranking") {
    CHECK(*RocAuc({1, 2}, {3, 4}) == 0.0);
  }
  SECTION("ties count one half") {
    // pairs: (1,1) 0.5, (1,0) 1, (2,1) 1, (2,0) 1 -> 3.5 / 4
    CHECK(*RocAuc({1, 2}, {1, 0}) == Approx(0.875));
    CHECK(*RocAuc({5, 5, 5}, {5, 5}) == Approx(0.5));
  }
  SECTION("one class only is undefined") {
    CHECK_FALSE(RocAuc({1, 2}, {}).has_value());
    CHECK_FALSE(RocAuc({}, {1}).has_value());
  }
  SECTION("matches the pairwise definition on random scores with many ties") {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> score(0, 12);
    for (int round = 0; round < 20; ++round) {
      std::vector<double> pos, neg;
      for (int i = 0; i < 37; ++i) pos.push_back(score(rng));
      for (int i = 0; i < 53; ++i) neg.push_back(score(rng) - 2);
      CHECK(*RocAuc(pos, neg) == Approx(BruteAuc(pos, neg)).epsilon(1e-12));
    }
  }
}

TEST_CASE("RunBacktest deciles and lift by hand", "[backtest]") {
  // Scores 20..1; converted: 20, 19, 18, 15, 11, 2 (6 of 20, rate 0.3).
  std::vector<BacktestLead> leads;
  for (int s = 20; s >= 1; --s) {
    const bool c = s == 20 || s == 19 || s == 18 || s == 15 || s == 11 || s == 2;
    leads.push_back(L("L" + std::to_string(s), s, c));
  }
  auto r = RunBacktest(leads, {});
  REQUIRE(r.ok());
  CHECK(r->leads == 20);
  CHECK(r->converted == 6);
  CHECK(r->conversion_rate == Approx(0.3));
  REQUIRE(r->deciles.size() == 10);
  const int conv[10] = {2, 1, 1, 0, 1, 0, 0, 0, 0, 1};
  size_t cum = 0;
  for (int d = 0; d < 10; ++d) {
    INFO("decile " << d + 1);
    const DecileRow& row = r->deciles[d];
    CHECK(row.decile == d + 1);
    CHECK(row.leads == 2);
    CHECK(row.converted == static_cast<size_t>(conv[d]));
    CHECK(*row.max_score == 20 - 2 * d);
    CHECK(*row.min_score == 19 - 2 * d);
    CHECK(*row.conversion_rate == Approx(conv[d] / 2.0));
    CHECK(*row.lift == Approx(conv[d] / 2.0 / 0.3));
    cum += conv[d];
    CHECK(row.cumulative_converted == cum);
    CHECK(row.cumulative_leads == static_cast<size_t>(2 * (d + 1)));
    CHECK(*row.cumulative_recall == Approx(cum / 6.0));
  }
  // AUC by hand: count, for each converted lead, the non-converted below it.
  // 20,19,18: 14 each; 15: 12 below (14,13,12,10,9,...,1 minus 11 and 2 -> 12);
  // 11: 9 (10..3 and 1); 2: 1 -> (42 + 12 + 9 + 1) / (6 * 14) = 64 / 84.
  CHECK(*r->auc == Approx(64.0 / 84.0));
  CHECK(r->roc.front().fpr == 0);
  CHECK(r->roc.back().fpr == 1);
  CHECK(r->roc.back().tpr == 1);
  CHECK(r->notes.empty());
}

TEST_CASE("RunBacktest keeps tied scores in one decile", "[backtest]") {
  // One lead at 5, nine tied at 0: positions 1..9, middle 5, decile 6.
  std::vector<BacktestLead> leads = {L("top", 5, true)};
  for (int i = 0; i < 9; ++i) leads.push_back(L("t" + std::to_string(i), 0, i == 0));
  auto r = RunBacktest(leads, {});
  REQUIRE(r.ok());
  CHECK(r->deciles[0].leads == 1);
  CHECK(r->deciles[5].leads == 9);
  CHECK(r->deciles[5].converted == 1);
  for (int d : {1, 2, 3, 4, 6, 7, 8, 9}) {
    INFO("decile " << d + 1);
    CHECK(r->deciles[d].leads == 0);
    CHECK_FALSE(r->deciles[d].conversion_rate.has_value());
    CHECK_FALSE(r->deciles[d].lift.has_value());
    CHECK_FALSE(r->deciles[d].min_score.has_value());
  }
  // Input order of tied leads changes nothing.
  std::reverse(leads.begin(), leads.end());
  auto r2 = RunBacktest(leads, {});
  REQUIRE(r2.ok());
  CHECK(r2->deciles[5].converted == 1);
  CHECK(*r2->auc == *r->auc);
}

TEST_CASE("RunBacktest stage thresholds precision and recall", "[backtest]") {
  BacktestOptions o;
  o.stages = {"subscriber", "mql", "sql"};
  std::vector<BacktestLead> leads = {
      L("a", 1, false, "subscriber"), L("b", 2, true, "subscriber"),
      L("c", 3, false, "mql"),        L("d", 4, true, "mql"),
      L("e", 5, true, "sql"),         L("f", 6, false, "sql"),
      L("g", 7, true, "disqualified"), L("h", 8, false, "invalid"),
  };
  auto r = RunBacktest(leads, o);
  REQUIRE(r.ok());
  REQUIRE(r->stages.size() == 3);
  // 4 converted of 8: base rate 0.5.
  const StageRow& sub = r->stages[0];
  CHECK(sub.stage == "subscriber");
  CHECK(sub.passing == 6);
  CHECK(sub.converted_passing == 3);
  CHECK(*sub.precision == Approx(0.5));
  CHECK(*sub.recall == Approx(0.75));
  CHECK(*sub.lift == Approx(1.0));
  const StageRow& mql = r->stages[1];
  CHECK(mql.passing == 4);
  CHECK(mql.converted_passing == 2);
  CHECK(*mql.recall == Approx(0.5));
  const StageRow& sql = r->stages[2];
  CHECK(sql.passing == 2);
  CHECK(sql.converted_passing == 1);
  CHECK(*sql.precision == Approx(0.5));
  CHECK(*sql.recall == Approx(0.25));

  SECTION("a stage nobody reaches has no precision") {
    o.stages.push_back("customer");
    auto r2 = RunBacktest(leads, o);
    REQUIRE(r2.ok());
    CHECK(r2->stages[3].passing == 0);
    CHECK_FALSE(r2->stages[3].precision.has_value());
    CHECK(*r2->stages[3].recall == 0);
  }
}

TEST_CASE("RunBacktest recommends thresholds for a volume or a precision", "[backtest]") {
  // Scores (converted *): 90*, 80*, 80, 70*, 60, 50, 50*, 40, 30, 20
  std::vector<BacktestLead> leads = {
      L("a", 90, true),  L("b", 80, true), L("c", 80, false), L("d", 70, true),
      L("e", 60, false), L("f", 50, false), L("g", 50, true), L("h", 40, false),
      L("i", 30, false), L("j", 20, false)};
  BacktestOptions o;
  SECTION("top N never splits a tie: at most N pass") {
    o.target_volume = 2;  // 90 alone (80 is a tie of two)
    auto r = RunBacktest(leads, o);
    REQUIRE(r.ok());
    const Recommendation& rec = r->recommendations.at(0);
    CHECK(rec.target == Recommendation::Target::kVolume);
    CHECK(rec.met);
    CHECK(rec.threshold == 90);
    CHECK(rec.passing == 1);
    CHECK(rec.suggested_threshold == 90);  // shortest in (80, 90]
    o.target_volume = 4;  // 90, 80, 80, 70
    r = RunBacktest(leads, o);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].threshold == 70);
    CHECK(r->recommendations[0].passing == 4);
    CHECK(r->recommendations[0].converted_passing == 3);
    CHECK(*r->recommendations[0].precision == Approx(0.75));
    CHECK(*r->recommendations[0].recall == Approx(0.75));
    CHECK(*r->recommendations[0].lift == Approx(0.75 / 0.4));
    CHECK(r->recommendations[0].suggested_threshold == 70);  // in (60, 70]: "70" wins
  }
  SECTION("a fraction of the leads") {
    o.target_fraction = 0.5;  // 5 leads: 90, 80, 80, 70, 60
    auto r = RunBacktest(leads, o);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].target == Recommendation::Target::kFraction);
    CHECK(r->recommendations[0].passing == 5);
    CHECK(r->recommendations[0].threshold == 60);
  }
  SECTION("precision: the largest volume that reaches it") {
    // cumulative precision: 90 1/1, 80 2/3, 70 3/4, 60 3/5, 50 4/7, ...
    o.target_precision = 0.6;
    auto r = RunBacktest(leads, o);
    REQUIRE(r.ok());
    const Recommendation& rec = r->recommendations[0];
    CHECK(rec.met);
    CHECK(rec.threshold == 60);  // 3/5 = 0.6 exactly reaches it
    CHECK(rec.passing == 5);
    CHECK(rec.suggested_threshold == 60);
  }
  SECTION("precision out of reach gives the best one") {
    BacktestOptions o2;
    o2.target_precision = 1.0;  // only the top lead reaches 1.0: met
    auto r = RunBacktest(leads, o2);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].met);
    CHECK(r->recommendations[0].passing == 1);
    std::vector<BacktestLead> flipped = leads;
    flipped[0].converted = false;  // 0/1, 1/3, 2/4, 2/5, 3/7, ...
    r = RunBacktest(flipped, o2);
    REQUIRE(r.ok());
    CHECK_FALSE(r->recommendations[0].met);
    CHECK(r->recommendations[0].threshold == 70);  // the best: 2/4
    CHECK(*r->recommendations[0].precision == Approx(0.5));
  }
  SECTION("the top tie larger than the volume is not met") {
    std::vector<BacktestLead> tied = {L("a", 5, true), L("b", 5, false), L("c", 5, false),
                                      L("d", 1, true)};
    o.target_volume = 2;
    auto r = RunBacktest(tied, o);
    REQUIRE(r.ok());
    CHECK_FALSE(r->recommendations[0].met);
    CHECK(r->recommendations[0].passing == 3);
    CHECK(r->recommendations[0].threshold == 5);
  }
  SECTION("suggested thresholds are short decimals that keep the same leads") {
    std::vector<BacktestLead> fine = {L("a", 58.73912, true), L("b", 58.2, false),
                                      L("c", -3.7, true), L("d", -5.25, false)};
    o.target_volume = 1;
    auto r = RunBacktest(fine, o);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].suggested_threshold == 58.7);  // in (58.2, 58.73912]
    o.target_volume = 3;
    r = RunBacktest(fine, o);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].suggested_threshold == -4);  // in (-5.25, -3.7]
    o.target_volume = 4;
    r = RunBacktest(fine, o);
    REQUIRE(r.ok());
    CHECK(r->recommendations[0].suggested_threshold == -6);  // all pass: one below
  }
}

TEST_CASE("RunBacktest degenerate inputs have clear errors and no NaN", "[backtest]") {
  BacktestOptions o;
  o.stages = {"lead", "mql"};
  o.target_volume = 5;
  o.target_precision = 0.5;
  o.scaling = PointsScaling{10, 50, 1};
  BacktestContext ctx;
  ctx.model_name = "m";
  ctx.scaling = o.scaling;

  SECTION("no lead") {
    auto r = RunBacktest({}, o);
    REQUIRE(r.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(r.status().message()), Contains("no lead to evaluate"));
  }
  SECTION("one lead") {
    std::vector<BacktestLead> one = {L("x", 3, true, "mql")};
    auto r = RunBacktest(one, o);
    REQUIRE(r.ok());
    CHECK_FALSE(r->auc.has_value());
    CHECK(r->roc.empty());
    CHECK(r->deciles[0].leads == 1);
    CHECK(r->recommendations[0].passing == 1);
    CheckFiniteJson(BacktestReportJson(*r, ctx));
    CHECK_THAT(BacktestReportText(*r, ctx), Contains("undefined"));
  }
  SECTION("none converted") {
    std::vector<BacktestLead> none = {L("a", 1, false, "lead"), L("b", 2, false, "mql")};
    auto r = RunBacktest(none, o);
    REQUIRE(r.ok());
    CHECK_FALSE(r->auc.has_value());
    CHECK(r->conversion_rate == 0);
    CHECK_FALSE(r->deciles[0].lift.has_value());
    CHECK_FALSE(r->stages[0].recall.has_value());
    CHECK(*r->stages[0].precision == 0);
    CHECK(r->log_loss.has_value());
    REQUIRE(r->notes.size() == 1);
    CHECK_THAT(r->notes[0], Contains("No lead converted"));
    CHECK_FALSE(r->recommendations[1].met);
    CheckFiniteJson(BacktestReportJson(*r, ctx));
    CHECK_THAT(BacktestReportHtml(*r, ctx), !Contains("nan"));
  }
  SECTION("all converted") {
    std::vector<BacktestLead> all = {L("a", 1, true), L("b", 2, true), L("c", 2, true)};
    auto r = RunBacktest(all, o);
    REQUIRE(r.ok());
    CHECK_FALSE(r->auc.has_value());
    CHECK(r->conversion_rate == 1);
    for (const DecileRow& d : r->deciles) {
      if (d.lift) CHECK(*d.lift == Approx(1.0));
    }
    CHECK(r->recommendations[1].met);
    CheckFiniteJson(BacktestReportJson(*r, ctx));
  }
  SECTION("bad scores and options") {
    std::vector<BacktestLead> bad = {L("a", std::nan(""), true)};
    CHECK(RunBacktest(bad, {}).status().code() == absl::StatusCode::kInvalidArgument);
    std::vector<BacktestLead> ok = {L("a", 1, true)};
    BacktestOptions b;
    b.target_volume = 0;
    CHECK_FALSE(RunBacktest(ok, b).ok());
    b = {};
    b.target_precision = 1.5;
    CHECK_FALSE(RunBacktest(ok, b).ok());
    b = {};
    b.scaling = PointsScaling{0, 1, 1};
    CHECK_THAT(std::string(RunBacktest(ok, b).status().message()), Contains("pdo"));
    b = {};
    b.dimensions = {"fit", "engagement"};
    ok[0].dimension_scores = {1};
    CHECK_THAT(std::string(RunBacktest(ok, b).status().message()), Contains("dimension"));
  }
}

TEST_CASE("PointsScaling probability log loss and parsing", "[backtest]") {
  const PointsScaling s{20, 600, 1};
  CHECK(s.Probability(600) == Approx(0.5));
  CHECK(s.Probability(620) == Approx(2.0 / 3.0));  // odds 2
  CHECK(s.Probability(580) == Approx(1.0 / 3.0));  // odds 1/2
  CHECK(s.Score(2.0 / 3.0) == Approx(620));
  const PointsScaling odds50{20, 600, 50};
  CHECK(odds50.Probability(600) == Approx(50.0 / 51.0));
  CHECK(s.Probability(1e6) == 1.0);
  CHECK(s.Probability(-1e6) >= 0.0);

  SECTION("log loss and Brier score by hand") {
    BacktestOptions o;
    o.scaling = s;
    // p = 2/3 converted, p = 1/3 not converted, p = 1/2 converted.
    std::vector<BacktestLead> leads = {L("a", 620, true), L("b", 580, false), L("c", 600, true)};
    auto r = RunBacktest(leads, o);
    REQUIRE(r.ok());
    const double ll = -(std::log(2.0 / 3) + std::log(2.0 / 3) + std::log(0.5)) / 3;
    CHECK(*r->log_loss == Approx(ll));
    CHECK(*r->brier == Approx((1.0 / 9 + 1.0 / 9 + 0.25) / 3));
    CHECK(r->deciles[0].mean_probability.has_value());
  }
  SECTION("ParsePointsScaling reads descriptions") {
    auto a = ParsePointsScaling("Learned scorecard: PDO 20, base score 600 at odds 1:1.");
    REQUIRE(a.has_value());
    CHECK(a->pdo == 20);
    CHECK(a->base_score == 600);
    CHECK(a->base_odds == 1);
    auto b = ParsePointsScaling("pdo=40; base_score=-12.5; base_odds=50:1");
    REQUIRE(b.has_value());
    CHECK(b->pdo == 40);
    CHECK(b->base_score == -12.5);
    CHECK(b->base_odds == 50);
    auto c = ParsePointsScaling("points to double the odds (pdo): 15, Base-Score: 0");
    REQUIRE(c.has_value());
    CHECK(c->pdo == 15);
    CHECK(c->base_odds == 1);
    auto d = ParsePointsScaling(FormatPointsScaling(PointsScaling{17.5, 300, 0.25}));
    REQUIRE(d.has_value());
    CHECK(d->pdo == 17.5);
    CHECK(d->base_score == 300);
    CHECK(d->base_odds == 0.25);
    CHECK_FALSE(ParsePointsScaling("Multidimensional B2B SaaS lead scoring").has_value());
    CHECK_FALSE(ParsePointsScaling("pdo 20 only").has_value());
    CHECK_FALSE(ParsePointsScaling("pdo 0, base score 600").has_value());
    CHECK_FALSE(ParsePointsScaling("pdos 20, base score 600").has_value());
  }
}

Scorecard Card(const std::string& id, double total, bool valid = true,
               std::optional<std::string> stage = std::string("lead")) {
  Scorecard c;
  c.lead_id = id;
  c.total = total;
  c.valid = valid;
  c.stage = valid ? std::move(stage) : std::optional<std::string>("invalid");
  c.dimensions.push_back(DimensionScore{"fit", total / 2, std::nullopt});
  return c;
}

Outcome O(const std::string& id, bool converted, std::optional<absl::Time> at = std::nullopt) {
  Outcome o;
  o.lead_id = id;
  o.converted = converted;
  o.at = at;
  return o;
}

TEST_CASE("BacktestPopulation decides which leads count", "[backtest]") {
  const absl::Time as_of = *ParseTimestamp("2026-11-01T00:00:00Z");
  const absl::Time after = as_of + absl::Hours(24), before = as_of - absl::Hours(24);
  auto fill = [&](BacktestPopulation& p) {
    REQUIRE(p.AddOutcome(O("conv", true, after)).ok());
    REQUIRE(p.AddOutcome(O("lost", false)).ok());
    REQUIRE(p.AddOutcome(O("early", true, before)).ok());
    REQUIRE(p.AddOutcome(O("at-as-of", true, as_of)).ok());
    REQUIRE(p.AddOutcome(O("noconsent", true, after)).ok());
    REQUIRE(p.AddOutcome(O("ghost", true)).ok());
    const absl::Status dup = p.AddOutcome(O("conv", false));
    CHECK(dup.code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(dup.message()), Contains("duplicate outcome for lead 'conv'"));
    for (const char* id : {"conv", "lost", "early", "at-as-of", "silent"}) {
      p.AddScorecard(Card(id, 10));
    }
    p.AddScorecard(Card("noconsent", 10, false));
  };
  SECTION("defaults") {
    BacktestPopulation p(as_of);
    fill(p);
    const PopulationStats& s = p.stats();
    CHECK(s.scorecards == 6);
    CHECK(s.outcomes == 6);
    CHECK(s.excluded_invalid == 1);
    CHECK(s.excluded_decided_before_as_of == 2);  // at as_of counts as before
    CHECK(s.evaluated == 3);                      // conv, lost, silent
    CHECK(s.converted == 1);
    CHECK(s.without_outcome == 1);
    REQUIRE(p.leads().size() == 3);
    CHECK(p.leads()[0].lead_id == "conv");
    CHECK(p.leads()[0].converted);
    CHECK(p.leads()[0].dimension_scores == std::vector<double>{5});
    CHECK(p.leads()[2].lead_id == "silent");
    CHECK_FALSE(p.leads()[2].converted);
    CHECK(p.UnknownOutcomeIds() == std::vector<std::string>{"ghost"});
  }
  SECTION("options") {
    PopulationOptions po;
    po.missing_outcome = PopulationOptions::MissingOutcome::kExclude;
    po.include_invalid = true;
    po.keep_decided_before_as_of = true;
    BacktestPopulation p(as_of, po);
    fill(p);
    const PopulationStats& s = p.stats();
    CHECK(s.excluded_invalid == 0);
    CHECK(s.excluded_decided_before_as_of == 0);
    CHECK(s.decided_before_as_of_kept == 2);
    CHECK(s.excluded_without_outcome == 1);
    CHECK(s.evaluated == 5);
    CHECK(s.converted == 4);
    CHECK(p.leads().back().stage == std::optional<std::string>("invalid"));
  }
}

TEST_CASE("Backtest reports escape user data and hold the charts", "[backtest]") {
  std::vector<BacktestLead> leads = {
      L("<script>alert(\"x\")</script>", 9, true, "mql"), L("b&c", 5, false, "lead"),
      L("d", 1, false, "lead"), L("e\xff", 3, true, "lead")};
  BacktestOptions o;
  o.stages = {"lead", "mql"};
  o.target_volume = 2;
  auto r = RunBacktest(leads, o);
  REQUIRE(r.ok());
  BacktestContext ctx;
  ctx.model_name = "<b>model</b>";
  ctx.model_version = "1'2";
  ctx.as_of = *ParseTimestamp("2026-11-01T00:00:00Z");
  ctx.unknown_outcome_ids = {"<img src=x onerror=alert(1)>"};
  PopulationStats ps;
  ps.scorecards = 4;
  ps.evaluated = 4;
  ps.converted = 2;
  ctx.population = ps;

  const std::string html = BacktestReportHtml(*r, ctx);
  CHECK_THAT(html, StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, !Contains("<script"));
  CHECK_THAT(html, !Contains("<img"));
  CHECK_THAT(html, !Contains("<b>model"));
  CHECK_THAT(html, Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
  CHECK_THAT(html, Contains("b&amp;c"));
  CHECK_THAT(html, Contains("1&#39;2"));
  CHECK_THAT(html, Contains("e\xEF\xBF\xBD"));  // invalid UTF-8 replaced
  CHECK_THAT(html, !Contains("http-equiv") && !Contains("src=\"http") && !Contains("href="));
  size_t svgs = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    ++svgs;
  }
  CHECK(svgs == 3);
  CHECK_THAT(html, Contains("</svg>") && Contains("<polyline class=\"roc\""));

  const std::string json = BacktestReportJson(*r, ctx);
  CheckFiniteJson(json);
  const nlohmann::json j = nlohmann::json::parse(json);
  CHECK(j["format"] == "leadscore-backtest/1");
  CHECK(j["model"]["name"] == "<b>model</b>");
  CHECK(j["top_leads"][0]["lead_id"] == "<script>alert(\"x\")</script>");
  CHECK(j["leads"] == 4);
  CHECK(j["deciles"].size() == 10);
  CHECK(j["stages"][1]["stage"] == "mql");
  CHECK(j["recommendations"][0]["target"] == "volume");
  CHECK(j["auc"].get<double>() == Approx(*r->auc));
  CHECK(j["log_loss"].is_null());

  const std::string text = BacktestReportText(*r, ctx);
  CHECK_THAT(text, Contains("ROC AUC        0.7500"));
  CHECK_THAT(text, Contains("{\"score\": \"total\", \"gte\": 5}"));  // in (3, 5]
}

}  // namespace
}  // namespace leadscore
