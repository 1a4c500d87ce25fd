// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// JSON Lines ingest end to end and batch scoring across threads.
//
//   BM_IngestJsonl/rules:R/leads:N/epl:E
//       in-memory leads.jsonl + events.jsonl (bench/workload.h) -> split lines
//       -> ParseLeadJson + BatchScorer::AddLead -> ParseEventJson +
//       BatchScorer::AddEvent -> BatchScorer::Score (1 thread) -> scorecards
//       written with AppendScorecardJson into a reused 1 MB buffer. What the
//       CLI does minus file I/O. bytes/s = input JSONL bytes, items/s = events.
//       Counters: parse_share (CPU time of parsing the same lines and dropping
//       the results, measured untimed in the same iteration, over the
//       end-to-end CPU time), peak_rss_mib.
//   BM_ParseEventJson/...   ParseEventJson alone over events.jsonl.
//   BM_BatchScore/rules:R/leads:N/epl:E/threads:T
//       BatchScorer::Score with BatchOptions{threads = T} on a scorer already
//       filled (untimed). Wall time. For T > 1 the same scorer is also run with
//       1 thread in each iteration and `speedup_vs_1_thread` is the ratio of
//       the two wall times (same run, so machine noise mostly cancels).
//       serial_prep_share: with 1 thread, the time to the first scorecard
//       (grouping and sorting the events, done serially on every Score) over
//       the whole Score: the part threads cannot speed up.
//
// Sizes: LEADSCORE_BENCH_MODE=short|default|full (bench_common.h).

#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "bench_common.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/io/jsonl.h"
#include "workload.h"

namespace leadscore_bench {
namespace {

std::string SpecName(const WorkloadSpec& s) {
  return absl::StrCat("rules:", s.rules, "/leads:", s.leads, "/epl:", s.events_per_lead);
}

// Calls f(line) for each non-empty line of `text`.
template <typename F>
void ForEachLine(const std::string& text, F&& f) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* stop = nl == nullptr ? end : nl;
    if (stop > p) f(absl::string_view(p, static_cast<size_t>(stop - p)));
    p = stop + 1;
  }
}

struct IngestFixture {
  WorkloadSpec spec;
  std::shared_ptr<const leadscore::Model> model;
  std::string leads_jsonl, events_jsonl;
  size_t events = 0;
  std::unique_ptr<leadscore::BatchScorer> filled;  // for BM_BatchScore
};

std::unique_ptr<IngestFixture> g_fixture;

IngestFixture* GetFixture(const WorkloadSpec& spec) {
  if (g_fixture && g_fixture->spec.rules == spec.rules && g_fixture->spec.leads == spec.leads &&
      g_fixture->spec.events_per_lead == spec.events_per_lead) {
    return g_fixture.get();
  }
  g_fixture.reset();
  TrimHeap();
  auto fx = std::make_unique<IngestFixture>();
  fx->spec = spec;
  auto model = leadscore::Model::FromJson(MakeModelJson(spec.rules));
  if (!model.ok()) Die(model.status().ToString());
  fx->model = *model;
  {
    const std::vector<leadscore::Lead> leads = MakeLeads(spec.leads, spec.seed);
    const std::vector<EventShape> shapes = MakeShapes(spec.seed);
    const std::vector<StreamEvent> stream =
        MakeStream(spec.leads, spec.leads * spec.events_per_lead, spec.seed);
    fx->leads_jsonl = LeadsJsonl(leads);
    fx->events_jsonl = EventsJsonl(stream, shapes, leads);
    fx->events = stream.size();
  }
  g_fixture = std::move(fx);
  return g_fixture.get();
}

// Parses and adds every line; dies on a bad line (the generator's output must
// be valid).
void Fill(const IngestFixture& fx, leadscore::BatchScorer* batch) {
  ForEachLine(fx.leads_jsonl, [&](absl::string_view line) {
    absl::StatusOr<leadscore::Lead> lead = leadscore::ParseLeadJson(line);
    if (!lead.ok()) Die(absl::StrCat("bad lead line: ", lead.status().ToString()));
    absl::Status s = batch->AddLead(*std::move(lead));
    if (!s.ok()) Die(s.ToString());
  });
  ForEachLine(fx.events_jsonl, [&](absl::string_view line) {
    absl::StatusOr<leadscore::Event> event = leadscore::ParseEventJson(line);
    if (!event.ok()) Die(absl::StrCat("bad event line: ", event.status().ToString()));
    absl::Status s = batch->AddEvent(*event);
    if (!s.ok()) Die(s.ToString());
  });
}

// Parses every line and drops the result.
void ParseOnly(const IngestFixture& fx) {
  ForEachLine(fx.leads_jsonl, [&](absl::string_view line) {
    absl::StatusOr<leadscore::Lead> lead = leadscore::ParseLeadJson(line);
    benchmark::DoNotOptimize(lead.ok());
  });
  ForEachLine(fx.events_jsonl, [&](absl::string_view line) {
    absl::StatusOr<leadscore::Event> event = leadscore::ParseEventJson(line);
    benchmark::DoNotOptimize(event.ok());
  });
}

leadscore::BatchScorer NewBatch(const IngestFixture& fx) {
  auto batch = leadscore::BatchScorer::Create(fx.model, AsOfTime());
  if (!batch.ok()) Die(batch.status().ToString());
  return *std::move(batch);
}

void BM_IngestJsonl(benchmark::State& state, WorkloadSpec spec) {
  IngestFixture* fx = GetFixture(spec);
  std::string out;
  out.reserve(1 << 21);
  double parse_cpu = 0, total_cpu = 0;
  size_t cards = 0;
  for (auto _ : state) {
    const double c0 = ThreadCpuSeconds();
    leadscore::BatchScorer batch = NewBatch(*fx);
    Fill(*fx, &batch);
    if (batch.event_count() != fx->events || batch.unknown_lead_events() != 0) {
      Die("ingest: events lost");
    }
    leadscore::BatchOptions options;
    batch.Score(options, [&](const leadscore::Scorecard& card) {
      leadscore::AppendScorecardJson(card, false, &out);
      out.push_back('\n');
      if (out.size() > (1 << 20)) out.clear();
      ++cards;
    });
    total_cpu += ThreadCpuSeconds() - c0;
    // Where the time goes: the same lines parsed and dropped (untimed).
    state.PauseTiming();
    const double p0 = ThreadCpuSeconds();
    ParseOnly(*fx);
    parse_cpu += ThreadCpuSeconds() - p0;
    state.ResumeTiming();
  }
  const int64_t bytes = static_cast<int64_t>(fx->leads_jsonl.size() + fx->events_jsonl.size());
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(fx->events));
  state.counters["input_mb"] = static_cast<double>(bytes) / 1e6;
  state.counters["parse_share"] = total_cpu > 0 ? parse_cpu / total_cpu : 0;
  state.counters["scorecards"] = static_cast<double>(cards) / static_cast<double>(state.iterations());
  state.counters["peak_rss_mib"] = PeakRssMiB();
}

void BM_ParseEventJson(benchmark::State& state, WorkloadSpec spec) {
  IngestFixture* fx = GetFixture(spec);
  for (auto _ : state) {
    ForEachLine(fx->events_jsonl, [&](absl::string_view line) {
      absl::StatusOr<leadscore::Event> event = leadscore::ParseEventJson(line);
      if (!event.ok()) Die(event.status().ToString());
      benchmark::DoNotOptimize(event->at);
    });
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(fx->events_jsonl.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(fx->events));
}

// Wall time of one Score; `*first` (if not null) gets the time to the first
// scorecard: with 1 thread, that is the serial preparation (grouping and
// sorting the events) plus one lead.
double ScoreWall(leadscore::BatchScorer* batch, int threads, double* first = nullptr) {
  leadscore::BatchOptions options;
  options.threads = threads;
  double sum = 0;
  double first_at = 0;
  const double t0 = WallSeconds();
  batch->Score(options, [&](const leadscore::Scorecard& card) {
    if (first_at == 0) first_at = WallSeconds();
    sum += card.total;
  });
  const double t1 = WallSeconds();
  benchmark::DoNotOptimize(sum);
  if (first != nullptr) *first = first_at - t0;
  return t1 - t0;
}

void BM_BatchScore(benchmark::State& state, WorkloadSpec spec, int threads) {
  IngestFixture* fx = GetFixture(spec);
  if (!fx->filled) {
    fx->filled = std::make_unique<leadscore::BatchScorer>(NewBatch(*fx));
    Fill(*fx, fx->filled.get());
    ScoreWall(fx->filled.get(), 1);  // first Score sorts the events
  }
  double wall_t = 0, wall_1 = 0, prep = 0;
  for (auto _ : state) {
    double first = 0;
    const double w = ScoreWall(fx->filled.get(), threads, &first);
    state.SetIterationTime(w);
    wall_t += w;
    if (threads == 1) prep += first;
    if (threads > 1) {
      state.PauseTiming();
      wall_1 += ScoreWall(fx->filled.get(), 1, &first);
      prep += first;
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(fx->events));
  state.counters["leads_per_second"] = benchmark::Counter(
      static_cast<double>(spec.leads), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["threads"] = threads;
  const double base = threads > 1 ? wall_1 : wall_t;
  if (base > 0) state.counters["serial_prep_share"] = prep / base;
  if (threads > 1 && wall_t > 0) state.counters["speedup_vs_1_thread"] = wall_1 / wall_t;
}

void RegisterSize(int rules, size_t leads, size_t epl) {
  const WorkloadSpec spec{rules, leads, epl, 1};
  const std::string name = SpecName(spec);
  benchmark::RegisterBenchmark(absl::StrCat("BM_IngestJsonl/", name).c_str(), BM_IngestJsonl, spec)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(absl::StrCat("BM_ParseEventJson/", name).c_str(),
                               BM_ParseEventJson, spec)
      ->Unit(benchmark::kMillisecond);
  for (int threads : {1, 2}) {
    benchmark::RegisterBenchmark(absl::StrCat("BM_BatchScore/", name, "/threads:", threads).c_str(),
                                 BM_BatchScore, spec, threads)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime();
  }
}

int RegisterAll() {
  ConfigureMalloc();
  const Mode mode = BenchMode();
  RegisterSize(30, 1000, 20);
  if (mode != Mode::kShort) RegisterSize(30, 100000, 10);
  if (mode == Mode::kFull) RegisterSize(30, 1000000, 10);
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace leadscore_bench

BENCHMARK_MAIN();
