// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// How the Redis Streams worker spreads leads over partitions and names its
// keys (docs/scale-out.md, "Partitions and keys"). A producer in another
// language must place leads exactly as PartitionOfLead does, so the hash is
// spelled out: FNV-1a, 64 bits, over the lead id's UTF-8 bytes, modulo the
// partition count.
//
// Keys of partition i, all carrying the hash tag {p<i>} so that one Lua
// script may touch them in Redis Cluster (they live in one slot):
//
//   <prefix>{p<i>}:events        input stream (entries: kind lead|event, line)
//   <prefix>{p<i>}:transitions   output stream (entries: transition)
//   <prefix>{p<i>}:rejected      dead letters (entry, kind, line, reason)
//   <prefix>{p<i>}:lease         the owning worker's fencing token
//   <prefix>{p<i>}:fence         the counter fencing tokens come from
//   <prefix>{p<i>}:state:<lead>  the lead's state (SerializeLeadState bytes)
//   <prefix>{p<i>}:lead:<lead>   the lead's record (its JSON line)
//
// and, outside the partitions, <prefix>workers (the live workers).

#ifndef LEADSCORE_WORKER_PARTITIONING_H_
#define LEADSCORE_WORKER_PARTITIONING_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

// The most partitions a deployment may have.
inline constexpr uint32_t kMaxPartitions = 16384;

// FNV-1a 64 of `lead_id`'s bytes: offset basis 14695981039346656037, prime
// 1099511628211.
uint64_t LeadIdHash(absl::string_view lead_id);

// LeadIdHash(lead_id) % partitions; `partitions` must be 1..kMaxPartitions.
// The partition count is fixed for a deployment's life: changing it moves
// leads to other streams (docs/scale-out.md says how to migrate).
uint32_t PartitionOfLead(absl::string_view lead_id, uint32_t partitions);

// The key names of one partition.
class PartitionKeys {
 public:
  PartitionKeys(absl::string_view prefix, uint32_t partition);

  uint32_t partition() const { return partition_; }
  const std::string& events() const { return events_; }
  const std::string& transitions() const { return transitions_; }
  const std::string& rejected() const { return rejected_; }
  const std::string& lease() const { return lease_; }
  const std::string& fence() const { return fence_; }
  std::string State(absl::string_view lead_id) const;
  std::string Lead(absl::string_view lead_id) const;
  // The prefix of every state / lead key of this partition.
  const std::string& state_prefix() const { return state_prefix_; }
  const std::string& lead_prefix() const { return lead_prefix_; }

 private:
  uint32_t partition_;
  std::string base_, events_, transitions_, rejected_, lease_, fence_, state_prefix_,
      lead_prefix_;
};

// The key naming the live workers: <prefix>workers.
std::string WorkersKey(absl::string_view prefix);

// The Redis Cluster slot of `key` (0..16383): CRC-16/XMODEM of the key, or of
// its hash tag (the text between the first '{' and the next '}' after it,
// when not empty), modulo 16384, as the Redis Cluster specification says.
uint16_t RedisKeySlot(absl::string_view key);

// A stream entry id "<ms>-<seq>" as one number that grows with the id:
// ms * 2^22 + seq (so ms < 2^42, about the year 2109, and seq < 2^22, four
// million entries in one millisecond). The worker's SourcePosition offset.
// InvalidArgument for anything else (a malformed id, or parts too large).
absl::StatusOr<uint64_t> StreamEntryOffset(absl::string_view entry_id);

// The inverse: "<offset >> 22>-<offset & (2^22 - 1)>".
std::string StreamEntryId(uint64_t offset);

}  // namespace leadscore

#endif  // LEADSCORE_WORKER_PARTITIONING_H_
