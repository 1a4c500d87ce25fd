// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The streaming engine, event at a time: Scorer::Apply on resident leads
// (rule matching, caps, windows, decay, reclassification), against the naive
// baseline on the same events in the same process; Scorer::Score with and
// without explanation; growth of the per-event cost with a lead's history;
// per-lead memory.
//
// The naive baseline is the reference implementation's streaming host loop
// (tests/support/reference/host_loop.h, reference::HostLoop: the loop a CRM
// developer writes by hand, string-keyed maps, strings compared per event,
// scores recomputed from the counted times at every event), which the oracle
// test also checks against the library and against the reference's
// whole-history scoring. It reads the generated model JSON with its own
// reader and gets its events from ReferenceMaterializer (reference_adapter.h).
//
//   BM_EngineApply/rules:R/leads:N/epl:E/window:W
//       one iteration = fresh states for N leads (Scorer::Start, untimed), then
//       the whole stream of N*E events in time order through Scorer::Apply
//       with ScorerOptions{reorder_window = W}. Each event is materialised
//       from a prebuilt shape and its lead found by id in a flat_hash_map (the
//       host's work: see BM_Harness for its cost). After each engine pass the
//       naive baseline runs the same stream (untimed by the framework, timed
//       on its own CPU clock); counters:
//         ratio_vs_naive     engine events/s / naive events/s (CPU time, same run)
//         engine_eps, naive_eps
//         state_sizeof       sizeof(LeadState)
//         heap_per_lead_start / heap_per_lead_after   mallinfo2 delta / N after
//                            Start, and after the stream
//         naive_heap_per_lead_after
//         rss_mib, peak_rss_mib
//   BM_Harness/...            the host loop without Apply (materialise + find)
//   BM_Score/rules:R/leads:N/explain:X/json:J
//       Scorer::Score of one resident lead (cycling over all) after the
//       stream; json:1 also writes the scorecard with AppendScorecardJson.
//   BM_EngineGrowth/rules:30/leads:100/epl:E
//       100 leads with exactly E events each (10 .. 10,000); counters
//       ns_per_event, late_vs_early (per-event cost of the last 10 % of the
//       stream over the first 10 %: ~1 for O(1) updates), heap_per_lead_after,
//       and ratio_vs_naive for E <= 100.
//
// Before any timing, every fixture checks that the naive baseline and the
// library agree on a sample of leads (scores and total to 1e-6, grades, valid,
// stage, stage_entered_at, labels, funnel), and that every in-order event took
// the O(1) path; it aborts otherwise.
//
// Sizes: LEADSCORE_BENCH_MODE=short|default|full (bench_common.h).

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "reference_adapter.h"
#include "support/reference/host_loop.h"
#include "support/reference/model_json.h"
#include "workload.h"

namespace leadscore_bench {
namespace {

using leadscore::ApplyResult;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Scorer;
using leadscore::ScorerOptions;

constexpr size_t kVerifySample = 2000;  // leads compared with the baseline

// The library's double against the reference's long double: to 1e-6 (the
// workload's scores are tens of points).
bool Near(long double want, double got) {
  return std::fabs(static_cast<double>(want) - got) <= 1e-6;
}

std::string SpecName(const WorkloadSpec& s) {
  return absl::StrCat("rules:", s.rules, "/leads:", s.leads, "/epl:", s.events_per_lead);
}

class EngineFixture {
 public:
  // Builds the workload, runs one engine pass (window 16) and, if `with_naive`,
  // one naive pass, measures memory and verifies the baseline.
  EngineFixture(const WorkloadSpec& spec, bool with_naive, bool growth)
      : spec_(spec), growth_(growth) {
    w_.spec = spec;
    w_.model_json = MakeModelJson(spec.rules);
    w_.leads = MakeLeads(spec.leads, spec.seed);
    w_.shapes = MakeShapes(spec.seed);
    w_.stream = growth ? MakeGrowthStream(spec.leads, spec.events_per_lead, spec.seed)
                       : MakeStream(spec.leads, spec.leads * spec.events_per_lead, spec.seed);
    auto model = leadscore::Model::FromJson(w_.model_json);
    if (!model.ok()) Die(absl::StrCat("generated model does not load: ", model.status().ToString()));
    model_ = *model;
    scorer16_ = std::make_unique<Scorer>(model_, ScorerOptions{16});
    scorer0_ = std::make_unique<Scorer>(model_, ScorerOptions{0});
    index_.reserve(w_.leads.size());
    for (size_t i = 0; i < w_.leads.size(); ++i) {
      index_.emplace(w_.leads[i].id, static_cast<uint32_t>(i));
    }
    mat_ = std::make_unique<EventMaterializer>(w_.shapes, w_.leads);

    const double n = static_cast<double>(w_.leads.size());
    const double h0 = HeapInUse();
    ResetStates(*scorer16_);
    heap_start_ = (HeapInUse() - h0) / n;
    if (EnginePass(*scorer16_, /*check=*/true) != 0) {
      Die(absl::StrCat(SpecName(spec), ": in-order events did not all take the O(1) path"));
    }
    heap_after_ = (HeapInUse() - h0) / n;
    if (with_naive) {
      std::string error;
      std::optional<reference::OModel> ref_model = reference::ModelFromJson(w_.model_json, &error);
      if (!ref_model) Die("the reference cannot read the generated model: " + error);
      const double g0 = HeapInUse();
      naive_ = std::make_unique<reference::HostLoop>(*std::move(ref_model));
      ref_mat_ = std::make_unique<ReferenceMaterializer>(w_.shapes);
      for (const Lead& l : w_.leads) naive_->AddLead(ToReference(l));
      NaivePass();
      naive_heap_after_ = (HeapInUse() - g0) / n;
      Verify();
    }
  }

  const Workload& workload() const { return w_; }
  const Scorer& scorer(size_t window) const { return window == 0 ? *scorer0_ : *scorer16_; }
  reference::HostLoop* naive() { return naive_.get(); }
  std::vector<LeadState>& states() { return states_; }
  bool growth() const { return growth_; }
  const WorkloadSpec& spec() const { return spec_; }
  double heap_start() const { return heap_start_; }
  double heap_after() const { return heap_after_; }
  double naive_heap_after() const { return naive_heap_after_; }

  // Fresh states for every lead (the old ones are freed first).
  void ResetStates(const Scorer& scorer) {
    states_ = std::vector<LeadState>();
    states_.reserve(w_.leads.size());
    for (const Lead& l : w_.leads) {
      auto s = scorer.Start(l);
      if (!s.ok()) Die(absl::StrCat("Start failed: ", s.status().ToString()));
      states_.push_back(*std::move(s));
    }
    states_are_full_ = false;
  }

  // The host loop: materialise, find the lead, Apply. Returns the number of
  // events that did not take the in-order path when `check`. `marks` (if not
  // null) receives the thread CPU time at 10 % and 90 % of the stream.
  size_t EnginePass(const Scorer& scorer, bool check = false, double* marks = nullptr) {
    size_t slow = 0;
    const size_t k = w_.stream.size();
    const size_t m1 = k / 10, m9 = k - k / 10;
    for (size_t i = 0; i < k; ++i) {
      if (marks != nullptr && (i == m1 || i == m9)) marks[i == m1 ? 0 : 1] = ThreadCpuSeconds();
      const leadscore::Event& ev = mat_->Get(w_.stream[i], i);
      const auto it = index_.find(ev.lead_id);
      const uint32_t li = it->second;
      absl::StatusOr<ApplyResult> r = scorer.Apply(w_.leads[li], ev, states_[li]);
      if (!r.ok()) Die(absl::StrCat("Apply failed: ", r.status().ToString()));
      if (check && r->outcome != ApplyResult::Outcome::kApplied) ++slow;
      benchmark::DoNotOptimize(r->outcome);
    }
    states_are_full_ = true;
    return slow;
  }

  // The same events through the naive baseline (the reference's host loop).
  void NaivePass() {
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      if (!naive_->Apply(w_.leads[se.lead].id, ref_mat_->Get(se, i))) {
        Die("naive baseline: unknown lead");
      }
    }
  }

  // The host loop alone.
  void HarnessPass() {
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const leadscore::Event& ev = mat_->Get(w_.stream[i], i);
      const auto it = index_.find(ev.lead_id);
      benchmark::DoNotOptimize(it->second);
      benchmark::DoNotOptimize(&ev);
    }
  }

  // States holding the whole stream under `scorer` (for BM_Score).
  void EnsureFullStates(const Scorer& scorer) {
    if (states_are_full_) return;
    ResetStates(scorer);
    EnginePass(scorer);
  }

  // Library vs baseline on a sample of leads (all of them when few). Needs
  // the states and the baseline to hold the whole stream.
  void Verify() const {
    const absl::Time as_of = AsOfTime();
    const int64_t as_of_ns = absl::ToUnixNanos(as_of);
    const size_t n = w_.leads.size();
    const size_t step = n <= kVerifySample ? 1 : n / kVerifySample;
    size_t checked = 0;
    for (size_t i = 0; i < n; i += step) {
      const Lead& lead = w_.leads[i];
      auto card = scorer16_->Score(lead, states_[i], as_of);
      if (!card.ok()) Die(absl::StrCat("Score failed: ", card.status().ToString()));
      const std::string stage = card->stage.value_or("");
      const reference::OResult want = naive_->Score(lead.id, as_of_ns);
      bool same = card->dimensions.size() == want.scores.size() && card->stage == want.stage &&
                  Near(want.total, card->total);
      std::optional<int64_t> entered;
      if (card->stage_entered_at) entered = absl::ToUnixNanos(*card->stage_entered_at);
      same = same && card->labels == want.labels && entered == want.stage_entered_at &&
             card->funnel == want.funnel && card->valid == want.valid;
      std::string detail;
      for (size_t d = 0; d < card->dimensions.size() && d < want.scores.size(); ++d) {
        same = same && Near(want.scores[d], card->dimensions[d].score) &&
               want.grades[d] == card->dimensions[d].grade;
        absl::StrAppend(&detail, " ", card->dimensions[d].dimension, "=",
                        card->dimensions[d].score, " (naive ",
                        static_cast<double>(want.scores[d]), ")");
      }
      if (!same) {
        Die(absl::StrCat("naive baseline disagrees with the library on ", SpecName(spec_),
                         ", lead ", lead.id, ": total ", card->total, " vs naive ",
                         static_cast<double>(want.total), ", stage '", stage, "' vs naive '",
                         want.stage.value_or(""), "';", detail,
                         ". The ratio_vs_naive would mean nothing: fix the reference "
                         "(tests/support/reference/) or the engine."));
      }
      ++checked;
    }
    std::fprintf(stderr, "[engine_bench] %s: naive baseline agrees with the library on %zu leads\n",
                 SpecName(spec_).c_str(), checked);
  }

 private:
  WorkloadSpec spec_;
  bool growth_;
  Workload w_;
  std::shared_ptr<const leadscore::Model> model_;
  std::unique_ptr<Scorer> scorer16_, scorer0_;
  absl::flat_hash_map<std::string, uint32_t> index_;
  std::unique_ptr<EventMaterializer> mat_;
  std::vector<LeadState> states_;
  bool states_are_full_ = false;
  std::unique_ptr<reference::HostLoop> naive_;
  std::unique_ptr<ReferenceMaterializer> ref_mat_;
  double heap_start_ = 0, heap_after_ = 0, naive_heap_after_ = 0;
};

// One fixture at a time (the largest take GBs); benchmarks are registered so
// that those sharing a workload run one after the other.
std::unique_ptr<EngineFixture> g_fixture;

bool SameSpec(const WorkloadSpec& a, const WorkloadSpec& b) {
  return a.rules == b.rules && a.leads == b.leads && a.events_per_lead == b.events_per_lead &&
         a.seed == b.seed;
}

// Per-lead bytes (engine after the stream, naive after the stream) measured on
// a small population, to refuse sizes that would not fit the memory budget.
struct Estimate {
  double engine = 0, naive = 0;
};
Estimate PilotEstimate(const WorkloadSpec& spec, bool growth) {
  WorkloadSpec pilot = spec;
  pilot.leads = std::min<size_t>(spec.leads, 2000);
  EngineFixture fx(pilot, /*with_naive=*/true, growth);
  return {fx.heap_after(), fx.naive_heap_after()};
}

// The fixture for `spec`, or null with `*why` set when it would exceed the
// memory budget. `with_naive` may be turned off for the largest sizes.
EngineFixture* GetFixture(const WorkloadSpec& spec, bool growth, bool* with_naive,
                          std::string* why) {
  if (g_fixture && SameSpec(g_fixture->spec(), spec) && g_fixture->growth() == growth) {
    *with_naive = g_fixture->naive() != nullptr;
    return g_fixture.get();
  }
  g_fixture.reset();
  TrimHeap();
  if (spec.leads > 100000) {
    const Estimate e = PilotEstimate(spec, growth);
    TrimHeap();
    const double n = static_cast<double>(spec.leads);
    const double fixed = n * 1500.0 + static_cast<double>(spec.leads * spec.events_per_lead) * 16;
    const double budget = MemoryBudgetBytes();
    if (fixed + n * e.engine > budget) {
      *why = absl::StrCat("skipped: needs about ", std::lround((fixed + n * e.engine) / 1e9),
                          " GB (", std::lround(e.engine), " B per lead after the stream), over the ",
                          "budget LEADSCORE_BENCH_MEM_BUDGET_GB=", std::lround(budget / 1073741824.0));
      return nullptr;
    }
    if (*with_naive && fixed + n * (e.engine + e.naive) > budget) {
      std::fprintf(stderr, "[engine_bench] %s: naive baseline left out (memory budget)\n",
                   SpecName(spec).c_str());
      *with_naive = false;
    }
  }
  g_fixture = std::make_unique<EngineFixture>(spec, *with_naive, growth);
  return g_fixture.get();
}

void SetMemoryCounters(benchmark::State& state, const EngineFixture& fx) {
  state.counters["state_sizeof"] = static_cast<double>(sizeof(LeadState));
  state.counters["heap_per_lead_start"] = fx.heap_start();
  state.counters["heap_per_lead_after"] = fx.heap_after();
  if (fx.naive_heap_after() > 0) state.counters["naive_heap_per_lead_after"] = fx.naive_heap_after();
  state.counters["rss_mib"] = RssMiB();
  state.counters["peak_rss_mib"] = PeakRssMiB();
}

void BM_EngineApply(benchmark::State& state, WorkloadSpec spec, size_t window, bool growth) {
  bool with_naive = true;
  if (growth && spec.events_per_lead > 100) with_naive = false;  // naive is O(history)
  std::string why;
  EngineFixture* fx = GetFixture(spec, growth, &with_naive, &why);
  if (fx == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  const Scorer& scorer = fx->scorer(window);
  const double events = static_cast<double>(fx->workload().stream.size());
  double engine_cpu = 0, naive_cpu = 0, early = 0, late = 0;
  int64_t passes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    fx->ResetStates(scorer);
    state.ResumeTiming();
    double marks[2] = {0, 0};
    const double c0 = ThreadCpuSeconds();
    fx->EnginePass(scorer, false, marks);
    const double c1 = ThreadCpuSeconds();
    state.PauseTiming();
    engine_cpu += c1 - c0;
    early += marks[0] - c0;
    late += c1 - marks[1];
    if (with_naive) {
      fx->naive()->ResetEvents();
      const double n0 = ThreadCpuSeconds();
      fx->NaivePass();
      naive_cpu += ThreadCpuSeconds() - n0;
    }
    ++passes;
    state.ResumeTiming();
  }
  const double total = events * static_cast<double>(passes);
  state.SetItemsProcessed(static_cast<int64_t>(total));
  state.counters["events"] = events;
  state.counters["leads"] = static_cast<double>(spec.leads);
  state.counters["engine_eps"] = engine_cpu > 0 ? total / engine_cpu : 0;
  state.counters["ns_per_event"] = total > 0 ? engine_cpu * 1e9 / total : 0;
  if (early > 0) state.counters["late_vs_early"] = late / early;
  if (with_naive && naive_cpu > 0) {
    state.counters["naive_eps"] = total / naive_cpu;
    state.counters["ratio_vs_naive"] = naive_cpu / engine_cpu;
  }
  SetMemoryCounters(state, *fx);
}

void BM_Harness(benchmark::State& state, WorkloadSpec spec) {
  bool with_naive = false;
  std::string why;
  EngineFixture* fx = GetFixture(spec, false, &with_naive, &why);
  if (fx == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  for (auto _ : state) fx->HarnessPass();
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(fx->workload().stream.size()));
}

void BM_Score(benchmark::State& state, WorkloadSpec spec, bool explain, bool json) {
  bool with_naive = true;
  std::string why;
  EngineFixture* fx = GetFixture(spec, false, &with_naive, &why);
  if (fx == nullptr) {
    state.SkipWithError(why.c_str());
    return;
  }
  const Scorer& scorer = fx->scorer(16);
  fx->EnsureFullStates(scorer);
  const auto& leads = fx->workload().leads;
  auto& states = fx->states();
  const absl::Time as_of = AsOfTime();
  leadscore::ScoreOptions options;
  options.explain = explain;
  std::string out;
  int64_t bytes = 0;
  size_t i = 0;
  for (auto _ : state) {
    auto card = scorer.Score(leads[i], states[i], as_of, options);
    if (!card.ok()) Die(card.status().ToString());
    if (json) {
      out.clear();
      leadscore::AppendScorecardJson(*card, explain, &out);
      bytes += static_cast<int64_t>(out.size());
    }
    benchmark::DoNotOptimize(card->total);
    if (++i == leads.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  if (json) state.SetBytesProcessed(bytes);
}

void RegisterApply(int rules, size_t leads, size_t epl, size_t window) {
  const WorkloadSpec spec{rules, leads, epl, 1};
  benchmark::RegisterBenchmark(
      absl::StrCat("BM_EngineApply/", SpecName(spec), "/window:", window).c_str(),
      BM_EngineApply, spec, window, false)
      ->Unit(benchmark::kMillisecond);
}

void RegisterScore(int rules, size_t leads, size_t epl) {
  const WorkloadSpec spec{rules, leads, epl, 1};
  for (int explain = 0; explain <= 1; ++explain) {
    for (int json = 0; json <= 1; ++json) {
      benchmark::RegisterBenchmark(
          absl::StrCat("BM_Score/", SpecName(spec), "/explain:", explain, "/json:", json).c_str(),
          BM_Score, spec, explain != 0, json != 0);
    }
  }
}

void RegisterHarness(int rules, size_t leads, size_t epl) {
  const WorkloadSpec spec{rules, leads, epl, 1};
  benchmark::RegisterBenchmark(absl::StrCat("BM_Harness/", SpecName(spec)).c_str(), BM_Harness,
                               spec)
      ->Unit(benchmark::kMillisecond);
}

void RegisterGrowth(size_t epl) {
  const WorkloadSpec spec{30, 100, epl, 1};
  benchmark::RegisterBenchmark(absl::StrCat("BM_EngineGrowth/", SpecName(spec)).c_str(),
                               BM_EngineApply, spec, size_t{16}, true)
      ->Unit(benchmark::kMillisecond);
}

int RegisterAll() {
  ConfigureMalloc();
  const Mode mode = BenchMode();
  // Rules sweep at 1 k leads; the 30-rule model is the reference.
  for (int rules : {30, 10, 200}) {
    RegisterApply(rules, 1000, 20, 16);
    if (rules == 30) {
      RegisterApply(30, 1000, 20, 0);
      RegisterHarness(30, 1000, 20);
      RegisterScore(30, 1000, 20);
    }
  }
  if (mode != Mode::kShort) {
    RegisterApply(10, 100000, 20, 16);
    RegisterApply(30, 100000, 20, 16);
    RegisterApply(30, 100000, 20, 0);
    RegisterHarness(30, 100000, 20);
    RegisterScore(30, 100000, 20);
  }
  if (mode == Mode::kFull) {
    RegisterApply(200, 100000, 20, 16);
    RegisterApply(30, 1000000, 20, 16);
    RegisterHarness(30, 1000000, 20);
    RegisterScore(30, 1000000, 20);
  }
  std::vector<size_t> growth = {10, 100, 1000};
  if (mode != Mode::kShort) growth.push_back(10000);
  for (size_t epl : growth) RegisterGrowth(epl);
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace leadscore_bench

BENCHMARK_MAIN();
