// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The host loop of BM_EngineApply (bench/engine_bench.cc) as a plain program,
// for profilers: valgrind's callgrind counts the instructions of
// ApplyStream() alone (scripts/profile.sh), perf samples it without Google
// Benchmark's machinery around it. Same workload (bench/workload.h).
//
//   profile_apply [--rules R] [--leads N] [--epl E] [--window W] [--passes P]
//
// Each pass starts fresh states for every lead (not in ApplyStream), then
// applies the whole time-ordered stream. Prints the best wall time per event
// over the passes after the first (which touches fresh memory).

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/clock.h"
#include "leadscore/leadscore.h"
#include "workload.h"

namespace {

using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Scorer;
using leadscore_bench::EventMaterializer;
using leadscore_bench::StreamEvent;

struct Host {
  const Scorer* scorer;
  const std::vector<Lead>* leads;
  const std::vector<StreamEvent>* stream;
  absl::flat_hash_map<std::string, uint32_t> index;
  EventMaterializer* mat;
};

// What a host does per event: materialise it, find its lead, Apply.
__attribute__((noinline)) bool ApplyStream(Host& h, std::vector<LeadState>& states) {
  const std::vector<StreamEvent>& stream = *h.stream;
  for (size_t i = 0; i < stream.size(); ++i) {
    const leadscore::Event& ev = h.mat->Get(stream[i], i);
    const uint32_t li = h.index.find(ev.lead_id)->second;
    if (!h.scorer->Apply((*h.leads)[li], ev, states[li]).ok()) return false;
  }
  return true;
}

size_t Flag(int argc, char** argv, const char* name, size_t fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::strtoull(argv[i + 1], nullptr, 10);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  // As the benchmarks do: keep freed heap for reuse between passes.
  mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  const int rules = static_cast<int>(Flag(argc, argv, "--rules", 30));
  const size_t leads = Flag(argc, argv, "--leads", 1000);
  const size_t epl = Flag(argc, argv, "--epl", 20);
  const size_t window = Flag(argc, argv, "--window", 16);
  const size_t passes = Flag(argc, argv, "--passes", 5);

  auto model = leadscore::Model::FromJson(leadscore_bench::MakeModelJson(rules));
  if (!model.ok()) {
    std::fprintf(stderr, "profile_apply: %s\n", model.status().ToString().c_str());
    return 1;
  }
  const std::vector<Lead> lead_list = leadscore_bench::MakeLeads(leads, 1);
  const auto shapes = leadscore_bench::MakeShapes(1);
  const std::vector<StreamEvent> stream = leadscore_bench::MakeStream(leads, leads * epl, 1);
  const Scorer scorer(*model, leadscore::ScorerOptions{window});
  EventMaterializer mat(shapes, lead_list);
  Host host{&scorer, &lead_list, &stream, {}, &mat};
  for (size_t i = 0; i < lead_list.size(); ++i) {
    host.index.emplace(lead_list[i].id, static_cast<uint32_t>(i));
  }

  double best = 0;
  for (size_t p = 0; p < passes; ++p) {
    std::vector<LeadState> states;
    states.reserve(lead_list.size());
    for (const Lead& l : lead_list) states.push_back(*scorer.Start(l));
    const absl::Time t0 = absl::Now();
    if (!ApplyStream(host, states)) {
      std::fprintf(stderr, "profile_apply: Apply failed\n");
      return 1;
    }
    const double ns = absl::ToDoubleNanoseconds(absl::Now() - t0) / stream.size();
    if (p == 1 || (p > 1 && ns < best) || passes == 1) best = ns;
  }
  std::printf("rules %d, leads %zu, events %zu, window %zu: %.1f ns/event\n", rules, leads,
              stream.size(), window, best);
  return 0;
}
