// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Where the Redis Streams worker finds Redis (docs/scale-out.md, "URLs"):
//
//   redis://[[user]:password@]host[:port][/db]         one server (port 6379,
//                                                      database 0 by default)
//   redis+cluster://[[user]:password@]host:port[,host:port...]
//                                                      Redis Cluster: any
//                                                      nodes as seeds; the
//                                                      slot map is read from
//                                                      them (CLUSTER SLOTS)
//
// A host is a name, an IPv4 address or an IPv6 address in brackets
// ([::1]:6379). The password may be percent-encoded (%40 for '@').

#ifndef LEADSCORE_WORKER_REDIS_URL_H_
#define LEADSCORE_WORKER_REDIS_URL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

struct RedisEndpoint {
  std::string host;
  int port = 6379;

  friend bool operator==(const RedisEndpoint& a, const RedisEndpoint& b) {
    return a.host == b.host && a.port == b.port;
  }
};

struct RedisUrl {
  bool cluster = false;
  std::vector<RedisEndpoint> nodes;  // one for redis://; the seeds for a cluster
  std::optional<std::string> user;
  std::optional<std::string> password;
  int db = 0;  // always 0 for a cluster (it has no databases)
};

// Parses one of the forms above. InvalidArgument, with the URL shown with its
// password masked and what is wrong: another scheme, no host, a port outside
// 1..65535, a database outside 0..15 or given for a cluster, several hosts
// without +cluster, a bad percent escape.
absl::StatusOr<RedisUrl> ParseRedisUrl(absl::string_view url);

// `url` with the password replaced by "***" (for messages and logs).
std::string MaskRedisUrl(absl::string_view url);

}  // namespace leadscore

#endif  // LEADSCORE_WORKER_REDIS_URL_H_
