// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The cost per event through the C ABI (libleadscore.so) against the C++ API,
// on the same generated events in the same run (docs/bindings.md; goal:
// within 1.3x).
//
//   BM_CapiApply/rules:R/leads:N/epl:E/path:fields
//       C++: Scorer::Apply with a prebuilt Event (EventMaterializer: the id,
//            lead id and time of a reused Event overwritten), against
//       C:   leadscore_state_apply_fields with the same id, type, time and
//            properties as parallel arrays (prebuilt per shape, as a host
//            would pass its own fields);
//       and C++ with an Event filled from those fields per event (what the
//            C ABI does before Scorer::Apply): capi_vs_cpp_built.
//   BM_CapiApply/.../path:json
//       C++: ParseEventJson (into a reused Event) + Scorer::Apply, against
//       C:   leadscore_state_apply_json, on the same event lines (bench
//            workload's EventsJsonl).
//
// One iteration = fresh states for every lead (untimed), the whole stream
// through the C++ path, fresh states again (untimed), the whole stream
// through the C path; each pass on its own thread CPU clock. The host knows
// each event's lead (its index), so neither path pays for a lookup. Counters:
//   cpp_ns_per_event, capi_ns_per_event   CPU time per event of each path
//   capi_vs_cpp                           capi / cpp (goal <= 1.3)
//   cpp_built_ns_per_event, capi_vs_cpp_built   (fields only) the C++ path
//                                         filling its Event per event
// Before timing, the fixture checks that both paths give the same scorecard
// bytes for a sample of leads and the same outcome for every event.
//
// Sizes: LEADSCORE_BENCH_MODE=short|default|full (bench_common.h).

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench_common.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "leadscore/leadscore_c.h"
#include "workload.h"

namespace leadscore_bench {
namespace {

using leadscore::ApplyResult;
using leadscore::LeadState;
using leadscore::Scorer;

// Fails the run on a C ABI error (a broken fixture, not a measurement).
void CheckOk(leadscore_status s, leadscore_error* e, const char* what) {
  if (s == LEADSCORE_OK) return;
  Die(absl::StrCat(what, ": ", leadscore_status_name(s), " ",
                   e != nullptr ? leadscore_error_message(e) : ""));
}

// An event shape as the C ABI's parallel arrays.
struct FieldShape {
  std::vector<const char*> keys;
  std::vector<leadscore_value_kind> kinds;
  std::vector<double> numbers;
  std::vector<const char*> strings;
};

class CapiFixture {
 public:
  explicit CapiFixture(const WorkloadSpec& spec) : spec_(spec) {
    w_ = MakeWorkload(spec);
    auto model = leadscore::Model::FromJson(w_.model_json);
    if (!model.ok()) Die(absl::StrCat("generated model: ", model.status().ToString()));
    scorer_ = std::make_unique<Scorer>(*model, leadscore::ScorerOptions{16});
    mat_ = std::make_unique<EventMaterializer>(w_.shapes, w_.leads);

    leadscore_error* e = nullptr;
    CheckOk(leadscore_model_from_json(w_.model_json.data(), w_.model_json.size(), &cmodel_, &e),
            e, "leadscore_model_from_json");
    CheckOk(leadscore_scorer_new(cmodel_, nullptr, &cscorer_, &e), e, "leadscore_scorer_new");
    for (const leadscore::Lead& l : w_.leads) {
      std::string json;
      AppendLeadJsonl(l, &json);
      leadscore_lead* h = nullptr;
      CheckOk(leadscore_lead_from_json(json.data(), json.size() - 1, &h, &e), e,
              "leadscore_lead_from_json");
      clead_.push_back(h);
    }
    // The same events as JSON lines (ids numbered in stream order, as the
    // materializer numbers them).
    lines_.reserve(w_.stream.size());
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      std::string line;
      AppendEventJsonl(w_.stream[i], i, w_.shapes, w_.leads, &line);
      line.pop_back();  // '\n'
      lines_.push_back(std::move(line));
    }
    for (const EventShape& s : w_.shapes) {
      FieldShape f;
      for (const Prop& p : s.props) {
        f.keys.push_back(p.key.c_str());
        f.kinds.push_back(p.is_number ? LEADSCORE_VALUE_NUMBER : LEADSCORE_VALUE_STRING);
        f.numbers.push_back(p.number);
        f.strings.push_back(p.is_number ? nullptr : p.text.c_str());
      }
      fields_.push_back(std::move(f));
    }
    Verify();
  }

  ~CapiFixture() {
    FreeCStates();
    for (leadscore_lead* l : clead_) leadscore_lead_free(l);
    leadscore_scorer_free(cscorer_);
    leadscore_model_free(cmodel_);
  }

  size_t events() const { return w_.stream.size(); }

  void ResetCppStates() {
    states_ = std::vector<LeadState>();
    states_.reserve(w_.leads.size());
    for (const leadscore::Lead& l : w_.leads) {
      auto s = scorer_->Start(l);
      if (!s.ok()) Die(s.status().ToString());
      states_.push_back(*std::move(s));
    }
  }

  void ResetCStates() {
    FreeCStates();
    for (leadscore_lead* l : clead_) {
      leadscore_state* s = nullptr;
      CheckOk(leadscore_state_start(cscorer_, l, &s, nullptr), nullptr, "leadscore_state_start");
      cstates_.push_back(s);
    }
  }

  // C++ API, prebuilt events. Returns a checksum of the outcomes.
  uint64_t CppFieldsPass(std::vector<uint8_t>* outcomes = nullptr) {
    uint64_t sum = 0;
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      const leadscore::Event& ev = mat_->Get(se, i);
      absl::StatusOr<ApplyResult> r = scorer_->Apply(w_.leads[se.lead], ev, states_[se.lead]);
      if (!r.ok()) Die(r.status().ToString());
      const auto o = static_cast<uint8_t>(r->outcome);
      sum += o + r->transitions.size();
      if (outcomes != nullptr) outcomes->push_back(o);
    }
    return sum;
  }

  // C ABI, fields.
  uint64_t CFieldsPass(std::vector<uint8_t>* outcomes = nullptr) {
    uint64_t sum = 0;
    char id[13];
    id[12] = 0;
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      const FieldShape& f = fields_[se.shape];
      FormatEventId(i, id);
      leadscore_apply_outcome o;
      size_t changes = 0;
      const leadscore_status s = leadscore_state_apply_fields(
          cstates_[se.lead], clead_[se.lead], id, w_.shapes[se.shape].type.c_str(),
          se.at_s * kNanosPerSecond, f.keys.size(), f.keys.data(), f.kinds.data(),
          f.numbers.data(), f.strings.data(), &o, &changes, nullptr);
      if (s != LEADSCORE_OK) CheckOk(s, nullptr, "leadscore_state_apply_fields");
      sum += static_cast<uint64_t>(o) + changes;
      if (outcomes != nullptr) outcomes->push_back(static_cast<uint8_t>(o));
    }
    return sum;
  }

  // C++ API, an Event filled per event from the same fields the C path gets
  // (a reused Event, as the C ABI reuses one per state): what the C ABI must
  // do before Scorer::Apply, since it cannot take a C++ Event.
  uint64_t CppBuiltPass() {
    uint64_t sum = 0;
    char id[13];
    id[12] = 0;
    leadscore::Event ev;
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      const FieldShape& f = fields_[se.shape];
      FormatEventId(i, id);
      ev.id.emplace(id);
      ev.type.assign(w_.shapes[se.shape].type);
      ev.at = absl::FromUnixNanos(se.at_s * kNanosPerSecond);
      ev.lead_id = w_.leads[se.lead].id;
      ev.properties.clear();
      for (size_t k = 0; k < f.keys.size(); ++k) {
        ev.properties.emplace(f.keys[k], f.kinds[k] == LEADSCORE_VALUE_NUMBER
                                             ? leadscore::Value::Number(f.numbers[k])
                                             : leadscore::Value::String(f.strings[k]));
      }
      absl::StatusOr<ApplyResult> r = scorer_->Apply(w_.leads[se.lead], ev, states_[se.lead]);
      if (!r.ok()) Die(r.status().ToString());
      sum += static_cast<uint64_t>(r->outcome) + r->transitions.size();
    }
    return sum;
  }

  // C++ API, JSON: ParseEventJson + Apply.
  uint64_t CppJsonPass() {
    uint64_t sum = 0;
    leadscore::Event ev;
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      if (absl::Status p = leadscore::ParseEventJson(lines_[i], &ev); !p.ok()) {
        Die(p.ToString());
      }
      absl::StatusOr<ApplyResult> r = scorer_->Apply(w_.leads[se.lead], ev, states_[se.lead]);
      if (!r.ok()) Die(r.status().ToString());
      sum += static_cast<uint64_t>(r->outcome) + r->transitions.size();
    }
    return sum;
  }

  // C ABI, JSON.
  uint64_t CJsonPass() {
    uint64_t sum = 0;
    for (size_t i = 0; i < w_.stream.size(); ++i) {
      const StreamEvent& se = w_.stream[i];
      leadscore_apply_outcome o;
      size_t changes = 0;
      const leadscore_status s =
          leadscore_state_apply_json(cstates_[se.lead], clead_[se.lead], lines_[i].data(),
                                     lines_[i].size(), &o, &changes, nullptr);
      if (s != LEADSCORE_OK) CheckOk(s, nullptr, "leadscore_state_apply_json");
      sum += static_cast<uint64_t>(o) + changes;
    }
    return sum;
  }

 private:
  void FreeCStates() {
    for (leadscore_state* s : cstates_) leadscore_state_free(s);
    cstates_.clear();
  }

  // Both paths, both forms: same outcomes, and the same scorecard bytes on a
  // sample of leads.
  void Verify() {
    std::vector<uint8_t> a, b;
    ResetCppStates();
    CppFieldsPass(&a);
    ResetCStates();
    CFieldsPass(&b);
    if (a != b) Die("C ABI and C++ outcomes differ (fields)");
    CompareCards("fields");
    ResetCppStates();
    const uint64_t cj = CppJsonPass();
    ResetCStates();
    if (CJsonPass() != cj) Die("C ABI and C++ outcomes differ (json)");
    CompareCards("json");
  }

  void CompareCards(const char* path) {
    const absl::Time as_of = AsOfTime();
    const size_t step = w_.leads.size() <= 500 ? 1 : w_.leads.size() / 500;
    for (size_t i = 0; i < w_.leads.size(); i += step) {
      auto card = scorer_->Score(w_.leads[i], states_[i], as_of);
      if (!card.ok()) Die(card.status().ToString());
      std::string want;
      leadscore::AppendScorecardJson(*card, false, &want);
      const char* got = nullptr;
      size_t len = 0;
      CheckOk(leadscore_state_score_json(cstates_[i], clead_[i], absl::ToUnixNanos(as_of), 0,
                                         &got, &len, nullptr),
              nullptr, "leadscore_state_score_json");
      if (std::string(got, len) != want) {
        Die(absl::StrCat("C ABI scorecard differs (", path, ") for ", w_.leads[i].id, ":\n  C++ ",
                         want, "\n  C   ", std::string(got, len)));
      }
    }
  }

  WorkloadSpec spec_;
  Workload w_;
  std::unique_ptr<Scorer> scorer_;
  std::unique_ptr<EventMaterializer> mat_;
  std::vector<LeadState> states_;
  std::vector<std::string> lines_;
  std::vector<FieldShape> fields_;
  leadscore_model* cmodel_ = nullptr;
  leadscore_scorer* cscorer_ = nullptr;
  std::vector<leadscore_lead*> clead_;
  std::vector<leadscore_state*> cstates_;
};

std::unique_ptr<CapiFixture> g_fixture;
WorkloadSpec g_spec{0, 0, 0, 0};

CapiFixture& Fixture(const WorkloadSpec& spec) {
  if (!g_fixture || g_spec.rules != spec.rules || g_spec.leads != spec.leads ||
      g_spec.events_per_lead != spec.events_per_lead) {
    g_fixture.reset();
    TrimHeap();
    g_fixture = std::make_unique<CapiFixture>(spec);
    g_spec = spec;
  }
  return *g_fixture;
}

void BM_CapiApply(benchmark::State& state, WorkloadSpec spec, bool json) {
  CapiFixture& fx = Fixture(spec);
  double cpp = 0, capi = 0, built = 0;
  int64_t passes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    fx.ResetCppStates();
    double c0 = ThreadCpuSeconds();
    benchmark::DoNotOptimize(json ? fx.CppJsonPass() : fx.CppFieldsPass());
    cpp += ThreadCpuSeconds() - c0;
    if (!json) {
      fx.ResetCppStates();
      c0 = ThreadCpuSeconds();
      benchmark::DoNotOptimize(fx.CppBuiltPass());
      built += ThreadCpuSeconds() - c0;
    }
    fx.ResetCStates();
    state.ResumeTiming();
    c0 = ThreadCpuSeconds();
    benchmark::DoNotOptimize(json ? fx.CJsonPass() : fx.CFieldsPass());
    capi += ThreadCpuSeconds() - c0;
    ++passes;
  }
  // The framework's time is the C pass alone; the C++ pass is on its own clock.
  const double total = static_cast<double>(fx.events()) * static_cast<double>(passes);
  state.SetItemsProcessed(static_cast<int64_t>(total));
  state.counters["events"] = static_cast<double>(fx.events());
  state.counters["cpp_ns_per_event"] = cpp * 1e9 / total;
  state.counters["capi_ns_per_event"] = capi * 1e9 / total;
  state.counters["capi_vs_cpp"] = capi / cpp;
  if (!json) {
    state.counters["cpp_built_ns_per_event"] = built * 1e9 / total;
    state.counters["capi_vs_cpp_built"] = capi / built;
  }
}

void Register(int rules, size_t leads, size_t epl) {
  const WorkloadSpec spec{rules, leads, epl, 1};
  for (bool json : {false, true}) {
    benchmark::RegisterBenchmark(absl::StrCat("BM_CapiApply/rules:", rules, "/leads:", leads,
                                              "/epl:", epl, "/path:", json ? "json" : "fields")
                                     .c_str(),
                                 BM_CapiApply, spec, json)
        ->Unit(benchmark::kMillisecond);
  }
}

int RegisterAll() {
  ConfigureMalloc();
  Register(30, 1000, 20);
  if (BenchMode() != Mode::kShort) Register(30, 100000, 20);
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
}  // namespace leadscore_bench

BENCHMARK_MAIN();
