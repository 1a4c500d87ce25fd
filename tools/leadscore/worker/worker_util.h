// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What publish, worker and redis-state share: the Redis options and how a
// Redis error becomes a message and an exit code.

#ifndef LEADSCORE_TOOLS_WORKER_WORKER_UTIL_H_
#define LEADSCORE_TOOLS_WORKER_WORKER_UTIL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "command_line.h"

namespace leadscore {
namespace cli {

struct RedisArgs {
  std::optional<std::string> redis;
  std::string prefix = "leadscore:";
  uint32_t partitions = 8;
};

// --redis URL (required), --prefix P, --partitions N.
void AddRedisOptions(CommandLine* cl, RedisArgs* args);

// Prints "leadscore COMMAND: Redis URL (masked): message"; returns 2 for what
// the user can fix (InvalidArgument, FailedPrecondition), 1 otherwise.
int RedisFailed(const char* command, const std::string& url, const absl::Status& status);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_WORKER_WORKER_UTIL_H_
