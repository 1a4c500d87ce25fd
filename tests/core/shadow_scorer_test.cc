// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ShadowScorer (shadow_scorer.h): each side equals its own model scored
// alone, in streaming and against batch scoring of both bundled models; the
// disagreements it reports are those DiffModels finds; a candidate that
// refuses a lead or an event never disturbs the live side.

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/model_diff.h"
#include "leadscore/shadow_scorer.h"
#include "support/b2b_sample.h"
#include "support/test_util.h"

namespace {

using leadscore::Event;
using leadscore::Lead;
using leadscore::Scorer;
using leadscore::ShadowScorer;
using leadscore::ShadowState;
using namespace leadscore_test;

// Live: mql at total 30; candidate: vp counts 20 instead of 10, mql at 25.
constexpr char kLive[] = R"({
  "name": "live", "version": "1", "dimensions": [{"name": "fit"}, {"name": "eng"}],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 10, "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "eng", "points": 5, "on": "page_view"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql", "sql"],
    "thresholds": [{"stage": "lead", "when": {"score": "eng", "gte": 5}},
                   {"stage": "mql", "when": {"score": "total", "gte": 30}}]}
})";
constexpr char kCandidate[] = R"({
  "name": "candidate", "version": "1", "dimensions": [{"name": "fit"}, {"name": "eng"}],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 20, "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "eng", "points": 5, "on": "page_view"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql"],
    "thresholds": [{"stage": "lead", "when": {"score": "eng", "gte": 5}},
                   {"stage": "mql", "when": {"score": "total", "gte": 25}}]}
})";

Lead Vp(const std::string& id) {
  leadscore::Attributes a;
  a["job_title"] = S("VP Sales");
  return MakeLead(id, a);
}

ShadowScorer HandShadow(leadscore::ShadowOptions options = {}) {
  return ShadowScorer(Scorer(MustLoad(kLive)), Scorer(MustLoad(kCandidate)), options);
}

}  // namespace

TEST_CASE("shadow scorer: a disagreement per event, worked by hand", "[shadow]") {
  leadscore::ShadowOptions options;
  options.explain = true;
  const ShadowScorer shadow = HandShadow(options);
  const Lead c = Vp("C");
  auto state = shadow.Start(c);
  REQUIRE(state.ok());
  CHECK(state->candidate_status.ok());
  // Before any event: fit 10 vs 20, both subscriber.
  auto before = shadow.Compare(c, *state, Day(0));
  REQUIRE(before.ok());
  REQUIRE(before->has_value());
  CHECK_FALSE((*before)->comparison.stage_changed);
  CHECK((*before)->comparison.total_delta() == 10);

  // One view: live 10 + 5 = 15 (lead), candidate 20 + 5 = 25 (mql).
  auto applied = shadow.Apply(c, Ev(c, "page_view", Day(1), "c1"), *state);
  REQUIRE(applied.ok());
  CHECK(applied->live.outcome == leadscore::ApplyResult::Outcome::kApplied);
  REQUIRE(applied->live.transitions.size() == 1);
  CHECK(applied->live.transitions[0].to == "lead");
  REQUIRE(applied->candidate.has_value());
  REQUIRE(applied->candidate->transitions.size() == 1);
  CHECK(applied->candidate->transitions[0].to == "mql");
  REQUIRE(applied->disagreement.has_value());
  const leadscore::ShadowDisagreement& d = *applied->disagreement;
  CHECK(d.lead_id == "C");
  CHECK(d.at == Day(1));
  CHECK(d.live.stage == "lead");
  REQUIRE(d.candidate.has_value());
  CHECK(d.candidate->stage == "mql");
  CHECK(d.comparison.stage_changed);
  CHECK(d.comparison.old_total == 15);
  CHECK(d.comparison.new_total == 25);
  REQUIRE(d.comparison.rules.size() == 1);
  CHECK(d.comparison.rules[0].rule == "vp");
  CHECK(d.comparison.rules[0].delta() == 10);

  // The live side is exactly a Scorer of the live model alone.
  const Scorer alone(MustLoad(kLive));
  auto alone_state = alone.Start(c);
  REQUIRE(alone_state.ok());
  REQUIRE(alone.Apply(c, Ev(c, "page_view", Day(1), "c1"), *alone_state).ok());
  CHECK(CardJson(*alone.Score(c, *alone_state, Day(2))) ==
        CardJson(*shadow.live().Score(c, state->live, Day(2))));

  SECTION("a lead with no fit rule matching: the sides agree") {
    const Lead b = MakeLead("B");
    auto sb = shadow.Start(b);
    REQUIRE(sb.ok());
    auto ab = shadow.Apply(b, Ev(b, "page_view", Day(1), "b1"), *sb);
    REQUIRE(ab.ok());
    CHECK_FALSE(ab->disagreement.has_value());
    auto later = shadow.Compare(b, *sb, Day(9));
    REQUIRE(later.ok());
    CHECK_FALSE(later->has_value());
  }
  SECTION("a tolerance above the difference: only the stage disagrees") {
    leadscore::ShadowOptions tolerant;
    tolerant.tolerance = 10;
    const ShadowScorer s2 = HandShadow(tolerant);
    auto s = s2.Start(c);
    REQUIRE(s.ok());
    auto none = s2.Compare(c, *s, Day(0));  // +10 at most, same stage
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    auto a2 = s2.Apply(c, Ev(c, "page_view", Day(1), "c1"), *s);
    REQUIRE(a2.ok());
    REQUIRE(a2->disagreement.has_value());
    CHECK(a2->disagreement->comparison.stage_changed);
    CHECK_FALSE(a2->disagreement->comparison.score_changed);
  }
  SECTION("compare_on_apply off: Apply reports nothing") {
    leadscore::ShadowOptions quiet;
    quiet.compare_on_apply = false;
    const ShadowScorer s3 = HandShadow(quiet);
    auto s = s3.Start(c);
    REQUIRE(s.ok());
    auto a3 = s3.Apply(c, Ev(c, "page_view", Day(1), "c1"), *s);
    REQUIRE(a3.ok());
    CHECK_FALSE(a3->disagreement.has_value());
    auto now = s3.Compare(c, *s, Day(1));
    REQUIRE(now.ok());
    CHECK(now->has_value());
  }
}

TEST_CASE("shadow scorer: the candidate's refusals are reported, the live side goes on",
          "[shadow]") {
  const ShadowScorer shadow = HandShadow();
  // "sql" is a stage of the live model only.
  const Lead s = MakeLead("S", {}, true, "sql");
  auto state = shadow.Start(s);
  REQUIRE(state.ok());
  CHECK(state->candidate_status.code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(state->candidate_status.message()),
             Catch::StartsWith("candidate model: "));
  auto applied = shadow.Apply(s, Ev(s, "page_view", Day(1), "s1"), *state);
  REQUIRE(applied.ok());
  CHECK_FALSE(applied->candidate.has_value());
  REQUIRE(applied->disagreement.has_value());
  CHECK_FALSE(applied->disagreement->candidate.has_value());
  CHECK(applied->disagreement->candidate_status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(applied->disagreement->live.stage == "sql");
  auto rebuilt = shadow.Rebuild(s, {Ev(s, "page_view", Day(1), "s1")});
  REQUIRE(rebuilt.ok());
  CHECK_FALSE(rebuilt->candidate_status.ok());  // still refused

  // A live error: both states unchanged, the error returned.
  const Lead c = Vp("C");
  auto sc = shadow.Start(c);
  REQUIRE(sc.ok());
  const std::string before_live = leadscore::SerializeLeadState(shadow.live(), sc->live);
  const std::string before_candidate = leadscore::SerializeLeadState(shadow.candidate(), sc->candidate);
  auto wrong = shadow.Apply(c, Ev(s, "page_view", Day(1), "x"), *sc);  // another lead's event
  CHECK(wrong.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(leadscore::SerializeLeadState(shadow.live(), sc->live) == before_live);
  CHECK(leadscore::SerializeLeadState(shadow.candidate(), sc->candidate) == before_candidate);
  // Live Start errors are returned: an unknown stage for both.
  CHECK(shadow.Start(MakeLead("U", {}, true, "nope")).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("shadow scorer property: both sides equal batch scoring of the bundled models",
          "[shadow][property]") {
  const B2bSample sample = LoadB2bSample(LEADSCORE_SOURCE_DIR);
  const auto v2 = MustLoad(ReadFile(std::string(LEADSCORE_SOURCE_DIR) +
                                    "/examples/models/b2b-saas-v2.json"));
  std::string as_of_text =
      ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/data/as_of.txt");
  while (!as_of_text.empty() && std::isspace(static_cast<unsigned char>(as_of_text.back()))) {
    as_of_text.pop_back();
  }
  const absl::Time as_of = T(as_of_text);
  std::vector<Event> all_events;
  for (const auto& evs : sample.events) all_events.insert(all_events.end(), evs.begin(), evs.end());
  leadscore::ModelDiffOptions diff_options;
  diff_options.threads = 2;
  auto diff = leadscore::DiffModels(sample.model, v2, sample.leads, all_events, as_of,
                                    diff_options);
  REQUIRE(diff.ok());

  const ShadowScorer shadow(Scorer(sample.model), Scorer(v2));
  std::set<std::string> disagree;
  size_t per_event_reports = 0;
  for (size_t i = 0; i < sample.leads.size(); ++i) {
    const Lead& lead = sample.leads[i];
    auto state = shadow.Start(lead);
    REQUIRE(state.ok());
    for (const Event& e : sample.events[i]) {
      if (e.at > as_of) break;  // sorted by time
      auto applied = shadow.Apply(lead, e, *state);
      REQUIRE(applied.ok());
      REQUIRE(applied->candidate.has_value());
      CHECK(applied->candidate->outcome == applied->live.outcome);
      if (applied->disagreement) ++per_event_reports;
    }
    REQUIRE(state->candidate_status.ok());
    leadscore::ScoreOptions explain;
    explain.explain = true;
    const leadscore::LeadDiff& d = diff->leads[i];
    CHECK(CardJson(*shadow.live().Score(lead, state->live, as_of, explain)) ==
          CardJson(*d.old_card));
    CHECK(CardJson(*shadow.candidate().Score(lead, state->candidate, as_of, explain)) ==
          CardJson(*d.new_card));
    auto now = shadow.Compare(lead, *state, as_of);
    REQUIRE(now.ok());
    CHECK(now->has_value() == d.changed());
    if (now->has_value()) disagree.insert(lead.id);
  }
  CHECK(disagree.size() == diff->changed);
  CHECK(per_event_reports > 0);
}
