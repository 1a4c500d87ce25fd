// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BatchScorer::ScoreWithTransitions: each lead's transitions equal those of
// a Scorer that Applies the lead's kept events in event order and then
// Advances to as_of (the bundled sample under the three bundled models), and
// a worked example with a disqualified lead, consent granted later, a
// host-asserted stage and a decay-driven drop (docs/live-scoring.md,
// "Transitions", quotes its numbers).

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/types/span.h"
#include "catch2/catch.hpp"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "support/test_util.h"

namespace {

using leadscore::ApplyResult;
using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::BatchStats;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Model;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::Transition;
using leadscore::TransitionCause;
using namespace leadscore_test;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

struct Population {
  std::vector<Lead> leads;
  std::vector<Event> events;  // in file order
  absl::Time as_of;
};

// The bundled sample (examples/data), all of it.
const Population& Bundled() {
  static const Population* population = [] {
    auto* p = new Population;
    std::istringstream li(ReadFile(Source("examples/data/leads.jsonl")));
    for (std::string line; std::getline(li, line);) {
      auto lead = leadscore::ParseLeadJson(line);
      REQUIRE(lead.ok());
      p->leads.push_back(*std::move(lead));
    }
    std::istringstream ei(ReadFile(Source("examples/data/events.jsonl")));
    for (std::string line; std::getline(ei, line);) {
      auto e = leadscore::ParseEventJson(line);
      REQUIRE(e.ok());
      p->events.push_back(*std::move(e));
    }
    p->as_of = T(std::string(
        absl::StripAsciiWhitespace(ReadFile(Source("examples/data/as_of.txt")))));
    return p;
  }();
  return *population;
}

struct BatchResult {
  std::vector<Scorecard> cards;
  std::vector<std::vector<Transition>> transitions;  // per lead, leads order
  BatchStats stats;
};

BatchResult RunBatch(const std::shared_ptr<const Model>& model, const std::vector<Lead>& leads,
                     const std::vector<Event>& events, absl::Time as_of, int threads = 1) {
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, as_of);
  REQUIRE(batch.ok());
  for (const Lead& lead : leads) REQUIRE(batch->AddLead(lead).ok());
  for (const Event& e : events) REQUIRE(batch->AddEvent(e).ok());
  BatchResult r;
  BatchOptions options;
  options.threads = threads;
  r.stats = batch->ScoreWithTransitions(
      options, [&](const Scorecard& card, absl::Span<const Transition> ts) {
        r.cards.push_back(card);
        r.transitions.emplace_back(ts.begin(), ts.end());
      });
  return r;
}

// The definition: the lead's kept events Applied in event order, then
// Advance(as_of).
std::vector<Transition> LiveTransitions(const Scorer& scorer, const Lead& lead,
                                        const std::vector<Event>& events, absl::Time as_of) {
  absl::StatusOr<std::vector<size_t>> order = leadscore::KeptEventOrder(events, as_of);
  REQUIRE(order.ok());
  absl::StatusOr<LeadState> state = scorer.Start(lead);
  REQUIRE(state.ok());
  std::vector<Transition> out;
  for (size_t i : *order) {
    absl::StatusOr<ApplyResult> r = scorer.Apply(lead, events[i], *state);
    INFO("lead " << lead.id << " event " << i << ": " << r.status().ToString());
    REQUIRE(r.ok());
    CHECK(r->outcome == ApplyResult::Outcome::kApplied);
    out.insert(out.end(), r->transitions.begin(), r->transitions.end());
  }
  absl::StatusOr<std::vector<Transition>> advanced = scorer.Advance(lead, *state, as_of);
  REQUIRE(advanced.ok());
  out.insert(out.end(), advanced->begin(), advanced->end());
  return out;
}

std::string Describe(const Transition& t) {
  return t.lead_id + " " + t.from + "->" + t.to + " at " + Fmt(t.at) + " " +
         leadscore::TransitionCauseName(t.cause) + " " + t.event_id.value_or("(no id)") + " " +
         t.model_name + "/" + t.model_version + " threshold " + std::to_string(t.threshold);
}

void CheckSame(const std::vector<Transition>& batch, const std::vector<Transition>& live) {
  REQUIRE(batch.size() == live.size());
  for (size_t k = 0; k < batch.size(); ++k) {
    const Transition& b = batch[k];
    const Transition& l = live[k];
    INFO("transition " << k << ": batch " << Describe(b) << " / live " << Describe(l));
    CHECK(b.lead_id == l.lead_id);
    CHECK(b.from == l.from);
    CHECK(b.to == l.to);
    CHECK(b.at == l.at);
    CHECK(b.cause == l.cause);
    CHECK(b.event_id == l.event_id);
    CHECK(b.model_name == l.model_name);
    CHECK(b.model_version == l.model_version);
    CHECK(b.threshold == l.threshold);
  }
}

// Each `from` is the previous `to`, the first `from` the first stage, the
// last `to` the scorecard's stage.
void CheckChain(const std::vector<Transition>& ts, const Scorecard& card,
                const std::string& first_stage) {
  std::string seen = first_stage;
  for (const Transition& t : ts) {
    INFO(Describe(t));
    CHECK(t.from == seen);
    CHECK(t.to != t.from);
    seen = t.to;
  }
  REQUIRE(card.stage.has_value());
  CHECK(seen == *card.stage);
}

}  // namespace

TEST_CASE("batch transitions equal Apply in event order then Advance - bundled sample",
          "[batch][transitions]") {
  const Population& p = Bundled();
  std::map<std::string, std::vector<Event>> by_lead;
  for (const Event& e : p.events) by_lead[e.lead_id].push_back(e);
  for (const char* name : {"b2b-saas", "demo-ready", "product-led"}) {
    INFO("model " << name);
    const auto model = MustLoad(ReadFile(Source(std::string("examples/models/") + name + ".json")));
    const BatchResult batch = RunBatch(model, p.leads, p.events, p.as_of);
    REQUIRE(batch.cards.size() == p.leads.size());
    const Scorer scorer(model);
    const std::string first_stage = model->stages().front();
    size_t total = 0, by_time = 0, event_ids = 0;
    for (size_t i = 0; i < p.leads.size(); ++i) {
      const Lead& lead = p.leads[i];
      INFO("lead " << lead.id);
      CHECK(batch.cards[i].lead_id == lead.id);
      CheckSame(batch.transitions[i], LiveTransitions(scorer, lead, by_lead[lead.id], p.as_of));
      CheckChain(batch.transitions[i], batch.cards[i], first_stage);
      for (const Transition& t : batch.transitions[i]) {
        ++total;
        by_time += t.cause == TransitionCause::kTime;
        event_ids += t.event_id.has_value();
        CHECK(t.at <= p.as_of);
      }
    }
    // The sample goes through the lifecycle: not a vacuous comparison.
    CHECK(total > 500);
    CHECK(by_time > 0);
    CHECK(event_ids > 0);
    // With several threads: the same, in the same order.
    const BatchResult threaded = RunBatch(model, p.leads, p.events, p.as_of, 2);
    REQUIRE(threaded.transitions.size() == batch.transitions.size());
    for (size_t i = 0; i < p.leads.size(); ++i) {
      CheckSame(threaded.transitions[i], batch.transitions[i]);
    }
  }
}

TEST_CASE("batch scorecards are the same with and without transitions", "[batch][transitions]") {
  const Population& p = Bundled();
  const auto model = MustLoad(ReadFile(Source("examples/models/b2b-saas.json")));
  const BatchResult with = RunBatch(model, p.leads, p.events, p.as_of);
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, p.as_of);
  REQUIRE(batch.ok());
  for (const Lead& lead : p.leads) REQUIRE(batch->AddLead(lead).ok());
  for (const Event& e : p.events) REQUIRE(batch->AddEvent(e).ok());
  std::vector<std::string> without;
  const BatchStats stats =
      batch->Score({}, [&](const Scorecard& card) { without.push_back(CardJson(card, false)); });
  REQUIRE(without.size() == with.cards.size());
  for (size_t i = 0; i < without.size(); ++i) CHECK(without[i] == CardJson(with.cards[i], false));
  CHECK(stats.duplicates_dropped == with.stats.duplicates_dropped);
  CHECK(stats.leads_scored == with.stats.leads_scored);
}

namespace {

// forward_only false, so decay takes the stage down again.
std::shared_ptr<const Model> WorkedModel() {
  return MustLoad(R"({"name": "worked", "version": "3",
    "dimensions": [{"name": "eng", "decay": {"half_life_days": 10}}],
    "rules": [
      {"id": "visit", "dimension": "eng", "points": 20, "on": "visit"},
      {"id": "demo", "dimension": "eng", "points": 30, "on": "demo"}],
    "lifecycle": {
      "stages": ["subscriber", "lead", "mql", "sql"],
      "forward_only": false,
      "thresholds": [
        {"stage": "lead", "when": {"attr": "email", "exists": true}},
        {"stage": "mql", "when": {"score": "eng", "gte": 30}},
        {"stage": "sql", "when": {"score": "eng", "gte": 60}}],
      "disqualify_when": {"attr": "email", "ends_with": "@competitor.com"}}})");
}

Lead WorkedLead(const std::string& id, const std::string& email, bool consent = true,
                std::optional<std::string> stage = std::nullopt) {
  Attributes a;
  a["email"] = S(email);
  return MakeLead(id, a, consent, std::move(stage));
}

}  // namespace

TEST_CASE("batch transitions: worked example (docs/live-scoring.md)", "[batch][transitions]") {
  const auto model = WorkedModel();
  // A: visits on days 0 and 1 (the second without an id), a demo on day 2;
  //    by as_of (day 30) eng has decayed from 66 to 9.5.
  // B: a competitor's address: disqualified at its first event.
  // C: consent granted on day 10, so invalid at its events, a lead at as_of.
  // D: the host says mql: reported mql until the computed sql passes it.
  Lead c = WorkedLead("C", "cy@acme.io", /*consent=*/true);
  c.consent.at = Day(10);
  const std::vector<Lead> leads = {WorkedLead("A", "ana@acme.io"),
                                   WorkedLead("B", "bo@competitor.com"), c,
                                   WorkedLead("D", "di@acme.io", true, "mql")};
  const Lead& a = leads[0];
  const Lead& b = leads[1];
  const Lead& d = leads[3];
  const std::vector<Event> events = {
      Ev(a, "demo", Day(2), "a3"),  Ev(a, "visit", Day(0), "a1"), Ev(a, "visit", Day(1)),
      Ev(a, "visit", Day(0), "a1"),  // a copy: dropped
      Ev(b, "visit", Day(0), "b1"), Ev(b, "demo", Day(1), "b2"),
      Ev(c, "visit", Day(0), "c1"), Ev(c, "visit", Day(1), "c2"),
      Ev(d, "visit", Day(0), "d1"), Ev(d, "demo", Day(0.5), "d2"), Ev(d, "visit", Day(0.5), "d3"),
      Ev(a, "visit", Day(31), "late"),  // after as_of: ignored
  };
  const absl::Time as_of = Day(30);
  const BatchResult r = RunBatch(model, leads, events, as_of);
  REQUIRE(r.cards.size() == 4);
  CHECK(r.stats.duplicates_dropped == 1);

  std::vector<std::string> got;
  for (const auto& ts : r.transitions) {
    for (const Transition& t : ts) got.push_back(Describe(t));
  }
  const std::vector<std::string> want = {
      "A subscriber->lead at 2026-10-01T00:00:00Z event a1 worked/3 threshold 0",
      "A lead->mql at 2026-10-02T00:00:00Z event (no id) worked/3 threshold 1",
      "A mql->sql at 2026-10-03T00:00:00Z event a3 worked/3 threshold 2",
      "A sql->lead at 2026-10-31T00:00:00Z time (no id) worked/3 threshold -1",
      "B subscriber->disqualified at 2026-10-01T00:00:00Z event b1 worked/3 threshold -1",
      "C subscriber->invalid at 2026-10-01T00:00:00Z event c1 worked/3 threshold -1",
      "C invalid->lead at 2026-10-31T00:00:00Z time (no id) worked/3 threshold -1",
      "D subscriber->mql at 2026-10-01T00:00:00Z event d1 worked/3 threshold -1",
      "D mql->sql at 2026-10-01T12:00:00Z event d3 worked/3 threshold 2",
      "D sql->mql at 2026-10-31T00:00:00Z time (no id) worked/3 threshold -1",
  };
  CHECK(got == want);
  // As `leadscore score --transitions` writes them.
  std::string lines;
  for (const Transition& t : r.transitions[0]) {
    leadscore::AppendTransitionJson(t, &lines);
    lines += "\n";
  }
  CHECK(lines ==
        R"({"lead_id": "A", "from": "subscriber", "to": "lead", "at": "2026-10-01T00:00:00Z", "cause": "event", "event_id": "a1", "model": "worked", "model_version": "3"})" "\n"
        R"({"lead_id": "A", "from": "lead", "to": "mql", "at": "2026-10-02T00:00:00Z", "cause": "event", "event_id": null, "model": "worked", "model_version": "3"})" "\n"
        R"({"lead_id": "A", "from": "mql", "to": "sql", "at": "2026-10-03T00:00:00Z", "cause": "event", "event_id": "a3", "model": "worked", "model_version": "3"})" "\n"
        R"({"lead_id": "A", "from": "sql", "to": "lead", "at": "2026-10-31T00:00:00Z", "cause": "time", "event_id": null, "model": "worked", "model_version": "3"})" "\n");
  // The numbers the docs quote: A's engagement after the demo and at as_of.
  const double after_demo = 20 * std::pow(0.5, 0.2) + 20 * std::pow(0.5, 0.1) + 30;
  CHECK(after_demo == Approx(66.07).epsilon(1e-3));
  CHECK(ScoreIn(r.cards[0], "eng") == Approx(after_demo * std::pow(0.5, 2.8)));
  CHECK(ScoreIn(r.cards[0], "eng") == Approx(9.49).epsilon(1e-3));
  CHECK(r.cards[0].stage == std::optional<std::string>("lead"));
  CHECK(r.cards[1].stage == std::optional<std::string>("disqualified"));
  CHECK(r.cards[2].stage == std::optional<std::string>("lead"));
  CHECK(r.cards[3].stage == std::optional<std::string>("mql"));

  const Scorer scorer(model);
  for (size_t i = 0; i < leads.size(); ++i) {
    std::vector<Event> own;
    for (const Event& e : events) {
      if (e.lead_id == leads[i].id) own.push_back(e);
    }
    INFO("lead " << leads[i].id);
    CheckSame(r.transitions[i], LiveTransitions(scorer, leads[i], own, as_of));
    CheckChain(r.transitions[i], r.cards[i], "subscriber");
  }
}

TEST_CASE("batch transitions: a model without a lifecycle reports none", "[batch][transitions]") {
  const auto model = MustLoad(R"({"name": "flat", "version": "1",
    "dimensions": [{"name": "eng"}],
    "rules": [{"id": "visit", "dimension": "eng", "points": 20, "on": "visit"}]})");
  const Lead lead = MakeLead("L-1");
  const BatchResult r =
      RunBatch(model, {lead}, {Ev(lead, "visit", Day(0), "e1")}, Day(1));
  REQUIRE(r.transitions.size() == 1);
  CHECK(r.transitions[0].empty());
  CHECK(ScoreIn(r.cards[0], "eng") == 20);
}
