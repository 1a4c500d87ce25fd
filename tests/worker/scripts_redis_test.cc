// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The worker's Lua scripts against a real redis-server (the ctest fixture
// leadscore_redis_plain; LEADSCORE_REDIS_STATE names scripts/redis_server.sh's
// state file): fencing, take-over order, commit, trim, leases, heartbeats.
// Deterministic, where the worker_* process tests reach these cases by timing.

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"
#include "worker/redis_client.h"
#include "worker/scripts.h"
#include "worker/stream_entry.h"

namespace leadscore::internal {
namespace {

// The server's URL; empty (the test does nothing) when run by hand without
// LEADSCORE_REDIS_STATE. Under ctest a missing state file or URL fails.
std::string ServerUrl() {
  const char* state = std::getenv("LEADSCORE_REDIS_STATE");
  if (state == nullptr) return "";
  std::ifstream in(state);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("url=", 0) == 0) return line.substr(4);
  }
  FAIL("no url= in " << state << " (did worker_redis_plain_start run?)");
  return "";
}

struct Fixture {
  Fixture() {
    url = ServerUrl();
    if (url.empty()) return;
    auto parsed = ParseRedisUrl(url);
    REQUIRE(parsed.ok());
    redis = std::make_unique<RedisClient>(*parsed);
  }
  RedisReply Run(const RedisArgs& args) {
    auto r = redis->Command(args, keys.events());
    REQUIRE(r.ok());
    return *r;
  }
  RedisReply Eval(const RedisScript& s, const std::vector<std::string>& k,
                  const std::vector<std::string>& a) {
    auto r = redis->Eval(s, k, a);
    REQUIRE(r.ok());
    return *r;
  }
  std::string url;
  std::unique_ptr<RedisClient> redis;
  PartitionKeys keys{absl::StrCat("scripts-test-", getpid(), ":"), 0};
};

TEST_CASE("worker scripts: a fenced-off owner cannot commit, the next claims its entries in order",
          "[worker]") {
  Fixture f;
  if (f.url.empty()) {
    WARN("LEADSCORE_REDIS_STATE not set: no server");
    return;
  }
  const PartitionKeys& k = f.keys;
  f.Run({"XGROUP", "CREATE", k.events(), "g", "0", "MKSTREAM"});
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(f.Run({"XADD", k.events(), "*", "kind", "event", "line", absl::StrCat(i)}).str);
  }
  // Worker A takes the lease and reads the three entries.
  const RedisReply a = f.Eval(AcquireScript(), {k.lease(), k.fence()}, {"A", "60000"});
  REQUIRE(a.type == RedisReply::Type::kString);
  CHECK(a.str == "A:1");
  CHECK(f.Eval(AcquireScript(), {k.lease(), k.fence()}, {"B", "60000"}).type !=
        RedisReply::Type::kString);  // taken
  RedisReply got = f.Eval(FetchScript(), {k.lease(), k.events()}, {a.str, "g", "A", "10"});
  REQUIRE(got.elements.size() == 2);
  CHECK(got.elements[0].integer == 0);  // new entries, not claimed
  REQUIRE(ParseEntries(got.elements[1]).size() == 3);

  // A pauses; its lease expires (deleted here) and B takes it.
  f.Run({"DEL", k.lease()});
  const RedisReply b = f.Eval(AcquireScript(), {k.lease(), k.fence()}, {"B", "60000"});
  REQUIRE(b.type == RedisReply::Type::kString);
  CHECK(b.str == "B:2");

  // A's commit is refused, and writes nothing.
  const std::vector<std::string> commit_keys = {k.lease(), k.events(), k.transitions(),
                                                k.rejected(), k.State("L-1")};
  std::vector<std::string> args_a = {a.str, "g", "1", "1", "state-from-A", "3"};
  args_a.insert(args_a.end(), ids.begin(), ids.end());
  args_a.insert(args_a.end(), {"1", "transition-from-A", "0"});
  RedisReply refused = f.Eval(CommitScript(), commit_keys, args_a);
  REQUIRE(refused.is_error());
  CHECK_THAT(refused.str, Catch::StartsWith("LEASELOST"));
  CHECK(f.Run({"EXISTS", k.State("L-1")}).integer == 0);
  CHECK(f.Run({"XLEN", k.transitions()}).integer == 0);
  CHECK(f.Run({"XPENDING", k.events(), "g"}).elements[0].integer == 3);
  CHECK(f.Eval(FetchScript(), {k.lease(), k.events()}, {a.str, "g", "A", "10"}).is_error());
  CHECK(f.Eval(RenewScript(), {k.lease()}, {a.str, "60000"}).integer == 0);
  CHECK(f.Eval(ReleaseScript(), {k.lease()}, {a.str}).integer == 0);

  // A fourth entry arrives; B first gets A's three pending ones, in id order, then the new one.
  const std::string fourth = f.Run({"XADD", k.events(), "*", "kind", "event", "line", "3"}).str;
  got = f.Eval(FetchScript(), {k.lease(), k.events()}, {b.str, "g", "B", "10"});
  CHECK(got.elements[0].integer == 1);  // claimed
  std::vector<StreamEntry> entries = ParseEntries(got.elements[1]);
  REQUIRE(entries.size() == 3);
  for (size_t i = 0; i < 3; ++i) CHECK(entries[i].id == ids[i]);

  // B commits them: the state, one transition, one dead letter, acknowledged, trimmed.
  std::vector<std::string> args_b = {b.str, "g", "1", "1", "state-from-B", "3"};
  args_b.insert(args_b.end(), ids.begin(), ids.end());
  args_b.insert(args_b.end(),
                {"1", "transition-from-B", "1", ids[2], "event", "2", "too late: ..."});
  RedisReply done = f.Eval(CommitScript(), commit_keys, args_b);
  REQUIRE_FALSE(done.is_error());
  CHECK(done.integer == 3);
  CHECK(f.Run({"GET", k.State("L-1")}).str == "state-from-B");
  CHECK(f.Run({"XLEN", k.transitions()}).integer == 1);
  CHECK(f.Run({"XLEN", k.rejected()}).integer == 1);
  CHECK(f.Run({"XPENDING", k.events(), "g"}).elements[0].integer == 0);
  // Trimmed below the last acknowledged entry: it and the undelivered fourth remain.
  CHECK(f.Run({"XLEN", k.events()}).integer == 2);
  got = f.Eval(FetchScript(), {k.lease(), k.events()}, {b.str, "g", "B", "10"});
  CHECK(got.elements[0].integer == 0);
  entries = ParseEntries(got.elements[1]);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].id == fourth);

  CHECK(f.Eval(RenewScript(), {k.lease()}, {b.str, "60000"}).integer == 1);
  CHECK(f.Eval(ReleaseScript(), {k.lease()}, {b.str}).integer == 1);
  CHECK(f.Run({"EXISTS", k.lease()}).integer == 0);
  f.Run({"DEL", k.events(), k.transitions(), k.rejected(), k.State("L-1"), k.fence()});
}

TEST_CASE("worker scripts: heartbeats count live workers and forget silent ones", "[worker]") {
  Fixture f;
  if (f.url.empty()) {
    WARN("LEADSCORE_REDIS_STATE not set: no server");
    return;
  }
  const std::string workers = WorkersKey(absl::StrCat("scripts-test-", getpid(), ":"));
  CHECK(f.Eval(HeartbeatScript(), {workers}, {"A", "60000", "0"}).integer == 1);
  CHECK(f.Eval(HeartbeatScript(), {workers}, {"B", "60000", "0"}).integer == 2);
  CHECK(f.Eval(HeartbeatScript(), {workers}, {"A", "60000", "0"}).integer == 2);
  // A worker silent for longer than the TTL no longer counts.
  f.Run({"ZADD", workers, "0", "C"});
  CHECK(f.Eval(HeartbeatScript(), {workers}, {"A", "60000", "0"}).integer == 2);
  CHECK(f.Eval(HeartbeatScript(), {workers}, {"B", "60000", "1"}).integer == 1);  // B leaves
  f.Run({"DEL", workers});
}

TEST_CASE("worker redis client: an unreachable server is Unavailable, with where and why",
          "[worker]") {
  auto url = ParseRedisUrl("redis://127.0.0.1:1");
  REQUIRE(url.ok());
  RedisClient client(*url);
  auto r = client.Command({"PING"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == absl::StatusCode::kUnavailable);
  CHECK_THAT(std::string(r.status().message()), Catch::Contains("127.0.0.1:1 cannot be reached"));
}

}  // namespace
}  // namespace leadscore::internal
