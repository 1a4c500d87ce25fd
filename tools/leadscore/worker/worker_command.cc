// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore worker: one Redis Streams worker process (Worker;
// docs/scale-out.md). Runs until SIGTERM or SIGINT, then finishes its batch,
// gives up its leases and exits 0.

#include <csignal>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "leadscore/scorer.h"
#include "leadscore/worker/worker.h"
#include "messages.h"
#include "worker/worker_util.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore worker --model M --redis URL [--partitions N] [--prefix P]\n"
    "                        [--group G] [--id NAME] [--batch N] [--window N]\n"
    "                        [--lease-ms N] [--metrics-seconds N] [--give-up-seconds N]\n"
    "                        [--max-backoff-ms N] [--cache-leads N] [--no-trim]\n";

constexpr char kDescription[] =
    "Scores the events of the partition streams `leadscore publish` fills, together with any "
    "number of other workers: each partition is leased to one worker at a time, a batch is "
    "applied and committed (states, lead records, transitions, dead letters, "
    "acknowledgements) by one Lua script, exactly once. Logs leases, Redis errors and a "
    "metrics line (events/s, lag, pending) on stderr. SIGTERM or SIGINT: finishes the "
    "batch, releases the leases, exits 0. See docs/scale-out.md.";

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

}  // namespace

int RunWorker(int argc, char** argv) {
  CommandLine cl("worker", kSynopsis, kDescription);
  RedisArgs r;
  std::optional<std::string> model_path, group, id;
  WorkerOptions o;
  size_t window = 16;
  int64_t lease_ms = 10000, metrics_s = 10, give_up_s = 300, backoff_ms = 5000;
  bool no_trim = false;
  AddRedisOptions(&cl, &r);
  cl.Text("model", "M", "the model file (JSON)", &model_path);
  cl.Text("group", "G", "the consumer group (default leadscore)", &group);
  cl.Text("id", "NAME", "this worker's name (default: host name and process id)", &id);
  cl.Whole<size_t>("batch", 1, 100000, "entries per batch and commit (default 500)", &o.batch);
  cl.Whole<size_t>("window", 0, 4096, "the reorder window (default 16; fixed per deployment)",
                   &window);
  cl.Whole<int64_t>("lease-ms", 100, 3600000,
                    "a partition's lease, renewed every third of it (default 10000)", &lease_ms);
  cl.Whole<int64_t>("metrics-seconds", 0, 86400, "a metrics line every N s (default 10; 0: none)",
                    &metrics_s);
  cl.Whole<int64_t>("give-up-seconds", 0, 86400 * 365,
                    "exit 1 when Redis has failed this long (default 300; 0: never)", &give_up_s);
  cl.Whole<int64_t>("max-backoff-ms", 100, 600000,
                    "the longest pause between retries (default 5000)", &backoff_ms);
  cl.Whole<size_t>("cache-leads", 0, 100000000,
                   "leads kept in memory between batches (default 100000; 0: none)",
                   &o.cache_leads);
  cl.Switch("no-trim", "keep acknowledged entries in the input streams", &no_trim);
  cl.Require({"model"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (group && group->empty()) return cl.UsageError("--group must not be empty");
  const std::shared_ptr<const Model> model = LoadModel(*model_path);
  if (model == nullptr) return kExitBadInput;
  o.redis_url = *r.redis;
  o.prefix = r.prefix;
  o.partitions = r.partitions;
  if (group) o.group = *group;
  if (id) o.worker_id = *id;
  o.lease_ttl = absl::Milliseconds(lease_ms);
  o.metrics_every = absl::Seconds(metrics_s);
  o.give_up_after = absl::Seconds(give_up_s);
  o.max_backoff = absl::Milliseconds(backoff_ms);
  o.trim = !no_trim;
  absl::StatusOr<std::unique_ptr<Worker>> worker = Worker::Create(
      Scorer(model, ScorerOptions{window}), o, [](absl::string_view line) {
        std::fprintf(stderr, "%s\n", Printable(line).c_str());
        std::fflush(stderr);
      });
  if (!worker.ok()) return RedisFailed("worker", *r.redis, worker.status());
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  absl::Status s = (*worker)->Run(g_stop);
  if (!s.ok()) return RedisFailed("worker", *r.redis, s);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
