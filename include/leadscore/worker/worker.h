// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Worker: scores leads from Redis Streams, one of several processes on one or
// more machines (docs/scale-out.md). Events and lead records reach P
// partition streams (Publisher, `leadscore publish`); each partition is owned
// by one worker at a time through a lease with a fencing token, so one lead's
// entries are applied in stream order by one process. A worker
//
//  - registers with a heartbeat and aims at ceil(P / live workers)
//    partitions: it takes free leases and gives up extra ones, so adding a
//    worker spreads the load and the survivors take a dead worker's
//    partitions once its lease expires;
//  - on each partition it owns, reads a batch (first every pending entry of
//    the consumer group, a former owner's included, in id order; then new
//    ones), applies it in memory to the lead states read from Redis
//    (Scorer::Apply with SourcePosition{events key, StreamEntryOffset(id)}),
//    and commits it with one Lua script: the lease still ours, the changed
//    states and lead records written, the transitions and the dead letters
//    appended, the entries acknowledged. Killed before the script, the next
//    owner applies the entries again on the unchanged states; after it,
//    nothing is left to do. Exactly once.
//
// Lead records update the lead (Scorer::UpdateLead when it has a state); an
// event of a lead without a record, a bad line, a refused or too-late event
// and a lead update that would need the lead's history go to the partition's
// `rejected` stream with the reason: nothing is dropped silently.
//
// Example:
//
//   leadscore::WorkerOptions o;
//   o.redis_url = "redis://127.0.0.1:6379";
//   o.partitions = 8;
//   std::atomic<bool> stop{false};  // set from a SIGTERM handler
//   auto worker = leadscore::Worker::Create(scorer, o, [](absl::string_view line) {
//     std::fprintf(stderr, "%.*s\n", (int)line.size(), line.data()); });
//   absl::Status s = (*worker)->Run(stop);

#ifndef LEADSCORE_WORKER_WORKER_H_
#define LEADSCORE_WORKER_WORKER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "leadscore/scorer.h"

namespace leadscore {

struct WorkerOptions {
  std::string redis_url;             // ParseRedisUrl's forms
  std::string prefix = "leadscore:";  // of every key (PartitionKeys)
  uint32_t partitions = 8;           // fixed for a deployment's life
  std::string group = "leadscore";   // the consumer group
  std::string worker_id;             // default: host name and process id
  size_t batch = 500;                // entries per batch and commit
  // A lease not renewed for this long is free for another worker; renewed
  // every third of it. Also how long a dead worker is counted as live.
  absl::Duration lease_ttl = absl::Seconds(10);
  absl::Duration metrics_every = absl::Seconds(10);  // a metrics line; 0: none
  // Redis unreachable or failing: retries after 100 ms, doubling up to
  // max_backoff; Run returns Unavailable once it has failed for
  // give_up_after (0: never).
  absl::Duration max_backoff = absl::Seconds(5);
  absl::Duration give_up_after = absl::Minutes(5);
  // Leads kept in memory between batches, per lease (what this worker last
  // committed, so a lead read once is not read again while the worker owns
  // its partition; dropped with the lease and after a failed commit). Past
  // this count the cache starts again empty. 0: read every lead every time.
  size_t cache_leads = 100'000;
  // Trim each input stream below the last acknowledged entry when nothing is
  // pending (entries are never needed again once acknowledged).
  bool trim = true;
};

struct WorkerStats {
  uint64_t entries = 0;          // stream entries committed
  uint64_t applied = 0;          // events applied or merged
  uint64_t already_applied = 0;  // duplicates and re-deliveries, ignored
  uint64_t leads = 0;            // lead records added or changed
  uint64_t rejected = 0;         // dead letters
  uint64_t transitions = 0;
  uint64_t batches = 0;
  uint64_t reclaimed = 0;        // entries taken over from another consumer
  uint64_t leases_taken = 0;
};

class Worker {
 public:
  // `log` receives one line at a time (no newline): leases taken and lost,
  // Redis errors and retries, metrics. InvalidArgument for bad options (the
  // URL, 0 partitions or more than kMaxPartitions, an empty prefix or group,
  // a batch of 0, a lease under 100 ms).
  static absl::StatusOr<std::unique_ptr<Worker>> Create(
      Scorer scorer, WorkerOptions options, std::function<void(absl::string_view)> log);
  ~Worker();

  // Works until `stop` becomes true, then finishes the batch in hand, gives
  // up its leases and leaves (OK). Errors: Unavailable when Redis stayed
  // unreachable for give_up_after; FailedPrecondition when Redis refuses the
  // credentials or a stored state belongs to another model (run the worker
  // with the model the states were written under).
  absl::Status Run(const std::atomic<bool>& stop);

  const WorkerStats& stats() const;

 private:
  struct Impl;
  explicit Worker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace leadscore

#endif  // LEADSCORE_WORKER_WORKER_H_
