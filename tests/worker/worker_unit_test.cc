// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The Redis Streams worker's pure parts: URLs, partitioning, key names,
// cluster slots, entry-id offsets (docs/scale-out.md).

#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"

namespace leadscore {
namespace {

TEST_CASE("redis url: single server forms", "[worker]") {
  auto u = ParseRedisUrl("redis://127.0.0.1:6380/3");
  REQUIRE(u.ok());
  CHECK_FALSE(u->cluster);
  REQUIRE(u->nodes.size() == 1);
  CHECK(u->nodes[0].host == "127.0.0.1");
  CHECK(u->nodes[0].port == 6380);
  CHECK(u->db == 3);
  CHECK_FALSE(u->password.has_value());

  u = ParseRedisUrl("redis://localhost");
  REQUIRE(u.ok());
  CHECK(u->nodes[0].port == 6379);
  CHECK(u->db == 0);

  u = ParseRedisUrl("redis://:s%40cret@h:7000");
  REQUIRE(u.ok());
  CHECK(*u->password == "s@cret");
  CHECK_FALSE(u->user.has_value());

  u = ParseRedisUrl("redis://alice:pw@h");
  REQUIRE(u.ok());
  CHECK(*u->user == "alice");
  CHECK(*u->password == "pw");

  u = ParseRedisUrl("redis://[::1]:6390");
  REQUIRE(u.ok());
  CHECK(u->nodes[0].host == "::1");
  CHECK(u->nodes[0].port == 6390);
}

TEST_CASE("redis url: cluster form lists seeds", "[worker]") {
  auto u = ParseRedisUrl("redis+cluster://10.0.0.1:7000,10.0.0.2:7001,[::1]:7002");
  REQUIRE(u.ok());
  CHECK(u->cluster);
  REQUIRE(u->nodes.size() == 3);
  CHECK(u->nodes[1] == RedisEndpoint{"10.0.0.2", 7001});
  CHECK(u->nodes[2] == RedisEndpoint{"::1", 7002});
}

TEST_CASE("redis url: bad forms say what is wrong", "[worker]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"http://h:1", "the scheme must be redis://"},
      {"redis://", "no host"},
      {"redis://h:0", "port '0' is not 1..65535"},
      {"redis://h:99999", "is not 1..65535"},
      {"redis://h:", "an empty port"},
      {"redis://h/16", "database '16' is not 0..15"},
      {"redis://a:1,b:2", "several hosts need redis+cluster://"},
      {"redis+cluster://h:1/2", "a cluster has no databases"},
      {"redis+cluster://h", "needs a port"},
      {"redis://pw@h", "credentials need a ':'"},
      {"redis://:a%zz@h", "bad percent escape"},
      {"redis://[::1:5", "lacks its ']'"},
  };
  for (const auto& [url, why] : cases) {
    INFO(url);
    auto u = ParseRedisUrl(url);
    REQUIRE_FALSE(u.ok());
    CHECK(u.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(u.status().message()), Catch::Contains(why));
  }
  // The password never shows in a message.
  auto u = ParseRedisUrl("redis://:topsecret@h:0");
  REQUIRE_FALSE(u.ok());
  CHECK_THAT(std::string(u.status().message()), !Catch::Contains("topsecret"));
  CHECK(MaskRedisUrl("redis://u:topsecret@h:1/2") == "redis://u:***@h:1/2");
  CHECK(MaskRedisUrl("redis://h:1") == "redis://h:1");
}

TEST_CASE("partitioning: FNV-1a 64 as documented, stable modulo", "[worker]") {
  CHECK(LeadIdHash("") == 0xcbf29ce484222325ULL);
  CHECK(LeadIdHash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(LeadIdHash("foobar") == 0x85944171f73967e8ULL);
  CHECK(PartitionOfLead("foobar", 8) == 0x85944171f73967e8ULL % 8);
  CHECK(PartitionOfLead("anything", 1) == 0);
  // Spread: 10,000 ids over 8 partitions, none far from 1,250.
  std::vector<int> counts(8);
  for (int i = 0; i < 10000; ++i) ++counts[PartitionOfLead("C-" + std::to_string(i), 8)];
  for (int c : counts) {
    CHECK(c > 1000);
    CHECK(c < 1500);
  }
}

TEST_CASE("partitioning: every key of a partition has its hash tag and slot", "[worker]") {
  const PartitionKeys k("ls:", 3);
  CHECK(k.events() == "ls:{p3}:events");
  CHECK(k.transitions() == "ls:{p3}:transitions");
  CHECK(k.rejected() == "ls:{p3}:rejected");
  CHECK(k.lease() == "ls:{p3}:lease");
  CHECK(k.fence() == "ls:{p3}:fence");
  CHECK(k.State("L-1") == "ls:{p3}:state:L-1");
  CHECK(k.Lead("L-1") == "ls:{p3}:lead:L-1");
  CHECK(WorkersKey("ls:") == "ls:workers");
  const uint16_t slot = RedisKeySlot(k.events());
  for (const std::string& key : {k.transitions(), k.rejected(), k.lease(), k.fence(),
                                 k.State("x"), k.Lead("{weird}")}) {
    CHECK(RedisKeySlot(key) == slot);
  }
  CHECK(slot == RedisKeySlot("p3"));
  // Distinct partitions are spread over slots (not all in one).
  std::set<uint16_t> slots;
  for (uint32_t p = 0; p < 64; ++p) slots.insert(RedisKeySlot(PartitionKeys("ls:", p).events()));
  CHECK(slots.size() == 64);
}

TEST_CASE("cluster slot: CRC16 XMODEM and hash tags as the Redis spec says", "[worker]") {
  // Values from the Redis Cluster specification and CLUSTER KEYSLOT.
  CHECK(RedisKeySlot("123456789") == (0x31C3 & 16383));
  CHECK(RedisKeySlot("foo") == 12182);
  CHECK(RedisKeySlot("bar") == 5061);
  CHECK(RedisKeySlot("hello") == 866);
  CHECK(RedisKeySlot("{user1000}.following") == RedisKeySlot("{user1000}.followers"));
  CHECK(RedisKeySlot("{user1000}.following") == RedisKeySlot("user1000"));
  CHECK(RedisKeySlot("foo{}{bar}") == RedisKeySlot("foo{}{bar}"));  // whole key hashed
  CHECK(RedisKeySlot("foo{}{bar}") != RedisKeySlot("bar"));
  CHECK(RedisKeySlot("foo{{bar}}zap") == RedisKeySlot("{bar"));
  CHECK(RedisKeySlot("foo{bar}{zap}") == RedisKeySlot("bar"));
  CHECK(RedisKeySlot("") == 0);
}

TEST_CASE("entry ids: offsets grow with the id and come back", "[worker]") {
  auto a = StreamEntryOffset("1700000000000-0");
  auto b = StreamEntryOffset("1700000000000-1");
  auto c = StreamEntryOffset("1700000000001-0");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(*a == (uint64_t{1700000000000} << 22));
  CHECK(*a < *b);
  CHECK(*b < *c);
  CHECK(StreamEntryId(*b) == "1700000000000-1");
  CHECK(StreamEntryId(*StreamEntryOffset("0-0")) == "0-0");
  const uint64_t max_ms = (uint64_t{1} << 42) - 1, max_seq = (uint64_t{1} << 22) - 1;
  auto top = StreamEntryOffset(std::to_string(max_ms) + "-" + std::to_string(max_seq));
  REQUIRE(top.ok());
  CHECK(*top == UINT64_MAX);
  for (const std::string bad : {"", "12", "1-", "-1", "a-1", "1-b", "1-2-3", " 1-2",
                                "4398046511104-0", "1-4194304", "99999999999999999999999-0"}) {
    INFO(bad);
    auto r = StreamEntryOffset(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace leadscore
