// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Publisher: the producer side of the Redis Streams worker
// (docs/scale-out.md). Appends lead records and events, as their JSON lines,
// to the input stream of the lead's partition (PartitionOfLead): entries
// with the fields `kind` ("lead" or "event") and `line`. Pipelined: entries
// are buffered per partition and sent with XADD, one round trip per batch.
// Order is kept per partition, so a lead's record and events reach the
// worker in the order they were added.
//
// Delivery is at least once: after an error nothing says which entries of
// the unsent batch arrived; publishing them again is safe for events with
// ids (a duplicate is recognised, and one older than the reorder window is
// dead-lettered, never counted twice) and for lead records (an unchanged
// record is ignored).

#ifndef LEADSCORE_WORKER_PUBLISHER_H_
#define LEADSCORE_WORKER_PUBLISHER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

struct PublisherOptions {
  std::string redis_url;
  std::string prefix = "leadscore:";
  uint32_t partitions = 8;
  size_t batch = 1000;  // entries per partition per round trip
};

class Publisher {
 public:
  // Connects. InvalidArgument for bad options; Unavailable when Redis cannot
  // be reached; FailedPrecondition when it refuses the credentials.
  static absl::StatusOr<std::unique_ptr<Publisher>> Open(const PublisherOptions& options);
  ~Publisher();

  // Adds a lead record or an event of `lead_id` (the caller parsed the line
  // and took the id from it). Sends a partition's batch when it is full.
  // Errors: Unavailable (Redis went away), Internal (Redis refused an XADD,
  // with its message).
  absl::Status AddLead(absl::string_view lead_id, absl::string_view line);
  absl::Status AddEvent(absl::string_view lead_id, absl::string_view line);

  // Sends everything buffered. Errors as AddLead.
  absl::Status Flush();

  uint64_t published() const;  // entries Redis has accepted

 private:
  struct Impl;
  explicit Publisher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace leadscore

#endif  // LEADSCORE_WORKER_PUBLISHER_H_
