// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The cost of one event through the C ABI (libleadscore.so) against the C++
// API, in one run, on the same events: the bundled sample (2,000 leads,
// 40,000 event lines) under the bundled B2B model, applied in time order to
// one state per lead.
//
//   BM_ApplyCpp          Scorer::Apply with prebuilt Event objects
//   BM_ApplyCppBuilt     the same, building each Event first (as a host does)
//   BM_ApplyCFields      leadscore_state_apply_fields (no JSON)
//   BM_ApplyCppJson      ParseEventJson + Scorer::Apply, per line
//   BM_ApplyCJson        leadscore_state_apply_json, per line
//
// Counters: ns_per_event. Ratios (C ABI / C++ on the same input form) are
// what docs/performance.md reports; goal (issue 13): within 1.3x. States are
// restarted between passes outside the timed region.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "benchmark/benchmark.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/leadscore.h"
#include "leadscore/leadscore_c.h"

namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "capi_bench: %s\n", what.c_str());
  std::exit(1);
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) Die("cannot read " + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One event in every form the benchmarks need.
struct Ev {
  size_t lead;
  leadscore::Event event;
  std::string json;
  // Fields for leadscore_state_apply_fields.
  std::vector<const char*> keys;
  std::vector<leadscore_value_kind> kinds;
  std::vector<double> numbers;
  std::vector<const char*> strings;
};

struct Fixture {
  std::shared_ptr<const leadscore::Model> model;
  std::unique_ptr<leadscore::Scorer> scorer;
  std::vector<leadscore::Lead> leads;
  std::vector<Ev> events;  // time order, known leads only
  leadscore_model* c_model = nullptr;
  leadscore_scorer* c_scorer = nullptr;
  std::vector<leadscore_lead*> c_leads;
  std::vector<std::string> lead_json;

  Fixture() {
    const std::string root = LEADSCORE_SOURCE_DIR;
    const std::string model_json = Slurp(root + "/examples/models/b2b-saas.json");
    auto m = leadscore::Model::FromJson(model_json);
    if (!m.ok()) Die(m.status().ToString());
    model = *m;
    scorer = std::make_unique<leadscore::Scorer>(model);
    absl::flat_hash_map<std::string, size_t> index;
    for (const std::string& line : Lines(root + "/examples/data/leads.jsonl")) {
      auto lead = leadscore::ParseLeadJson(line);
      if (!lead.ok()) Die(lead.status().ToString());
      index[lead->id] = leads.size();
      leads.push_back(*std::move(lead));
      lead_json.push_back(line);
    }
    for (const std::string& line : Lines(root + "/examples/data/events.jsonl")) {
      auto e = leadscore::ParseEventJson(line);
      if (!e.ok()) continue;  // the sample has no bad lines; be safe
      auto it = index.find(e->lead_id);
      if (it == index.end()) continue;
      Ev ev;
      ev.lead = it->second;
      ev.event = *std::move(e);
      ev.json = line;
      events.push_back(std::move(ev));
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Ev& a, const Ev& b) { return a.event.at < b.event.at; });
    for (Ev& ev : events) {
      for (const auto& [key, value] : ev.event.properties) {
        ev.keys.push_back(key.c_str());
        switch (value.kind()) {
          case leadscore::Value::Kind::kString:
            ev.kinds.push_back(LEADSCORE_VALUE_STRING);
            ev.strings.push_back(value.as_string().c_str());
            ev.numbers.push_back(0);
            break;
          case leadscore::Value::Kind::kNumber:
          case leadscore::Value::Kind::kBool:
            ev.kinds.push_back(value.is_bool() ? LEADSCORE_VALUE_BOOL : LEADSCORE_VALUE_NUMBER);
            ev.numbers.push_back(value.is_bool() ? (value.as_bool() ? 1 : 0) : value.as_number());
            ev.strings.push_back(nullptr);
            break;
          default:
            ev.kinds.push_back(value.is_null() ? LEADSCORE_VALUE_NULL : LEADSCORE_VALUE_OTHER);
            ev.numbers.push_back(0);
            ev.strings.push_back(nullptr);
        }
      }
    }
    if (leadscore_model_from_json(model_json.data(), model_json.size(), &c_model, nullptr) !=
            LEADSCORE_OK ||
        leadscore_scorer_new(c_model, nullptr, &c_scorer, nullptr) != LEADSCORE_OK) {
      Die("C ABI: model or scorer");
    }
    for (const std::string& j : lead_json) {
      leadscore_lead* l = nullptr;
      if (leadscore_lead_from_json(j.data(), j.size(), &l, nullptr) != LEADSCORE_OK) Die("lead");
      c_leads.push_back(l);
    }
  }
};

Fixture& F() {
  static Fixture* f = new Fixture();
  return *f;
}

std::vector<leadscore::LeadState> CppStates() {
  std::vector<leadscore::LeadState> states;
  for (const leadscore::Lead& l : F().leads) states.push_back(*F().scorer->Start(l));
  return states;
}

struct CStates {
  std::vector<leadscore_state*> s;
  CStates() {
    for (leadscore_lead* l : F().c_leads) {
      leadscore_state* st = nullptr;
      if (leadscore_state_start(F().c_scorer, l, &st, nullptr) != LEADSCORE_OK) Die("start");
      s.push_back(st);
    }
  }
  ~CStates() {
    for (leadscore_state* st : s) leadscore_state_free(st);
  }
};

void Finish(benchmark::State& state, size_t events) {
  state.SetItemsProcessed(static_cast<int64_t>(events));
  state.counters["ns_per_event"] = benchmark::Counter(
      static_cast<double>(events), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ApplyCpp(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<leadscore::LeadState> states = CppStates();
    state.ResumeTiming();
    for (const Ev& ev : F().events) {
      auto r = F().scorer->Apply(F().leads[ev.lead], ev.event, states[ev.lead]);
      benchmark::DoNotOptimize(r);
    }
    n += F().events.size();
  }
  Finish(state, n);
}

// What a C++ host that receives fields does: builds an Event (here, a copy of
// a prebuilt one: the same strings and property map) and applies it.
void BM_ApplyCppBuilt(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<leadscore::LeadState> states = CppStates();
    state.ResumeTiming();
    for (const Ev& ev : F().events) {
      leadscore::Event e = ev.event;
      auto r = F().scorer->Apply(F().leads[ev.lead], e, states[ev.lead]);
      benchmark::DoNotOptimize(r);
    }
    n += F().events.size();
  }
  Finish(state, n);
}

void BM_ApplyCFields(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto states = std::make_unique<CStates>();
    state.ResumeTiming();
    for (const Ev& ev : F().events) {
      leadscore_apply_outcome outcome;
      const leadscore_status s = leadscore_state_apply_fields(
          states->s[ev.lead], F().c_leads[ev.lead],
          ev.event.id ? ev.event.id->c_str() : nullptr, ev.event.type.c_str(),
          absl::ToUnixNanos(ev.event.at), ev.keys.size(), ev.keys.data(), ev.kinds.data(),
          ev.numbers.data(), ev.strings.data(), &outcome, nullptr, nullptr);
      benchmark::DoNotOptimize(s);
    }
    n += F().events.size();
    state.PauseTiming();
    states.reset();
    state.ResumeTiming();
  }
  Finish(state, n);
}

void BM_ApplyCppJson(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<leadscore::LeadState> states = CppStates();
    state.ResumeTiming();
    for (const Ev& ev : F().events) {
      auto e = leadscore::ParseEventJson(ev.json);
      auto r = F().scorer->Apply(F().leads[ev.lead], *e, states[ev.lead]);
      benchmark::DoNotOptimize(r);
    }
    n += F().events.size();
  }
  Finish(state, n);
}

void BM_ApplyCJson(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto states = std::make_unique<CStates>();
    state.ResumeTiming();
    for (const Ev& ev : F().events) {
      leadscore_apply_outcome outcome;
      const leadscore_status s =
          leadscore_state_apply_json(states->s[ev.lead], F().c_leads[ev.lead], ev.json.data(),
                                     ev.json.size(), &outcome, nullptr, nullptr);
      benchmark::DoNotOptimize(s);
    }
    n += F().events.size();
    state.PauseTiming();
    states.reset();
    state.ResumeTiming();
  }
  Finish(state, n);
}

BENCHMARK(BM_ApplyCpp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ApplyCppBuilt)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ApplyCFields)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ApplyCppJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ApplyCJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
