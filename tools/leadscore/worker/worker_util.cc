// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "worker/worker_util.h"

#include <cstdio>

#include "commands.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"
#include "messages.h"

namespace leadscore {
namespace cli {

void AddRedisOptions(CommandLine* cl, RedisArgs* args) {
  cl->Text("redis", "URL",
           "redis://[:password@]host[:port][/db] or redis+cluster://host:port[,host:port...]",
           &args->redis);
  cl->Option("prefix", "P", "the prefix of every key (default leadscore:)",
             [args](const std::string& text) -> absl::Status {
               if (text.empty()) return absl::InvalidArgumentError("--prefix must not be empty");
               args->prefix = text;
               return absl::OkStatus();
             });
  cl->Whole<uint32_t>("partitions", 1, kMaxPartitions,
                      "partition streams (default 8; fixed for a deployment)", &args->partitions);
  cl->Require({"redis"});
}

int RedisFailed(const char* command, const std::string& url, const absl::Status& status) {
  std::fprintf(stderr, "leadscore %s: %s: %s\n", command, MaskRedisUrl(url).c_str(),
               Printable(status.message()).c_str());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
      return kExitBadInput;
    default:
      return kExitInternal;
  }
}

}  // namespace cli
}  // namespace leadscore
