// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Streaming (Scorer::Start/Apply/Score) and batch (BatchScorer) scoring agree
// with Scorer::ScoreHistory, the exact reading of the file formats.

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::ApplyResult;
using leadscore::BatchOptions;
using leadscore::BatchStats;
using leadscore::BatchScorer;
using leadscore::LeadState;
using leadscore::Scorer;
using leadscore::ScorerOptions;
using Outcome = ApplyResult::Outcome;

// A model using every kind of state: decay, caps, windows, pattern, event leaves.
std::shared_ptr<const Model> RichModel() {
  return MustLoad(R"({"name": "rich", "version": "2",
    "dimensions": [{"name": "fit", "grades": [{"grade": "A", "min": 20}, {"grade": "B"}]},
                   {"name": "eng", "min": -50, "max": 150, "decay": {"half_life_days": 7}}],
    "rules": [
      {"id": "title", "dimension": "fit", "points": 25, "when": {"attr": "title", "eq": "vp"}},
      {"id": "view", "dimension": "eng", "points": 10, "on": "page_view", "max_per_lead": 5},
      {"id": "click", "dimension": "eng", "points": 3, "on": ["email_click"],
       "max_per_window": {"count": 2, "days": 1}, "within_days": 20},
      {"id": "unsub", "dimension": "eng", "points": -40, "on": "unsubscribe"},
      {"id": "burst", "dimension": "eng", "points": 20, "on": "page_view",
       "pattern": {"at_least": 3, "within_days": 2}}],
    "lifecycle": {"stages": ["sub", "lead", "mql", "sql"],
      "thresholds": [{"stage": "lead", "when": {"attr": "title", "exists": true}},
                     {"stage": "mql", "when": {"score": "eng", "gte": 30}},
                     {"stage": "sql", "when": {"event": "demo", "within_days": 5}}],
      "labels": [{"label": "clicker", "when": {"event": "email_click", "within_days": 3,
                                               "at_least": 2}}],
      "funnel": {"tofu": ["sub", "lead"], "mofu": ["mql"], "bofu": ["sql"]}}})");
}

Lead VpLead(const std::string& id = "L-1") {
  Attributes a;
  a["title"] = S("vp");
  return MakeLead(id, a);
}

// A history in event order: views, clicks, a demo, an unsubscribe, over 12 days.
std::vector<Event> History(const Lead& lead) {
  const char* types[] = {"page_view", "email_click", "page_view", "email_click",
                         "page_view", "email_click", "demo",      "page_view",
                         "ping",      "page_view",   "page_view", "unsubscribe",
                         "email_click", "page_view"};
  std::vector<Event> out;
  for (int i = 0; i < 14; ++i) {
    // Times 0, 0.3, 0.6, ... days (strictly increasing).
    out.push_back(Ev(lead, types[i], Day(0.3 * i + (i >= 8 ? 5 : 0)), "E" + std::to_string(100 + i)));
  }
  return out;
}

std::string HistoryJson(const std::shared_ptr<const Model>& model, const Lead& lead,
                        const std::vector<Event>& events, absl::Time as_of) {
  return CardJson(ScoreOf(model, lead, events, as_of, true));
}

std::string StateJson(const Scorer& scorer, const Lead& lead, const LeadState& state,
                      absl::Time as_of) {
  leadscore::ScoreOptions options;
  options.explain = true;
  auto card = scorer.Score(lead, state, as_of, options);
  INFO(card.status().ToString());
  REQUIRE(card.ok());
  return CardJson(*card);
}

TEST_CASE("Apply in order gives the ScoreHistory result", "[streaming]") {
  auto model = RichModel();
  Scorer scorer(model);
  const Lead lead = VpLead();
  const auto events = History(lead);
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  for (const Event& e : events) {
    auto r = scorer.Apply(lead, e, *state);
    REQUIRE(r.ok());
    CHECK(r->outcome == Outcome::kApplied);  // in order: the O(1) path
  }
  CHECK(state->event_count() == 14);  // 14 distinct events
  CHECK(state->last_event_time() == events.back().at);
  // Same JSON (scores, stage, entered, labels, explain) at several times.
  for (double d : {9.0, 10.0, 14.0, 40.0}) {
    INFO("as_of day " << d);
    CHECK(StateJson(scorer, lead, *state, Day(d)) == HistoryJson(model, lead, events, Day(d)));
  }
  // One literal: fit is 25 (title) whatever the events.
  CHECK(ScoreIn(*scorer.Score(lead, *state, Day(40)), "fit") == 25);
}

TEST_CASE("late events within the reorder window give the sorted-history result",
          "[streaming]") {
  auto model = RichModel();
  Scorer scorer(model);  // reorder_window 16 >= 14 events
  const Lead lead = VpLead();
  const auto events = History(lead);
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  // Arrival order: newest first. Every event after the first is late.
  for (size_t i = events.size(); i-- > 0;) {
    auto r = scorer.Apply(lead, events[i], *state);
    REQUIRE(r.ok());
    CHECK(r->outcome == (i + 1 == events.size() ? Outcome::kApplied : Outcome::kReordered));
  }
  CHECK(StateJson(scorer, lead, *state, Day(14)) == HistoryJson(model, lead, events, Day(14)));
}

// History() plus duplicates (a later and an earlier copy), events without id
// and with id "" at one instant.
std::vector<Event> MessyHistory(const Lead& lead) {
  std::vector<Event> out = History(lead);
  out.push_back(Ev(lead, "page_view", Day(9), out[2].id));      // later copy: dropped
  out.push_back(Ev(lead, "email_click", Day(0.1), out[5].id));  // earlier copy: replaces
  out.push_back(Ev(lead, "page_view", Day(3)));
  out.push_back(Ev(lead, "email_click", Day(3)));
  out.push_back(Ev(lead, "demo", Day(3), std::string()));
  return out;
}

TEST_CASE("any arrival order within the reorder window gives the ScoreHistory result",
          "[streaming]") {
  auto model = RichModel();
  Scorer scorer(model);  // reorder_window 16: no event is folded before the end
  const Lead lead = VpLead();
  std::vector<Event> events = MessyHistory(lead);
  std::mt19937 rng(20261001);
  for (int round = 0; round < 25; ++round) {
    std::shuffle(events.begin(), events.end(), rng);
    auto state = scorer.Start(lead);
    REQUIRE(state.ok());
    for (const Event& e : events) REQUIRE(scorer.Apply(lead, e, *state).ok());
    INFO("round " << round);
    // 19 events, 2 of them copies of an id: 17 kept.
    CHECK(state->event_count() == 17);
    // ScoreHistory gets the same input order (position breaks ties).
    CHECK(StateJson(scorer, lead, *state, Day(14)) == HistoryJson(model, lead, events, Day(14)));
  }
}

TEST_CASE("duplicates are reported and count once", "[streaming]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e"}],
      "rules": [{"id": "r", "dimension": "e", "points": 10, "on": "v"}]})");
  Scorer scorer(model);
  const Lead lead = MakeLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  REQUIRE(scorer.Apply(lead, Ev(lead, "v", Day(0), "E1"), *state)->outcome == Outcome::kApplied);
  REQUIRE(scorer.Apply(lead, Ev(lead, "v", Day(1), "E2"), *state)->outcome == Outcome::kApplied);
  // The same id again, at the same or a later time: ignored.
  CHECK(scorer.Apply(lead, Ev(lead, "v", Day(0), "E1"), *state)->outcome == Outcome::kDuplicate);
  CHECK(scorer.Apply(lead, Ev(lead, "v", Day(2), "E1"), *state)->outcome == Outcome::kDuplicate);
  CHECK(state->event_count() == 2);
  // E1 + E2 = 20 points (no decay); a copy counted twice would give 30 or 40.
  CHECK(ScoreIn(*scorer.Score(lead, *state, Day(3)), "e") == 20);
}

TEST_CASE("a duplicate or refused event leaves the state bytes identical", "[streaming]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e"}],
      "rules": [{"id": "r", "dimension": "e", "points": 10, "on": "v"}]})");
  for (size_t window : {size_t{0}, size_t{1}, size_t{16}}) {
    INFO("reorder window " << window);
    ScorerOptions options;
    options.reorder_window = window;
    Scorer scorer(model, options);
    const Lead lead = MakeLead();
    auto state = scorer.Start(lead);
    REQUIRE(state.ok());
    for (int d = 5; d < 10; ++d) {
      REQUIRE(scorer.Apply(lead, Ev(lead, "v", Day(d), "E" + std::to_string(d)), *state).ok());
    }
    const std::string before = leadscore::SerializeLeadState(scorer, *state);
    if (window > 0) {
      // A copy of a kept event: a duplicate.
      auto dup = scorer.Apply(lead, Ev(lead, "v", Day(9), "E9"), *state);
      REQUIRE(dup.ok());
      CHECK(dup->outcome == Outcome::kDuplicate);
      CHECK(leadscore::SerializeLeadState(scorer, *state) == before);
    }
    if (window < 5) {
      // Older than everything the state keeps: refused.
      auto late = scorer.Apply(lead, Ev(lead, "v", Day(0), "E0"), *state);
      CHECK(late.status().code() == absl::StatusCode::kOutOfRange);
      CHECK(leadscore::SerializeLeadState(scorer, *state) == before);
    }
    // And the next in-order event is applied as if nothing had come between.
    auto next = scorer.Apply(lead, Ev(lead, "v", Day(10), "E10"), *state);
    REQUIRE(next.ok());
    CHECK(next->outcome == Outcome::kApplied);
  }
}

TEST_CASE("a late copy with an earlier time replaces the later one", "[streaming]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e", "decay": {"half_life_days": 1}}],
      "rules": [{"id": "r", "dimension": "e", "points": 10, "on": "v"}]})");
  Scorer scorer(model);
  const Lead lead = MakeLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  const Event later = Ev(lead, "v", Day(2), "E1");
  const Event earlier = Ev(lead, "v", Day(1), "E1");
  REQUIRE(scorer.Apply(lead, later, *state)->outcome == Outcome::kApplied);
  CHECK(scorer.Apply(lead, earlier, *state)->outcome == Outcome::kReordered);
  CHECK(state->event_count() == 1);
  // The day-1 copy counts: as of day 3, 10 * 2^(-2) = 2.5 (the day-2 copy gave 5).
  CHECK(ScoreIn(*scorer.Score(lead, *state, Day(3)), "e") == Approx(2.5).epsilon(1e-12));
  CHECK(StateJson(scorer, lead, *state, Day(3)) ==
        HistoryJson(model, lead, {later, earlier}, Day(3)));
}

TEST_CASE("an event older than the reorder window is OutOfRange - state unchanged",
          "[streaming]") {
  auto model = RichModel();
  ScorerOptions options;
  options.reorder_window = 2;  // keeps between 2 and 4 events
  Scorer scorer(model, options);
  const Lead lead = VpLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  // Days 1..4: after the 4th the oldest two are folded into the checkpoint;
  // the state keeps days 3 and 4.
  for (int d = 1; d <= 4; ++d) {
    REQUIRE(scorer.Apply(lead, Ev(lead, "page_view", Day(d), "V" + std::to_string(d)), *state)
                ->outcome == Outcome::kApplied);
  }
  const std::string before = StateJson(scorer, lead, *state, Day(5));
  auto old = scorer.Apply(lead, Ev(lead, "page_view", Day(2.5), "OLD"), *state);
  REQUIRE_FALSE(old.ok());
  CHECK(old.status().code() == absl::StatusCode::kOutOfRange);
  CHECK(state->event_count() == 4);
  CHECK(StateJson(scorer, lead, *state, Day(5)) == before);
  // An event after the oldest kept one (day 3) is still merged.
  auto late = scorer.Apply(lead, Ev(lead, "page_view", Day(3.5), "LATE"), *state);
  REQUIRE(late.ok());
  CHECK(late->outcome == Outcome::kReordered);
  CHECK(state->event_count() == 5);
}

TEST_CASE("reorder_window 0 refuses out-of-order events", "[streaming]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e"}],
      "rules": [{"id": "r", "dimension": "e", "points": 10, "on": "v"}]})");
  ScorerOptions options;
  options.reorder_window = 0;
  Scorer scorer(model, options);
  const Lead lead = MakeLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  REQUIRE(scorer.Apply(lead, Ev(lead, "v", Day(1), "A"), *state).ok());
  // The same instant is in order (arrival order breaks the tie).
  REQUIRE(scorer.Apply(lead, Ev(lead, "v", Day(1), "B"), *state).ok());
  auto late = scorer.Apply(lead, Ev(lead, "v", Day(0.5), "C"), *state);
  REQUIRE_FALSE(late.ok());
  CHECK(late.status().code() == absl::StatusCode::kOutOfRange);
  // Two events of 10 points.
  CHECK(ScoreIn(*scorer.Score(lead, *state, Day(2)), "e") == 20);
}

TEST_CASE("Score with as_of before the newest event is FailedPrecondition", "[streaming]") {
  Scorer scorer(RichModel());
  const Lead lead = VpLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  REQUIRE(scorer.Apply(lead, Ev(lead, "page_view", Day(5), "E"), *state).ok());
  auto card = scorer.Score(lead, *state, Day(4));
  REQUIRE_FALSE(card.ok());
  CHECK(card.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(scorer.Score(lead, *state, Day(5)).ok());  // equal is fine
}

TEST_CASE("Apply rejects an event of another lead", "[streaming]") {
  Scorer scorer(RichModel());
  const Lead lead = VpLead("L-1");
  const Lead other = VpLead("L-2");
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  CHECK_FALSE(scorer.Apply(lead, Ev(other, "page_view", Day(0), "E"), *state).ok());
  CHECK(state->event_count() == 0);
}

// Scores `leads` with a BatchScorer; events are added in the given order.
std::vector<std::string> BatchJson(const std::shared_ptr<const Model>& model,
                                   const std::vector<Lead>& leads,
                                   const std::vector<Event>& events, absl::Time as_of,
                                   int threads, size_t* duplicates = nullptr) {
  auto batch = BatchScorer::Create(model, as_of);
  REQUIRE(batch.ok());
  for (const Lead& l : leads) REQUIRE(batch->AddLead(l).ok());
  for (const Event& e : events) REQUIRE(batch->AddEvent(e).ok());
  std::vector<std::string> out;
  BatchOptions options;
  options.explain = true;
  options.threads = threads;
  const BatchStats stats =
      batch->Score(options, [&](const Scorecard& c) { out.push_back(CardJson(c)); });
  if (duplicates != nullptr) *duplicates = stats.duplicates_dropped;
  return out;
}

TEST_CASE("BatchScorer equals ScoreHistory, whatever the event order", "[batch]") {
  auto model = RichModel();
  const Lead a = VpLead("A");
  const Lead b = MakeLead("B");
  std::vector<Event> ea = History(a), eb = History(b);
  std::vector<Event> all;
  // Interleave the two leads, newest first.
  for (size_t i = ea.size(); i-- > 0;) {
    all.push_back(ea[i]);
    all.push_back(eb[i]);
  }
  const auto cards = BatchJson(model, {a, b}, all, Day(14), 1);
  REQUIRE(cards.size() == 2);  // one per lead, in the order added
  CHECK(cards[0] == HistoryJson(model, a, ea, Day(14)));
  CHECK(cards[1] == HistoryJson(model, b, eb, Day(14)));
}

TEST_CASE("BatchScorer reports unknown leads, events after as_of, duplicates", "[batch]") {
  auto model = RichModel();
  const Lead a = VpLead("A");
  const Lead b = VpLead("B");
  std::vector<Event> events = {
      Ev(a, "page_view", Day(1), "E1"),
      Ev(a, "page_view", Day(2), "E1"),   // duplicate of A's E1
      Ev(b, "page_view", Day(1), "E1"),   // same id, another lead: not a duplicate
      Ev(a, "page_view", Day(30), "E9"),  // after as_of
      Ev(MakeLead("zz"), "page_view", Day(1)),
      Ev(MakeLead("aa"), "page_view", Day(1)),
      Ev(MakeLead("mm"), "page_view", Day(1)),
      Ev(MakeLead("aa"), "page_view", Day(1)),
  };
  auto batch = BatchScorer::Create(model, Day(10));
  REQUIRE(batch.ok());
  REQUIRE(batch->AddLead(a).ok());
  REQUIRE(batch->AddLead(b).ok());
  CHECK_FALSE(batch->AddLead(VpLead("A")).ok());  // duplicate lead id
  for (const Event& e : events) REQUIRE(batch->AddEvent(e).ok());
  CHECK(batch->lead_count() == 2);
  // 4 unknown-lead events, 3 distinct ids, sorted bytewise.
  CHECK(batch->unknown_lead_events() == 4);
  CHECK(batch->unknown_lead_ids() == std::vector<std::string>{"aa", "mm", "zz"});
  CHECK(batch->events_after_as_of() == 1);
  CHECK(batch->event_count() == 3);  // known leads, at or before as_of, duplicates included
  std::vector<Scorecard> cards;
  const size_t duplicates =
      batch->Score(BatchOptions{}, [&](const Scorecard& c) { cards.push_back(c); })
          .duplicates_dropped;
  CHECK(duplicates == 1);
  REQUIRE(cards.size() == 2);
  // Each lead counts one view: 10 * 2^(-9/7) points as of day 10 (E1 at day 1).
  const double expected = 10 * std::exp2(-9.0 / 7.0);
  CHECK(ScoreIn(cards[0], "eng") == Approx(expected).epsilon(1e-12));
  CHECK(ScoreIn(cards[1], "eng") == Approx(expected).epsilon(1e-12));
}

TEST_CASE("BatchScorer: events of unknown leads are not errors - out-of-range times are",
          "[batch]") {
  auto batch = BatchScorer::Create(RichModel(), Day(10));
  REQUIRE(batch.ok());
  Event far = Ev(MakeLead("A"), "page_view", Day(0));
  far.at = T("2190-01-01T00:00:00Z");  // past the engine range
  CHECK_FALSE(batch->AddEvent(far).ok());
  // as_of outside the engine range.
  CHECK_FALSE(BatchScorer::Create(RichModel(), T("1899-12-31T23:59:59Z")).ok());
}

TEST_CASE("BatchScorer with 2 threads gives the output of 1 thread", "[batch]") {
  auto model = RichModel();
  std::vector<Lead> leads;
  std::vector<Event> events;
  for (int i = 0; i < 40; ++i) {
    const Lead lead = i % 3 == 0 ? MakeLead("L" + std::to_string(i)) : VpLead("L" + std::to_string(i));
    leads.push_back(lead);
    auto h = History(lead);
    // A different slice of the history per lead.
    for (size_t k = static_cast<size_t>(i % 5); k < h.size(); ++k) events.push_back(h[k]);
  }
  size_t d1 = 0, d2 = 0;
  const auto one = BatchJson(model, leads, events, Day(13), 1, &d1);
  const auto two = BatchJson(model, leads, events, Day(13), 2, &d2);
  REQUIRE(one.size() == 40);
  CHECK(one == two);
  CHECK(d1 == d2);
}

}  // namespace
}  // namespace leadscore_test
