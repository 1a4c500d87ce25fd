// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The store layer's Commit (docs/live-scoring.md, "Stores"): what the live
// apply loop pays per batch.
//
//   BM_StoreCommit/backend:B/batch:N/history:H/sync:S
//       one iteration = one Commit of N state upserts (400-byte states, over a
//       population of 100,000 leads so most are updates after the first
//       pass), one position, N/100 outbox entries, and, when H=1, N history
//       rows (200-byte payloads) with count retention 50. B: 0 SQLite (a
//       file in $TMPDIR), 1 PostgreSQL (LEADSCORE_PG_URL; skipped when
//       unset). S=1: SQLite synchronous=FULL. Counter: rows_per_s (state
//       upserts per second); Time is per batch.
//   BM_StoreGetStates/backend:B/batch:N
//       one GetStates of N ids (all present).
//
// Run briefly, e.g.
//   LEADSCORE_PG_URL=$(scripts/pg_cluster.sh url) build/store_bench --benchmark_min_time=0.2

#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "leadscore/store/state_store.h"

namespace leadscore {
namespace {

constexpr int kPopulation = 100000;

std::string TempDir() {
  static const std::string dir = [] {
    std::string tmpl = absl::StrCat(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp",
                                    "/leadscore-store-bench.XXXXXX");
    if (mkdtemp(tmpl.data()) == nullptr) std::abort();
    return tmpl;
  }();
  return dir;
}

// A fresh store per benchmark run; nullptr (and SkipWithError) if none.
std::unique_ptr<StateStore> OpenBenchStore(benchmark::State& state, int backend, bool history,
                                           bool sync) {
  static int counter = 0;
  std::string url;
  if (backend == 0) {
    url = absl::StrCat("sqlite:", TempDir(), "/bench", ++counter, ".db");
  } else {
    const char* pg = std::getenv("LEADSCORE_PG_URL");
    if (pg == nullptr || *pg == '\0') {
      state.SkipWithError("LEADSCORE_PG_URL not set");
      return nullptr;
    }
    // A schema of its own: options=-csearch_path.
    url = pg;
    const std::string schema = absl::StrCat("leadscore_bench_", getpid(), "_", ++counter);
    url += absl::StrCat(url.find('?') == std::string::npos ? "?" : "&",
                        "options=-csearch_path%3D", schema);
    const std::string create = absl::StrCat("psql -q -X \"", pg, "\" -c 'CREATE SCHEMA ", schema,
                                            "' >/dev/null 2>&1");
    if (std::system(create.c_str()) != 0) {
      state.SkipWithError("cannot create a schema with psql");
      return nullptr;
    }
  }
  StoreOptions options;
  options.keep_history = history;
  options.history_count = 50;
  options.sync_every_commit = sync;
  auto store = OpenStateStore(url, options);
  if (!store.ok()) {
    state.SkipWithError(std::string(store.status().message()).c_str());
    return nullptr;
  }
  return std::move(*store);
}

std::vector<std::string> LeadIds() {
  std::vector<std::string> ids;
  ids.reserve(kPopulation);
  for (int i = 0; i < kPopulation; ++i) ids.push_back(absl::StrCat("lead-", i * 7919 % kPopulation));
  return ids;
}

void BM_StoreCommit(benchmark::State& state) {
  const int backend = static_cast<int>(state.range(0));
  const int n = static_cast<int>(state.range(1));
  const bool history = state.range(2) != 0;
  const bool sync = state.range(3) != 0;
  auto store = OpenBenchStore(state, backend, history, sync);
  if (store == nullptr) return;
  static const std::vector<std::string> ids = LeadIds();
  const std::string bytes(400, '\x5a');
  const std::string event(200, 'e');
  uint64_t offset = 0;
  size_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    StoreBatch b;
    b.states.reserve(n);
    for (int i = 0; i < n; ++i) {
      const std::string& id = ids[next++ % ids.size()];
      b.states.push_back({id, bytes});
      if (history) b.history.push_back({id, absl::FromUnixSeconds(1700000000 + next), event});
      if (i % 100 == 0) b.outbox.push_back({0, id, "{\"transition\":\"mql\"}"});
    }
    offset += n;
    b.positions = {{"events.jsonl", offset}};
    state.ResumeTiming();
    if (auto s = store->Commit(b); !s.ok()) {
      state.SkipWithError(std::string(s.message()).c_str());
      return;
    }
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * n, benchmark::Counter::kIsRate);
}

void BM_StoreGetStates(benchmark::State& state) {
  const int backend = static_cast<int>(state.range(0));
  const int n = static_cast<int>(state.range(1));
  auto store = OpenBenchStore(state, backend, false, false);
  if (store == nullptr) return;
  static const std::vector<std::string> ids = LeadIds();
  StoreBatch b;
  for (int i = 0; i < kPopulation; ++i) b.states.push_back({ids[i], std::string(400, 'x')});
  if (auto s = store->Commit(b); !s.ok()) {
    state.SkipWithError(std::string(s.message()).c_str());
    return;
  }
  std::vector<std::optional<std::string>> out;
  size_t next = 0;
  for (auto _ : state) {
    const size_t start = (next += n) % (kPopulation - n);
    if (auto s = store->GetStates(absl::MakeConstSpan(ids).subspan(start, n), &out); !s.ok()) {
      state.SkipWithError(std::string(s.message()).c_str());
      return;
    }
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * n, benchmark::Counter::kIsRate);
}

BENCHMARK(BM_StoreCommit)
    ->ArgNames({"backend", "batch", "history", "sync"})
    ->ArgsProduct({{0, 1}, {100, 1000, 10000}, {0, 1}, {0}})
    ->Args({0, 1000, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_StoreGetStates)
    ->ArgNames({"backend", "batch"})
    ->ArgsProduct({{0, 1}, {1000}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace leadscore

BENCHMARK_MAIN();
