// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LiveScorer and Rescore over a real (SQLite) store: positions across
// batches and restarts, the outbox, lead updates, model changes.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "catch2/catch.hpp"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/live/live_scorer.h"
#include "leadscore/state_io.h"
#include "leadscore/store/state_store.h"
#include "support/test_util.h"

namespace {

using leadscore::LiveEvent;
using leadscore::LiveLead;
using leadscore::LiveOptions;
using leadscore::LiveScorer;
using leadscore::StateStore;
using namespace leadscore_test;

const char* kModel = R"({
  "name": "live", "version": "1",
  "dimensions": [{"name": "fit", "min": -50, "max": 100},
                 {"name": "engagement", "min": 0, "max": 100}],
  "rules": [
    {"id": "vp", "dimension": "fit", "points": 20, "when": {"attr": "title", "contains": "vp"}},
    {"id": "visit", "dimension": "engagement", "points": 10, "on": "visit"},
    {"id": "demo", "dimension": "engagement", "points": 40, "on": "demo"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql"],
    "thresholds": [{"stage": "lead", "when": {"score": "total", "gte": 25}},
                   {"stage": "mql", "when": {"score": "total", "gte": 60}}],
    "labels": [{"label": "hot", "when": {"score": "engagement", "gte": 30}}]}
})";

std::shared_ptr<const leadscore::Model> ModelWith(const std::string& from = "",
                                                  const std::string& to = "") {
  std::string json = kModel;
  if (!from.empty()) {
    REQUIRE(json.find(from) != std::string::npos);
    json = absl::StrReplaceAll(json, {{from, to}});
  }
  return MustLoad(json);
}

struct TempStore {
  std::filesystem::path dir;
  std::string url;
  TempStore() {
    dir = std::filesystem::temp_directory_path() /
          ("leadscore-live-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "s.db").string();
  }
  ~TempStore() { std::filesystem::remove_all(dir); }
  std::unique_ptr<StateStore> Open(bool history = true) const {
    leadscore::StoreOptions o;
    o.keep_history = history;
    auto s = leadscore::OpenStateStore(url, o);
    REQUIRE(s.ok());
    return *std::move(s);
  }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

LiveLead LeadLine(const std::string& json) {
  auto lead = leadscore::ParseLeadJson(json);
  REQUIRE(lead.ok());
  return {*lead, json};
}

LiveEvent EventLine(const std::string& json, uint64_t offset, const std::string& source = "s") {
  auto e = leadscore::ParseEventJson(json);
  REQUIRE(e.ok());
  return {*e, {source, offset}, json};
}

std::string Ev(const std::string& id, const std::string& lead, const std::string& type,
               const std::string& at) {
  return R"({"id": ")" + id + R"(", "lead_id": ")" + lead + R"(", "type": ")" + type +
         R"(", "at": ")" + at + R"("})";
}

std::vector<std::string> Outbox(StateStore& store) {
  auto entries = store.ReadOutbox(0, 1000);
  REQUIRE(entries.ok());
  std::vector<std::string> out;
  for (const auto& e : *entries) out.push_back(e.payload);
  return out;
}

TEST_CASE("LiveScorer commits states, positions and the outbox, a replayed batch changes nothing",
          "[live]") {
  TempStore temp;
  auto store = temp.Open();
  auto live = LiveScorer::Open(ModelWith(), store.get(), LiveOptions{});
  REQUIRE(live.ok());
  auto added = (*live)->UpsertLeads(
      {LeadLine(R"({"id": "L-1", "consent": {"granted": true}, "attributes": {"title": "VP"}})")},
      Day(0));
  REQUIRE(added.ok());
  CHECK(added->stats.leads_added == 1);
  std::vector<LiveEvent> batch = {
      EventLine(Ev("a", "L-1", "visit", "2026-10-01T10:00:00Z"), 1),
      EventLine(Ev("b", "L-1", "demo", "2026-10-02T10:00:00Z"), 2),
      EventLine(Ev("c", "L-9", "visit", "2026-10-02T11:00:00Z"), 3),
  };
  auto r = (*live)->ApplyBatch(batch);
  REQUIRE(r.ok());
  CHECK(r->stats.applied == 2);
  CHECK(r->stats.unknown_lead == 1);
  REQUIRE(r->problems.size() == 1);
  CHECK_THAT(r->problems[0], Catch::Contains("'L-9' is not in the store"));
  REQUIRE(r->transitions.size() == 2);  // subscriber -> lead (30), lead -> mql (70)
  CHECK(r->transitions[1].to == "mql");
  CHECK(Outbox(*store).size() == 2);
  CHECK(*store->GetPosition("s") == std::optional<uint64_t>(3));

  // A restarted process (new LiveScorer, same store) given the same batch:
  // everything is already applied; nothing is written twice.
  auto again = LiveScorer::Open(ModelWith(), store.get(), LiveOptions{});
  REQUIRE(again.ok());
  auto replay = (*again)->ApplyBatch(batch);
  REQUIRE(replay.ok());
  CHECK(replay->stats.already_applied == 3);
  CHECK(replay->transitions.empty());
  CHECK(Outbox(*store).size() == 2);
  // Part of it again, all below the stored position: still nothing, no error.
  auto part = (*again)->ApplyBatch({batch[0], batch[1]});
  REQUIRE(part.ok());
  CHECK(part->stats.already_applied == 2);
  CHECK(*store->GetPosition("s") == std::optional<uint64_t>(3));

  // A late event past the reorder window is merged exactly from the history.
  LiveOptions narrow;
  narrow.scorer.reorder_window = 0;
  TempStore temp2;
  auto store2 = temp2.Open();
  auto w0 = LiveScorer::Open(ModelWith(), store2.get(), narrow);
  REQUIRE(w0.ok());
  REQUIRE((*w0)->UpsertLeads({LeadLine(R"({"id": "L-1", "consent": {"granted": true}})")},
                             Day(0)).ok());
  auto first = (*w0)->ApplyBatch({EventLine(Ev("b", "L-1", "visit", "2026-10-05T00:00:00Z"), 1)});
  REQUIRE(first.ok());
  auto late = (*w0)->ApplyBatch({EventLine(Ev("a", "L-1", "demo", "2026-10-01T00:00:00Z"), 2)});
  REQUIRE(late.ok());
  CHECK(late->stats.late_rebuilt == 1);
  CHECK(late->stats.too_late == 0);
  // That old event re-sent under a new position (found by the crash test):
  // already applied, not rebuilt again, not in the history twice.
  auto resent = (*w0)->ApplyBatch({EventLine(Ev("a", "L-1", "demo", "2026-10-01T00:00:00Z"), 3)});
  REQUIRE(resent.ok());
  CHECK(resent->stats.already_applied == 1);
  CHECK(resent->stats.applied == 0);
  std::vector<leadscore::HistoryEntry> history;
  REQUIRE(store2->GetHistory("L-1", &history).ok());
  CHECK(history.size() == 2);
  // An earlier copy of an id still replaces the later one (rebuilt).
  auto earlier = (*w0)->ApplyBatch({EventLine(Ev("b", "L-1", "visit", "2026-09-30T00:00:00Z"), 4)});
  REQUIRE(earlier.ok());
  CHECK(earlier->stats.late_rebuilt == 1);
}

TEST_CASE("LiveScorer takes lead updates in, with the transition they cause", "[live]") {
  TempStore temp;
  auto store = temp.Open();
  auto live = *LiveScorer::Open(ModelWith(), store.get(), LiveOptions{});
  REQUIRE(live->UpsertLeads({LeadLine(R"({"id": "L-1", "consent": {"granted": true}, "attributes": {"title": "intern"}})")}, Day(0)).ok());
  REQUIRE(live->ApplyBatch({EventLine(Ev("b", "L-1", "demo", "2026-10-02T10:00:00Z"), 1)}).ok());
  auto same = live->UpsertLeads({LeadLine(R"({"id": "L-1", "consent": {"granted": true}, "attributes": {"title": "intern"}})")}, T("2026-10-03T00:00:00Z"));
  REQUIRE(same.ok());
  CHECK(same->stats.leads_unchanged == 1);
  auto promoted = live->UpsertLeads({LeadLine(R"({"id": "L-1", "consent": {"granted": true}, "attributes": {"title": "VP"}})")}, T("2026-10-03T00:00:00Z"));
  REQUIRE(promoted.ok());
  CHECK(promoted->stats.leads_updated == 1);
  REQUIRE(promoted->transitions.size() == 1);
  CHECK(promoted->transitions[0].from == "lead");
  CHECK(promoted->transitions[0].to == "mql");
  CHECK(promoted->transitions[0].cause == leadscore::TransitionCause::kLead);
  CHECK(Outbox(*store).size() == 2);
}

TEST_CASE("a store refuses another model until rescored, rescore carries over or rebuilds",
          "[live]") {
  TempStore temp;
  auto store = temp.Open();
  auto v1 = ModelWith();
  {
    auto live = *LiveScorer::Open(v1, store.get(), LiveOptions{});
    std::vector<LiveLead> leads;
    std::vector<LiveEvent> events;
    for (int i = 0; i < 20; ++i) {
      const std::string id = "L-" + std::to_string(100 + i);
      leads.push_back(LeadLine(R"({"id": ")" + id + R"(", "consent": {"granted": true}})"));
      for (int k = 0; k <= i % 6; ++k) {
        events.push_back(EventLine(Ev(id + "-" + std::to_string(k), id, "visit",
                                      "2026-10-0" + std::to_string(1 + k) + "T10:00:00Z"),
                                   events.size() + 1));
      }
    }
    REQUIRE(live->UpsertLeads(leads, Day(0)).ok());
    REQUIRE(live->ApplyBatch(events).ok());
  }
  // Labels only: carried over; the store then belongs to the new model.
  auto labels = ModelWith(R"("gte": 30}}]})", R"("gte": 10}}]})");
  auto refused = LiveScorer::Open(labels, store.get(), LiveOptions{});
  REQUIRE(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(refused.status().message()), Catch::Contains("leadscore rescore"));
  auto carried = leadscore::Rescore(store.get(), v1, labels, LiveOptions{});
  REQUIRE(carried.ok());
  CHECK(carried->leads == 20);
  CHECK(carried->carried_over == 20);
  CHECK(carried->rebuilt == 0);
  CHECK(carried->transitions.empty());
  REQUIRE(LiveScorer::Open(labels, store.get(), LiveOptions{}).ok());

  // A lower mql threshold: rebuilt from the history; leads with 4 or 5
  // visits (40, 50 points) move lead -> mql, and the outbox says so (cause
  // model).
  auto lower = ModelWith(R"("gte": 60})", R"("gte": 40})");
  const size_t outbox_before = Outbox(*store).size();
  auto rebuilt = leadscore::Rescore(store.get(), labels, lower, LiveOptions{});
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->rebuilt == 20);
  size_t moved = 0;
  for (const auto& [stages, n] : rebuilt->moves) {
    if (stages.first == "lead" && stages.second == "mql") moved = n;
  }
  // Visits are i % 6 + 1: 4 or 5 visits (i % 6 in {3, 4}, 6 leads) were
  // lead and are now mql; 6 visits were mql already.
  CHECK(moved == 6);
  CHECK(rebuilt->transitions.size() == 6);
  CHECK(rebuilt->transitions[0].cause == leadscore::TransitionCause::kModel);
  CHECK(Outbox(*store).size() == outbox_before + 6);

  // Without a history, a rebuild is refused and nothing changes.
  TempStore bare;
  auto bare_store = bare.Open(/*history=*/false);
  {
    auto live = *LiveScorer::Open(v1, bare_store.get(), LiveOptions{});
    REQUIRE(live->UpsertLeads({LeadLine(R"({"id": "L-1", "consent": {"granted": true}})")}, Day(0)).ok());
    REQUIRE(live->ApplyBatch({EventLine(Ev("a", "L-1", "visit", "2026-10-01T00:00:00Z"), 1)}).ok());
  }
  auto no_history = leadscore::Rescore(bare_store.get(), v1, lower, LiveOptions{});
  REQUIRE(no_history.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(no_history.status().message()), Catch::Contains("holds 0 of its 1 events"));
  CHECK(LiveScorer::Open(v1, bare_store.get(), LiveOptions{}).ok());
}

}  // namespace
