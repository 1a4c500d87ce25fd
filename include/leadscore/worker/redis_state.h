// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// RedisStateReader: what the worker keeps in Redis, read back for
// inspection and tests (`leadscore redis-state`): every lead's record and
// state, the output streams (transitions, dead letters) and each partition's
// progress (length, lag, pending).

#ifndef LEADSCORE_WORKER_REDIS_STATE_H_
#define LEADSCORE_WORKER_REDIS_STATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

struct PartitionProgress {
  uint32_t partition = 0;
  uint64_t length = 0;                 // entries in the input stream (XLEN)
  std::optional<uint64_t> lag;         // entries not yet delivered (none: unknown)
  uint64_t pending = 0;                // delivered, not yet acknowledged
  uint64_t entries_added = 0;          // ever appended to the input stream
  std::string owner;                   // the lease's token; empty: none
  uint64_t transitions = 0, rejected = 0;  // output stream lengths
};

class RedisStateReader {
 public:
  // InvalidArgument for a bad URL or partition count. Connects on first use.
  static absl::StatusOr<std::unique_ptr<RedisStateReader>> Open(
      const std::string& redis_url, const std::string& prefix, uint32_t partitions,
      const std::string& group = "leadscore");
  ~RedisStateReader();

  // Calls `fn` with every lead that has a record, in lead id order: its id,
  // record (JSON line) and state bytes (none before its first event).
  // Errors: Unavailable; `fn`'s.
  absl::Status ForEachLead(const std::function<absl::Status(
                               const std::string& lead_id, const std::string& record,
                               const std::optional<std::string>& state)>& fn);

  // Calls `fn` with every entry of the output streams, partition by
  // partition, in entry order: the transition's JSON line; for dead letters a
  // JSON object {"partition", "entry", "kind", "line", "reason"}.
  absl::Status ForEachTransition(const std::function<absl::Status(const std::string&)>& fn);
  absl::Status ForEachRejected(const std::function<absl::Status(const std::string&)>& fn);

  // Every partition's progress, in partition order.
  absl::StatusOr<std::vector<PartitionProgress>> Progress();

 private:
  struct Impl;
  explicit RedisStateReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace leadscore

#endif  // LEADSCORE_WORKER_REDIS_STATE_H_
