// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The one replay path: the event order (engine/event_order.h), the kept
// events of a history (KeptEventOrder, history.h) and that every scorer
// steps exactly those (ScoreHistory, BatchScorer, ExplainLead, streaming).

#include <algorithm>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "engine/event_order.h"
#include "leadscore/history.h"
#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::BatchScorer;
using leadscore::KeptEventOrder;
using leadscore::Scorer;
using leadscore::ScorerOptions;

std::shared_ptr<const Model> ViewModel() {
  return MustLoad(R"({"name": "views", "version": "1",
    "dimensions": [{"name": "eng"}],
    "rules": [{"id": "view", "dimension": "eng", "points": 10, "on": "page_view",
               "max_per_lead": 3},
              {"id": "click", "dimension": "eng", "points": 1, "on": "click",
               "max_per_window": {"count": 1, "days": 1}}]})");
}

std::vector<size_t> Kept(const std::vector<Event>& events, absl::Time as_of) {
  absl::StatusOr<std::vector<size_t>> order = KeptEventOrder(events, as_of);
  INFO(order.status().ToString());
  REQUIRE(order.ok());
  return *order;
}

TEST_CASE("EventOrder sorts by time, then no id first, then id bytes, then position",
          "[replay]") {
  using leadscore::internal::EventBefore;
  using leadscore::internal::PreparedEvent;
  auto ev = [](int64_t at, std::optional<std::string> id, uint64_t seq) {
    PreparedEvent e;
    e.at = at;
    e.seq = seq;
    e.has_id = id.has_value();
    e.id = id.value_or("");
    return e;
  };
  CHECK(EventBefore(ev(1, "z", 9), ev(2, std::nullopt, 0)));  // time first
  CHECK_FALSE(EventBefore(ev(2, std::nullopt, 0), ev(1, "z", 9)));
  CHECK(EventBefore(ev(5, std::nullopt, 9), ev(5, "", 0)));     // no id before any id
  CHECK(EventBefore(ev(5, "B", 9), ev(5, "a", 0)));            // bytes: 'B' < 'a'
  CHECK(EventBefore(ev(5, "\x7f", 9), ev(5, "\xc3\xa9", 0)));  // UTF-8 bytes
  CHECK(EventBefore(ev(5, "a", 1), ev(5, "a", 2)));            // then position
  CHECK_FALSE(EventBefore(ev(5, "a", 2), ev(5, "a", 2)));      // strict
}

TEST_CASE("KeptEventOrder keeps the first copy of an id in event order", "[replay]") {
  const Lead lead = MakeLead();
  std::vector<Event> events = {
      Ev(lead, "page_view", Day(3), std::string("E2")),  // 0
      Ev(lead, "page_view", Day(1), std::string("E1")),  // 1
      Ev(lead, "page_view", Day(2), std::string("E1")),  // 2: later copy of E1
      Ev(lead, "page_view", Day(2)),                     // 3: no id, never a copy
      Ev(lead, "page_view", Day(2)),                     // 4
      Ev(lead, "page_view", Day(0), std::string("E2")),  // 5: earlier copy of E2 wins
      Ev(lead, "page_view", Day(9), std::string("E3")),  // 6: after as_of
      Ev(lead, "page_view", Day(1), std::string("A")),   // 7: same time, id sorts first
  };
  CHECK(Kept(events, Day(5)) == std::vector<size_t>{5, 7, 1, 3, 4});
  // as_of at an event's time includes it.
  CHECK(Kept(events, Day(9)) == std::vector<size_t>{5, 7, 1, 3, 4, 6});
  CHECK(Kept({}, Day(5)).empty());
}

TEST_CASE("EventPrecedes is the order KeptEventOrder sorts by", "[replay]") {
  const Lead lead = MakeLead();
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::vector<Event> events;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      std::optional<std::string> id;
      if (rng() % 4 != 0) id = std::string(1, static_cast<char>('A' + rng() % 4));
      events.push_back(Ev(lead, "page_view", Day(static_cast<int>(rng() % 4)), id));
    }
    // Sort the positions with EventPrecedes, keep the first copy of each id.
    std::vector<size_t> sorted(events.size());
    for (size_t i = 0; i < sorted.size(); ++i) sorted[i] = i;
    std::sort(sorted.begin(), sorted.end(), [&](size_t a, size_t b) {
      return leadscore::EventPrecedes(events[a], a, events[b], b);
    });
    std::vector<size_t> kept;
    std::set<std::string> seen;
    for (size_t i : sorted) {
      if (events[i].id && !seen.insert(*events[i].id).second) continue;
      kept.push_back(i);
    }
    CHECK(kept == Kept(events, Day(9)));
  }
  // Of two copies at one time, the earlier position comes first.
  const Event a = Ev(lead, "page_view", Day(1), std::string("E"));
  CHECK(leadscore::EventPrecedes(a, 0, a, 1));
  CHECK_FALSE(leadscore::EventPrecedes(a, 1, a, 0));
}

TEST_CASE("KeptEventOrder refuses times outside the engine's range before as_of only",
          "[replay]") {
  const Lead lead = MakeLead();
  std::vector<Event> events = {Ev(lead, "page_view", Day(1)),
                               Ev(lead, "page_view", T("2200-01-01T00:00:00Z"))};
  CHECK(Kept(events, Day(5)) == std::vector<size_t>{0});  // the late one is unread
  events.push_back(Ev(lead, "page_view", T("1850-01-01T00:00:00Z")));
  absl::StatusOr<std::vector<size_t>> bad = KeptEventOrder(events, Day(5));
  REQUIRE(bad.status().code() == absl::StatusCode::kOutOfRange);
  CHECK(absl::StrContains(bad.status().message(), "outside the supported range"));
  CHECK(KeptEventOrder({}, T("2200-01-01T00:00:00Z")).status().code() ==
        absl::StatusCode::kOutOfRange);
}

// Random histories with many copies and ties: applying exactly the kept
// events, in the kept order, to a state with no reorder window gives the
// scorecard of ScoreHistory, of a BatchScorer and of ExplainLead.
TEST_CASE("Every scorer steps exactly the events KeptEventOrder names", "[replay]") {
  auto model = ViewModel();
  Scorer history_scorer(model);
  Scorer in_order(model, ScorerOptions{0});
  std::mt19937 rng(12);
  for (int round = 0; round < 60; ++round) {
    const Lead lead = MakeLead("L-" + std::to_string(round));
    std::vector<Event> events;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      std::optional<std::string> id;
      if (rng() % 3 != 0) id = "E" + std::to_string(rng() % 4);
      events.push_back(Ev(lead, rng() % 2 ? "page_view" : "click",
                          Day(static_cast<double>(rng() % 6) / 2), id));
    }
    const absl::Time as_of = Day(2);
    INFO("round " << round);
    auto state = in_order.Start(lead);
    REQUIRE(state.ok());
    for (size_t i : Kept(events, as_of)) {
      auto applied = in_order.Apply(lead, events[i], *state);
      REQUIRE(applied.ok());  // in order: never refused
    }
    auto streamed = in_order.Score(lead, *state, as_of, {true});
    REQUIRE(streamed.ok());
    const std::string want = CardJson(*streamed);
    CHECK(CardJson(ScoreOf(model, lead, events, as_of)) == want);

    auto batch = BatchScorer::Create(model, as_of);
    REQUIRE(batch.ok());
    REQUIRE(batch->AddLead(lead).ok());
    for (const Event& e : events) REQUIRE(batch->AddEvent(e).ok());
    std::vector<std::string> cards;
    leadscore::BatchOptions options;
    options.explain = true;
    const leadscore::BatchStats stats =
        batch->Score(options, [&](const Scorecard& c) { cards.push_back(CardJson(c)); });
    REQUIRE(cards.size() == 1);
    CHECK(cards[0] == want);
    CHECK(stats.leads_scored == 1);
    size_t at_or_before = 0;
    for (const Event& e : events) at_or_before += e.at <= as_of ? 1 : 0;
    CHECK(stats.duplicates_dropped == at_or_before - Kept(events, as_of).size());

    auto explained = leadscore::ExplainLead(history_scorer, lead, events, as_of);
    REQUIRE(explained.ok());
    CHECK(CardJson(explained->scorecard) == want);
  }
}

// ExplainLead counts cap verdicts in its one replay: the counts add up to the
// kept matching events, and duplicates are not counted.
TEST_CASE("ExplainLead judges caps on the kept events only", "[replay][explain]") {
  auto model = ViewModel();
  Scorer scorer(model);
  const Lead lead = MakeLead();
  std::vector<Event> events;
  for (int i = 0; i < 5; ++i) {
    events.push_back(Ev(lead, "page_view", Day(i * 0.1), "V" + std::to_string(i)));
    events.push_back(Ev(lead, "page_view", Day(i * 0.1 + 0.05), "V" + std::to_string(i)));
  }
  events.push_back(Ev(lead, "click", Day(0.2), std::string("C1")));
  events.push_back(Ev(lead, "click", Day(0.3), std::string("C2")));
  events.push_back(Ev(lead, "click", Day(3), std::string("C3")));  // after as_of
  auto ex = leadscore::ExplainLead(scorer, lead, events, Day(1));
  REQUIRE(ex.ok());
  REQUIRE(ex->rules.size() == 2);
  const leadscore::RuleExplanation& view = ex->rules[0];
  CHECK(view.matched == 5);  // 5 copies dropped
  CHECK(view.counted == 3);
  CHECK(view.cut_by_max_per_lead == 2);
  const leadscore::RuleExplanation& click = ex->rules[1];
  CHECK(click.matched == 2);
  CHECK(click.counted == 1);
  CHECK(click.cut_by_max_per_window == 1);
  // Errors are those of ScoreHistory.
  std::vector<Event> other = {Ev(MakeLead("L-2"), "page_view", Day(0))};
  auto bad = leadscore::ExplainLead(scorer, lead, other, Day(1));
  REQUIRE(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(bad.status().message(), "is for lead 'L-2', not 'L-1'"));
}

}  // namespace
}  // namespace leadscore_test
