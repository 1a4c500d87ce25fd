// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BatchScorer::EventShard (events reduced on several threads, merged in input
// order) and multi-threaded Score: both must give exactly what one thread
// gives.

#include <string>
#include <thread>
#include <vector>

#include "catch2/catch.hpp"
#include "leadscore/leadscore.h"
#include "support/test_util.h"

namespace {

using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::Event;
using leadscore::Lead;
using leadscore::Model;
using leadscore::Scorecard;
using leadscore::Scorer;
using namespace leadscore_test;

std::shared_ptr<const Model> B2bModel() {
  return MustLoad(ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/b2b-saas.json"));
}

std::vector<Lead> Leads(int n) {
  std::vector<Lead> leads;
  const char* titles[] = {"VP Sales", "Marketing Intern", "CTO", "Head of Growth"};
  for (int i = 0; i < n; ++i) {
    leads.push_back(MakeLead("L-" + std::to_string(i),
                             {{"job_title", S(titles[i % 4])},
                              {"company_size", N(10 + 37 * (i % 50))},
                              {"country", S(i % 3 ? "FR" : "US")}}));
  }
  return leads;
}

// Events in no particular order, with copies of ids (some far apart, so they
// land in different shards), events without id, unknown leads and events after
// as_of.
std::vector<Event> Events(const std::vector<Lead>& leads, int n) {
  const char* types[] = {"page_view", "email_click", "demo_request", "webinar_attended",
                         "content_download", "unsubscribe"};
  std::vector<Event> events;
  uint32_t x = 12345;
  auto next = [&x] {
    x = x * 1103515245u + 12345u;
    return x >> 8;
  };
  for (int i = 0; i < n; ++i) {
    const Lead& lead = leads[next() % leads.size()];
    std::optional<std::string> id = "E-" + std::to_string(i);
    if (i % 17 == 0) id.reset();
    if (i % 11 == 0 && i > n / 2) id = "E-" + std::to_string(i - n / 2);  // a late copy
    Event e = Ev(lead, types[next() % 6], Day(-double(next() % 9000) / 100), id,
                 {{"url", S(next() % 2 ? "https://x.example/pricing" : "https://x.example/blog")}});
    if (i % 13 == 0) e.lead_id = "U-" + std::to_string(i % 5);  // unknown lead
    if (i % 29 == 0) e.at = Day(3);                              // after as_of
    events.push_back(std::move(e));
  }
  // The same id and time twice in a row, across where shards will be cut.
  events[n / 3] = events[n / 3 - 1];
  return events;
}

struct Outcome {
  std::vector<std::string> cards;
  size_t duplicates = 0, events = 0, after = 0, unknown = 0;
  std::vector<std::string> unknown_ids;
};

Outcome ScoreAll(BatchScorer& batch, int threads) {
  Outcome o;
  BatchOptions options;
  options.explain = true;
  options.threads = threads;
  o.duplicates =
      batch.Score(options, [&](const Scorecard& c) { o.cards.push_back(CardJson(c)); })
          .duplicates_dropped;
  o.events = batch.event_count();
  o.after = batch.events_after_as_of();
  o.unknown = batch.unknown_lead_events();
  o.unknown_ids = batch.unknown_lead_ids();
  return o;
}

BatchScorer NewBatch(const std::shared_ptr<const Model>& model, const std::vector<Lead>& leads) {
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, Day(0));
  REQUIRE(batch.ok());
  for (const Lead& lead : leads) REQUIRE(batch->AddLead(lead).ok());
  return *std::move(batch);
}

// Every event added to one batch directly, `erase` (if not empty) erased
// afterwards, scored on one thread: what shards must reproduce.
Outcome SerialOutcome(const std::shared_ptr<const Model>& model, const std::vector<Lead>& leads,
                      const std::vector<Event>& events, const std::string& erase = "") {
  BatchScorer serial = NewBatch(model, leads);
  for (const Event& e : events) REQUIRE(serial.AddEvent(e).ok());
  if (!erase.empty()) REQUIRE(serial.EraseLead(erase).ok());
  return ScoreAll(serial, 1);
}

void RequireSame(const Outcome& a, const Outcome& b) {
  REQUIRE(a.cards.size() == b.cards.size());
  for (size_t i = 0; i < a.cards.size(); ++i) {
    INFO("scorecard " << i);
    REQUIRE(a.cards[i] == b.cards[i]);
  }
  CHECK(a.duplicates == b.duplicates);
  CHECK(a.events == b.events);
  CHECK(a.after == b.after);
  CHECK(a.unknown == b.unknown);
  CHECK(a.unknown_ids == b.unknown_ids);
}

TEST_CASE("Event shards merged in order give the serial batch", "[batch][shard]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(300);
  const std::vector<Event> events = Events(leads, 6000);

  const Outcome want = SerialOutcome(model, leads, events);
  REQUIRE(want.duplicates > 0);
  REQUIRE(want.unknown > 0);
  REQUIRE(want.after > 0);

  for (int parts : {1, 2, 3, 7}) {
    DYNAMIC_SECTION("parts " << parts) {
      BatchScorer batch = NewBatch(model, leads);
      // A few events added directly first: shards go after them.
      const size_t direct = 100;
      for (size_t i = 0; i < direct; ++i) REQUIRE(batch.AddEvent(events[i]).ok());
      std::vector<BatchScorer::EventShard> shards;
      for (int p = 0; p < parts; ++p) shards.push_back(batch.NewEventShard());
      const size_t rest = events.size() - direct;
      std::vector<std::thread> threads;
      for (int p = 0; p < parts; ++p) {
        threads.emplace_back([&, p] {
          const size_t begin = direct + rest * p / parts, end = direct + rest * (p + 1) / parts;
          for (size_t i = begin; i < end; ++i) {
            if (!shards[p].AddEvent(events[i]).ok()) std::abort();
          }
        });
      }
      for (std::thread& t : threads) t.join();
      for (BatchScorer::EventShard& shard : shards) {
        REQUIRE(batch.MergeEventShard(std::move(shard)).ok());
        CHECK(shard.event_count() == 0);
      }
      RequireSame(ScoreAll(batch, 1), want);
    }
  }
}

TEST_CASE("Event shards into an empty batch take over the first shard", "[batch][shard]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(40);
  const std::vector<Event> events = Events(leads, 800);
  const Outcome want = SerialOutcome(model, leads, events);

  BatchScorer batch = NewBatch(model, leads);
  BatchScorer::EventShard first = batch.NewEventShard(), second = batch.NewEventShard();
  first.ReserveEvents(events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    REQUIRE((i < 500 ? first : second).AddEvent(events[i]).ok());
  }
  REQUIRE(batch.MergeEventShard(std::move(first)).ok());
  REQUIRE(batch.MergeEventShard(std::move(second)).ok());
  RequireSame(ScoreAll(batch, 2), want);
}

TEST_CASE("A shard only merges into the batch that made it", "[batch][shard]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(3);
  BatchScorer a = NewBatch(model, leads), b = NewBatch(model, leads);
  BatchScorer::EventShard shard = a.NewEventShard();
  REQUIRE(shard.AddEvent(Ev(leads[0], "demo_request", Day(-1), "E-1")).ok());
  const absl::Status s = b.MergeEventShard(std::move(shard));
  CHECK(absl::IsInvalidArgument(s));
  CHECK(b.event_count() == 0);
}

TEST_CASE("Events of a lead erased before its shard is merged are dropped", "[batch][shard]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(20);
  const std::vector<Event> events = Events(leads, 400);
  const Outcome want = SerialOutcome(model, leads, events, "L-3");

  BatchScorer batch = NewBatch(model, leads);
  BatchScorer::EventShard shard = batch.NewEventShard();
  for (const Event& e : events) REQUIRE(shard.AddEvent(e).ok());
  REQUIRE(batch.EraseLead("L-3").ok());
  REQUIRE(batch.MergeEventShard(std::move(shard)).ok());
  RequireSame(ScoreAll(batch, 1), want);
}

TEST_CASE("A shard refuses an event as AddEvent does and keeps nothing of it", "[batch][shard]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(2);
  BatchScorer batch = NewBatch(model, leads);
  BatchScorer::EventShard shard = batch.NewEventShard();
  Event bad = Ev(leads[0], "demo_request", T("1800-01-01T00:00:00Z"), "E-1");
  CHECK_FALSE(shard.AddEvent(bad).ok());
  CHECK_FALSE(batch.AddEvent(bad).ok());
  CHECK(shard.event_count() == 0);
  REQUIRE(batch.MergeEventShard(std::move(shard)).ok());
  CHECK(batch.event_count() == 0);
}

TEST_CASE("Score gives the same scorecards in the same order for any thread count",
          "[batch][threads]") {
  const auto model = B2bModel();
  const std::vector<Lead> leads = Leads(2500);
  const std::vector<Event> events = Events(leads, 20000);
  std::vector<Outcome> outcomes;
  for (int threads : {1, 2, 3, 8}) {
    BatchScorer batch = NewBatch(model, leads);
    for (const Event& e : events) REQUIRE(batch.AddEvent(e).ok());
    // Erased leads are skipped whatever the thread that scored their block.
    REQUIRE(batch.EraseLead("L-7").ok());
    REQUIRE(batch.EraseLead("L-2499").ok());
    outcomes.push_back(ScoreAll(batch, threads));
    REQUIRE(outcomes.back().cards.size() == leads.size() - 2);
  }
  for (size_t i = 1; i < outcomes.size(); ++i) RequireSame(outcomes[i], outcomes[0]);
}

}  // namespace
