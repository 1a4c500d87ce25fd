// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model load + compile (Model::FromJson: parse, validate, compile) and
// Scorer::Start (attribute rules, state sizing).
//
//   BM_ModelCompile/rules:R       generated model (bench/workload.h), R = 10,
//                                 30, 200, 1000; bytes/s of model JSON,
//                                 items/s = rules/s, us_per_rule
//   BM_ModelCompile/file:NAME     the bundled examples/models/NAME.json
//   BM_Start/rules:R              Scorer::Start for generated leads (cycling
//                                 over 1,000); items/s = leads/s;
//                                 heap_per_state (mallinfo2 delta)

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench_common.h"
#include "leadscore/leadscore.h"
#include "workload.h"

namespace leadscore_bench {
namespace {

void BM_ModelCompile(benchmark::State& state, std::string json, int rules) {
  double cpu = 0;
  for (auto _ : state) {
    const double c0 = ThreadCpuSeconds();
    auto model = leadscore::Model::FromJson(json);
    cpu += ThreadCpuSeconds() - c0;
    if (!model.ok()) Die(absl::StrCat("model does not load: ", model.status().ToString()));
    benchmark::DoNotOptimize(model->get());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(json.size()));
  state.SetItemsProcessed(state.iterations() * rules);
  state.counters["json_bytes"] = static_cast<double>(json.size());
  state.counters["rules"] = rules;
  // The model is destroyed inside the loop too; this counter leaves that out.
  state.counters["us_per_rule"] =
      cpu * 1e6 / (static_cast<double>(state.iterations()) * rules);
}

std::string ModelsDir() {
  if (const char* d = std::getenv("LEADSCORE_SOURCE_DIR")) {
    return std::string(d) + "/examples/models";
  }
  std::string f = __FILE__;  // .../bench/model_bench.cc
  const size_t slash = f.rfind('/');
  const std::string bench = slash == std::string::npos ? "." : f.substr(0, slash);
  return bench + "/../examples/models";
}

void BM_ModelCompileFile(benchmark::State& state, std::string name) {
  const std::string path = ModelsDir() + "/" + name + ".json";
  std::ifstream in(path);
  if (!in) {
    state.SkipWithError(absl::StrCat("cannot read ", path, " (set LEADSCORE_SOURCE_DIR)").c_str());
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string json = ss.str();
  auto probe = leadscore::Model::FromJson(json);
  if (!probe.ok()) Die(absl::StrCat(path, " does not load: ", probe.status().ToString()));
  const int rules = static_cast<int>((*probe)->rule_count());
  BM_ModelCompile(state, json, rules);
}

void BM_Start(benchmark::State& state, int rules) {
  auto model = leadscore::Model::FromJson(MakeModelJson(rules));
  if (!model.ok()) Die(model.status().ToString());
  const leadscore::Scorer scorer(*model);
  const std::vector<leadscore::Lead> leads = MakeLeads(1000, 1);
  {
    // Heap owned by one fresh state, averaged over the leads.
    std::vector<leadscore::LeadState> states;
    states.reserve(leads.size());
    const double h0 = HeapInUse();
    for (const auto& l : leads) states.push_back(*scorer.Start(l));
    state.counters["heap_per_state"] = (HeapInUse() - h0) / static_cast<double>(leads.size());
  }
  size_t i = 0;
  for (auto _ : state) {
    auto s = scorer.Start(leads[i]);
    benchmark::DoNotOptimize(s->event_count());
    if (++i == leads.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}

int RegisterAll() {
  ConfigureMalloc();
  for (int rules : {10, 30, 200, 1000}) {
    benchmark::RegisterBenchmark(absl::StrCat("BM_ModelCompile/rules:", rules).c_str(),
                                 BM_ModelCompile, MakeModelJson(rules), rules)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const char* name : {"b2b-saas", "product-led", "demo-ready"}) {
    benchmark::RegisterBenchmark(absl::StrCat("BM_ModelCompile/file:", name).c_str(),
                                 BM_ModelCompileFile, std::string(name))
        ->Unit(benchmark::kMicrosecond);
  }
  for (int rules : {10, 30, 200}) {
    benchmark::RegisterBenchmark(absl::StrCat("BM_Start/rules:", rules).c_str(), BM_Start, rules);
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace leadscore_bench

BENCHMARK_MAIN();
