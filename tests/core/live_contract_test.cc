// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The streaming contract of Scorer (docs/live-scoring.md): source positions
// and what each Apply outcome does to the state's bytes, fingerprints of the
// model and of the lead, UpdateLead, Rebuild, CarryOver, and transitions of
// the reported stage.

#include <algorithm>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "catch2/catch.hpp"
#include "leadscore/history.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/scorer.h"
#include "leadscore/state_io.h"
#include "support/test_util.h"

namespace {

using leadscore::ApplyResult;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Model;
using leadscore::Scorer;
using leadscore::ScorerOptions;
using leadscore::SourcePosition;
using leadscore::Transition;
using leadscore::TransitionCause;
using Outcome = leadscore::ApplyResult::Outcome;
using namespace leadscore_test;

// Total = fit + engagement (weights 1); engagement halves every 10 days.
// Not forward-only, so stages can go down.
const char* kLiveModel = R"({
  "name": "live", "version": "1", "description": "contract tests",
  "dimensions": [
    {"name": "fit", "min": -50, "max": 100},
    {"name": "engagement", "min": 0, "max": 100, "decay": {"half_life_days": 10}}
  ],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 20,
     "when": {"attr": "title", "contains": "vp"}},
    {"id": "visit", "dimension": "engagement", "points": 10, "on": "visit"},
    {"id": "demo", "dimension": "engagement", "points": 40, "on": "demo"}
  ],
  "lifecycle": {
    "stages": ["subscriber", "lead", "mql"],
    "forward_only": false,
    "thresholds": [
      {"stage": "lead", "when": {"score": "total", "gte": 25}},
      {"stage": "mql", "when": {"score": "total", "gte": 60}}
    ],
    "disqualify_when": {"attr": "title", "contains": "student"},
    "labels": [{"label": "hot", "when": {"score": "engagement", "gte": 30}}]
  }
})";

std::shared_ptr<const Model> LiveModel(const std::string& edit_from = "",
                                       const std::string& edit_to = "") {
  std::string json = kLiveModel;
  if (!edit_from.empty()) {
    REQUIRE(json.find(edit_from) != std::string::npos);
    json = absl::StrReplaceAll(json, {{edit_from, edit_to}});
  }
  return MustLoad(json);
}

Lead Vp(const std::string& id = "L-1") {
  return MakeLead(id, {{"title", S("VP Sales")}, {"region", S("eu")}});
}

std::string Bytes(const Scorer& scorer, const LeadState& state) {
  return leadscore::SerializeLeadState(scorer, state);
}

std::string Card(const Scorer& scorer, const Lead& lead, const LeadState& state,
                 absl::Time as_of) {
  leadscore::ScoreOptions o;
  o.explain = true;
  auto card = scorer.Score(lead, state, as_of, o);
  INFO(card.status().ToString());
  REQUIRE(card.ok());
  return CardJson(*card);
}

std::string Chain(const std::vector<Transition>& ts) {
  std::string out;
  for (const Transition& t : ts) {
    out += t.from + ">" + t.to + "@" + Fmt(t.at) + "/" +
           leadscore::TransitionCauseName(t.cause) + (t.event_id ? ":" + *t.event_id : "") +
           " ";
  }
  return out;
}

TEST_CASE("a re-delivered event is already applied at any age, the state bytes stay",
          "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{2});
  const Lead lead = Vp();
  LeadState state = *scorer.Start(lead);
  std::vector<Event> events;
  for (int i = 0; i < 10; ++i) {
    events.push_back(Ev(lead, "visit", Day(i), "e" + std::to_string(i)));
    auto r = scorer.Apply(lead, events.back(), SourcePosition{"p0", 100 + uint64_t(i)}, state);
    REQUIRE(r.ok());
    CHECK(r->outcome == Outcome::kApplied);
  }
  REQUIRE(state.source_marks() == std::vector<SourcePosition>{{"p0", 109}});
  const std::string before = Bytes(scorer, state);

  // The first event, long out of the reorder window: recognised by position.
  auto again = scorer.Apply(lead, events[0], SourcePosition{"p0", 100}, state);
  REQUIRE(again.ok());
  CHECK(again->outcome == Outcome::kAlreadyApplied);
  CHECK(again->transitions.empty());
  CHECK(Bytes(scorer, state) == before);
  // Even re-sent with another time and id: the position decides.
  Event changed = events[3];
  changed.at = Day(20);
  changed.id = "other";
  auto moved = scorer.Apply(lead, changed, SourcePosition{"p0", 103}, state);
  REQUIRE(moved.ok());
  CHECK(moved->outcome == Outcome::kAlreadyApplied);
  CHECK(Bytes(scorer, state) == before);
  // Without its position the same old event is too late: OutOfRange.
  auto late = scorer.Apply(lead, events[0], state);
  REQUIRE(late.status().code() == absl::StatusCode::kOutOfRange);
  CHECK_THAT(std::string(late.status().message()), Catch::Contains("rebuild this lead"));
  CHECK(Bytes(scorer, state) == before);
  // Refused: another lead, a time outside the engine's range.
  Event other = events[9];
  other.lead_id = "L-2";
  CHECK(scorer.Apply(lead, other, SourcePosition{"p0", 500}, state).status().code() ==
        absl::StatusCode::kInvalidArgument);
  Event far = events[9];
  far.at = absl::FromUnixSeconds(int64_t{1} << 40);
  CHECK(scorer.Apply(lead, far, SourcePosition{"p0", 501}, state).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(Bytes(scorer, state) == before);
  // A duplicate id (within the window) does not raise the mark.
  auto dup = scorer.Apply(lead, events[9], SourcePosition{"p0", 600}, state);
  REQUIRE(dup.ok());
  CHECK(dup->outcome == Outcome::kDuplicate);
  CHECK(Bytes(scorer, state) == before);
  // A new source gets its own mark.
  auto fresh = scorer.Apply(lead, Ev(lead, "visit", Day(11), "n1"),
                            SourcePosition{"p1", 1}, state);
  REQUIRE(fresh.ok());
  CHECK(fresh->outcome == Outcome::kApplied);
  CHECK(state.source_marks() ==
        std::vector<SourcePosition>{{"p0", 109}, {"p1", 1}});
  // Marks survive serialisation.
  auto back = leadscore::DeserializeLeadState(scorer, Bytes(scorer, state));
  REQUIRE(back.ok());
  CHECK(back->source_marks() == state.source_marks());
}

TEST_CASE("events without an id count at every delivery unless a position says otherwise",
          "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{16});
  const Lead lead = Vp();
  const Event anonymous = Ev(lead, "visit", Day(1));  // no id
  LeadState state = *scorer.Start(lead);
  REQUIRE(scorer.Apply(lead, anonymous, state).ok());
  auto second = scorer.Apply(lead, anonymous, state);
  REQUIRE(second.ok());
  CHECK(second->outcome == Outcome::kApplied);
  CHECK(state.event_count() == 2);
  CHECK(ScoreIn(*scorer.Score(lead, state, Day(1)), "engagement") == 20);

  LeadState positioned = *scorer.Start(lead);
  REQUIRE(scorer.Apply(lead, anonymous, SourcePosition{"q", 7}, positioned).ok());
  auto redelivered = scorer.Apply(lead, anonymous, SourcePosition{"q", 7}, positioned);
  REQUIRE(redelivered.ok());
  CHECK(redelivered->outcome == Outcome::kAlreadyApplied);
  CHECK(positioned.event_count() == 1);
}

TEST_CASE("a threshold edited without a new version makes stored states refused, not stale",
          "[live]") {
  auto before = LiveModel();
  auto edited = LiveModel(R"("gte": 60)", R"("gte": 55)");
  REQUIRE(before->version() == edited->version());
  CHECK(before->fingerprint() != edited->fingerprint());
  CHECK(before->replay_fingerprint() != edited->replay_fingerprint());
  Scorer old_scorer(before), new_scorer(edited);
  const Lead lead = Vp();
  LeadState state = *old_scorer.Start(lead);
  REQUIRE(old_scorer.Apply(lead, Ev(lead, "demo", Day(1), "d"), state).ok());
  const std::string bytes = Bytes(old_scorer, state);

  auto read = leadscore::DeserializeLeadState(new_scorer, bytes);
  REQUIRE(read.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(read.status().message()), Catch::Contains("fingerprint"));
  CHECK(new_scorer.Score(lead, state, Day(2)).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(new_scorer.Apply(lead, Ev(lead, "visit", Day(2), "v"), state).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  auto carried = new_scorer.CarryOver(old_scorer, state);
  REQUIRE(carried.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(carried.status().message()), Catch::Contains("Rebuild"));

  // What to do instead: rebuild from the history under the new model.
  std::vector<Event> history = {Ev(lead, "demo", Day(1), "d")};
  auto rebuilt = new_scorer.Rebuild(lead, history);
  REQUIRE(rebuilt.ok());
  CHECK(Card(new_scorer, lead, *rebuilt, Day(2)) ==
        CardJson(*new_scorer.ScoreHistory(lead, history, Day(2), {true})));
}

TEST_CASE("states carry over exactly when only what scorecards read at the end changed",
          "[live]") {
  const Lead lead = Vp();
  std::vector<Event> history;
  for (int i = 0; i < 7; ++i) history.push_back(Ev(lead, "visit", Day(i * 2), "v" + std::to_string(i)));
  auto base = LiveModel();
  Scorer old_scorer(base, ScorerOptions{4});
  LeadState state = *old_scorer.Rebuild(lead, history);

  struct Case {
    const char* what;
    std::string from, to;
    bool exact;
  };
  const std::vector<Case> cases = {
      {"version and description", R"("version": "1", "description": "contract tests")",
       R"("version": "2", "description": "edited")", true},
      {"labels", R"("gte": 30}}])", R"("gte": 5}}])", true},
      {"grades no threshold reads",
       R"({"name": "fit", "min": -50, "max": 100})",
       R"({"name": "fit", "min": -50, "max": 100, "grades": [{"grade": "A", "min": 10}, {"grade": "B"}]})",
       true},
      {"points", R"("points": 10, "on": "visit")", R"("points": 11, "on": "visit")", false},
      {"decay", R"("half_life_days": 10)", R"("half_life_days": 11)", false},
      {"a threshold", R"("gte": 25)", R"("gte": 26)", false},
      {"a dimension's bound", R"("min": 0, "max": 100)", R"("min": 0, "max": 90)", false},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto changed = LiveModel(c.from, c.to);
    Scorer new_scorer(changed, ScorerOptions{4});
    CHECK((base->replay_fingerprint() == changed->replay_fingerprint()) == c.exact);
    auto carried = new_scorer.CarryOver(old_scorer, state);
    if (!c.exact) {
      CHECK(carried.status().code() == absl::StatusCode::kFailedPrecondition);
      continue;
    }
    REQUIRE(carried.ok());
    CHECK(carried->model_fingerprint() == changed->fingerprint());
    // Exactly what rebuilding under the new model gives, bytes included.
    LeadState rebuilt = *new_scorer.Rebuild(lead, history);
    CHECK(Bytes(new_scorer, *carried) == Bytes(new_scorer, rebuilt));
    CHECK(Card(new_scorer, lead, *carried, Day(30)) ==
          CardJson(*new_scorer.ScoreHistory(lead, history, Day(30), {true})));
  }
  // Another reorder window is refused.
  Scorer other_window(base, ScorerOptions{8});
  CHECK(other_window.CarryOver(old_scorer, state).status().code() ==
        absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("a grade a threshold reads is part of what states are built from", "[live]") {
  auto b2b = MustLoad(ReadFile(std::string(LEADSCORE_SOURCE_DIR) +
                               "/examples/models/b2b-saas.json"));
  std::string json =
      ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/b2b-saas.json");
  const std::string from = R"({"grade": "B", "min": 35})";
  REQUIRE(json.find(from) != std::string::npos);
  json.replace(json.find(from), from.size(), R"({"grade": "B", "min": 30})");
  CHECK(MustLoad(json)->replay_fingerprint() != b2b->replay_fingerprint());
}

TEST_CASE("a changed lead is refused until UpdateLead takes it in, without a replay",
          "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{4});
  Lead lead = MakeLead("L-1", {{"title", S("Intern")}, {"city", S("Oslo")}});
  std::vector<Event> history = {Ev(lead, "visit", Day(0), "a"), Ev(lead, "visit", Day(1), "b"),
                                Ev(lead, "demo", Day(2), "c")};
  LeadState state = *scorer.Rebuild(lead, history);
  CHECK(ScoreIn(*scorer.Score(lead, state, Day(3)), "fit") == 0);

  // An attribute no condition reads may change freely.
  lead.attributes["city"] = S("Bergen");
  CHECK(scorer.Score(lead, state, Day(3)).ok());

  Lead promoted = lead;
  promoted.attributes["title"] = S("VP Sales");
  auto stale = scorer.Score(promoted, state, Day(3));
  REQUIRE(stale.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(stale.status().message()), Catch::Contains("UpdateLead"));
  CHECK(scorer.Advance(promoted, state, Day(3)).status().code() ==
        absl::StatusCode::kFailedPrecondition);

  auto moved = scorer.UpdateLead(promoted, state, Day(3));
  REQUIRE(moved.ok());
  // 20 (VP) + 60 decayed engagement, total >= 60 at day 3: lead -> mql, seen at day 3.
  CHECK(Chain(*moved) == "lead>mql@" + Fmt(Day(3)) + "/lead ");
  // Scores equal those of the whole history scored with the new record.
  auto card = *scorer.Score(promoted, state, Day(3));
  auto reference = ScoreOf(scorer.shared_model(), promoted, history, Day(3));
  for (const char* d : {"fit", "engagement"}) CHECK(ScoreIn(card, d) == ScoreIn(reference, d));
  CHECK(card.total == reference.total);
  // Disqualification by a title change is a transition too.
  Lead student = promoted;
  student.attributes["title"] = S("student");
  auto dq = scorer.UpdateLead(student, state, Day(4));
  REQUIRE(dq.ok());
  CHECK(Chain(*dq) == "mql>disqualified@" + Fmt(Day(4)) + "/lead ");
}

TEST_CASE("UpdateLead refuses an attribute change that event rules read", "[live]") {
  auto model = LiveModel(R"("on": "demo")", R"("on": "demo", "when": {"attr": "region", "eq": "eu"})");
  Scorer scorer(model, ScorerOptions{4});
  Lead lead = Vp();
  std::vector<Event> history = {Ev(lead, "demo", Day(1), "d")};
  LeadState state = *scorer.Rebuild(lead, history);
  Lead moved = lead;
  moved.attributes["region"] = S("us");
  auto r = scorer.UpdateLead(moved, state, Day(2));
  REQUIRE(r.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(r.status().message()), Catch::Contains("Rebuild"));
  auto rebuilt = scorer.Rebuild(moved, history);
  REQUIRE(rebuilt.ok());
  CHECK(ScoreIn(*scorer.Score(moved, *rebuilt, Day(2)), "engagement") == 0);
}

TEST_CASE("transitions follow the reported stage: consent and disqualification", "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{4});
  Lead student = MakeLead("S-1", {{"title", S("student, VP club")}});
  std::vector<Transition> ts;
  std::vector<Event> events = {Ev(student, "demo", Day(1), "a"), Ev(student, "demo", Day(2), "b")};
  auto state = scorer.Rebuild(student, events, &ts);
  REQUIRE(state.ok());
  // Computed stage reaches mql, but the reported one is disqualified throughout.
  CHECK(Chain(ts) == "subscriber>disqualified@" + Fmt(Day(1)) + "/event:a ");
  CHECK(ts[0].lead_id == "S-1");
  CHECK(ts[0].model_name == "live");
  CHECK(ts[0].model_version == "1");

  Lead later = Vp("C-1");
  later.consent.granted = true;
  later.consent.at = Day(5);
  ts.clear();
  state = scorer.Rebuild(later, {Ev(later, "demo", Day(1), "a")}, &ts);
  REQUIRE(state.ok());
  CHECK(Chain(ts) == "subscriber>invalid@" + Fmt(Day(1)) + "/event:a ");
  // Consent takes effect on day 5: seen by Advance, cause time.
  auto seen = scorer.Advance(later, *state, Day(6));
  REQUIRE(seen.ok());
  CHECK(Chain(*seen) == "invalid>lead@" + Fmt(Day(6)) + "/time ");
  CHECK(scorer.Score(later, *state, Day(6))->stage == "lead");
}

TEST_CASE("Advance finds decay crossings and changes nothing a later event computes",
          "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{4});
  const Lead lead = Vp();
  std::vector<Event> events = {Ev(lead, "demo", Day(0), "a")};
  LeadState advanced = *scorer.Rebuild(lead, events);
  LeadState plain = advanced;
  // 20 + 40 = 60: mql at day 0; engagement halves every 10 days.
  auto t1 = scorer.Advance(lead, advanced, Day(5));
  REQUIRE(t1.ok());
  CHECK(Chain(*t1) == "mql>lead@" + Fmt(Day(5)) + "/time ");
  CHECK(scorer.Advance(lead, advanced, Day(6))->empty());
  auto t2 = scorer.Advance(lead, advanced, Day(60));
  CHECK(Chain(*t2) == "lead>subscriber@" + Fmt(Day(60)) + "/time ");
  // Before the newest event: refused.
  CHECK(scorer.Advance(lead, advanced, Day(-1)).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  // The next event is judged as without the advances; its transition chains
  // from the stage last seen.
  const Event demo = Ev(lead, "demo", Day(61), "b");
  auto a = scorer.Apply(lead, demo, advanced);
  auto p = scorer.Apply(lead, demo, plain);
  REQUIRE(a.ok());
  REQUIRE(p.ok());
  CHECK(Chain(a->transitions) == "subscriber>mql@" + Fmt(Day(61)) + "/event:b ");
  CHECK(p->transitions.empty());  // plain never saw it leave mql
  CHECK(Card(scorer, lead, advanced, Day(62)) == Card(scorer, lead, plain, Day(62)));
}

TEST_CASE("a merged late event sends only the stage changes it made to the history",
          "[live]") {
  Scorer scorer(LiveModel(), ScorerOptions{8});
  const Lead lead = Vp();
  LeadState state = *scorer.Start(lead);
  // 20 fit + visits of 10 (decaying): lead at the first visit (30).
  for (int i : {0, 4, 8}) {
    REQUIRE(scorer.Apply(lead, Ev(lead, "visit", Day(i), "v" + std::to_string(i)), state).ok());
  }
  // A late visit that moves no stage: nothing is sent.
  auto quiet = scorer.Apply(lead, Ev(lead, "visit", Day(3), "late1"), state);
  REQUIRE(quiet.ok());
  CHECK(quiet->outcome == Outcome::kReordered);
  CHECK(quiet->transitions.empty());
  // A late demo on day 1 makes the lead mql from day 1 until decay brings it
  // down at a later moment: the corrected history's changes, chained from lead.
  auto loud = scorer.Apply(lead, Ev(lead, "demo", Day(1), "late-demo"), state);
  REQUIRE(loud.ok());
  CHECK(loud->outcome == Outcome::kReordered);
  REQUIRE(!loud->transitions.empty());
  CHECK(loud->transitions.front().from == "lead");
  CHECK(loud->transitions.front().to == "mql");
  CHECK(loud->transitions.front().event_id == "late-demo");
  for (size_t i = 1; i < loud->transitions.size(); ++i) {
    CHECK(loud->transitions[i].from == loud->transitions[i - 1].to);
  }
  // Whatever the path, the last transition ends at the stage a scorecard
  // computed at the newest event reports.
  const std::string last = loud->transitions.back().to;
  CHECK(scorer.Score(lead, state, Day(8))->stage == last);
}

// The bundled sample: Rebuild of a history with copies gives the state
// (bytes) and transitions of applying the kept events in order. (Not
// shuffled: events at one instant without ids keep their input order, so a
// shuffle is another history.)
TEST_CASE("Rebuild equals applying the kept events in order, bytes and transitions",
          "[live]") {
  const std::string dir = std::string(LEADSCORE_SOURCE_DIR) + "/examples/";
  auto model = MustLoad(ReadFile(dir + "models/b2b-saas.json"));
  Scorer scorer(model);
  std::map<std::string, Lead> leads;
  std::istringstream li(ReadFile(dir + "data/leads.jsonl"));
  for (std::string line; std::getline(li, line);) {
    auto lead = leadscore::ParseLeadJson(line);
    REQUIRE(lead.ok());
    leads[lead->id] = *lead;
  }
  std::map<std::string, std::vector<Event>> events;
  std::istringstream ei(ReadFile(dir + "data/events.jsonl"));
  for (std::string line; std::getline(ei, line);) {
    auto e = leadscore::ParseEventJson(line);
    REQUIRE(e.ok());
    if (leads.count(e->lead_id)) events[e->lead_id].push_back(*e);
  }
  size_t checked = 0, with_transitions = 0;
  for (auto& [id, history] : events) {
    if (++checked > 150) break;
    const Lead& lead = leads[id];
    std::vector<Event> shuffled = history;
    // (Copies of events with ids: one without an id is never a copy.)
    for (size_t i = 0; i < history.size(); i += 5) {
      if (history[i].id) shuffled.push_back(history[i]);
    }
    // The copies first: the first copy in event order counts, whatever the
    // input order.
    std::rotate(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(history.size()),
                shuffled.end());
    std::vector<Transition> rebuilt_ts;
    auto rebuilt = scorer.Rebuild(lead, shuffled, &rebuilt_ts);
    REQUIRE(rebuilt.ok());

    auto order = leadscore::KeptEventOrder(history, leadscore::MaxEngineTime());
    REQUIRE(order.ok());
    LeadState live = *scorer.Start(lead);
    std::vector<Transition> live_ts;
    for (size_t i : *order) {
      auto r = scorer.Apply(lead, history[i], live);
      REQUIRE(r.ok());
      REQUIRE(r->outcome == Outcome::kApplied);
      live_ts.insert(live_ts.end(), r->transitions.begin(), r->transitions.end());
    }
    INFO("lead " << id);
    CHECK(Bytes(scorer, *rebuilt) == Bytes(scorer, live));
    CHECK(Chain(rebuilt_ts) == Chain(live_ts));
    if (!live_ts.empty()) ++with_transitions;
    // Chained, from the first stage.
    for (size_t i = 0; i < live_ts.size(); ++i) {
      CHECK(live_ts[i].from == (i == 0 ? "subscriber" : live_ts[i - 1].to));
    }
  }
  CHECK(with_transitions > 20);
}

}  // namespace
