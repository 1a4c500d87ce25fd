// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// DiffModels and CompareScorecards (model_diff.h) on small hand-made models
// whose matrix, deltas and rule changes are worked out by hand below, and on
// the bundled data: each lead's two scorecards equal scoring with each model
// alone, and a model compared with itself changes nothing.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/model_diff.h"
#include "support/test_util.h"

namespace {

using leadscore::DeltaSummary;
using leadscore::DiffModels;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadDiff;
using leadscore::ModelDiff;
using leadscore::RuleChange;
using leadscore::Scorecard;
using namespace leadscore_test;

// No decay, weights 1: total = fit + eng, every number exact.
constexpr char kOld[] = R"({
  "name": "hand", "version": "1",
  "dimensions": [{"name": "fit", "grades": [{"grade": "A", "min": 15}, {"grade": "B"}]},
                 {"name": "eng"}],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 10, "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "eng", "points": 5, "on": "page_view"},
    {"id": "demo", "dimension": "eng", "points": 20, "on": "demo"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql"], "forward_only": false,
    "thresholds": [{"stage": "lead", "when": {"score": "eng", "gte": 5}},
                   {"stage": "mql", "when": {"score": "total", "gte": 30}}]}
})";

// vp 10 -> 20; demo replaced by demo-v2 (15); mql at 25 instead of 30.
constexpr char kNew[] = R"({
  "name": "hand", "version": "2",
  "dimensions": [{"name": "fit", "grades": [{"grade": "A", "min": 15}, {"grade": "B"}]},
                 {"name": "eng"}],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 20, "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "eng", "points": 5, "on": "page_view"},
    {"id": "demo-v2", "dimension": "eng", "points": 15, "on": "demo"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql"], "forward_only": false,
    "thresholds": [{"stage": "lead", "when": {"score": "eng", "gte": 5}},
                   {"stage": "mql", "when": {"score": "total", "gte": 25}}]}
})";

Lead Vp(const std::string& id) {
  leadscore::Attributes a;
  a["job_title"] = S("VP Sales");
  return MakeLead(id, a);
}

const LeadDiff& Find(const ModelDiff& diff, const std::string& id) {
  for (const LeadDiff& d : diff.leads) {
    if (d.lead_id == id) return d;
  }
  FAIL("no lead " << id);
  return diff.leads.front();
}

std::string Describe(const RuleChange& c) {
  return c.rule + " " + leadscore::RuleChangeKindName(c.kind) + " " +
         std::to_string(static_cast<int>(c.old_points)) + "->" +
         std::to_string(static_cast<int>(c.new_points)) + " (" + c.dimension + ")";
}

std::vector<std::string> Describe(const std::vector<RuleChange>& rules) {
  std::vector<std::string> out;
  for (const RuleChange& c : rules) out.push_back(Describe(c));
  return out;
}

}  // namespace

TEST_CASE("model diff: matrix, deltas and rule changes worked by hand", "[model_diff]") {
  // Old:  A vp, view, demo: fit 10 + eng 25 = 35 mql;  B views x2: 0 + 10 = 10 lead;
  //       C vp, view: 10 + 5 = 15 lead;  D nothing: 0 subscriber;  E demo: 0 + 20 = 20 lead.
  // New:  A 20 + 20 = 40 mql;  B 10 lead;  C 20 + 5 = 25 mql;  D 0 subscriber;
  //       E 0 + 15 = 15 lead.
  const Lead a = Vp("A"), b = MakeLead("B"), c = Vp("C"), d = MakeLead("D"), e = MakeLead("E");
  const std::vector<Lead> leads = {a, b, c, d, e};
  const std::vector<Event> events = {
      Ev(a, "page_view", Day(0), "a1"), Ev(a, "demo", Day(1), "a2"),
      Ev(b, "page_view", Day(0), "b1"), Ev(b, "page_view", Day(2), "b2"),
      Ev(c, "page_view", Day(3), "c1"), Ev(e, "demo", Day(1), "e1"),
      Ev(e, "demo", Day(40), "late"),          // after as_of: not counted
      Ev(MakeLead("Z"), "demo", Day(1), "z"),  // no such lead
  };
  auto diff = DiffModels(MustLoad(kOld), MustLoad(kNew), leads, events, Day(30));
  REQUIRE(diff.ok());
  CHECK(diff->old_version == "1");
  CHECK(diff->new_version == "2");
  CHECK(diff->lead_count == 5);
  CHECK(diff->event_count == 8);
  CHECK(diff->events_after_as_of == 1);
  CHECK(diff->unknown_lead_events == 1);
  CHECK(diff->compared == 5);
  CHECK(diff->changed == 3);  // A (scores), C (stage, scores), E (scores)
  CHECK(diff->stage_changed == 1);
  CHECK(diff->score_changed == 3);
  CHECK(diff->grade_changed == 2);  // A and C: fit 10 (B) -> 20 (A)
  CHECK(diff->refused_by_old + diff->refused_by_new + diff->refused_by_both == 0);

  // Stages: D stays subscriber; B, E stay lead; C lead -> mql; A stays mql.
  CHECK(diff->stages.stages == std::vector<std::string>{"subscriber", "lead", "mql"});
  CHECK(diff->stages.counts == std::vector<std::vector<size_t>>{{1, 0, 0}, {0, 2, 1}, {0, 0, 1}});
  CHECK(diff->stages.moved() == 1);
  CHECK(diff->stages.count("lead", "mql") == 1);
  CHECK(diff->stages.count("lead", "sql") == 0);

  // Total deltas in input order: +5, 0, +10, 0, -5; sorted -5 0 0 5 10.
  const DeltaSummary& t = diff->total;
  CHECK(t.dimension == "total");
  CHECK(t.leads == 5);
  CHECK(t.moved == 3);
  CHECK(t.up == 2);
  CHECK(t.down == 1);
  CHECK(t.mean_delta == 2);
  CHECK(t.mean_abs_delta == 4);
  CHECK(t.median_abs_delta == 5);  // |d| sorted 0 0 5 5 10, rank ceil(2.5) = 3
  CHECK(t.max_abs_delta == 10);
  CHECK(t.max_abs_lead_id == "C");
  CHECK(t.min == -5);
  CHECK(t.p10 == -5);  // rank ceil(0.5) = 1
  CHECK(t.p25 == 0);   // rank ceil(1.25) = 2
  CHECK(t.p50 == 0);   // rank 3
  CHECK(t.p75 == 5);   // rank ceil(3.75) = 4
  CHECK(t.p90 == 10);  // rank ceil(4.5) = 5
  CHECK(t.max == 10);
  REQUIRE(diff->dimensions.size() == 2);
  const DeltaSummary& fit = diff->dimensions[0];  // +10, 0, +10, 0, 0
  CHECK(fit.dimension == "fit");
  CHECK(fit.moved == 2);
  CHECK(fit.up == 2);
  CHECK(fit.mean_delta == 4);
  CHECK(fit.max_abs_lead_id == "A");  // the first with |10|
  const DeltaSummary& eng = diff->dimensions[1];  // -5, 0, 0, 0, -5
  CHECK(eng.dimension == "eng");
  CHECK(eng.moved == 2);
  CHECK(eng.down == 2);
  CHECK(eng.mean_delta == -2);
  CHECK(eng.median_abs_delta == 0);

  // A: demo -20 (removed), demo-v2 +15 (added), vp +10 (changed), by |delta|.
  const LeadDiff& la = Find(*diff, "A");
  CHECK_FALSE(la.comparison.stage_changed);
  CHECK(la.comparison.score_changed);
  CHECK(la.comparison.grade_changed);
  CHECK(la.comparison.total_delta() == 5);
  CHECK(Describe(la.comparison.rules) ==
        std::vector<std::string>{"demo removed 20->0 (eng)", "demo-v2 added 0->15 (eng)",
                                 "vp changed 10->20 (fit)"});
  const LeadDiff& lc = Find(*diff, "C");
  CHECK(lc.comparison.stage_changed);
  CHECK(lc.comparison.old_stage == "lead");
  CHECK(lc.comparison.new_stage == "mql");
  CHECK(Describe(lc.comparison.rules) == std::vector<std::string>{"vp changed 10->20 (fit)"});
  REQUIRE(lc.comparison.dimensions.size() == 2);
  CHECK(lc.comparison.dimensions[0].old_grade == "B");
  CHECK(lc.comparison.dimensions[0].new_grade == "A");
  CHECK_FALSE(Find(*diff, "B").changed());
  CHECK(Find(*diff, "B").comparison.rules.empty());  // view 10 -> 10
  CHECK_FALSE(Find(*diff, "D").changed());
  CHECK(Find(*diff, "E").changed());

  // Rules over the population: all in 2 leads; by |sum|: demo 40, demo-v2 30, vp 20.
  REQUIRE(diff->rules.size() == 3);
  CHECK(diff->rules[0].rule == "demo");
  CHECK(diff->rules[0].removed == 2);
  CHECK(diff->rules[0].total_delta == -40);
  CHECK(diff->rules[1].rule == "demo-v2");
  CHECK(diff->rules[1].added == 2);
  CHECK(diff->rules[1].total_delta == 30);
  CHECK(diff->rules[2].rule == "vp");
  CHECK(diff->rules[2].changed == 2);
  CHECK(diff->rules[2].leads == 2);
  CHECK(diff->rules[2].total_delta == 20);

  SECTION("a tolerance hides moves up to it") {
    leadscore::ModelDiffOptions options;
    options.tolerance = 5;
    auto tolerant = DiffModels(MustLoad(kOld), MustLoad(kNew), leads, events, Day(30), options);
    REQUIRE(tolerant.ok());
    CHECK(tolerant->total.moved == 1);  // only C's +10
    CHECK(tolerant->score_changed == 2);  // C (total 10), A (fit 10)
    CHECK(tolerant->changed == 2);        // E's -5 is within it
    CHECK(tolerant->total.max_abs_lead_id == "C");
  }
  SECTION("without explain, no rule changes") {
    leadscore::ModelDiffOptions options;
    options.explain = false;
    auto plain = DiffModels(MustLoad(kOld), MustLoad(kNew), leads, events, Day(30), options);
    REQUIRE(plain.ok());
    CHECK(plain->rules.empty());
    CHECK(plain->changed == 3);
  }
}

TEST_CASE("model diff: refused leads, a dimension of one model, no lifecycle", "[model_diff]") {
  const auto old_model = MustLoad(R"({
    "name": "old", "version": "1", "dimensions": [{"name": "fit"}],
    "rules": [{"id": "vp", "dimension": "fit", "points": 10,
               "when": {"attr": "job_title", "contains": "vp"}}],
    "lifecycle": {"stages": ["subscriber", "lead"],
                  "thresholds": [{"stage": "lead", "when": {"score": "fit", "gte": 10}}]}})");
  const auto new_model = MustLoad(R"({
    "name": "new", "version": "1", "dimensions": [{"name": "fit"}, {"name": "social"}],
    "rules": [{"id": "vp", "dimension": "fit", "points": 10,
               "when": {"attr": "job_title", "contains": "vp"}},
              {"id": "share", "dimension": "social", "points": 3, "on": "share"}]})");
  const Lead p = Vp("P");
  const Lead q = MakeLead("Q", {}, true, "lead");  // a host stage: no lifecycle in new
  const Lead r = MakeLead("R");                    // no events: 0 under both
  const std::vector<Lead> leads = {p, q, r, MakeLead("Q")};  // Q twice
  const std::vector<Event> events = {Ev(p, "share", Day(1), "p1")};
  auto diff = DiffModels(old_model, new_model, leads, events, Day(5));
  REQUIRE(diff.ok());
  CHECK(diff->compared == 2);  // P, R
  CHECK(diff->refused_by_new == 1);
  CHECK(diff->refused_by_old == 0);
  CHECK(diff->refused_by_both == 1);
  CHECK(diff->changed == 3);  // P (stage, social), Q (refused by new), R (stage)

  const LeadDiff& lp = diff->leads[0];
  CHECK(lp.comparison.old_stage == "lead");
  CHECK(lp.comparison.new_stage == std::nullopt);
  REQUIRE(lp.comparison.dimensions.size() == 2);
  CHECK(lp.comparison.dimensions[1].dimension == "social");
  CHECK_FALSE(lp.comparison.dimensions[1].old_score.has_value());
  CHECK(lp.comparison.dimensions[1].new_score == 3);
  CHECK(lp.comparison.dimensions[1].delta() == 3);
  CHECK(Describe(lp.comparison.rules) == std::vector<std::string>{"share added 0->3 (social)"});
  // R: social absent under old, 0 under new: no score change; its stage
  // goes from subscriber to none.
  CHECK_FALSE(diff->leads[2].comparison.score_changed);
  CHECK(diff->leads[2].comparison.stage_changed);

  const LeadDiff& lq = diff->leads[1];
  CHECK(lq.old_card.has_value());
  CHECK_FALSE(lq.new_card.has_value());
  CHECK(lq.old_status.ok());
  CHECK(lq.new_status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(lq.changed());
  const LeadDiff& lq2 = diff->leads[3];
  CHECK(lq2.index == 3);
  CHECK(lq2.old_status.code() == absl::StatusCode::kAlreadyExists);
  CHECK(lq2.new_status.code() == absl::StatusCode::kAlreadyExists);
  CHECK_FALSE(lq2.changed());

  // "" is no stage (the new model has no lifecycle).
  CHECK(diff->stages.stages == std::vector<std::string>{"subscriber", "lead", ""});
  CHECK(diff->stages.count("lead", "") == 1);
  CHECK(diff->stages.count("subscriber", "") == 1);
  CHECK(diff->stages.moved() == 2);
}

TEST_CASE("model diff: errors", "[model_diff]") {
  const auto model = MustLoad(kOld);
  const std::vector<Lead> leads = {MakeLead("A")};
  std::vector<Event> events;
  auto null_model = DiffModels(nullptr, model, leads, events, Day(1));
  CHECK(null_model.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(null_model.status().message()), Catch::Contains("null"));
  leadscore::ModelDiffOptions options;
  options.tolerance = -1;
  CHECK(DiffModels(model, model, leads, events, Day(1), options).status().code() ==
        absl::StatusCode::kInvalidArgument);
  options.tolerance = 0;
  options.threads = 0;
  CHECK(DiffModels(model, model, leads, events, Day(1), options).status().code() ==
        absl::StatusCode::kInvalidArgument);
  auto far = DiffModels(model, model, leads, events, T("2300-01-01T00:00:00Z"));
  CHECK(far.status().code() == absl::StatusCode::kOutOfRange);
  events.push_back(Ev(leads[0], "page_view", T("1800-01-01T00:00:00Z"), "old"));
  auto old_event = DiffModels(model, model, leads, events, Day(1));
  CHECK(old_event.status().code() == absl::StatusCode::kOutOfRange);
  CHECK_THAT(std::string(old_event.status().message()), Catch::Contains("event 'old' of lead 'A'"));
}

TEST_CASE("model diff: CompareScorecards", "[model_diff]") {
  const auto old_model = MustLoad(kOld);
  const auto new_model = MustLoad(kNew);
  const Lead a = Vp("A");
  const std::vector<Event> events = {Ev(a, "page_view", Day(0), "a1")};
  const Scorecard before = ScoreOf(old_model, a, events, Day(1));
  const Scorecard after = ScoreOf(new_model, a, events, Day(1));
  const auto same = leadscore::CompareScorecards(before, before);
  CHECK_FALSE(same.changed());
  CHECK(same.rules.empty());
  const auto c = leadscore::CompareScorecards(before, after);
  CHECK(c.changed());
  CHECK(c.total_delta() == 10);  // 15 -> 25
  CHECK(c.stage_changed);        // lead -> mql
  CHECK(Describe(c.rules) == std::vector<std::string>{"vp changed 10->20 (fit)"});
  CHECK_FALSE(leadscore::CompareScorecards(before, after, 10).score_changed);
  CHECK(leadscore::CompareScorecards(before, after, 9.5).score_changed);
}

namespace {

std::string Source(const std::string& rel) {
  return ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/" + rel);
}

struct Sample {
  std::vector<Lead> leads;
  std::vector<Event> events;
  absl::Time as_of;
};

Sample LoadSample() {
  Sample s;
  std::istringstream li(Source("examples/data/leads.jsonl"));
  for (std::string line; std::getline(li, line);) {
    auto lead = leadscore::ParseLeadJson(line);
    REQUIRE(lead.ok());
    s.leads.push_back(*std::move(lead));
  }
  std::istringstream ei(Source("examples/data/events.jsonl"));
  for (std::string line; std::getline(ei, line);) {
    auto e = leadscore::ParseEventJson(line);
    REQUIRE(e.ok());
    s.events.push_back(*std::move(e));
  }
  std::string as_of = Source("examples/data/as_of.txt");
  while (!as_of.empty() && (as_of.back() == '\n' || as_of.back() == '\r')) as_of.pop_back();
  s.as_of = T(as_of);
  return s;
}

// Every lead's scorecard under `model` alone (BatchScorer, explain), by index.
std::vector<std::string> CardsAlone(const std::shared_ptr<const leadscore::Model>& model,
                                    const Sample& s) {
  auto batch = leadscore::BatchScorer::Create(model, s.as_of);
  REQUIRE(batch.ok());
  for (const Lead& l : s.leads) REQUIRE(batch->AddLead(l).ok());
  for (const Event& e : s.events) REQUIRE(batch->AddEvent(e).ok());
  std::vector<std::string> cards;
  leadscore::BatchOptions options;
  options.explain = true;
  batch->Score(options, [&](const Scorecard& card) { cards.push_back(CardJson(card)); });
  return cards;
}

}  // namespace

TEST_CASE("model diff property: the bundled models' cards equal scoring each alone",
          "[model_diff][property]") {
  const Sample s = LoadSample();
  const auto v1 = MustLoad(Source("examples/models/b2b-saas.json"));
  const auto v2 = MustLoad(Source("examples/models/b2b-saas-v2.json"));
  leadscore::ModelDiffOptions options;
  options.threads = 2;
  auto diff = DiffModels(v1, v2, s.leads, s.events, s.as_of, options);
  REQUIRE(diff.ok());
  const std::vector<std::string> alone1 = CardsAlone(v1, s);
  const std::vector<std::string> alone2 = CardsAlone(v2, s);
  REQUIRE(diff->leads.size() == s.leads.size());
  REQUIRE(alone1.size() == s.leads.size());
  size_t changed = 0, stage_changed = 0;
  for (size_t i = 0; i < s.leads.size(); ++i) {
    const LeadDiff& d = diff->leads[i];
    REQUIRE(d.scored_by_both());
    CHECK(d.lead_id == s.leads[i].id);
    CHECK(CardJson(*d.old_card) == alone1[i]);
    CHECK(CardJson(*d.new_card) == alone2[i]);
    // The comparison agrees with the cards it came from.
    CHECK(d.comparison.total_delta() == d.new_card->total - d.old_card->total);
    CHECK(d.comparison.stage_changed == (d.old_card->stage != d.new_card->stage));
    changed += d.changed();
    stage_changed += d.comparison.stage_changed;
  }
  CHECK(diff->changed == changed);
  CHECK(diff->stage_changed == stage_changed);
  CHECK(diff->stages.moved() == stage_changed);
  // The candidate changes something, and only the rules it edits change points.
  CHECK(stage_changed > 0);
  for (const leadscore::RuleImpact& r : diff->rules) {
    CHECK((r.rule == "fit-manager-title" || r.rule == "eng-pricing-page" ||
           r.rule == "brand-webinar"));
    CHECK(r.changed == r.leads);
  }

  SECTION("a model compared with itself: nothing changes") {
    auto same = DiffModels(v1, v1, s.leads, s.events, s.as_of);
    REQUIRE(same.ok());
    CHECK(same->compared == s.leads.size());
    CHECK(same->changed == 0);
    CHECK(same->stages.moved() == 0);
    CHECK(same->total.moved == 0);
    CHECK(same->total.max_abs_delta == 0);
    CHECK(same->total.max_abs_lead_id.empty());
    CHECK(same->rules.empty());
    for (const LeadDiff& d : same->leads) CHECK_FALSE(d.changed());
  }
}
