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
