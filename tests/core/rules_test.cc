// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Rules (spec 3.1, 3.3 and section 8 "Caps on one rule", "Rules", "Event
// order", "Duplicate event ids"): decay, caps, windows, patterns, clamping,
// weights, grades, explain.

#include <string>
#include <vector>

#include "support/test_util.h"

namespace leadscore_test {
namespace {


// One event rule `r` on type "v" worth 10 points, with `extra` rule keys, in a
// dimension "e" with `dim_extra` keys.
std::shared_ptr<const Model> OneEventRule(const std::string& extra,
                                          const std::string& dim_extra = "") {
  return MustLoad(R"({"dimensions": [{"name": "e")" + dim_extra + R"(}],
      "rules": [{"id": "r", "dimension": "e", "points": 10, "on": "v")" + extra +
                  "}]}");
}

// `n` events of type "v" at the given days, ids E0, E1, ...
std::vector<Event> VisitsAt(const Lead& lead, const std::vector<absl::Time>& times) {
  std::vector<Event> out;
  for (size_t i = 0; i < times.size(); ++i) {
    out.push_back(Ev(lead, "v", times[i], "E" + std::to_string(i)));
  }
  return out;
}

absl::Time Hour(double h) { return Base() + absl::Seconds(h * 3600); }

TEST_CASE("decay halves a contribution every half-life", "[rules][decay]") {
  auto model = OneEventRule("", R"(, "decay": {"half_life_days": 30})");
  const Lead lead = MakeLead();
  const auto events = VisitsAt(lead, {Day(0)});
  // 10 * 2^0 = 10; 10 * 2^(-30/30) = 5; 10 * 2^(-60/30) = 2.5; 2^(-15/30) = 0.70711.
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(0)), "e") == 10);
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(30)), "e") == Approx(5).epsilon(1e-12));
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(60)), "e") == Approx(2.5).epsilon(1e-12));
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(15)), "e") ==
        Approx(7.0710678).epsilon(1e-6));
  // Two events at days 0 and 30, read at 60: 10/4 + 10/2 = 7.5; explain agrees.
  const Scorecard card = ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(30)}), Day(60));
  CHECK(ScoreIn(card, "e") == Approx(7.5).epsilon(1e-12));
  const ExplainEntry* r = FindExplain(card, "r");
  REQUIRE(r != nullptr);
  CHECK(r->points == Approx(7.5).epsilon(1e-12));
  CHECK(r->events == 2);
}

TEST_CASE("attribute rules never decay", "[rules][decay]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e", "decay": {"half_life_days": 1}}],
      "rules": [{"id": "a", "dimension": "e", "points": 10}]})");
  // 300 half-lives later an attribute rule still adds its full 10 points.
  CHECK(ScoreIn(ScoreOf(model, MakeLead(), {}, Day(300)), "e") == 10);
}

TEST_CASE("max_per_lead: the 6th event past 5 adds nothing", "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_lead": 5)");
  const Lead lead = MakeLead();
  const auto events = VisitsAt(lead, {Day(0), Day(1), Day(2), Day(3), Day(4), Day(5)});
  const Scorecard card = ScoreOf(model, lead, events, Day(6));
  // 5 counted events * 10 points, no decay = 50.
  CHECK(ScoreIn(card, "e") == 50);
  REQUIRE(FindExplain(card, "r") != nullptr);
  CHECK(FindExplain(card, "r")->events == 5);
}

TEST_CASE("max_per_lead counts only matching events", "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_lead": 1, "when": {"prop": "u", "eq": "x"})");
  const Lead lead = MakeLead();
  Attributes other, match;
  other["u"] = S("y");
  match["u"] = S("x");
  // The first event does not match `when`, so it takes no slot: the second counts.
  const Scorecard card = ScoreOf(
      model, lead, {Ev(lead, "v", Day(0), "E1", other), Ev(lead, "v", Day(1), "E2", match)},
      Day(2));
  CHECK(ScoreIn(card, "e") == 10);
}

TEST_CASE("max_per_window slides: re-opens when the oldest counted event leaves",
          "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_window": {"count": 2, "days": 1})");
  const Lead lead = MakeLead();
  // Hours 0, 1, 2, 24, 24.5, 25 with window (at - 24h, at]:
  //   0: no counted event before -> counts          counted {0}
  //   1: (-23, 1] holds {0}: 1 < 2 -> counts         counted {0, 1}
  //   2: (-22, 2] holds {0, 1}: 2 -> refused
  //  24: (0, 24] holds {1} (0 is on the open end) -> counts {0, 1, 24}
  // 24.5: (0.5, 24.5] holds {1, 24} -> refused
  //  25: (1, 25] holds {24} -> counts
  // 4 counted * 10 = 40 (no decay).
  const auto events =
      VisitsAt(lead, {Hour(0), Hour(1), Hour(2), Hour(24), Hour(24.5), Hour(25)});
  const Scorecard card = ScoreOf(model, lead, events, Hour(26));
  CHECK(ScoreIn(card, "e") == 40);
  REQUIRE(FindExplain(card, "r") != nullptr);
  CHECK(FindExplain(card, "r")->events == 4);
}

TEST_CASE("max_per_window boundary: exactly D days later is outside the window",
          "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_window": {"count": 1, "days": 1})");
  const Lead lead = MakeLead();
  // Second event 1 ns before the first leaves the window: refused (10 in all).
  CHECK(ScoreIn(ScoreOf(model, lead,
                        VisitsAt(lead, {Day(0), Day(1) - absl::Nanoseconds(1)}), Day(2)),
                "e") == 10);
  // Exactly 1 day later the first is on the open end: both count (20).
  CHECK(ScoreIn(ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(1)}), Day(2)), "e") == 20);
}

TEST_CASE("refused events never fill a window", "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_window": {"count": 1, "days": 1})");
  const Lead lead = MakeLead();
  // Hours 0 (counts), 12 (refused: 0 in window), 30: window (6, 30] holds no
  // counted event (12 was refused) -> counts. 2 * 10 = 20.
  CHECK(ScoreIn(ScoreOf(model, lead, VisitsAt(lead, {Hour(0), Hour(12), Hour(30)}), Hour(31)),
                "e") == 20);
}

TEST_CASE("max_per_lead passes the first N matching events even if the window refuses them",
          "[rules][caps]") {
  auto model = OneEventRule(
      R"(, "max_per_lead": 2, "max_per_window": {"count": 1, "days": 1})");
  const Lead lead = MakeLead();
  // Hour 0: 1st through max_per_lead, window empty -> counts.
  // Hour 1: 2nd through max_per_lead, window (-23, 1] holds hour 0 -> refused.
  // Hour 48: the 3rd matching event: max_per_lead (2) already passed -> cut.
  // 1 counted * 10 = 10 (a reading where refused events kept no slot would give 20).
  const Scorecard card = ScoreOf(model, lead, VisitsAt(lead, {Hour(0), Hour(1), Hour(48)}),
                                 Hour(49));
  CHECK(ScoreIn(card, "e") == 10);
  REQUIRE(FindExplain(card, "r") != nullptr);
  CHECK(FindExplain(card, "r")->events == 1);
}

TEST_CASE("an expired event keeps its max_per_lead slot", "[rules][caps]") {
  auto model = OneEventRule(R"(, "max_per_lead": 1, "within_days": 10)");
  const Lead lead = MakeLead();
  // Day 0 takes the only slot; at day 20 it has expired (20 - 0 >= 10) and the
  // day-15 event was cut by max_per_lead: 0 points, rule not listed.
  const Scorecard card = ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(15)}), Day(20));
  CHECK(ScoreIn(card, "e") == 0);
  CHECK(FindExplain(card, "r") == nullptr);
}

TEST_CASE("an expired event still fills later windows", "[rules][caps]") {
  auto model = OneEventRule(
      R"(, "max_per_window": {"count": 1, "days": 30}, "within_days": 10)");
  const Lead lead = MakeLead();
  // Day 0 counts. Day 20: window (-10, 20] holds day 0 (counted, though past
  // within_days at day 20) -> refused. At day 25, day 0 has expired: 0 points.
  const Scorecard card = ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(20)}), Day(25));
  CHECK(ScoreIn(card, "e") == 0);
  CHECK(FindExplain(card, "r") == nullptr);
  // Day 35: window (5, 35] holds no counted event -> counts: 10 at day 36.
  const Scorecard later =
      ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(20), Day(35)}), Day(36));
  CHECK(ScoreIn(later, "e") == 10);
}

TEST_CASE("within_days: an event exactly D days before as_of does not count",
          "[rules][caps]") {
  auto model = OneEventRule(R"(, "within_days": 10)");
  const Lead lead = MakeLead();
  const auto events = VisitsAt(lead, {Day(0)});
  // (as_of - 10 d, as_of]: at day 10 the event sits on the open end.
  const Scorecard at10 = ScoreOf(model, lead, events, Day(10));
  CHECK(ScoreIn(at10, "e") == 0);
  CHECK(FindExplain(at10, "r") == nullptr);
  // 1 ns earlier it is inside: 10 points, 1 event.
  const Scorecard before = ScoreOf(model, lead, events, Day(10) - absl::Nanoseconds(1));
  CHECK(ScoreIn(before, "e") == 10);
  REQUIRE(FindExplain(before, "r") != nullptr);
  CHECK(FindExplain(before, "r")->events == 1);
  // An event at as_of itself counts.
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(0)), "e") == 10);
}

TEST_CASE("within_days with decay counts only the unexpired, decayed", "[rules][caps]") {
  auto model = OneEventRule(R"(, "within_days": 45)", R"(, "decay": {"half_life_days": 30})");
  const Lead lead = MakeLead();
  // As of day 60: day 0 expired (60 >= 45); day 30 is 30 d old: 10 * 0.5 = 5.
  const Scorecard card = ScoreOf(model, lead, VisitsAt(lead, {Day(0), Day(30)}), Day(60));
  CHECK(ScoreIn(card, "e") == Approx(5).epsilon(1e-9));
  REQUIRE(FindExplain(card, "r") != nullptr);
  CHECK(FindExplain(card, "r")->events == 1);
}

TEST_CASE("pattern rules: undecayed, on while N matches fall in the window",
          "[rules][pattern]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e", "decay": {"half_life_days": 1}}],
      "rules": [{"id": "burst", "dimension": "e", "points": 20, "on": "v",
                 "when": {"prop": "url", "contains": "/pricing"},
                 "pattern": {"at_least": 3, "within_days": 7}}]})");
  const Lead lead = MakeLead();
  Attributes pricing, blog;
  pricing["url"] = S("/pricing");
  blog["url"] = S("/blog");
  const std::vector<Event> events = {Ev(lead, "v", Day(0), "E0", pricing),
                                     Ev(lead, "v", Day(1), "E1", pricing),
                                     Ev(lead, "v", Day(1.5), "EB", blog),
                                     Ev(lead, "v", Day(2), "E2", pricing)};
  // As of day 2: 3 pricing views in (-5, 2] -> 20, undecayed despite a 1-day half-life.
  const Scorecard on = ScoreOf(model, lead, events, Day(2));
  CHECK(ScoreIn(on, "e") == 20);
  const ExplainEntry* e = FindExplain(on, "burst");
  REQUIRE(e != nullptr);
  CHECK(e->points == 20);
  CHECK_FALSE(e->events.has_value());  // pattern rules carry no events count
  // Day 7 - 1 ns: day 0 still inside -> 20.
  CHECK(ScoreIn(ScoreOf(model, lead, events, Day(7) - absl::Nanoseconds(1)), "e") == 20);
  // Day 7: day 0 on the open end; 2 pricing views left (the blog view does not match) -> 0.
  const Scorecard off = ScoreOf(model, lead, events, Day(7));
  CHECK(ScoreIn(off, "e") == 0);
  CHECK(FindExplain(off, "burst") == nullptr);
  // Only 2 matching events: never on.
  CHECK(ScoreIn(ScoreOf(model, lead, {events[0], events[1], events[2]}, Day(2)), "e") == 0);
}

TEST_CASE("negative points and min/max clamping", "[rules][clamp]") {
  auto model = MustLoad(R"({"dimensions": [
        {"name": "lo", "min": 0, "max": 100},
        {"name": "hi", "min": 0, "max": 100},
        {"name": "free"}],
      "rules": [
        {"id": "plus", "dimension": "lo", "points": 30},
        {"id": "minus", "dimension": "lo", "points": -50},
        {"id": "big1", "dimension": "hi", "points": 60},
        {"id": "big2", "dimension": "hi", "points": 50},
        {"id": "neg", "dimension": "free", "points": -40}]})");
  const Scorecard card = ScoreOf(model, MakeLead(), {}, Base());
  CHECK(ScoreIn(card, "lo") == 0);      // 30 - 50 = -20, clamped to min 0
  CHECK(ScoreIn(card, "hi") == 100);    // 60 + 50 = 110, clamped to max 100
  CHECK(ScoreIn(card, "free") == -40);  // unbounded
  // explain shows points before the clamp.
  REQUIRE(FindExplain(card, "minus") != nullptr);
  CHECK(FindExplain(card, "minus")->points == -50);
  CHECK(FindExplain(card, "big1")->points == 60);
  // total = 0 + 100 - 40 = 60 (weights 1, clamped scores).
  CHECK(card.total == 60);
}

TEST_CASE("negative event points decay too", "[rules][clamp]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "e", "decay": {"half_life_days": 10}}],
      "rules": [{"id": "unsub", "dimension": "e", "points": -40, "on": "unsubscribe"}]})");
  const Lead lead = MakeLead();
  // -40 * 2^(-10/10) = -20.
  CHECK(ScoreIn(ScoreOf(model, lead, {Ev(lead, "unsubscribe", Day(0), "U")}, Day(10)), "e") ==
        Approx(-20).epsilon(1e-12));
}

TEST_CASE("total is the weighted sum of the clamped scores", "[rules][total]") {
  auto model = MustLoad(R"({"dimensions": [
        {"name": "fit", "weight": 0.5},
        {"name": "eng", "weight": 2, "max": 10},
        {"name": "neg", "weight": 0.25}],
      "rules": [
        {"id": "f", "dimension": "fit", "points": 40},
        {"id": "g", "dimension": "eng", "points": 15},
        {"id": "n", "dimension": "neg", "points": -4}]})");
  const Scorecard card = ScoreOf(model, MakeLead(), {}, Base());
  // 0.5 * 40 + 2 * min(15, 10) + 0.25 * (-4) = 20 + 20 - 1 = 39.
  CHECK(card.total == 39);
}

TEST_CASE("grades: the first entry whose min <= score - no min matches all", "[rules][grades]") {
  auto grade_of = [](double points, bool with_catch_all) {
    const std::string grades =
        R"([{"grade": "A", "min": 60}, {"grade": "B", "min": 35})" +
        std::string(with_catch_all ? R"(, {"grade": "C"}])" : "]");
    auto model = MustLoad(R"({"dimensions": [{"name": "fit", "grades": )" + grades +
                          R"(}], "rules": [{"id": "p", "dimension": "fit", "points": )" +
                          std::to_string(points) + "}]}");
    return GradeIn(ScoreOf(model, MakeLead(), {}, Base()), "fit");
  };
  CHECK(grade_of(60, true) == std::optional<std::string>("A"));    // 60 >= 60
  CHECK(grade_of(59.9, true) == std::optional<std::string>("B"));  // < 60, >= 35
  CHECK(grade_of(35, true) == std::optional<std::string>("B"));
  CHECK(grade_of(-50, true) == std::optional<std::string>("C"));   // catch-all
  CHECK(grade_of(34, false) == std::nullopt);                      // nothing matches
  CHECK(grade_of(100, false) == std::optional<std::string>("A"));
}

TEST_CASE("grades: the first matching entry wins, even a catch-all", "[rules][grades]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "fit",
        "grades": [{"grade": "X"}, {"grade": "A", "min": 60}]}],
      "rules": [{"id": "p", "dimension": "fit", "points": 100}]})");
  // 100 >= 60, but "X" (no min) comes first and matches everything.
  CHECK(GradeIn(ScoreOf(model, MakeLead(), {}, Base()), "fit") ==
        std::optional<std::string>("X"));
}

TEST_CASE("grades read the clamped score - no grades means null", "[rules][grades]") {
  auto model = MustLoad(R"({"dimensions": [
        {"name": "fit", "max": 50, "grades": [{"grade": "A", "min": 60}, {"grade": "B"}]},
        {"name": "eng"}],
      "rules": [{"id": "p", "dimension": "fit", "points": 70},
                {"id": "q", "dimension": "eng", "points": 70}]})");
  const Scorecard card = ScoreOf(model, MakeLead(), {}, Base());
  // 70 is clamped to 50 < 60: B, not A.
  CHECK(GradeIn(card, "fit") == std::optional<std::string>("B"));
  CHECK(GradeIn(card, "eng") == std::nullopt);
}

TEST_CASE("explain: model order, 0-point rules listed, expired and false rules not",
          "[rules][explain]") {
  auto model = MustLoad(R"({"dimensions": [{"name": "fit"},
        {"name": "eng", "decay": {"half_life_days": 30}}],
      "rules": [
        {"id": "z-event", "dimension": "eng", "points": 10, "on": "v"},
        {"id": "a-attr", "dimension": "fit", "points": 25},
        {"id": "zero-attr", "dimension": "fit", "points": 0},
        {"id": "false-attr", "dimension": "fit", "points": 5,
         "when": {"attr": "nope", "exists": true}},
        {"id": "zero-event", "dimension": "eng", "points": 0, "on": "v"},
        {"id": "expired", "dimension": "eng", "points": 10, "on": "v", "within_days": 5},
        {"id": "never", "dimension": "eng", "points": 10, "on": "other"}]})");
  const Lead lead = MakeLead();
  const Scorecard card =
      ScoreOf(model, lead, {Ev(lead, "v", Day(0), "E1"), Ev(lead, "v", Day(30), "E2")},
              Day(30));
  // expired: day 0 is out of (25, 30] but day 30 is in, so it is listed with 1 event.
  // Order is the model's, not alphabetical.
  CHECK(ExplainRules(card) ==
        std::vector<std::string>{"z-event", "a-attr", "zero-attr", "zero-event", "expired"});
  // z-event: 10 * 2^(-30/30) + 10 = 15, 2 events.
  CHECK(FindExplain(card, "z-event")->points == Approx(15).epsilon(1e-12));
  CHECK(FindExplain(card, "z-event")->events == 2);
  CHECK(FindExplain(card, "zero-event")->points == 0);
  CHECK(FindExplain(card, "zero-event")->events == 2);
  CHECK(FindExplain(card, "expired")->points == 10);
  CHECK(FindExplain(card, "expired")->events == 1);
  CHECK(FindExplain(card, "a-attr")->dimension == "fit");
  CHECK_FALSE(FindExplain(card, "a-attr")->events.has_value());  // attribute rule
  // Day 40: "expired" has no event left in (35, 40]: not listed.
  const Scorecard later =
      ScoreOf(model, lead, {Ev(lead, "v", Day(0), "E1"), Ev(lead, "v", Day(30), "E2")}, Day(40));
  CHECK(FindExplain(later, "expired") == nullptr);
  // Without explain asked for, the list stays empty.
  CHECK(ScoreOf(model, lead, {}, Day(0), false).explain.empty());
}

TEST_CASE("events after as_of are ignored", "[rules]") {
  auto model = OneEventRule("");
  const Lead lead = MakeLead();
  const auto events = VisitsAt(lead, {Day(0), Day(1), Day(1) + absl::Nanoseconds(1)});
  // As of day 1: the events at 0 and 1 count (20); the one 1 ns later does not.
  const Scorecard card = ScoreOf(model, lead, events, Day(1));
  CHECK(ScoreIn(card, "e") == 20);
  CHECK(FindExplain(card, "r")->events == 2);
}

TEST_CASE("duplicate ids: the first copy in event order counts", "[rules][duplicates]") {
  auto model = OneEventRule("", R"(, "decay": {"half_life_days": 1})");
  const Lead lead = MakeLead();
  // The day-1 copy comes first in the input; the day-0 copy is first in event
  // order. As of day 2: 10 * 2^(-2) = 2.5 (the day-1 copy would give 5).
  const Scorecard card = ScoreOf(
      model, lead, {Ev(lead, "v", Day(1), "E1"), Ev(lead, "v", Day(0), "E1")}, Day(2));
  CHECK(ScoreIn(card, "e") == Approx(2.5).epsilon(1e-12));
  CHECK(FindExplain(card, "r")->events == 1);
  // Distinct ids both count: 2.5 + 5 = 7.5.
  CHECK(ScoreIn(ScoreOf(model, lead,
                        {Ev(lead, "v", Day(1), "E1"), Ev(lead, "v", Day(0), "E2")}, Day(2)),
                "e") == Approx(7.5).epsilon(1e-12));
  // Events without id are never duplicates of each other: 2 * 10 * 2^(-2) = 5.
  CHECK(ScoreIn(ScoreOf(model, lead,
                        {Ev(lead, "v", Day(0)), Ev(lead, "v", Day(0))}, Day(2)),
                "e") == Approx(5).epsilon(1e-12));
}

TEST_CASE("a duplicate after as_of never hides a copy before it", "[rules][duplicates]") {
  auto model = OneEventRule("", R"(, "decay": {"half_life_days": 1})");
  const Lead lead = MakeLead();
  // The day-5 copy (after as_of day 2) comes first in the input; the day-1 copy
  // counts: 10 * 2^(-1) = 5.
  const Scorecard card = ScoreOf(
      model, lead, {Ev(lead, "v", Day(5), "E1"), Ev(lead, "v", Day(1), "E1")}, Day(2));
  CHECK(ScoreIn(card, "e") == Approx(5).epsilon(1e-12));
}

TEST_CASE("a duplicate at the same instant: the first in the input counts",
          "[rules][duplicates]") {
  auto model = OneEventRule(R"(, "when": {"prop": "u", "eq": "first"})");
  const Lead lead = MakeLead();
  Attributes first, second;
  first["u"] = S("first");
  second["u"] = S("second");
  // Same (at, id): position decides; the first copy matches `when`: 10.
  CHECK(ScoreIn(ScoreOf(model, lead,
                        {Ev(lead, "v", Day(0), "E1", first), Ev(lead, "v", Day(0), "E1", second)},
                        Day(1)),
                "e") == 10);
  // Reversed input: the kept copy does not match: 0.
  CHECK(ScoreIn(ScoreOf(model, lead,
                        {Ev(lead, "v", Day(0), "E1", second), Ev(lead, "v", Day(0), "E1", first)},
                        Day(1)),
                "e") == 0);
}

// Event order at one instant, seen through forward_only classification: a +10
// event ("plus") then a -10 event ("minus") reaches "hot" (score >= 10) at the
// first moment and keeps it; the other order never does (scores -10 then 0).
std::string StageAfter(const std::vector<std::pair<std::string, std::optional<std::string>>>&
                           type_and_id) {
  auto model = MustLoad(R"({"dimensions": [{"name": "e"}],
      "rules": [{"id": "p", "dimension": "e", "points": 10, "on": "plus"},
                {"id": "m", "dimension": "e", "points": -10, "on": "minus"}],
      "lifecycle": {"stages": ["cold", "hot"],
                    "thresholds": [{"stage": "hot", "when": {"score": "e", "gte": 10}}]}})");
  const Lead lead = MakeLead();
  std::vector<Event> events;
  for (const auto& [type, id] : type_and_id) events.push_back(Ev(lead, type, Day(0), id));
  const Scorecard card = ScoreOf(model, lead, events, Day(1));
  REQUIRE(ScoreIn(card, "e") == 0);  // +10 - 10 whatever the order
  return card.stage.value_or("");
}

TEST_CASE("event order ties: at, then id, then position", "[rules][order]") {
  using P = std::pair<std::string, std::optional<std::string>>;
  // No ids: input position decides.
  CHECK(StageAfter({P{"plus", std::nullopt}, P{"minus", std::nullopt}}) == "hot");
  CHECK(StageAfter({P{"minus", std::nullopt}, P{"plus", std::nullopt}}) == "cold");
  // Ids decide before position: "A" < "B".
  CHECK(StageAfter({P{"minus", "B"}, P{"plus", "A"}}) == "hot");
  CHECK(StageAfter({P{"plus", "B"}, P{"minus", "A"}}) == "cold");
  // A missing id sorts before every id, "" included.
  CHECK(StageAfter({P{"minus", ""}, P{"plus", std::nullopt}}) == "hot");
  CHECK(StageAfter({P{"plus", ""}, P{"minus", std::nullopt}}) == "cold");
  // "" is an id like any other: before "A".
  CHECK(StageAfter({P{"minus", "A"}, P{"plus", ""}}) == "hot");
  // Bytewise: "Z" (0x5A) < "a" (0x61); "z" (0x7A) < "é" (0xC3 0xA9).
  CHECK(StageAfter({P{"minus", "a"}, P{"plus", "Z"}}) == "hot");
  CHECK(StageAfter({P{"minus", "\xC3\xA9"}, P{"plus", "z"}}) == "hot");
}

}  // namespace
}  // namespace leadscore_test
