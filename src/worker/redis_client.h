// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A small synchronous Redis client over hiredis 0.14 (which has no cluster
// support): one connection per node, commands routed by the slot of a key
// (RedisKeySlot), the slot map read with CLUSTER SLOTS and read again when a
// node answers MOVED (ASK is followed once, with ASKING). Not API: hiredis
// stays inside src/worker/.
//
// Errors: a connection that cannot be made, breaks or times out is
// Unavailable (the connection is dropped and made again on the next call,
// so a caller retries with backoff); a reply of type error is returned as a
// Reply (type kError), for the caller to judge.

#ifndef LEADSCORE_SRC_WORKER_REDIS_CLIENT_H_
#define LEADSCORE_SRC_WORKER_REDIS_CLIENT_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "leadscore/worker/redis_url.h"

struct redisContext;

namespace leadscore::internal {

struct RedisReply {
  enum class Type { kString, kArray, kInteger, kNil, kStatus, kError };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisReply> elements;  // kArray

  bool is_error() const { return type == Type::kError; }
  bool is_nil() const { return type == Type::kNil; }
};

using RedisArgs = std::vector<std::string>;

// A Lua script run with EVALSHA, loaded on NOSCRIPT (after a restart, or on
// another cluster node).
struct RedisScript {
  explicit RedisScript(std::string text) : body(std::move(text)) {}
  std::string body;
  mutable std::string sha1;  // from SCRIPT LOAD, the same on every node
};

struct RedisClientOptions {
  absl::Duration connect_timeout = absl::Seconds(2);
  absl::Duration command_timeout = absl::Seconds(10);
};

class RedisClient {
 public:
  // Does not connect: the first command does (so a client can be made while
  // Redis is down).
  RedisClient(RedisUrl url, RedisClientOptions options = {});
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  bool cluster() const { return url_.cluster; }

  // Runs one command on the node that serves `routing_key` (any node when
  // empty).
  absl::StatusOr<RedisReply> Command(const RedisArgs& args, absl::string_view routing_key = {});

  // Runs `commands` pipelined (one round trip) on the node serving
  // `routing_key`; every command must touch only keys of that slot. Replies
  // in order; commands answered MOVED or ASK are sent again where they
  // belong.
  absl::StatusOr<std::vector<RedisReply>> Pipeline(const std::vector<RedisArgs>& commands,
                                                   absl::string_view routing_key);

  // EVALSHA (EVAL after NOSCRIPT) of `script` with `keys` (all in one slot)
  // and `args`.
  absl::StatusOr<RedisReply> Eval(const RedisScript& script, const std::vector<std::string>& keys,
                                  const std::vector<std::string>& args);

  // Runs `args` on every master node (for SCAN); replies in node order. One
  // node without a cluster.
  absl::StatusOr<std::vector<std::pair<std::string, RedisReply>>> OnEachMaster(
      const RedisArgs& args);
  // Runs `args` on the master named by `node` (as OnEachMaster returned it).
  absl::StatusOr<RedisReply> OnNode(const std::string& node, const RedisArgs& args);

 private:
  struct Node;
  absl::StatusOr<Node*> NodeFor(absl::string_view routing_key);
  absl::StatusOr<Node*> NodeNamed(const std::string& name);
  absl::Status Connect(Node* node);
  absl::Status RefreshSlots();
  absl::StatusOr<std::vector<RedisReply>> RunOn(Node* node, const std::vector<RedisArgs>& commands,
                                                bool asking);
  void Drop(Node* node);

  RedisUrl url_;
  RedisClientOptions options_;
  std::map<std::string, std::unique_ptr<Node>> nodes_;  // "host:port"
  std::vector<std::string> slot_owner_;                 // cluster: 16384 names
  bool slots_known_ = false;
};

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_WORKER_REDIS_CLIENT_H_
