// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/worker/publisher.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "leadscore/worker/partitioning.h"
#include "leadscore/worker/redis_url.h"
#include "worker/redis_client.h"
#include "worker/stream_entry.h"

namespace leadscore {

using internal::RedisArgs;
using internal::RedisReply;

struct Publisher::Impl {
  PublisherOptions o;
  std::unique_ptr<internal::RedisClient> redis;
  std::vector<PartitionKeys> keys;
  std::vector<std::vector<RedisArgs>> pending;  // per partition
  uint64_t published = 0;

  absl::Status Send(uint32_t p) {
    std::vector<RedisArgs>& batch = pending[p];
    if (batch.empty()) return absl::OkStatus();
    absl::StatusOr<std::vector<RedisReply>> r = redis->Pipeline(batch, keys[p].events());
    if (!r.ok()) return r.status();
    for (const RedisReply& reply : *r) {
      if (reply.is_error()) {
        absl::Status s = internal::RedisError(absl::StrCat("XADD to ", keys[p].events()), reply);
        return absl::IsFailedPrecondition(s) ? s : absl::InternalError(s.message());
      }
    }
    published += batch.size();
    batch.clear();
    return absl::OkStatus();
  }

  absl::Status Add(absl::string_view kind, absl::string_view lead_id, absl::string_view line) {
    const uint32_t p = PartitionOfLead(lead_id, o.partitions);
    pending[p].push_back(RedisArgs{"XADD", keys[p].events(), "*", "kind", std::string(kind),
                                   "line", std::string(line)});
    if (pending[p].size() >= o.batch) return Send(p);
    return absl::OkStatus();
  }
};

Publisher::Publisher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Publisher::~Publisher() = default;

absl::StatusOr<std::unique_ptr<Publisher>> Publisher::Open(const PublisherOptions& options) {
  absl::StatusOr<RedisUrl> url = ParseRedisUrl(options.redis_url);
  if (!url.ok()) return url.status();
  if (options.partitions == 0 || options.partitions > kMaxPartitions) {
    return absl::InvalidArgumentError(
        absl::StrCat("the partition count must be 1..", kMaxPartitions));
  }
  if (options.prefix.empty()) return absl::InvalidArgumentError("the key prefix must not be empty");
  if (options.batch == 0) return absl::InvalidArgumentError("the batch must be at least 1");
  auto impl = std::make_unique<Impl>();
  impl->o = options;
  impl->redis = std::make_unique<internal::RedisClient>(*std::move(url));
  for (uint32_t p = 0; p < options.partitions; ++p) impl->keys.emplace_back(options.prefix, p);
  impl->pending.resize(options.partitions);
  // Connect now, so that a wrong URL or password shows before any input is read.
  absl::StatusOr<RedisReply> ping = impl->redis->Command({"PING"}, impl->keys[0].events());
  if (!ping.ok()) return ping.status();
  if (ping->is_error()) return internal::RedisError("PING", *ping);
  return std::unique_ptr<Publisher>(new Publisher(std::move(impl)));
}

absl::Status Publisher::AddLead(absl::string_view lead_id, absl::string_view line) {
  return impl_->Add("lead", lead_id, line);
}

absl::Status Publisher::AddEvent(absl::string_view lead_id, absl::string_view line) {
  return impl_->Add("event", lead_id, line);
}

absl::Status Publisher::Flush() {
  for (uint32_t p = 0; p < impl_->o.partitions; ++p) {
    if (absl::Status s = impl_->Send(p); !s.ok()) return s;
  }
  return absl::OkStatus();
}

uint64_t Publisher::published() const { return impl_->published; }

}  // namespace leadscore
