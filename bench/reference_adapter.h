// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The generated workload (workload.h) in the reference implementation's own
// types (tests/support/reference/), for the naive baseline of
// bench/engine_bench.cc: leads converted once, events materialised from
// prebuilt per-shape events as EventMaterializer does for the library, so
// both sides pay the same for turning a stream entry into an event.
// Header-only.

#ifndef LEADSCORE_BENCH_REFERENCE_ADAPTER_H_
#define LEADSCORE_BENCH_REFERENCE_ADAPTER_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/lead.h"
#include "leadscore/value.h"
#include "support/reference/model.h"
#include "workload.h"

namespace leadscore_bench {

inline reference::OVal ToReference(const leadscore::Value& v) {
  using K = leadscore::Value::Kind;
  switch (v.kind()) {
    case K::kBool: return reference::VBool(v.as_bool());
    case K::kNumber: return reference::VNum(v.as_number());
    case K::kString: return reference::VStr(v.as_string());
    case K::kArray: {
      std::vector<reference::OVal> a;
      for (const leadscore::Value& e : v.as_array()) a.push_back(ToReference(e));
      return reference::VArr(std::move(a));
    }
    default: return reference::VNull();
  }
}

inline reference::OLead ToReference(const leadscore::Lead& lead) {
  reference::OLead out;
  out.id = lead.id;
  if (lead.consent.at) {
    out.consent_form = reference::OLead::kObject;
    out.granted = lead.consent.granted;
    out.granted_at = absl::ToUnixNanos(*lead.consent.at);
  } else {
    out.consent_form = lead.consent.granted ? reference::OLead::kTrue : reference::OLead::kFalse;
  }
  out.stage = lead.stage;
  for (const auto& [k, v] : lead.attributes) out.attrs[k] = ToReference(v);
  return out;
}

// Stream entries as reference events: one prebuilt event per shape whose id
// and time are overwritten. The returned reference is valid until the next
// Get with the same shape.
class ReferenceMaterializer {
 public:
  explicit ReferenceMaterializer(const std::vector<EventShape>& shapes) {
    events_.reserve(shapes.size());
    for (const EventShape& s : shapes) {
      reference::OEvent e;
      e.type = s.type;
      for (const Prop& p : s.props) {
        e.props[p.key] = p.is_number ? reference::VNum(p.number) : reference::VStr(p.text);
      }
      e.id.emplace(12, '0');
      events_.push_back(std::move(e));
    }
  }
  const reference::OEvent& Get(const StreamEvent& se, uint64_t seq) {
    reference::OEvent& e = events_[se.shape];
    FormatEventId(seq, &(*e.id)[0]);
    e.at = se.at_s * kNanosPerSecond;
    return e;
  }

 private:
  std::vector<reference::OEvent> events_;
};

}  // namespace leadscore_bench

#endif  // LEADSCORE_BENCH_REFERENCE_ADAPTER_H_
