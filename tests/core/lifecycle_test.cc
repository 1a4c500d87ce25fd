// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Lifecycle classification (spec section 5 and section 8 "Invalid and
// disqualified leads", "Classification moments", "Host-asserted stage",
// "Lifecycle").

#include <string>
#include <vector>

#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::Scorer;
using leadscore::Transition;

// fit: 40 for title "vp", 20 for title "mgr"; graded A >= 40, B >= 20, no catch-all.
// eng: 20 per "visit", half-life 10 days.
// Stages subscriber < lead (email exists) < mql (eng >= 15) < sql (a demo in
// the last 30 days) < customer. Thresholds are indexed 0 (lead), 1 (mql), 2 (sql).
std::shared_ptr<const Model> LifecycleModel(const std::string& lifecycle_extra = "",
                                            const std::string& labels = "[]") {
  return MustLoad(R"({"name": "lc", "version": "1",
    "dimensions": [
      {"name": "fit", "grades": [{"grade": "A", "min": 40}, {"grade": "B", "min": 20}]},
      {"name": "eng", "decay": {"half_life_days": 10}}],
    "rules": [
      {"id": "title", "dimension": "fit", "points": 40, "when": {"attr": "title", "eq": "vp"}},
      {"id": "mgr", "dimension": "fit", "points": 20, "when": {"attr": "title", "eq": "mgr"}},
      {"id": "visit", "dimension": "eng", "points": 20, "on": "visit"}],
    "lifecycle": {
      "stages": ["subscriber", "lead", "mql", "sql", "customer"],
      "thresholds": [
        {"stage": "lead", "when": {"attr": "email", "exists": true}},
        {"stage": "mql", "when": {"score": "eng", "gte": 15}},
        {"stage": "sql", "when": {"event": "demo", "within_days": 30}}],
      "disqualify_when": {"attr": "email", "ends_with": "@competitor.com"},
      "funnel": {"tofu": ["subscriber", "lead"], "mofu": ["mql"], "bofu": ["sql"]},
      "labels": )" + labels + lifecycle_extra + "}}");
}

Lead EmailLead(bool consent = true, std::optional<std::string> stage = std::nullopt,
               const std::string& email = "ana@acme.io") {
  Attributes a;
  a["email"] = S(email);
  a["title"] = S("vp");
  return MakeLead("L-1", a, consent, std::move(stage));
}

TEST_CASE("require_consent (default true): a lead without consent is invalid",
          "[lifecycle][consent]") {
  auto model = LifecycleModel("", R"([{"label": "vp", "when": {"attr": "title", "eq": "vp"}}])");
  const Lead lead = EmailLead(/*consent=*/false);
  const Scorecard card = ScoreOf(model, lead, {Ev(lead, "visit", Day(0), "E1")}, Day(0));
  CHECK(card.stage == std::optional<std::string>("invalid"));
  CHECK_FALSE(card.valid);
  CHECK_FALSE(card.stage_entered_at.has_value());
  CHECK_FALSE(card.funnel.has_value());
  // Still scored: fit 40 (title), eng 20 (one visit at as_of), grade A, labels, explain.
  CHECK(ScoreIn(card, "fit") == 40);
  CHECK(ScoreIn(card, "eng") == 20);
  CHECK(GradeIn(card, "fit") == std::optional<std::string>("A"));
  CHECK(card.labels == std::vector<std::string>{"vp"});
  CHECK(ExplainRules(card) == std::vector<std::string>{"title", "visit"});
}

TEST_CASE("require_consent false: classified normally, valid still false",
          "[lifecycle][consent]") {
  auto model = LifecycleModel(R"(, "require_consent": false)");
  const Lead lead = EmailLead(/*consent=*/false);
  const Scorecard card = ScoreOf(model, lead, {Ev(lead, "visit", Day(0), "E1")}, Day(0));
  // eng 20 >= 15: mql since the visit.
  CHECK(card.stage == std::optional<std::string>("mql"));
  CHECK_FALSE(card.valid);
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(0)));
  CHECK(card.funnel == std::optional<std::string>("mofu"));
}

TEST_CASE("consent with 'at' is granted from that time on, judged at as_of",
          "[lifecycle][consent]") {
  auto model = LifecycleModel();
  Lead lead = EmailLead();
  lead.consent.at = Day(5);
  const std::vector<Event> events = {Ev(lead, "visit", Day(1), "E1")};
  // as_of == at: granted (at included). Stage from the day-1 visit (eng 20 then).
  const Scorecard at = ScoreOf(model, lead, events, Day(5));
  CHECK(at.valid);
  CHECK(at.stage == std::optional<std::string>("mql"));
  CHECK(at.stage_entered_at == std::optional<absl::Time>(Day(1)));
  // 1 ns before: not yet granted.
  const Scorecard before = ScoreOf(model, lead, events, Day(5) - absl::Nanoseconds(1));
  CHECK_FALSE(before.valid);
  CHECK(before.stage == std::optional<std::string>("invalid"));
  // {"granted": false, "at": ...} is never granted.
  lead.consent.granted = false;
  lead.consent.at = Day(0);
  CHECK(ScoreOf(model, lead, events, Day(5)).stage == std::optional<std::string>("invalid"));
}

TEST_CASE("disqualify_when: disqualified unless the host asserts a stage",
          "[lifecycle][disqualify]") {
  auto model = LifecycleModel();
  const Lead rival = EmailLead(true, std::nullopt, "spy@competitor.com");
  const std::vector<Event> events = {Ev(rival, "visit", Day(0), "E1")};
  const Scorecard card = ScoreOf(model, rival, events, Day(0));
  CHECK(card.stage == std::optional<std::string>("disqualified"));
  CHECK(card.valid);
  CHECK_FALSE(card.stage_entered_at.has_value());
  CHECK_FALSE(card.funnel.has_value());
  CHECK(ScoreIn(card, "eng") == 20);  // still scored
  // A host stage wins over disqualification: host "customer" is reported.
  const Lead won = EmailLead(true, "customer", "spy@competitor.com");
  const Scorecard host = ScoreOf(model, won, {Ev(won, "visit", Day(0), "E1")}, Day(0));
  CHECK(host.stage == std::optional<std::string>("customer"));
  CHECK_FALSE(host.stage_entered_at.has_value());
  // A host stage below the computed one: not disqualified, computed mql since day 0.
  const Lead low = EmailLead(true, "lead", "spy@competitor.com");
  const Scorecard computed = ScoreOf(model, low, {Ev(low, "visit", Day(0), "E1")}, Day(0));
  CHECK(computed.stage == std::optional<std::string>("mql"));
  CHECK(computed.stage_entered_at == std::optional<absl::Time>(Day(0)));
}

TEST_CASE("invalid takes precedence over disqualified and over a host stage",
          "[lifecycle][consent]") {
  auto model = LifecycleModel();
  const Lead rival = EmailLead(false, std::nullopt, "spy@competitor.com");
  CHECK(ScoreOf(model, rival, {}, Day(0)).stage == std::optional<std::string>("invalid"));
  const Lead host = EmailLead(false, "customer");
  CHECK(ScoreOf(model, host, {}, Day(0)).stage == std::optional<std::string>("invalid"));
}

TEST_CASE("thresholds need not nest", "[lifecycle][thresholds]") {
  auto model = LifecycleModel();
  // No email (lead's threshold fails), eng 0 (mql's fails), but a demo: sql.
  const Lead lead = MakeLead("L-2");
  const Scorecard card = ScoreOf(model, lead, {Ev(lead, "demo", Day(0), "D1")}, Day(1));
  CHECK(card.stage == std::optional<std::string>("sql"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(0)));
  CHECK(card.funnel == std::optional<std::string>("bofu"));
  // Event types compare exactly: "Demo" is not "demo" -> default stage.
  CHECK(ScoreOf(model, lead, {Ev(lead, "Demo", Day(0), "D1")}, Day(1)).stage ==
        std::optional<std::string>("subscriber"));
}

TEST_CASE("several thresholds for one stage: any of them holds", "[lifecycle][thresholds]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "fit"}, {"name": "eng"}],
    "rules": [{"id": "t", "dimension": "fit", "points": 40, "when": {"attr": "title", "eq": "vp"}},
              {"id": "v", "dimension": "eng", "points": 20, "on": "visit"}],
    "lifecycle": {"stages": ["cold", "mql", "sql"],
      "thresholds": [{"stage": "mql", "when": {"score": "fit", "gte": 40}},
                     {"stage": "sql", "when": {"event": "demo", "within_days": 30}},
                     {"stage": "mql", "when": {"score": "eng", "gte": 15}}]}})");
  Attributes vp;
  vp["title"] = S("vp");
  const Lead fit_only = MakeLead("A", vp);
  const Lead eng_only = MakeLead("B");
  // fit 40 meets the first mql threshold.
  CHECK(ScoreOf(model, fit_only, {}, Day(0)).stage == std::optional<std::string>("mql"));
  // eng 20 meets the second.
  CHECK(ScoreOf(model, eng_only, {Ev(eng_only, "visit", Day(0), "E")}, Day(0)).stage ==
        std::optional<std::string>("mql"));
  // Neither: the first stage.
  CHECK(ScoreOf(model, eng_only, {}, Day(0)).stage == std::optional<std::string>("cold"));
}

TEST_CASE("forward_only (default true) keeps the highest stage after decay",
          "[lifecycle][forward_only]") {
  auto model = LifecycleModel();
  const Lead lead = EmailLead();
  const std::vector<Event> events = {Ev(lead, "visit", Day(0), "E1")};
  // As of day 10 eng = 20 * 2^(-10/10) = 10 < 15, but mql was reached at day 0.
  const Scorecard card = ScoreOf(model, lead, events, Day(10));
  CHECK(ScoreIn(card, "eng") == Approx(10).epsilon(1e-12));
  CHECK(card.stage == std::optional<std::string>("mql"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(0)));
}

TEST_CASE("forward_only false reports the stage computed at as_of",
          "[lifecycle][forward_only]") {
  auto model = LifecycleModel(R"(, "forward_only": false)");
  const Lead lead = EmailLead();
  // eng at day 10 is 10 < 15: back to "lead" (email exists). The threshold was
  // crossed at day 10 * log2(4/3) = 4.15 by decay, seen at the next moment:
  // as_of (day 10).
  const Scorecard card = ScoreOf(model, lead, {Ev(lead, "visit", Day(0), "E1")}, Day(10));
  CHECK(card.stage == std::optional<std::string>("lead"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(10)));
  CHECK(card.funnel == std::optional<std::string>("tofu"));
  // With an event of a type no rule uses at day 7 (eng 20 * 2^(-0.7) = 12.3):
  // that event is the next moment, so "lead" since day 7.
  const Scorecard ping = ScoreOf(
      model, lead, {Ev(lead, "visit", Day(0), "E1"), Ev(lead, "ping", Day(7), "P1")}, Day(10));
  CHECK(ping.stage == std::optional<std::string>("lead"));
  CHECK(ping.stage_entered_at == std::optional<absl::Time>(Day(7)));
  // forward_only true with the same events: still mql since day 0.
  const Scorecard fwd = ScoreOf(
      LifecycleModel(), lead,
      {Ev(lead, "visit", Day(0), "E1"), Ev(lead, "ping", Day(7), "P1")}, Day(10));
  CHECK(fwd.stage == std::optional<std::string>("mql"));
  CHECK(fwd.stage_entered_at == std::optional<absl::Time>(Day(0)));
}

TEST_CASE("forward_only false: stage_entered_at restarts after a break",
          "[lifecycle][forward_only]") {
  auto model = LifecycleModel(R"(, "forward_only": false)");
  const Lead lead = EmailLead();
  // Day 0 visit: mql. Day 10 ping: eng 10 -> lead. Day 11 visit:
  // eng = 20 * 2^(-1.1) + 20 = 29.3 -> mql again, held since day 11.
  const Scorecard card = ScoreOf(model, lead,
                                 {Ev(lead, "visit", Day(0), "E1"), Ev(lead, "ping", Day(10), "P1"),
                                  Ev(lead, "visit", Day(11), "E2")},
                                 Day(12));
  CHECK(card.stage == std::optional<std::string>("mql"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(11)));
}

TEST_CASE("a threshold crossed by an expiring window is seen at the next moment",
          "[lifecycle][moments]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "eng"}],
    "rules": [{"id": "visit", "dimension": "eng", "points": 20, "on": "visit"},
              {"id": "unsub", "dimension": "eng", "points": -20, "on": "unsub",
               "within_days": 5}],
    "lifecycle": {"stages": ["cold", "mql"],
                  "thresholds": [{"stage": "mql", "when": {"score": "eng", "gte": 15}}]}})");
  const Lead lead = MakeLead();
  // Day 0: unsub (-20), day 1: visit (+20) -> eng 0 at both moments: cold.
  // The unsub expires at day 5 (eng 20 from then on); the next moment is as_of.
  const std::vector<Event> events = {Ev(lead, "unsub", Day(0), "U"),
                                     Ev(lead, "visit", Day(1), "V")};
  const Scorecard card = ScoreOf(model, lead, events, Day(8));
  CHECK(ScoreIn(card, "eng") == 20);
  CHECK(card.stage == std::optional<std::string>("mql"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(8)));
  // An unrelated event at day 6 is an earlier moment: mql since day 6.
  std::vector<Event> with_ping = events;
  with_ping.push_back(Ev(lead, "ping", Day(6), "P"));
  CHECK(ScoreOf(model, lead, with_ping, Day(8)).stage_entered_at ==
        std::optional<absl::Time>(Day(6)));
}

TEST_CASE("stage_entered_at: first event's time, or as_of without events",
          "[lifecycle][moments]") {
  auto model = LifecycleModel();
  Lead lead = EmailLead();
  lead.created_at = Day(-30);  // never used
  // "lead" holds from the first moment: the first event (day 2, a type no rule uses).
  const Scorecard card = ScoreOf(
      model, lead, {Ev(lead, "ping", Day(3), "P2"), Ev(lead, "ping", Day(2), "P1")}, Day(5));
  CHECK(card.stage == std::optional<std::string>("lead"));
  CHECK(card.stage_entered_at == std::optional<absl::Time>(Day(2)));
  // No event up to as_of: entered at as_of (events after as_of do not count).
  const Scorecard none = ScoreOf(model, lead, {Ev(lead, "ping", Day(9), "P9")}, Day(5));
  CHECK(none.stage == std::optional<std::string>("lead"));
  CHECK(none.stage_entered_at == std::optional<absl::Time>(Day(5)));
  // Reaching mql at the day-3 visit: mql since day 3, not day 2.
  const Scorecard up = ScoreOf(
      model, lead, {Ev(lead, "ping", Day(2), "P1"), Ev(lead, "visit", Day(3), "V1")}, Day(5));
  CHECK(up.stage == std::optional<std::string>("mql"));
  CHECK(up.stage_entered_at == std::optional<absl::Time>(Day(3)));
}

TEST_CASE("host stage is a floor - at or above the computed stage it wins with no time",
          "[lifecycle][host]") {
  auto model = LifecycleModel();
  // Host mql above computed lead: mql, entered null, funnel of mql.
  const Lead above = EmailLead(true, "mql");
  const Scorecard a = ScoreOf(model, above, {}, Day(0));
  CHECK(a.stage == std::optional<std::string>("mql"));
  CHECK_FALSE(a.stage_entered_at.has_value());
  CHECK(a.funnel == std::optional<std::string>("mofu"));
  // Host mql equal to computed mql: host-asserted, entered null.
  const Scorecard tie = ScoreOf(model, above, {Ev(above, "visit", Day(0), "E")}, Day(0));
  CHECK(tie.stage == std::optional<std::string>("mql"));
  CHECK_FALSE(tie.stage_entered_at.has_value());
  // Host lead below computed mql: computed, entered at the visit.
  const Lead below = EmailLead(true, "lead");
  const Scorecard b = ScoreOf(model, below, {Ev(below, "visit", Day(0), "E")}, Day(1));
  CHECK(b.stage == std::optional<std::string>("mql"));
  CHECK(b.stage_entered_at == std::optional<absl::Time>(Day(0)));
  // Host customer: not in the funnel map -> funnel null.
  const Scorecard c = ScoreOf(model, EmailLead(true, "customer"), {}, Day(0));
  CHECK(c.stage == std::optional<std::string>("customer"));
  CHECK_FALSE(c.funnel.has_value());
}

TEST_CASE("host stage names compare exactly", "[lifecycle][host]") {
  Scorer scorer(LifecycleModel());
  // "MQL" is not "mql": rejected.
  auto state = scorer.Start(EmailLead(true, "MQL"));
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(scorer.Start(EmailLead(true, "mql")).ok());
}

TEST_CASE("labels: recomputed at as_of, in model order", "[lifecycle][labels]") {
  auto model = LifecycleModel("", R"([
      {"label": "zeta", "when": {"score": "fit", "gte": 40}},
      {"label": "alpha", "when": {"event": "visit", "within_days": 7, "at_least": 2}}])");
  const Lead lead = EmailLead();
  const std::vector<Event> events = {Ev(lead, "visit", Day(0), "E0"),
                                     Ev(lead, "visit", Day(1), "E1")};
  // Day 2: fit 40 and 2 visits in (-5, 2]: both, in model order (not alphabetical).
  CHECK(ScoreOf(model, lead, events, Day(2)).labels ==
        std::vector<std::string>{"zeta", "alpha"});
  // Day 7 - 1 ns: both visits still inside.
  CHECK(ScoreOf(model, lead, events, Day(7) - absl::Nanoseconds(1)).labels ==
        std::vector<std::string>{"zeta", "alpha"});
  // Day 7: the day-0 visit is on the open end: 1 visit left. Not sticky.
  CHECK(ScoreOf(model, lead, events, Day(7)).labels == std::vector<std::string>{"zeta"});
}

TEST_CASE("event leaves count events, not points, and not dropped duplicates",
          "[lifecycle][event-leaf]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "eng"}],
    "rules": [{"id": "v", "dimension": "eng", "points": 5, "on": "visit", "max_per_lead": 1}],
    "lifecycle": {"stages": ["s"],
      "labels": [{"label": "busy", "when": {"event": "visit", "within_days": 10, "at_least": 3}},
                 {"label": "any", "when": {"event": "visit", "within_days": 10}}]}})");
  const Lead lead = MakeLead();
  // 3 visits: only 1 counts for points (max_per_lead 1), but all 3 are events.
  const Scorecard three = ScoreOf(model, lead,
                                  {Ev(lead, "visit", Day(0), "E1"), Ev(lead, "visit", Day(1), "E2"),
                                   Ev(lead, "visit", Day(2), "E3")},
                                  Day(3));
  CHECK(ScoreIn(three, "eng") == 5);
  CHECK(three.labels == std::vector<std::string>{"busy", "any"});
  // A repeated id is one event: 2 visits, not 3. at_least defaults to 1.
  const Scorecard dup = ScoreOf(model, lead,
                                {Ev(lead, "visit", Day(0), "E1"), Ev(lead, "visit", Day(1), "E1"),
                                 Ev(lead, "visit", Day(2), "E2")},
                                Day(3));
  CHECK(dup.labels == std::vector<std::string>{"any"});
  // No visit in (0, 10] as of day 10: no label.
  CHECK(ScoreOf(model, lead, {Ev(lead, "visit", Day(0), "E1")}, Day(10)).labels.empty());
}

TEST_CASE("grade leaves - a lead with no grade fails ne and not_in", "[lifecycle][grade-leaf]") {
  auto model = LifecycleModel("", R"([
      {"label": "is-a", "when": {"grade": "fit", "eq": "a"}},
      {"label": "ne-a", "when": {"grade": "fit", "ne": "A"}},
      {"label": "not-in-a", "when": {"grade": "fit", "not_in": ["A"]}},
      {"label": "none", "when": {"not": {"grade": "fit", "in": ["A", "B"]}}}])");
  Attributes vp, mgr, nobody;
  vp["title"] = S("vp");
  mgr["title"] = S("mgr");
  // fit 40: grade A ("a" matches ignoring ASCII case).
  CHECK(ScoreOf(model, MakeLead("A", vp), {}, Day(0)).labels ==
        std::vector<std::string>{"is-a"});
  // fit 20: grade B.
  CHECK(ScoreOf(model, MakeLead("B", mgr), {}, Day(0)).labels ==
        std::vector<std::string>{"ne-a", "not-in-a"});
  // fit 0: no grade (no catch-all entry): only the negated leaf holds.
  CHECK(ScoreOf(model, MakeLead("C", nobody), {}, Day(0)).labels ==
        std::vector<std::string>{"none"});
}

TEST_CASE("score leaves read clamped scores and the weighted total", "[lifecycle][score-leaf]") {
  auto model_for = [](const std::string& eng_max) {
    return MustLoad(R"({"dimensions": [{"name": "fit", "weight": 0.5},
        {"name": "eng", "decay": {"half_life_days": 10})" + eng_max + R"(}],
      "rules": [{"id": "t", "dimension": "fit", "points": 40},
                {"id": "v", "dimension": "eng", "points": 20, "on": "visit"}],
      "lifecycle": {"stages": ["cold", "warm"], "forward_only": false,
        "thresholds": [{"stage": "warm", "when": {"score": "total", "gte": 35}}]}})");
  };
  auto model = model_for("");
  const Lead lead = MakeLead();
  const std::vector<Event> events = {Ev(lead, "visit", Day(0), "E")};
  // Day 0: total = 0.5 * 40 + 20 = 40 >= 35: warm.
  const Scorecard d0 = ScoreOf(model, lead, events, Day(0));
  CHECK(d0.total == 40);
  CHECK(d0.stage == std::optional<std::string>("warm"));
  // Day 10: 20 + 10 = 30 < 35: cold again, since as_of.
  const Scorecard d10 = ScoreOf(model, lead, events, Day(10));
  CHECK(d10.stage == std::optional<std::string>("cold"));
  CHECK(d10.stage_entered_at == std::optional<absl::Time>(Day(10)));
  // in / not_in on scores: numbers; not_in [] is false.
  auto labels = MustLoad(R"({"dimensions": [{"name": "fit"}],
      "rules": [{"id": "t", "dimension": "fit", "points": 40}],
      "lifecycle": {"stages": ["s"], "labels": [
        {"label": "in", "when": {"score": "fit", "in": [10, 40]}},
        {"label": "not-in-empty", "when": {"score": "fit", "not_in": []}},
        {"label": "not-in", "when": {"score": "total", "not_in": [10]}},
        {"label": "between", "when": {"score": "fit", "between": [40, 40]}}]}})");
  // fit = total = 40.
  CHECK(ScoreOf(labels, lead, {}, Day(0)).labels ==
        std::vector<std::string>{"in", "not-in", "between"});
  // eng clamped to max 10: total 20 + 10 = 30 at day 0: cold.
  CHECK(ScoreOf(model_for(R"(, "max": 10)"), lead, events, Day(0)).stage ==
        std::optional<std::string>("cold"));
}

TEST_CASE("a model without lifecycle: stage, entered and funnel null, labels empty",
          "[lifecycle][none]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "d"}],
      "rules": [{"id": "r", "dimension": "d", "points": 1}]})");
  const Scorecard card = ScoreOf(model, MakeLead(), {}, Day(0));
  CHECK_FALSE(card.stage.has_value());
  CHECK_FALSE(card.stage_entered_at.has_value());
  CHECK_FALSE(card.funnel.has_value());
  CHECK(card.labels.empty());
  CHECK_THAT(CardJson(card, false),
             Catch::Contains(R"("stage": null, "stage_entered_at": null, "labels": [], )"
                             R"("funnel": null)"));
  // A lead with a host stage is rejected.
  Scorer scorer(model);
  const Lead staged = MakeLead("L-9", {}, true, "customer");
  auto state = scorer.Start(staged);
  REQUIRE_FALSE(state.ok());
  CHECK(state.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_FALSE(scorer.ScoreHistory(staged, {}, Day(0)).ok());
  auto batch = leadscore::BatchScorer::Create(scorer.shared_model(), Day(0));
  REQUIRE(batch.ok());
  CHECK_FALSE(batch->AddLead(staged).ok());
  CHECK(batch->lead_count() == 0);
}

TEST_CASE("Scorer::Apply returns the stage transitions an event causes",
          "[lifecycle][transitions]") {
  Scorer scorer(LifecycleModel());
  const Lead lead = EmailLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  // First event: eng 20 -> mql (threshold 1), from the default stage.
  auto r1 = scorer.Apply(lead, Ev(lead, "visit", Day(0), "E1"), *state);
  REQUIRE(r1.ok());
  REQUIRE(r1->transitions.size() == 1);
  CHECK(r1->transitions[0].from == "subscriber");
  CHECK(r1->transitions[0].to == "mql");
  CHECK(r1->transitions[0].at == Day(0));
  CHECK(r1->transitions[0].threshold == 1);
  // An unrelated event: no change.
  auto r2 = scorer.Apply(lead, Ev(lead, "ping", Day(1), "P1"), *state);
  REQUIRE(r2.ok());
  CHECK(r2->transitions.empty());
  // A demo: mql -> sql (threshold 2).
  auto r3 = scorer.Apply(lead, Ev(lead, "demo", Day(2), "D1"), *state);
  REQUIRE(r3.ok());
  REQUIRE(r3->transitions.size() == 1);
  CHECK(r3->transitions[0].from == "mql");
  CHECK(r3->transitions[0].to == "sql");
  CHECK(r3->transitions[0].at == Day(2));
  CHECK(r3->transitions[0].threshold == 2);
}

TEST_CASE("Scorer::Apply transitions downwards with forward_only false",
          "[lifecycle][transitions]") {
  Scorer scorer(LifecycleModel(R"(, "forward_only": false)"));
  const Lead lead = EmailLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  REQUIRE(scorer.Apply(lead, Ev(lead, "visit", Day(0), "E1"), *state).ok());
  // Day 10: eng 10 < 15 -> back to lead (threshold 0).
  auto r = scorer.Apply(lead, Ev(lead, "ping", Day(10), "P1"), *state);
  REQUIRE(r.ok());
  REQUIRE(r->transitions.size() == 1);
  CHECK(r->transitions[0].from == "mql");
  CHECK(r->transitions[0].to == "lead");
  CHECK(r->transitions[0].threshold == 0);
  // The first event of a lead that stays at the default stage: no transition.
  const Lead cold = MakeLead("L-3");
  auto cold_state = scorer.Start(cold);
  REQUIRE(cold_state.ok());
  auto c = scorer.Apply(cold, Ev(cold, "ping", Day(0), "P1"), *cold_state);
  REQUIRE(c.ok());
  CHECK(c->transitions.empty());
}

}  // namespace
}  // namespace leadscore_test
