// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "worker/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "leadscore/worker/partitioning.h"

namespace leadscore::internal {

struct RedisClient::Node {
  std::string host;
  int port = 0;
  redisContext* ctx = nullptr;
  std::string name() const { return absl::StrCat(host, ":", port); }
};

namespace {

timeval DurationToTimeval(absl::Duration d) {
  timeval tv;
  const int64_t us = absl::ToInt64Microseconds(d);
  tv.tv_sec = static_cast<time_t>(us / 1000000);
  tv.tv_usec = static_cast<suseconds_t>(us % 1000000);
  return tv;
}

RedisReply Convert(const redisReply* r) {
  RedisReply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::kString;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::kStatus;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = RedisReply::Type::kError;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(r->elements);
      for (size_t i = 0; i < r->elements; ++i) out.elements.push_back(Convert(r->element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
  }
  return out;
}

// "MOVED 3999 127.0.0.1:6381" / "ASK 3999 127.0.0.1:6381": the node named.
bool Redirect(const RedisReply& r, absl::string_view kind, std::string* node) {
  if (!r.is_error() || !absl::StartsWith(r.str, kind)) return false;
  const size_t space = r.str.rfind(' ');
  if (space == std::string::npos) return false;
  *node = r.str.substr(space + 1);
  return true;
}

}  // namespace

RedisClient::RedisClient(RedisUrl url, RedisClientOptions options)
    : url_(std::move(url)), options_(options) {}

RedisClient::~RedisClient() {
  for (auto& [name, node] : nodes_) Drop(node.get());
}

void RedisClient::Drop(Node* node) {
  if (node->ctx != nullptr) {
    redisFree(node->ctx);
    node->ctx = nullptr;
  }
}

absl::Status RedisClient::Connect(Node* node) {
  if (node->ctx != nullptr) return absl::OkStatus();
  redisContext* c =
      redisConnectWithTimeout(node->host.c_str(), node->port, DurationToTimeval(options_.connect_timeout));
  if (c == nullptr) {
    return absl::UnavailableError(absl::StrCat("Redis at ", node->name(), ": out of memory"));
  }
  if (c->err != 0) {
    absl::Status s = absl::UnavailableError(
        absl::StrCat("Redis at ", node->name(), " cannot be reached: ", c->errstr));
    redisFree(c);
    return s;
  }
  redisSetTimeout(c, DurationToTimeval(options_.command_timeout));
  node->ctx = c;
  std::vector<RedisArgs> setup;
  if (url_.password) {
    if (url_.user) {
      setup.push_back({"AUTH", *url_.user, *url_.password});
    } else {
      setup.push_back({"AUTH", *url_.password});
    }
  }
  if (!url_.cluster && url_.db != 0) setup.push_back({"SELECT", absl::StrCat(url_.db)});
  if (setup.empty()) return absl::OkStatus();
  absl::StatusOr<std::vector<RedisReply>> replies = RunOn(node, setup, false);
  if (!replies.ok()) return replies.status();
  for (const RedisReply& r : *replies) {
    if (r.is_error()) {
      Drop(node);
      // Authentication and a bad database are the operator's to fix.
      return absl::FailedPreconditionError(
          absl::StrCat("Redis at ", node->name(), " refused the connection set-up: ", r.str));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<RedisReply>> RedisClient::RunOn(Node* node,
                                                           const std::vector<RedisArgs>& commands,
                                                           bool asking) {
  if (node->ctx == nullptr) {
    if (absl::Status s = Connect(node); !s.ok()) return s;
  }
  const auto append = [&](const RedisArgs& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const std::string& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    return redisAppendCommandArgv(node->ctx, static_cast<int>(argv.size()), argv.data(),
                                  lens.data());
  };
  const auto broken = [&](const char* what) {
    absl::Status s = absl::UnavailableError(absl::StrCat(
        "Redis at ", node->name(), ": ", what, ": ",
        node->ctx->errstr[0] != '\0' ? node->ctx->errstr : "connection lost"));
    Drop(node);
    return s;
  };
  for (const RedisArgs& args : commands) {
    if (asking && append({"ASKING"}) != REDIS_OK) return broken("sending");
    if (append(args) != REDIS_OK) return broken("sending");
  }
  std::vector<RedisReply> out;
  out.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    for (int k = asking ? 2 : 1; k > 0; --k) {
      void* raw = nullptr;
      if (redisGetReply(node->ctx, &raw) != REDIS_OK || raw == nullptr) {
        return broken("reading a reply");
      }
      redisReply* r = static_cast<redisReply*>(raw);
      if (k == 1) out.push_back(Convert(r));
      freeReplyObject(r);
    }
  }
  return out;
}

absl::StatusOr<RedisClient::Node*> RedisClient::NodeNamed(const std::string& name) {
  auto it = nodes_.find(name);
  if (it != nodes_.end()) return it->second.get();
  const size_t colon = name.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(name.substr(colon + 1), &port)) {
    return absl::InternalError(absl::StrCat("Redis named a node '", name, "' without a port"));
  }
  auto node = std::make_unique<Node>();
  node->host = name.substr(0, colon);
  node->port = port;
  Node* raw = node.get();
  nodes_[name] = std::move(node);
  return raw;
}

absl::Status RedisClient::RefreshSlots() {
  slots_known_ = false;
  std::vector<std::string> candidates;
  for (const auto& [name, node] : nodes_) candidates.push_back(name);
  for (const RedisEndpoint& ep : url_.nodes) candidates.push_back(absl::StrCat(ep.host, ":", ep.port));
  absl::Status last = absl::UnavailableError("Redis Cluster: no node to ask for the slot map");
  for (const std::string& name : candidates) {
    absl::StatusOr<Node*> node = NodeNamed(name);
    if (!node.ok()) return node.status();
    absl::StatusOr<std::vector<RedisReply>> r = RunOn(*node, {{"CLUSTER", "SLOTS"}}, false);
    if (!r.ok()) {
      last = r.status();
      continue;
    }
    const RedisReply& slots = (*r)[0];
    if (slots.is_error()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "Redis at ", name, " answered CLUSTER SLOTS with '", slots.str,
          "': is it a cluster node? (use redis:// for a single server)"));
    }
    std::vector<std::string> owner(16384);
    for (const RedisReply& range : slots.elements) {
      if (range.elements.size() < 3 || range.elements[2].elements.size() < 2) continue;
      std::string host = range.elements[2].elements[0].str;
      if (host.empty()) host = (*node)->host;
      const std::string master = absl::StrCat(host, ":", range.elements[2].elements[1].integer);
      for (long long s = range.elements[0].integer; s <= range.elements[1].integer && s < 16384;
           ++s) {
        if (s >= 0) owner[static_cast<size_t>(s)] = master;
      }
    }
    for (size_t s = 0; s < owner.size(); ++s) {
      if (owner[s].empty()) {
        last = absl::UnavailableError(
            absl::StrCat("Redis Cluster: slot ", s, " has no node (is the cluster complete?)"));
        owner.clear();
        break;
      }
    }
    if (owner.empty()) continue;
    slot_owner_ = std::move(owner);
    slots_known_ = true;
    return absl::OkStatus();
  }
  return last;
}

absl::StatusOr<RedisClient::Node*> RedisClient::NodeFor(absl::string_view routing_key) {
  if (!url_.cluster) {
    const RedisEndpoint& ep = url_.nodes[0];
    return NodeNamed(absl::StrCat(ep.host, ":", ep.port));
  }
  if (!slots_known_) {
    if (absl::Status s = RefreshSlots(); !s.ok()) return s;
  }
  return NodeNamed(slot_owner_[routing_key.empty() ? 0 : RedisKeySlot(routing_key)]);
}

absl::StatusOr<std::vector<RedisReply>> RedisClient::Pipeline(
    const std::vector<RedisArgs>& commands, absl::string_view routing_key) {
  absl::StatusOr<Node*> node = NodeFor(routing_key);
  if (!node.ok()) return node.status();
  absl::StatusOr<std::vector<RedisReply>> replies = RunOn(*node, commands, false);
  if (!replies.ok()) {
    if (url_.cluster) slots_known_ = false;  // the node may have failed over
    return replies.status();
  }
  // Redirections: those commands did not run; send them where they belong.
  for (int round = 0; round < 5 && url_.cluster; ++round) {
    std::vector<size_t> moved;
    std::string target;
    bool ask = false;
    for (size_t i = 0; i < replies->size(); ++i) {
      std::string to;
      if (Redirect((*replies)[i], "MOVED ", &to)) {
        moved.push_back(i);
        target = to;
      } else if (Redirect((*replies)[i], "ASK ", &to)) {
        moved.push_back(i);
        target = to;
        ask = true;
      }
    }
    if (moved.empty()) break;
    if (!ask) {
      if (absl::Status s = RefreshSlots(); !s.ok()) return s;
    }
    absl::StatusOr<Node*> next = ask ? NodeNamed(target) : NodeFor(routing_key);
    if (!next.ok()) return next.status();
    std::vector<RedisArgs> again;
    for (size_t i : moved) again.push_back(commands[i]);
    absl::StatusOr<std::vector<RedisReply>> more = RunOn(*next, again, ask);
    if (!more.ok()) return more.status();
    for (size_t k = 0; k < moved.size(); ++k) (*replies)[moved[k]] = std::move((*more)[k]);
  }
  return replies;
}

absl::StatusOr<RedisReply> RedisClient::Command(const RedisArgs& args,
                                                absl::string_view routing_key) {
  absl::StatusOr<std::vector<RedisReply>> r = Pipeline({args}, routing_key);
  if (!r.ok()) return r.status();
  return std::move((*r)[0]);
}

absl::StatusOr<RedisReply> RedisClient::Eval(const RedisScript& script,
                                             const std::vector<std::string>& keys,
                                             const std::vector<std::string>& args) {
  const std::string routing = keys.empty() ? std::string() : keys[0];
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (script.sha1.empty()) {
      absl::StatusOr<RedisReply> loaded = Command({"SCRIPT", "LOAD", script.body}, routing);
      if (!loaded.ok()) return loaded.status();
      if (loaded->is_error()) {
        return absl::InternalError(absl::StrCat("SCRIPT LOAD failed: ", loaded->str));
      }
      script.sha1 = loaded->str;
    }
    RedisArgs cmd = {"EVALSHA", script.sha1, absl::StrCat(keys.size())};
    cmd.insert(cmd.end(), keys.begin(), keys.end());
    cmd.insert(cmd.end(), args.begin(), args.end());
    absl::StatusOr<RedisReply> r = Command(cmd, routing);
    if (!r.ok()) return r;
    if (r->is_error() && absl::StartsWith(r->str, "NOSCRIPT")) {
      script.sha1.clear();  // a restarted server, or another node: load it there
      continue;
    }
    return r;
  }
  return absl::InternalError("EVALSHA: the script could not be loaded");
}

absl::StatusOr<std::vector<std::pair<std::string, RedisReply>>> RedisClient::OnEachMaster(
    const RedisArgs& args) {
  std::vector<std::string> names;
  if (url_.cluster) {
    if (!slots_known_) {
      if (absl::Status s = RefreshSlots(); !s.ok()) return s;
    }
    for (const std::string& n : slot_owner_) {
      if (names.empty() || names.back() != n) {
        bool seen = false;
        for (const std::string& m : names) seen = seen || m == n;
        if (!seen) names.push_back(n);
      }
    }
  } else {
    names.push_back(absl::StrCat(url_.nodes[0].host, ":", url_.nodes[0].port));
  }
  std::vector<std::pair<std::string, RedisReply>> out;
  for (const std::string& n : names) {
    absl::StatusOr<RedisReply> r = OnNode(n, args);
    if (!r.ok()) return r.status();
    out.emplace_back(n, *std::move(r));
  }
  return out;
}

absl::StatusOr<RedisReply> RedisClient::OnNode(const std::string& name, const RedisArgs& args) {
  absl::StatusOr<Node*> node = NodeNamed(name);
  if (!node.ok()) return node.status();
  absl::StatusOr<std::vector<RedisReply>> r = RunOn(*node, {args}, false);
  if (!r.ok()) return r.status();
  return std::move((*r)[0]);
}

}  // namespace leadscore::internal
