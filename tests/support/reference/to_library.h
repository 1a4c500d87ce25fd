// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation's leads, events and values as the library's
// types, for the property tests that run both on the same random cases
// (tests/core/*oracle_test.cc). Not part of the reference itself, which
// shares nothing with the library.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_TO_LIBRARY_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_TO_LIBRARY_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/value.h"
#include "support/reference/model.h"
#include "support/reference/values.h"

namespace reference {

inline leadscore::Value ToLib(const OVal& v) {
  switch (v.k) {
    case OVal::kNull: return leadscore::Value::Null();
    case OVal::kBool: return leadscore::Value::Bool(v.b);
    case OVal::kNum: return leadscore::Value::Number(v.n);
    case OVal::kStr: return leadscore::Value::String(v.s);
    case OVal::kArr: {
      std::vector<leadscore::Value> a;
      for (const auto& e : v.arr) a.push_back(ToLib(e));
      return leadscore::Value::Array(std::move(a));
    }
  }
  return leadscore::Value::Null();
}

inline leadscore::Attributes ToLib(const Attrs& a) {
  leadscore::Attributes out;
  for (const auto& [k, v] : a) out[k] = ToLib(v);
  return out;
}

// `created_at` is informational (no rule reads it); given for realism.
inline leadscore::Lead ToLib(const OLead& l, std::optional<int64_t> created_at_ns = {}) {
  leadscore::Lead out;
  out.id = l.id;
  if (created_at_ns) out.created_at = absl::FromUnixNanos(*created_at_ns);
  switch (l.consent_form) {
    case OLead::kMissing: break;
    case OLead::kTrue: out.consent.granted = true; break;
    case OLead::kFalse: out.consent.granted = false; break;
    case OLead::kObject:
      out.consent.granted = l.granted;
      if (l.granted_at) out.consent.at = absl::FromUnixNanos(*l.granted_at);
      break;
  }
  out.stage = l.stage;
  out.attributes = ToLib(l.attrs);
  return out;
}

inline leadscore::Event ToLib(const OEvent& e, const std::string& lead_id) {
  leadscore::Event out;
  out.id = e.id;
  out.lead_id = lead_id;
  out.type = e.type;
  out.at = absl::FromUnixNanos(e.at);
  out.properties = ToLib(e.props);
  return out;
}

inline std::vector<leadscore::Event> ToLib(const std::vector<OEvent>& ev,
                                           const std::string& lead_id) {
  std::vector<leadscore::Event> out;
  for (const auto& e : ev) out.push_back(ToLib(e, lead_id));
  return out;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_TO_LIBRARY_H_
