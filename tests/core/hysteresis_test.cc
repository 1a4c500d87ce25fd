// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model format v1.1, hysteresis and recycling (docs/model-format.md,
// "Hysteresis and recycling"): the docs' worked examples (the doc is the
// test's input), load errors with their pointers, the recycled bit through a
// state round trip, stage leaves. The property test against the reference
// implementation is in oracle_test.cc ("oracle v1.1").

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "catch2/catch.hpp"
#include "leadscore/batch.h"
#include "leadscore/explanation.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/scorer.h"
#include "leadscore/state_io.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"
#include "support/doc_examples.h"

namespace {

using leadscore::Event;
using leadscore::Lead;
using leadscore::Model;
using leadscore::ModelDiagnostic;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::Transition;
using leadscore_test::FencedBlockAfter;

std::string Doc() {
  std::ifstream in(std::string(LEADSCORE_SOURCE_DIR) + "/docs/model-format.md");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

absl::Time T(const char* ts) { return *leadscore::ParseTimestamp(ts); }

std::vector<Event> Events(const std::string& jsonl) {
  std::vector<Event> out;
  for (absl::string_view line : absl::StrSplit(jsonl, '\n', absl::SkipEmpty())) {
    auto e = leadscore::ParseEventJson(line);
    REQUIRE(e.ok());
    out.push_back(*e);
  }
  return out;
}

Lead DocLead() {
  auto l = leadscore::ParseLeadJson(R"({"id": "L-1", "attributes": {"email": "ana@example.com"}})");
  REQUIRE(l.ok());
  return *l;
}

std::shared_ptr<const Model> Load(const std::string& text) {
  auto m = Model::FromJson(text);
  INFO(text);
  REQUIRE(m.ok());
  return *m;
}

// The stage a live scorer reports after each event (scored at its time).
std::vector<std::string> StagesAfterEachEvent(const std::shared_ptr<const Model>& model,
                                              const Lead& lead, const std::vector<Event>& ev) {
  Scorer scorer(model);
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  std::vector<std::string> out;
  for (const Event& e : ev) {
    REQUIRE(scorer.Apply(lead, e, *state).ok());
    auto card = scorer.Score(lead, *state, e.at);
    REQUIRE(card.ok());
    out.push_back(card->stage.value_or("-"));
  }
  return out;
}

TEST_CASE("hysteresis: the docs' flapping example, with and without exit_when", "[v1.1]") {
  const std::string doc = Doc();
  const std::string marker = "**Worked example: no flapping.**";
  const std::string model_text = FencedBlockAfter(doc, marker, "json");
  const std::vector<Event> ev = Events(FencedBlockAfter(doc, marker, "jsonl"));
  REQUIRE(ev.size() == 6);
  nlohmann::json without = nlohmann::json::parse(model_text);
  for (auto& t : without["lifecycle"]["thresholds"]) t.erase("exit_when");
  const Lead lead = DocLead();
  const auto with_stages = StagesAfterEachEvent(Load(model_text), lead, ev);
  const auto v1_stages = StagesAfterEachEvent(Load(without.dump()), lead, ev);
  // Totals, from the model with exit_when (the same in both).
  Scorer scorer(Load(model_text));
  std::string table = "event  total  without exit_when  with exit_when\n";
  for (size_t i = 0; i < ev.size(); ++i) {
    auto card = scorer.ScoreHistory(lead, absl::MakeConstSpan(ev.data(), i + 1), ev[i].at);
    REQUIRE(card.ok());
    table += absl::StrFormat("%-6s %-6s %-18s %s\n", *ev[i].id, absl::StrCat(card->total),
                             v1_stages[i], with_stages[i]);
  }
  CHECK(table == FencedBlockAfter(doc, marker));
  // The point of it: v1 changes stage on E2..E6, v1.1 twice.
  CHECK(with_stages == std::vector<std::string>{"lead", "mql", "mql", "mql", "mql", "lead"});
}

std::string TransitionLines(const std::vector<Transition>& ts) {
  std::string out;
  for (const Transition& t : ts) {
    leadscore::AppendTransitionJson(t, &out);
    out += "\n";
  }
  return out;
}

TEST_CASE("recycling: the docs' example, batch and live transitions and scorecards", "[v1.1]") {
  const std::string doc = Doc();
  const std::string marker = "**Worked example: recycling.**";
  const auto model = Load(FencedBlockAfter(doc, marker, "json"));
  const std::vector<Event> ev = Events(FencedBlockAfter(doc, marker, "jsonl"));
  const std::string want = FencedBlockAfter(doc, marker);
  const Lead lead = DocLead();
  const absl::Time as_of = T("2026-11-20T00:00:00Z");

  // Batch, with --transitions' lines.
  auto batch = leadscore::BatchScorer::Create(model, as_of);
  REQUIRE(batch.ok());
  REQUIRE(batch->AddLead(lead).ok());
  for (const Event& e : ev) REQUIRE(batch->AddEvent(e).ok());
  std::vector<Transition> batch_tr;
  std::string batch_stage;
  batch->ScoreWithTransitions({}, [&](const Scorecard& c, absl::Span<const Transition> tr) {
    batch_tr.assign(tr.begin(), tr.end());
    batch_stage = c.stage.value_or("-");
  });
  CHECK(TransitionLines(batch_tr) == want);
  CHECK(batch_stage == "mql");
  REQUIRE(batch_tr.size() == 5);
  CHECK(batch_tr[2].recycle == 0);
  CHECK(batch_tr[2].threshold == -1);
  CHECK(batch_tr[1].recycle == -1);

  // Live: Apply returns the recycle (cause time) before V4's own transition.
  Scorer scorer(model);
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  std::vector<Transition> live;
  for (const Event& e : ev) {
    auto r = scorer.Apply(lead, e, *state);
    REQUIRE(r.ok());
    if (*e.id == "V4") {
      REQUIRE(r->transitions.size() == 2);
      CHECK(r->transitions[0].cause == leadscore::TransitionCause::kTime);
      CHECK(r->transitions[0].to == "nurture");
      CHECK(r->transitions[1].to == "lead");
    }
    live.insert(live.end(), r->transitions.begin(), r->transitions.end());
  }
  auto adv = scorer.Advance(lead, *state, as_of);
  REQUIRE(adv.ok());
  live.insert(live.end(), adv->begin(), adv->end());
  CHECK(TransitionLines(live) == want);

  // The transition line reads back with its recycle index.
  std::string line;
  leadscore::AppendTransitionJson(batch_tr[2], &line);
  auto parsed = leadscore::ParseTransitionJson(line);
  REQUIRE(parsed.ok());
  CHECK(parsed->recycle == 0);

  // The exact recycle time: an MQL one nanosecond before, nurture at it, and
  // nurture (entered then) at any later as_of before V4 although the lead
  // threshold holds; a live Advance there reports the recycle once.
  const std::vector<Event> first3(ev.begin(), ev.begin() + 3);
  auto before = scorer.ScoreHistory(lead, first3, T("2026-11-02T08:59:59.999999999Z"));
  auto at = scorer.ScoreHistory(lead, first3, T("2026-11-02T09:00:00Z"));
  auto later = scorer.ScoreHistory(lead, first3, T("2026-11-10T00:00:00Z"));
  REQUIRE((before.ok() && at.ok() && later.ok()));
  CHECK(before->stage == "mql");
  CHECK(at->stage == "nurture");
  CHECK(later->stage == "nurture");
  REQUIRE(later->stage_entered_at.has_value());
  CHECK(leadscore::FormatTimestamp(*later->stage_entered_at) == "2026-11-02T09:00:00Z");
  auto s2 = scorer.Start(lead);
  REQUIRE(s2.ok());
  for (const Event& e : first3) REQUIRE(scorer.Apply(lead, e, *s2).ok());
  auto a1 = scorer.Advance(lead, *s2, T("2026-11-10T00:00:00Z"));
  REQUIRE(a1.ok());
  REQUIRE(a1->size() == 1);
  CHECK(leadscore::FormatTimestamp((*a1)[0].at) == "2026-11-02T09:00:00Z");
  CHECK((*a1)[0].recycle == 0);
  auto a2 = scorer.Advance(lead, *s2, T("2026-11-12T00:00:00Z"));
  REQUIRE(a2.ok());
  CHECK(a2->empty());
}

// A model whose recycle rule fires at an event's moment (an unsubscribe), so
// the state keeps the recycled bit until the next event.
constexpr const char* kUnsubscribeModel = R"({
  "name": "unsubscribe", "version": "1",
  "dimensions": [{"name": "engagement"}],
  "rules": [{"id": "visit", "dimension": "engagement", "points": 10, "on": "page_view"}],
  "lifecycle": {
    "stages": ["subscriber", "nurture", "lead", "mql"],
    "require_consent": false,
    "thresholds": [
      {"stage": "lead", "when": {"attr": "email", "exists": true}},
      {"stage": "mql", "when": {"score": "engagement", "gte": 20}}
    ],
    "recycle": [{"id": "unsubscribed", "from": ["lead", "mql"], "to": "nurture",
                 "when": {"event": "unsubscribe", "within_days": 1}}],
    "labels": [{"label": "new-nurture", "when": {"all": [{"stage": {"eq": "nurture"}},
                                                        {"days_in_stage": {"lt": 3}}]}}]
  }
})";

TEST_CASE("recycling: the recycled bit survives a state round trip", "[v1.1]") {
  const auto model = Load(kUnsubscribeModel);
  Scorer scorer(model);
  const Lead lead = DocLead();
  auto state = scorer.Start(lead);
  REQUIRE(state.ok());
  const std::vector<Event> ev = Events(
      R"({"id": "A", "lead_id": "L-1", "type": "page_view", "at": "2026-10-01T09:00:00Z"}
{"id": "B", "lead_id": "L-1", "type": "page_view", "at": "2026-10-02T09:00:00Z"}
{"id": "C", "lead_id": "L-1", "type": "unsubscribe", "at": "2026-10-03T09:00:00Z"}
{"id": "D", "lead_id": "L-1", "type": "page_view", "at": "2026-10-20T09:00:00Z"}
)");
  for (size_t i = 0; i < 3; ++i) REQUIRE(scorer.Apply(lead, ev[i], *state).ok());
  // At C's moment the thresholds say mql (20 points), then the rule recycles
  // to nurture; at a later as_of the thresholds stay off until an event.
  auto card = scorer.Score(lead, *state, T("2026-10-04T09:00:00Z"));
  REQUIRE(card.ok());
  CHECK(card->stage == "nurture");
  CHECK(card->labels == std::vector<std::string>{"new-nurture"});
  auto later = scorer.Score(lead, *state, T("2026-10-10T09:00:00Z"));
  REQUIRE(later.ok());
  CHECK(later->stage == "nurture");
  CHECK(later->labels.empty());  // 7 days in nurture

  const std::string bytes = leadscore::SerializeLeadState(scorer, *state);
  auto back = leadscore::DeserializeLeadState(scorer, bytes);
  REQUIRE(back.ok());
  CHECK(leadscore::SerializeLeadState(scorer, *back) == bytes);
  auto again = scorer.Score(lead, *back, T("2026-10-10T09:00:00Z"));
  REQUIRE(again.ok());
  CHECK(again->stage == "nurture");  // the bit came back: no thresholds at as_of
  // The next event lets the thresholds apply again (20 -> 30 points: mql).
  auto r = scorer.Apply(lead, ev[3], *back);
  REQUIRE(r.ok());
  REQUIRE(r->transitions.size() == 1);
  CHECK(r->transitions[0].to == "mql");
  CHECK(r->transitions[0].cause == leadscore::TransitionCause::kEvent);

  // The same history scored in one go agrees at every as_of.
  for (const char* t : {"2026-10-04T09:00:00Z", "2026-10-10T09:00:00Z"}) {
    auto h = scorer.ScoreHistory(lead, absl::MakeConstSpan(ev.data(), 3), T(t));
    REQUIRE(h.ok());
    CHECK(h->stage == "nurture");
  }

  // A recycled state is foreign to a model without recycle rules: the
  // fingerprints differ, and so it is refused.
  nlohmann::json plain = nlohmann::json::parse(kUnsubscribeModel);
  plain["lifecycle"].erase("recycle");
  plain["lifecycle"].erase("labels");
  Scorer other(Load(plain.dump()));
  CHECK(!leadscore::DeserializeLeadState(other, bytes).ok());
}

// Loads `model` expecting exactly one problem at `pointer` whose message
// contains `text`.
void ExpectLoadError(const nlohmann::json& model, const std::string& pointer,
                     const std::string& text) {
  std::vector<ModelDiagnostic> diags;
  auto m = Model::FromJson(model.dump(), &diags);
  INFO(model.dump());
  REQUIRE(!m.ok());
  CHECK(m.status().code() == absl::StatusCode::kInvalidArgument);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].pointer == pointer);
  CHECK_THAT(diags[0].message, Catch::Contains(text));
}

TEST_CASE("hysteresis and recycling: each load error names its pointer", "[v1.1]") {
  const nlohmann::json base = nlohmann::json::parse(kUnsubscribeModel);
  auto with = [&](auto&& edit) {
    nlohmann::json m = base;
    edit(m);
    return m;
  };
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["thresholds"][1]["exit_when"] = {{"score", "total"},
                                                                    {"lt", 10}};
                  }),
                  "/lifecycle/thresholds/1/exit_when", "forward_only");
  ExpectLoadError(with([](nlohmann::json& m) { m["lifecycle"]["recycle"][0].erase("id"); }),
                  "/lifecycle/recycle/0", "missing required key 'id'");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["recycle"].push_back(m["lifecycle"]["recycle"][0]);
                  }),
                  "/lifecycle/recycle/1/id", "duplicate recycle id 'unsubscribed'");
  ExpectLoadError(with([](nlohmann::json& m) { m["lifecycle"]["recycle"][0]["to"] = "lead"; }),
                  "/lifecycle/recycle/0/to", "'lead' is not below 'lead'");
  ExpectLoadError(with([](nlohmann::json& m) { m["lifecycle"]["recycle"][0]["to"] = "cold"; }),
                  "/lifecycle/recycle/0/to", "unknown stage 'cold'");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["recycle"][0]["from"] = nlohmann::json::array();
                  }),
                  "/lifecycle/recycle/0/from", "expected at least one stage");
  ExpectLoadError(with([](nlohmann::json& m) { m["lifecycle"]["recycle"][0].erase("when"); }),
                  "/lifecycle/recycle/0", "'inactive_days', 'when' or both");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["recycle"][0]["inactive_days"] = 0;
                  }),
                  "/lifecycle/recycle/0/inactive_days", "positive");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["recycle"][0]["colour"] = "red";
                  }),
                  "/lifecycle/recycle/0/colour", "unknown key");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["labels"][0]["when"]["all"][0] = {{"stage", {{"eq", "MQL"}}}};
                  }),
                  "/lifecycle/labels/0/when/all/0/stage/eq", "unknown stage 'MQL'");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["labels"][0]["when"]["all"][0] = {{"stage", {{"gte", 2}}}};
                  }),
                  "/lifecycle/labels/0/when/all/0/stage/gte", "does not apply to a stage");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["labels"][0]["when"]["all"][1] = {
                        {"days_in_stage", {{"gte", "3"}}}};
                  }),
                  "/lifecycle/labels/0/when/all/1/days_in_stage/gte", "expected a number");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["lifecycle"]["labels"][0]["when"]["all"][1] = {{"days_in_stage", 3}};
                  }),
                  "/lifecycle/labels/0/when/all/1/days_in_stage", "expected an operator object");
  ExpectLoadError(with([](nlohmann::json& m) {
                    m["rules"][0]["when"] = {{"stage", {{"eq", "mql"}}}};
                  }),
                  "/rules/0/when/stage", "only allowed in the lifecycle");
  // And the same keys are fine where they belong.
  nlohmann::json ok = base;
  ok["lifecycle"]["forward_only"] = false;
  ok["lifecycle"]["thresholds"][1]["exit_when"] = {{"days_in_stage", {{"gte", 30}}}};
  CHECK(Model::FromJson(ok.dump()).ok());
}

}  // namespace

namespace {

TEST_CASE("hysteresis: an explanation shows exit_when for a stage already entered", "[v1.1]") {
  const std::string doc = Doc();
  const std::string marker = "**Worked example: no flapping.**";
  Scorer scorer(Load(FencedBlockAfter(doc, marker, "json")));
  const std::vector<Event> ev = Events(FencedBlockAfter(doc, marker, "jsonl"));
  // After E3: total 10, still an MQL, because exit_when (total < 10) does not hold.
  auto ex = leadscore::ExplainLead(scorer, DocLead(), absl::MakeConstSpan(ev.data(), 3),
                                   ev[2].at);
  REQUIRE(ex.ok());
  CHECK(ex->scorecard.stage == "mql");
  REQUIRE(ex->thresholds.size() == 2);
  CHECK(ex->thresholds[1].holds);
  REQUIRE(ex->thresholds[1].checks.size() == 1);
  CHECK(ex->thresholds[1].checks[0].text == "not (score total < 10)");
  CHECK(ex->thresholds[1].checks[0].holds);
}

}  // namespace
