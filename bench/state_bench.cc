// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Lead state size and persistence speed on the bundled B2B model and sample
// data (examples/): every sample lead's events applied in time order with
// ScorerOptions{16}.
//
//   BM_StateRoundTrip/median   SerializeLeadState + DeserializeLeadState of
//                              the median lead (by serialised size); counters
//                              serialized_bytes, median/p90 serialised and
//                              resident bytes over all sample leads
//   BM_StateSerialize/median   SerializeLeadState alone
//   BM_StateDeserialize/median DeserializeLeadState alone
//   BM_ReadLeadStateInfo/median
//
// The figures are in docs/performance.md ("State size"); the bounds on them
// are asserted by tests/core/state_size_test.cc.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "leadscore/leadscore.h"
#include "leadscore/state_io.h"
#include "support/b2b_sample.h"

namespace {

std::string SourceDir() {
  if (const char* d = std::getenv("LEADSCORE_SOURCE_DIR")) return d;
  std::string f = __FILE__;  // .../bench/state_bench.cc
  const size_t slash = f.rfind('/');
  return (slash == std::string::npos ? std::string(".") : f.substr(0, slash)) + "/..";
}

struct Fixture {
  leadscore_test::B2bSample sample;
  std::unique_ptr<leadscore::Scorer> scorer;
  leadscore_test::StateSizeFigures figures;
  std::string median_bytes;
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    x->sample = leadscore_test::LoadB2bSample(SourceDir());
    x->scorer = std::make_unique<leadscore::Scorer>(x->sample.model,
                                                    leadscore::ScorerOptions{16});
    x->figures = leadscore_test::MeasureStateSizes(*x->scorer, x->sample);
    x->median_bytes = leadscore::SerializeLeadState(
        *x->scorer,
        leadscore_test::StateOfSampleLead(*x->scorer, x->sample, x->figures.median_lead));
    return x;
  }();
  return *f;
}

void Counters(benchmark::State& state, const Fixture& f) {
  state.counters["serialized_bytes"] = static_cast<double>(f.median_bytes.size());
  state.counters["median_serialized"] = static_cast<double>(f.figures.median_serialized);
  state.counters["p90_serialized"] = static_cast<double>(f.figures.p90_serialized);
  state.counters["median_resident"] = static_cast<double>(f.figures.median_resident);
  state.counters["p90_resident"] = static_cast<double>(f.figures.p90_resident);
}

void BM_StateRoundTrip(benchmark::State& state) {
  const Fixture& f = Get();
  leadscore::LeadState lead_state = *leadscore::DeserializeLeadState(*f.scorer, f.median_bytes);
  for (auto _ : state) {
    std::string bytes = leadscore::SerializeLeadState(*f.scorer, lead_state);
    auto back = leadscore::DeserializeLeadState(*f.scorer, bytes);
    if (!back.ok()) std::abort();
    lead_state = *std::move(back);
    benchmark::DoNotOptimize(lead_state);
  }
  Counters(state, f);
}
BENCHMARK(BM_StateRoundTrip)->Name("BM_StateRoundTrip/median");

void BM_StateSerialize(benchmark::State& state) {
  const Fixture& f = Get();
  const leadscore::LeadState lead_state =
      *leadscore::DeserializeLeadState(*f.scorer, f.median_bytes);
  for (auto _ : state) {
    std::string bytes = leadscore::SerializeLeadState(*f.scorer, lead_state);
    benchmark::DoNotOptimize(bytes);
  }
  Counters(state, f);
}
BENCHMARK(BM_StateSerialize)->Name("BM_StateSerialize/median");

void BM_StateDeserialize(benchmark::State& state) {
  const Fixture& f = Get();
  for (auto _ : state) {
    auto back = leadscore::DeserializeLeadState(*f.scorer, f.median_bytes);
    benchmark::DoNotOptimize(back);
  }
  Counters(state, f);
}
BENCHMARK(BM_StateDeserialize)->Name("BM_StateDeserialize/median");

void BM_ReadLeadStateInfo(benchmark::State& state) {
  const Fixture& f = Get();
  for (auto _ : state) {
    auto info = leadscore::ReadLeadStateInfo(f.median_bytes);
    benchmark::DoNotOptimize(info);
  }
}
BENCHMARK(BM_ReadLeadStateInfo)->Name("BM_ReadLeadStateInfo/median");

}  // namespace

BENCHMARK_MAIN();
