// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LiveScorer::Submit / Flush (pipelined commits) against ApplyBatch: the
// same store contents and results, results only after their commit, store
// reads that see the batch in flight, and a failed commit that stops
// everything cleanly.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "catch2/catch.hpp"
#include "leadscore/io/jsonl.h"
#include "leadscore/live/live_scorer.h"
#include "leadscore/store/state_store.h"
#include "support/test_util.h"

namespace {

using leadscore::LiveBatchResult;
using leadscore::LiveEvent;
using leadscore::LiveLead;
using leadscore::LiveOptions;
using leadscore::LiveScorer;
using leadscore::StateStore;
using leadscore::StoreBatch;
using namespace leadscore_test;

const char* kModel = R"({
  "name": "pipe", "version": "1",
  "dimensions": [{"name": "engagement", "min": 0, "max": 1000}],
  "rules": [
    {"id": "visit", "dimension": "engagement", "points": 10, "on": "visit"},
    {"id": "demo", "dimension": "engagement", "points": 40, "on": "demo"}
  ],
  "lifecycle": {"stages": ["subscriber", "lead", "mql"],
    "thresholds": [{"stage": "lead", "when": {"score": "total", "gte": 30}},
                   {"stage": "mql", "when": {"score": "total", "gte": 90}}]}
})";

struct TempDir {
  std::filesystem::path dir;
  TempDir() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("leadscore-pipe-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~TempDir() { std::filesystem::remove_all(dir); }
  std::unique_ptr<StateStore> Open(const std::string& name) const {
    leadscore::StoreOptions o;
    o.keep_history = true;
    auto s = leadscore::OpenStateStore("sqlite:" + (dir / name).string(), o);
    REQUIRE(s.ok());
    return *std::move(s);
  }
};

// A store that passes everything to a real one, but (a) makes each Commit
// slow, so the caller's next batch overlaps it, (b) fails the commit number
// `fail_at` (1-based; 0: never) with Unavailable, writing nothing, and
// (c) records any other call made while a Commit runs (the store is not
// thread-safe: there must be none).
class SlowStore final : public StateStore {
 public:
  explicit SlowStore(std::unique_ptr<StateStore> inner) : inner_(std::move(inner)) {}

  int fail_at = 0;
  std::atomic<int> commits{0};
  std::atomic<int> overlapping_calls{0};
  std::atomic<int> lead_reads{0};  // GetLeads calls

  absl::Status Commit(const StoreBatch& batch) override {
    committing_ = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
    const int n = ++commits;
    absl::Status s = n == fail_at ? absl::UnavailableError("injected: the disk went away")
                                  : inner_->Commit(batch);
    committing_ = false;
    return s;
  }
  absl::StatusOr<std::optional<uint64_t>> GetPosition(absl::string_view source) override {
    Note();
    return inner_->GetPosition(source);
  }
  absl::Status GetStates(absl::Span<const std::string> ids,
                         std::vector<std::optional<std::string>>* bytes) override {
    Note();
    return inner_->GetStates(ids, bytes);
  }
  absl::Status GetLeads(absl::Span<const std::string> ids,
                        std::vector<std::optional<std::string>>* payloads) override {
    Note();
    ++lead_reads;
    return inner_->GetLeads(ids, payloads);
  }
  absl::Status ForEachLead(
      const std::function<absl::Status(const leadscore::LeadRecord&,
                                       const std::optional<std::string>&)>& fn) override {
    Note();
    return inner_->ForEachLead(fn);
  }
  absl::Status GetHistory(absl::string_view id, std::vector<leadscore::HistoryEntry>* out) override {
    Note();
    return inner_->GetHistory(id, out);
  }
  absl::StatusOr<std::vector<leadscore::OutboxEntry>> ReadOutbox(uint64_t after,
                                                                 size_t limit) override {
    Note();
    return inner_->ReadOutbox(after, limit);
  }
  absl::Status TrimOutbox(uint64_t through) override {
    Note();
    return inner_->TrimOutbox(through);
  }
  absl::StatusOr<std::optional<std::string>> GetMeta(absl::string_view key) override {
    Note();
    return inner_->GetMeta(key);
  }
  absl::Status SetMeta(absl::string_view key, absl::string_view value) override {
    Note();
    return inner_->SetMeta(key, value);
  }
  absl::string_view backend() const override { return inner_->backend(); }

 private:
  void Note() {
    if (committing_) ++overlapping_calls;
  }
  std::unique_ptr<StateStore> inner_;
  std::atomic<bool> committing_{false};
};

std::string Ev(int id, int lead, const char* type, int minute) {
  char at[32];
  std::snprintf(at, sizeof at, "2026-10-01T%02d:%02d:00Z", minute / 60, minute % 60);
  return R"({"id": "E-)" + std::to_string(id) + R"(", "lead_id": "L-)" + std::to_string(lead) +
         R"(", "type": ")" + type + R"(", "at": ")" + at + R"("})";
}

LiveEvent EventLine(const std::string& json, uint64_t offset) {
  auto e = leadscore::ParseEventJson(json);
  REQUIRE(e.ok());
  return {*e, {"s", offset}, json};
}

// 8 leads, `n` events in time order, every 7th a demo; one in 10 naming an
// unknown lead L-99.
std::vector<LiveEvent> Stream(int n) {
  std::vector<LiveEvent> out;
  for (int i = 0; i < n; ++i) {
    const int lead = i % 10 == 9 ? 99 : (i * 5) % 8;
    out.push_back(EventLine(Ev(i, lead, i % 7 == 0 ? "demo" : "visit", i), i + 1));
  }
  return out;
}

std::vector<LiveLead> Leads() {
  std::vector<LiveLead> out;
  for (int i = 0; i < 8; ++i) {
    const std::string json = R"({"id": "L-)" + std::to_string(i) + R"(", "consent": true})";
    auto lead = leadscore::ParseLeadJson(json);
    REQUIRE(lead.ok());
    out.push_back({*lead, json});
  }
  return out;
}

// Everything a store holds that the live loop writes.
struct Snapshot {
  std::vector<std::optional<std::string>> states;
  std::vector<std::string> outbox;
  std::vector<size_t> history_sizes;
  std::optional<uint64_t> position;
};

Snapshot Take(StateStore& store) {
  Snapshot s;
  std::vector<std::string> ids;
  for (int i = 0; i < 8; ++i) ids.push_back("L-" + std::to_string(i));
  REQUIRE(store.GetStates(ids, &s.states).ok());
  auto outbox = store.ReadOutbox(0, 100000);
  REQUIRE(outbox.ok());
  for (const auto& e : *outbox) s.outbox.push_back(e.payload);
  for (const std::string& id : ids) {
    std::vector<leadscore::HistoryEntry> h;
    REQUIRE(store.GetHistory(id, &h).ok());
    s.history_sizes.push_back(h.size());
  }
  s.position = *store.GetPosition("s");
  return s;
}

void CheckSame(const Snapshot& a, const Snapshot& b) {
  CHECK(a.states == b.states);
  CHECK(a.outbox == b.outbox);
  CHECK(a.history_sizes == b.history_sizes);
  CHECK(a.position == b.position);
}

// The reference: the stream through ApplyBatch, `batch` events at a time.
Snapshot Reference(const TempDir& temp, const std::vector<LiveEvent>& stream, size_t batch,
                   const LiveOptions& options, std::vector<std::string>* transitions) {
  auto store = temp.Open("ref.db");
  auto live = *LiveScorer::Open(MustLoad(kModel), store.get(), options);
  REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
  for (size_t i = 0; i < stream.size(); i += batch) {
    auto r = live->ApplyBatch(absl::MakeConstSpan(stream).subspan(i, batch));
    REQUIRE(r.ok());
    for (const auto& t : r->transitions) transitions->push_back(t.lead_id + ":" + t.to);
  }
  return Take(*store);
}

TEST_CASE("Submit and Flush write what ApplyBatch writes, results come after their commit",
          "[live]") {
  TempDir temp;
  const std::vector<LiveEvent> stream = Stream(400);
  for (const size_t max_cached : {size_t{1'000'000}, size_t{0}}) {
    // max_cached_leads 0 empties the cache after every batch: each batch
    // then reads its leads' states while the previous one is in flight.
    LiveOptions options;
    options.max_cached_leads = max_cached;
    std::vector<std::string> want;
    const Snapshot reference = Reference(temp, stream, 37, options, &want);
    std::filesystem::remove(temp.dir / "ref.db");
    REQUIRE(!want.empty());

    SlowStore store(temp.Open(max_cached == 0 ? "a.db" : "b.db"));
    auto live = *LiveScorer::Open(MustLoad(kModel), &store, options);
    REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
    std::vector<std::string> got;
    std::vector<LiveBatchResult> committed;
    size_t batches = 0, unknown = 0;
    for (size_t i = 0; i < stream.size(); i += 37) {
      REQUIRE(live->Submit(absl::MakeConstSpan(stream).subspan(i, 37), &committed).ok());
      // The first Submit has nothing committed to return; later ones return
      // exactly the previous batch, whose commit has ended.
      CHECK(committed.size() == (i == 0 ? 0u : 1u));
      for (const auto& r : committed) {
        ++batches;
        unknown += r.stats.unknown_lead;
        for (const auto& t : r.transitions) got.push_back(t.lead_id + ":" + t.to);
      }
      committed.clear();
      // While a batch is in flight the synchronous calls refuse.
      auto busy = live->Position("s");
      CHECK(busy.status().code() == absl::StatusCode::kFailedPrecondition);
      CHECK_THAT(std::string(busy.status().message()), Catch::Contains("call Flush first"));
      CHECK(live->ApplyBatch({}).status().code() == absl::StatusCode::kFailedPrecondition);
      CHECK(live->UpsertLeads({}, Day(0)).status().code() ==
            absl::StatusCode::kFailedPrecondition);
    }
    REQUIRE(live->Flush(&committed).ok());
    REQUIRE(committed.size() == 1);
    for (const auto& t : committed[0].transitions) got.push_back(t.lead_id + ":" + t.to);
    unknown += committed[0].stats.unknown_lead;
    ++batches;
    CHECK(batches == (stream.size() + 36) / 37);
    CHECK(unknown == 40);
    CHECK(got == want);
    CHECK(store.overlapping_calls == 0);
    if (max_cached != 0) {
      // With everything cached the store is read twice: by UpsertLeads, and
      // for L-99 (unknown, and remembered as such) in the first batch.
      CHECK(store.lead_reads == 2);
    }
    // Flush with nothing in flight: nothing to return.
    committed.clear();
    REQUIRE(live->Flush(&committed).ok());
    CHECK(committed.empty());
    CheckSame(Take(store), reference);
    CHECK(store.overlapping_calls == 0);
  }
}

TEST_CASE("a failed pipelined commit stops everything, a restart resumes from the store",
          "[live]") {
  TempDir temp;
  const std::vector<LiveEvent> stream = Stream(300);
  std::vector<std::string> want;
  const Snapshot reference = Reference(temp, stream, 50, LiveOptions{}, &want);

  SlowStore store(temp.Open("f.db"));
  {
    auto live = *LiveScorer::Open(MustLoad(kModel), &store, LiveOptions{});
    REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
    store.commits = 0;
    store.fail_at = 2;  // the second batch's commit
    std::vector<LiveBatchResult> committed;
    REQUIRE(live->Submit(absl::MakeConstSpan(stream).subspan(0, 50), &committed).ok());
    REQUIRE(live->Submit(absl::MakeConstSpan(stream).subspan(50, 50), &committed).ok());
    REQUIRE(committed.size() == 1);  // the first batch
    // The third Submit learns of the second batch's failure: its own batch
    // is not committed either, and it says why.
    absl::Status s = live->Submit(absl::MakeConstSpan(stream).subspan(100, 50), &committed);
    CHECK(s.code() == absl::StatusCode::kUnavailable);
    CHECK_THAT(std::string(s.message()), Catch::Contains("the disk went away"));
    CHECK(committed.size() == 1);
    CHECK(store.commits == 2);  // nothing after the failure reached the store
    auto position = live->Position("s");
    REQUIRE(position.ok());
    CHECK(*position == std::optional<uint64_t>(50));
    // The host resumes from the store's position (the cache was dropped, so
    // the first batch's leads come back from the store).
    for (size_t i = 50; i < stream.size(); i += 50) {
      REQUIRE(live->Submit(absl::MakeConstSpan(stream).subspan(i, 50), &committed).ok());
    }
    REQUIRE(live->Flush(&committed).ok());
    std::vector<std::string> got;
    for (const auto& r : committed) {
      for (const auto& t : r.transitions) got.push_back(t.lead_id + ":" + t.to);
    }
    CHECK(got == want);
  }
  CheckSame(Take(store), reference);

  // A failure seen by Flush: the last batch is not committed; the error says why.
  TempDir temp2;
  SlowStore last(temp2.Open("g.db"));
  auto live = *LiveScorer::Open(MustLoad(kModel), &last, LiveOptions{});
  REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
  last.fail_at = last.commits + 1;
  std::vector<LiveBatchResult> committed;
  REQUIRE(live->Submit(absl::MakeConstSpan(stream).subspan(0, 50), &committed).ok());
  CHECK(live->Flush(&committed).code() == absl::StatusCode::kUnavailable);
  CHECK(committed.empty());
  CHECK(*live->Position("s") == std::nullopt);
}

TEST_CASE("a pipelined too-late event is rebuilt from a history that includes the batch in flight",
          "[live]") {
  TempDir temp;
  SlowStore store(temp.Open("h.db"));
  LiveOptions narrow;
  narrow.scorer.reorder_window = 0;
  auto live = *LiveScorer::Open(MustLoad(kModel), &store, narrow);
  REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
  std::vector<LiveBatchResult> committed;
  REQUIRE(live->Submit({EventLine(Ev(1, 0, "visit", 100), 1),
                        EventLine(Ev(2, 0, "visit", 200), 2)}, &committed).ok());
  // Older than both: rebuilt from the stored history, which must already
  // hold the two events of the batch still committing when this one began.
  REQUIRE(live->Submit({EventLine(Ev(3, 0, "demo", 50), 3)}, &committed).ok());
  REQUIRE(live->Flush(&committed).ok());
  REQUIRE(committed.size() == 2);
  CHECK(committed[1].stats.late_rebuilt == 1);
  CHECK(committed[1].stats.too_late == 0);
  std::vector<leadscore::HistoryEntry> history;
  REQUIRE(store.GetHistory("L-0", &history).ok());
  CHECK(history.size() == 3);
  CHECK(store.overlapping_calls == 0);
  // 10 + 10 + 40 = 60 points: lead, and the outbox has each transition once.
  auto outbox = store.ReadOutbox(0, 100);
  REQUIRE(outbox.ok());
  REQUIRE(outbox->size() == 1);
  CHECK_THAT(outbox->at(0).payload, Catch::Contains(R"("to": "lead")"));
}

TEST_CASE("an event given without its JSON line gets no history entry, its lead cannot be rebuilt",
          "[live]") {
  TempDir temp;
  auto store = temp.Open("j.db");
  LiveOptions narrow;
  narrow.scorer.reorder_window = 0;
  auto live = *LiveScorer::Open(MustLoad(kModel), store.get(), narrow);
  REQUIRE(live->UpsertLeads(Leads(), Day(0)).ok());
  LiveEvent bare = EventLine(Ev(1, 0, "visit", 100), 1);
  bare.json.clear();  // what `leadscore apply` does without --keep-history
  auto first = live->ApplyBatch({bare, EventLine(Ev(2, 1, "visit", 100), 2)});
  REQUIRE(first.ok());
  CHECK(first->stats.applied == 2);
  std::vector<leadscore::HistoryEntry> history;
  REQUIRE(store->GetHistory("L-0", &history).ok());
  CHECK(history.empty());  // not an entry with an empty payload
  REQUIRE(store->GetHistory("L-1", &history).ok());
  CHECK(history.size() == 1);
  // Too late for L-0: its history lacks an event, so no rebuild; L-1 is rebuilt.
  auto late = live->ApplyBatch({EventLine(Ev(3, 0, "demo", 50), 3),
                                EventLine(Ev(4, 1, "demo", 50), 4)});
  REQUIRE(late.ok());
  CHECK(late->stats.too_late == 1);
  CHECK(late->stats.late_rebuilt == 1);
  REQUIRE(late->problems.size() == 1);
  CHECK_THAT(late->problems[0], Catch::StartsWith("offset 3 of s: "));
}

}  // namespace
