// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The bundled B2B model with the bundled sample data (examples/), every
// lead's events applied in time order: what the state-size test and the
// state benchmark measure. Header-only, no test framework (the benchmark
// includes it too).

#ifndef LEADSCORE_TESTS_SUPPORT_B2B_SAMPLE_H_
#define LEADSCORE_TESTS_SUPPORT_B2B_SAMPLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "leadscore/io/jsonl.h"
#include "leadscore/leadscore.h"
#include "leadscore/state_io.h"
#include "scoring/lead_state_data.h"

namespace leadscore_test {

struct B2bSample {
  std::shared_ptr<const leadscore::Model> model;
  std::vector<leadscore::Lead> leads;                     // file order
  std::vector<std::vector<leadscore::Event>> events;      // per lead, by time
};

inline std::string SampleFile(const std::string& source_dir, const std::string& rel) {
  std::ifstream in(source_dir + "/" + rel, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "b2b_sample: cannot read %s/%s\n", source_dir.c_str(), rel.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every lead of examples/data/leads.jsonl with all its events (stable-sorted
// by time), under examples/models/b2b-saas.json. Aborts on unreadable data.
inline B2bSample LoadB2bSample(const std::string& source_dir) {
  B2bSample s;
  auto model = leadscore::Model::FromJson(
      SampleFile(source_dir, "examples/models/b2b-saas.json"));
  if (!model.ok()) std::abort();
  s.model = *model;
  std::map<std::string, size_t> index;
  std::istringstream li(SampleFile(source_dir, "examples/data/leads.jsonl"));
  for (std::string line; std::getline(li, line);) {
    auto lead = leadscore::ParseLeadJson(line);
    if (!lead.ok()) std::abort();
    index[lead->id] = s.leads.size();
    s.leads.push_back(*std::move(lead));
  }
  s.events.resize(s.leads.size());
  std::istringstream ei(SampleFile(source_dir, "examples/data/events.jsonl"));
  for (std::string line; std::getline(ei, line);) {
    auto e = leadscore::ParseEventJson(line);
    if (!e.ok()) std::abort();
    auto it = index.find(e->lead_id);
    if (it != index.end()) s.events[it->second].push_back(*std::move(e));
  }
  for (auto& evs : s.events) {
    std::stable_sort(evs.begin(), evs.end(), [](const leadscore::Event& a,
                                                const leadscore::Event& b) {
      return a.at < b.at;
    });
  }
  return s;
}

// A lead's state after all its events in order under `scorer`.
inline leadscore::LeadState StateOfSampleLead(const leadscore::Scorer& scorer,
                                              const B2bSample& s, size_t i) {
  auto state = scorer.Start(s.leads[i]);
  if (!state.ok()) std::abort();
  for (const leadscore::Event& e : s.events[i]) {
    if (!scorer.Apply(s.leads[i], e, *state).ok()) std::abort();
  }
  return *std::move(state);
}

struct StateSizeFigures {
  size_t leads = 0;
  size_t median_serialized = 0, p90_serialized = 0, max_serialized = 0;
  size_t median_resident = 0, p90_resident = 0, max_resident = 0;
  size_t median_lead = 0;  // index of a lead whose serialised size is the median
};

// Serialised and resident sizes (LeadStateData's ResidentBytes) over every
// sample lead after all its events.
inline StateSizeFigures MeasureStateSizes(const leadscore::Scorer& scorer,
                                          const B2bSample& s) {
  std::vector<std::pair<size_t, size_t>> ser;  // (bytes, lead)
  std::vector<size_t> res;
  for (size_t i = 0; i < s.leads.size(); ++i) {
    const leadscore::LeadState state = StateOfSampleLead(scorer, s, i);
    ser.emplace_back(leadscore::SerializeLeadState(scorer, state).size(), i);
    res.push_back(leadscore::internal::ResidentBytes(
        *leadscore::internal::LeadStateAccess::Data(state)));
  }
  std::sort(ser.begin(), ser.end());
  std::sort(res.begin(), res.end());
  StateSizeFigures f;
  f.leads = ser.size();
  if (ser.empty()) return f;
  const size_t mid = ser.size() / 2, p90 = ser.size() * 9 / 10;
  f.median_serialized = ser[mid].first;
  f.p90_serialized = ser[p90].first;
  f.max_serialized = ser.back().first;
  f.median_lead = ser[mid].second;
  f.median_resident = res[mid];
  f.p90_resident = res[p90];
  f.max_resident = res.back();
  return f;
}

}  // namespace leadscore_test

#endif  // LEADSCORE_TESTS_SUPPORT_B2B_SAMPLE_H_
