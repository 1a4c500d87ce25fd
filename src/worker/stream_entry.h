// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Stream entries as Redis returns them ([id, [field, value, ...]]) and how a
// Redis error reply becomes a Status. Not API.

#ifndef LEADSCORE_SRC_WORKER_STREAM_ENTRY_H_
#define LEADSCORE_SRC_WORKER_STREAM_ENTRY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "worker/redis_client.h"

namespace leadscore::internal {

struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  // The value of `name`, or null.
  const std::string* Field(absl::string_view name) const;
};

// The entries of an array reply (XRANGE, XREADGROUP's per-stream list,
// XAUTOCLAIM's second element). Deleted entries (nil) are skipped.
std::vector<StreamEntry> ParseEntries(const RedisReply& reply);

// A Redis error reply to `what` as a Status: FailedPrecondition for refused
// credentials or permissions (NOAUTH, WRONGPASS, NOPERM), Unavailable for the
// rest (LOADING, READONLY, OOM, CLUSTERDOWN, TRYAGAIN...: retried).
absl::Status RedisError(absl::string_view what, const RedisReply& reply);

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_WORKER_STREAM_ENTRY_H_
