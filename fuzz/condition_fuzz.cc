// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Condition evaluation against random leads: the fuzz bytes (through
// FuzzedDataProvider) build a model whose rule, threshold, label and
// disqualify conditions are random trees over a few names, then a lead and an
// event stream with random attributes and properties. The model need not
// load; when it does, scoring must not crash, every score must be finite
// (points, weights and bounds are kept small), and the streamed scorecard
// must equal the one ScoreHistory gives.

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore.h"
#include "nlohmann/json.hpp"

namespace {

using json = nlohmann::json;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "condition_fuzz: %s\n", what);
    std::abort();
  }
}

constexpr const char* kNames[] = {"job_title", "company_size", "country", "tags", "url"};
constexpr const char* kWords[] = {"",      "vp",   "VP Sales", "/pricing", "DE",
                                  "chief", "é",    "a.*b",     "(?i)Sa",   "[A-z]+"};
constexpr const char* kTypes[] = {"page_view", "email_click", "demo_request"};
constexpr const char* kOps[] = {"eq",       "ne",          "in",          "not_in",
                                "gt",       "gte",         "lt",          "lte",
                                "between",  "contains",    "contains_any", "starts_with",
                                "ends_with", "matches",    "exists"};

template <size_t N>
const char* Pick(FuzzedDataProvider& fdp, const char* const (&items)[N]) {
  return items[fdp.ConsumeIntegralInRange<size_t>(0, N - 1)];
}

std::string Word(FuzzedDataProvider& fdp) {
  if (fdp.ConsumeBool()) return Pick(fdp, kWords);
  return fdp.ConsumeRandomLengthString(12);
}

double Num(FuzzedDataProvider& fdp) {
  return fdp.ConsumeIntegralInRange<int>(-200, 200) / 4.0;
}

json Scalar(FuzzedDataProvider& fdp) {
  switch (fdp.ConsumeIntegralInRange(0, 3)) {
    case 0: return Num(fdp);
    case 1: return fdp.ConsumeBool();
    default: return Word(fdp);
  }
}

json Leaf(FuzzedDataProvider& fdp, bool lifecycle, bool event_rule, int dims) {
  json c = json::object();
  const int kind = fdp.ConsumeIntegralInRange(0, 4);
  if (lifecycle && kind == 3) {
    c["event"] = Pick(fdp, kTypes);
    c["within_days"] = fdp.ConsumeIntegralInRange(1, 400) / 8.0;
    if (fdp.ConsumeBool()) c["at_least"] = fdp.ConsumeIntegralInRange(1, 5);
    return c;
  }
  const char* op = Pick(fdp, kOps);
  if (lifecycle && kind == 4) {
    c["score"] = fdp.ConsumeBool() ? std::string("total")
                                   : "d" + std::to_string(fdp.ConsumeIntegralInRange(0, dims - 1));
  } else if (lifecycle && kind == 2) {
    c["grade"] = "d0";  // d0 always has grades
  } else if (event_rule && kind >= 2) {
    c["prop"] = Pick(fdp, kNames);
  } else {
    c["attr"] = Pick(fdp, kNames);
  }
  const std::string o = op;
  if (o == "in" || o == "not_in" || o == "contains_any") {
    json a = json::array();
    for (int n = fdp.ConsumeIntegralInRange(0, 3); n > 0; --n) a.push_back(Scalar(fdp));
    c[o] = a;
  } else if (o == "between") {
    const double lo = Num(fdp);
    c[o] = {lo, lo + fdp.ConsumeIntegralInRange(0, 40)};
  } else if (o == "exists") {
    c[o] = fdp.ConsumeBool();
  } else {
    c[o] = Scalar(fdp);
  }
  return c;
}

json Cond(FuzzedDataProvider& fdp, bool lifecycle, bool event_rule, int dims, int depth) {
  const int kind = depth >= 4 ? 3 : fdp.ConsumeIntegralInRange(0, 5);
  if (kind == 0 || kind == 1) {
    json list = json::array();
    for (int n = fdp.ConsumeIntegralInRange(0, 3); n > 0; --n) {
      list.push_back(Cond(fdp, lifecycle, event_rule, dims, depth + 1));
    }
    return {{kind == 0 ? "all" : "any", list}};
  }
  if (kind == 2) return {{"not", Cond(fdp, lifecycle, event_rule, dims, depth + 1)}};
  return Leaf(fdp, lifecycle, event_rule, dims);
}

json Model(FuzzedDataProvider& fdp) {
  json m = {{"name", "fuzz"}, {"version", "1"}};
  const int dims = fdp.ConsumeIntegralInRange(1, 3);
  for (int d = 0; d < dims; ++d) {
    json dim = {{"name", "d" + std::to_string(d)}};
    if (fdp.ConsumeBool()) dim["min"] = -50;
    if (fdp.ConsumeBool()) dim["max"] = 100;
    if (fdp.ConsumeBool()) dim["weight"] = Num(fdp);
    if (fdp.ConsumeBool()) dim["decay"] = {{"half_life_days", fdp.ConsumeIntegralInRange(1, 80) / 4.0}};
    if (d == 0) {
      dim["grades"] = {{{"grade", "A"}, {"min", 40}}, {{"grade", "B"}, {"min", 10}}};
      if (fdp.ConsumeBool()) dim["grades"].push_back({{"grade", "C"}});
    }
    m["dimensions"].push_back(dim);
  }
  m["rules"] = json::array();
  for (int r = fdp.ConsumeIntegralInRange(1, 6); r > 0; --r) {
    json rule = {{"id", "r" + std::to_string(r)},
                 {"dimension", "d" + std::to_string(fdp.ConsumeIntegralInRange(0, dims - 1))},
                 {"points", Num(fdp)}};
    const bool event_rule = fdp.ConsumeBool();
    if (event_rule) {
      rule["on"] = Pick(fdp, kTypes);
      switch (fdp.ConsumeIntegralInRange(0, 4)) {
        case 0: rule["max_per_lead"] = fdp.ConsumeIntegralInRange(1, 4); break;
        case 1: rule["max_per_window"] = {{"count", fdp.ConsumeIntegralInRange(1, 3)},
                                          {"days", fdp.ConsumeIntegralInRange(1, 40) / 4.0}};
                break;
        case 2: rule["within_days"] = fdp.ConsumeIntegralInRange(1, 120) / 4.0; break;
        case 3: rule["pattern"] = {{"at_least", fdp.ConsumeIntegralInRange(1, 4)},
                                   {"within_days", fdp.ConsumeIntegralInRange(1, 40) / 4.0}};
                break;
        default: break;
      }
    }
    if (!event_rule || fdp.ConsumeBool()) rule["when"] = Cond(fdp, false, event_rule, dims, 1);
    m["rules"].push_back(rule);
  }
  if (fdp.ConsumeBool()) {
    json lc = {{"stages", {"subscriber", "lead", "mql", "sql"}},
               {"forward_only", fdp.ConsumeBool()},
               {"require_consent", fdp.ConsumeBool()}};
    lc["thresholds"] = json::array();
    for (int t = fdp.ConsumeIntegralInRange(0, 3); t > 0; --t) {
      lc["thresholds"].push_back(
          {{"stage", lc["stages"][fdp.ConsumeIntegralInRange(0, 3)]},
           {"when", Cond(fdp, true, false, dims, 1)}});
    }
    if (fdp.ConsumeBool()) lc["disqualify_when"] = Cond(fdp, true, false, dims, 1);
    if (fdp.ConsumeBool()) lc["labels"] = {{{"label", "x"}, {"when", Cond(fdp, true, false, dims, 1)}}};
    m["lifecycle"] = lc;
  }
  return m;
}

leadscore::Value RandomValue(FuzzedDataProvider& fdp) {
  switch (fdp.ConsumeIntegralInRange(0, 5)) {
    case 0: return leadscore::Value::Null();
    case 1: return leadscore::Value::Bool(fdp.ConsumeBool());
    case 2: return leadscore::Value::Number(Num(fdp));
    case 3: {
      std::vector<leadscore::Value> items;
      for (int n = fdp.ConsumeIntegralInRange(0, 3); n > 0; --n) {
        items.push_back(fdp.ConsumeBool() ? leadscore::Value::String(Word(fdp))
                                          : leadscore::Value::Number(Num(fdp)));
      }
      return leadscore::Value::Array(std::move(items));
    }
    case 4: return leadscore::Value::Other();  // a nested object in a property
    default: return leadscore::Value::String(Word(fdp));
  }
}

leadscore::Attributes RandomMap(FuzzedDataProvider& fdp) {
  leadscore::Attributes out;
  for (const char* name : kNames) {
    if (fdp.ConsumeBool()) out.emplace(name, RandomValue(fdp));
  }
  return out;
}

// Streams `events` through a Scorer with `window`, checks the scores are
// finite and, when `vs_history`, equal to ScoreHistory. Returns the card's JSON.
std::string Run(const std::shared_ptr<const leadscore::Model>& model,
                const leadscore::Lead& lead, const std::vector<leadscore::Event>& events,
                absl::Time as_of, size_t window, bool vs_history) {
  const leadscore::Scorer scorer(model, leadscore::ScorerOptions{window});
  auto state = scorer.Start(lead);
  Check(state.ok(), "Start failed");
  for (const leadscore::Event& e : events) {
    Check(scorer.Apply(lead, e, *state).ok(), "Apply failed on an in-order event");
  }
  auto streamed = scorer.Score(lead, *state, as_of, {/*explain=*/true});
  Check(streamed.ok(), "Score failed");
  Check(std::isfinite(streamed->total), "total is not finite");
  for (const auto& d : streamed->dimensions) Check(std::isfinite(d.score), "score is not finite");
  for (const auto& e : streamed->explain) Check(std::isfinite(e.points), "points not finite");
  std::string a;
  leadscore::AppendScorecardJson(*streamed, true, &a);
  if (vs_history) {
    auto history = scorer.ScoreHistory(lead, events, as_of, {/*explain=*/true});
    Check(history.ok(), "ScoreHistory failed");
    std::string b;
    leadscore::AppendScorecardJson(*history, true, &b);
    if (a != b) {
      std::fprintf(stderr, "streamed: %s\nhistory:  %s\n", a.c_str(), b.c_str());
      Check(false, "streamed and history scorecards differ");
    }
  }
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  // Random strings may be invalid UTF-8: replace, as a loader would reject them.
  const std::string text = Model(fdp).dump(-1, ' ', false, json::error_handler_t::replace);
  auto model = leadscore::Model::FromJson(text);
  if (!model.ok()) return 0;  // e.g. a random string that is not a valid regex

  const absl::Time base = absl::FromUnixSeconds(1790000000);
  leadscore::Lead lead;
  lead.id = "L-1";
  lead.consent.granted = fdp.ConsumeBool();
  lead.attributes = RandomMap(fdp);
  lead.attributes.erase("url");  // attributes take no objects (Value::Other)
  for (auto& [name, v] : lead.attributes) {
    if (v.kind() == leadscore::Value::Kind::kOther) v = leadscore::Value::Null();
  }
  std::vector<leadscore::Event> events;
  absl::Time at = base;
  for (int n = fdp.ConsumeIntegralInRange(0, 20); n > 0; --n) {
    leadscore::Event e;
    e.id = "E-" + std::to_string(fdp.ConsumeIntegralInRange(0, 30));  // some repeat
    e.lead_id = lead.id;
    e.type = Pick(fdp, kTypes);
    at += absl::Minutes(fdp.ConsumeIntegralInRange(0, 60 * 24 * 20));
    e.at = at;
    e.properties = RandomMap(fdp);
    events.push_back(std::move(e));
  }
  const absl::Time as_of = at + absl::Hours(fdp.ConsumeIntegralInRange(0, 24 * 90));

  // Every event is kept (window 64 > 20 events), so duplicates and ties must
  // give exactly the sorted history's result.
  const std::string expected = Run(*model, lead, events, as_of, 64, true);
  // A small window folds events into the checkpoint; with unique ids and
  // strictly increasing times the result is still exact (window 0: no ties).
  const size_t window = fdp.ConsumeIntegralInRange<size_t>(0, 4);
  bool simple = true;
  absl::flat_hash_set<std::string> ids;
  for (size_t i = 0; i < events.size(); ++i) {
    simple &= ids.insert(*events[i].id).second;
    if (i > 0) simple &= events[i].at > events[i - 1].at;
  }
  if (simple && Run(*model, lead, events, as_of, window, false) != expected) {
    std::fprintf(stderr, "model: %s\nwindow %zu\n", text.c_str(), window);
    Check(false, "a small reorder window changed the scorecard");
  }
  return 0;
}
