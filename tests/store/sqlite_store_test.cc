// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// SQLite-only behaviour of the store: file errors and crash atomicity.

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "leadscore/store/state_store.h"
#include "store/store_backend.h"

namespace leadscore {
namespace {

std::string PathOf(const std::string& url) { return url.substr(7); }  // "sqlite:"

TEST_CASE("sqlite store: a file in a missing directory is NotFound, naming the directory",
          "[store]") {
  auto s = OpenStateStore("sqlite:/nonexistent-leadscore-dir/sub/state.db");
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kNotFound);
  CHECK_THAT(std::string(s.status().message()),
             Catch::Contains("'/nonexistent-leadscore-dir/sub' does not exist"));
}

TEST_CASE("sqlite store: a file that is not a database is refused", "[store]") {
  const std::string path = PathOf(testing::TestBackend().FreshUrl());
  std::ofstream(path) << "this is not a database, just text that is long enough to have a header "
                         "of sixteen bytes and more\n";
  auto s = OpenStateStore("sqlite:" + path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(s.status().message()), Catch::Contains(path) &&
                                                   Catch::Contains("is it a SQLite database?"));
}

TEST_CASE("sqlite store: WAL mode, and the file's path forms", "[store]") {
  const std::string path = PathOf(testing::TestBackend().FreshUrl());
  auto s = OpenStateStore(path);  // a bare path ending in .db
  REQUIRE(s.ok());
  StoreBatch b;
  b.states = {{"a", "x"}};
  REQUIRE((*s)->Commit(b).ok());
  struct stat st;
  CHECK(stat((path + "-wal").c_str(), &st) == 0);
}

TEST_CASE("sqlite store: an in-memory store works and is private", "[store]") {
  auto a = OpenStateStore("sqlite::memory:");
  auto b = OpenStateStore("sqlite::memory:");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  StoreBatch batch;
  batch.states = {{"a", "x"}};
  REQUIRE((*a)->Commit(batch).ok());
  std::vector<std::optional<std::string>> got;
  REQUIRE((*b)->GetStates({"a"}, &got).ok());
  CHECK(got[0] == std::nullopt);
  REQUIRE((*a)->GetStates({"a"}, &got).ok());
  CHECK(got[0] == std::optional<std::string>("x"));
}

TEST_CASE("sqlite store: full sync is accepted", "[store]") {
  StoreOptions o;
  o.sync_every_commit = true;
  auto s = OpenStateStore(testing::TestBackend().FreshUrl(), o);
  REQUIRE(s.ok());
  StoreBatch b;
  b.positions = {{"src", 1}};
  REQUIRE((*s)->Commit(b).ok());
}

// The child of the crash test: commits batches until killed (bounded in
// count and time). Exit codes: 2 cannot open, 3 a commit failed, 0 done.
[[noreturn]] void CommitUntilKilled(const std::string& url, uint64_t from) {
  StoreOptions o;
  o.keep_history = true;
  o.history_count = 2;
  auto store = OpenStateStore(url, o);
  if (!store.ok()) _exit(2);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  for (uint64_t i = from; i < from + 1000000 && std::chrono::steady_clock::now() < deadline; ++i) {
    StoreBatch b;
    for (int j = 0; j < 50; ++j) {
      b.states.push_back({absl::StrCat("k", j), absl::StrCat("v", i, std::string(300, 'p'))});
      b.history.push_back({absl::StrCat("k", j), absl::FromUnixSeconds(i), absl::StrCat(i)});
    }
    b.positions = {{"src", i}};
    b.outbox = {{0, "k0", absl::StrCat(i)}};
    if (!(*store)->Commit(b).ok()) _exit(3);
  }
  _exit(0);
}

TEST_CASE("sqlite store: a writer killed mid-commit leaves states and positions consistent",
          "[store]") {
  const std::string url = testing::TestBackend().FreshUrl();
  REQUIRE(OpenStateStore(url).ok());  // the schema, before any child
  uint64_t position = 0;
  for (int round = 0; round < 3; ++round) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) CommitUntilKilled(url, position + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 70 * round));
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    INFO("child status " << status);
    REQUIRE(WIFSIGNALED(status));

    auto store = OpenStateStore(url);
    REQUIRE(store.ok());
    auto p = (*store)->GetPosition("src");
    REQUIRE(p.ok());
    REQUIRE(p->has_value());
    INFO("round " << round << " position " << **p);
    CHECK(**p > position);  // the child committed something
    position = **p;
    // Every state is the one written with that position, in the same batch.
    std::vector<std::string> ids;
    for (int j = 0; j < 50; ++j) ids.push_back(absl::StrCat("k", j));
    std::vector<std::optional<std::string>> got;
    REQUIRE((*store)->GetStates(ids, &got).ok());
    for (const auto& g : got) {
      REQUIRE(g.has_value());
      CHECK(*g == absl::StrCat("v", position, std::string(300, 'p')));
    }
    // One outbox entry per committed batch, the last one of this position.
    auto out = (*store)->ReadOutbox(0, 10000000);
    REQUIRE(out.ok());
    CHECK(out->size() == position);
    CHECK(out->back().seq == position);
    CHECK(out->back().payload == absl::StrCat(position));
    std::vector<HistoryEntry> h;
    REQUIRE((*store)->GetHistory("k7", &h).ok());
    REQUIRE(h.size() == 2);
    CHECK(h.back().payload == absl::StrCat(position));
  }
}

}  // namespace
}  // namespace leadscore

namespace leadscore {
namespace {

std::vector<std::string> HistoryOf(StateStore& s, const std::string& lead) {
  std::vector<HistoryEntry> h;
  REQUIRE(s.GetHistory(lead, &h).ok());
  std::vector<std::string> out;
  for (const HistoryEntry& e : h) out.push_back(e.payload);
  return out;
}

StoreBatch HistoryBatch(const std::string& lead, const std::string& payload) {
  StoreBatch b;
  b.history.push_back({lead, absl::FromUnixSeconds(1'790'000'000), payload});
  return b;
}

// The store remembers each lead's last history number between its own
// commits instead of querying it; another connection's commits, an erasure
// or a failed commit must not leave it numbering on from a stale value (a
// duplicate number would fail the commit on the UNIQUE (lead_id, n) index).
TEST_CASE("sqlite store: history numbering stays right with two writers, erasures and failures",
          "[store]") {
  const std::string url = testing::TestBackend().FreshUrl();
  StoreOptions o;
  o.keep_history = true;
  auto a = OpenStateStore(url, o);
  auto b = OpenStateStore(url, o);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE((*a)->Commit(HistoryBatch("L", "a1")).ok());
  REQUIRE((*a)->Commit(HistoryBatch("L", "a2")).ok());
  REQUIRE((*b)->Commit(HistoryBatch("L", "b1")).ok());  // b reads MAX(n) = 2
  REQUIRE((*a)->Commit(HistoryBatch("L", "a3")).ok());  // a must notice b's commit
  REQUIRE((*b)->Commit(HistoryBatch("L", "b2")).ok());
  CHECK(HistoryOf(**a, "L") == std::vector<std::string>{"a1", "a2", "b1", "a3", "b2"});

  // An erasure, then entries again: only the new ones, in order.
  StoreBatch erase;
  erase.erased_leads = {"L"};
  REQUIRE((*a)->Commit(erase).ok());
  REQUIRE((*a)->Commit(HistoryBatch("L", "c1")).ok());
  REQUIRE((*a)->Commit(HistoryBatch("L", "c2")).ok());
  CHECK(HistoryOf(**a, "L") == std::vector<std::string>{"c1", "c2"});

  // A batch refused inside its transaction (a position going back) writes
  // nothing, and the numbers it would have used are not remembered.
  StoreBatch forward = HistoryBatch("L", "c3");
  forward.positions = {{"s", 10}};
  REQUIRE((*a)->Commit(forward).ok());
  StoreBatch back = HistoryBatch("L", "lost");
  back.history.push_back(back.history[0]);
  back.positions = {{"s", 5}};
  CHECK((*a)->Commit(back).code() == absl::StatusCode::kFailedPrecondition);
  REQUIRE((*a)->Commit(HistoryBatch("L", "c4")).ok());
  CHECK(HistoryOf(**a, "L") == std::vector<std::string>{"c1", "c2", "c3", "c4"});
  CHECK(HistoryOf(**b, "L") == std::vector<std::string>{"c1", "c2", "c3", "c4"});
}

}  // namespace
}  // namespace leadscore
