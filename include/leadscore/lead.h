// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Lead: a person who gave their details voluntarily (spec 1, section 1).

#ifndef LEADSCORE_LEAD_H_
#define LEADSCORE_LEAD_H_

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "leadscore/value.h"

namespace leadscore {

// Attribute or property name -> value. Lookups take `absl::string_view`.
using Attributes = absl::flat_hash_map<std::string, Value>;

// Consent to the data-protection policy. A lead is valid only while consent is
// granted; `{"granted": true, "at": T}` grants from T on (T included).
struct Consent {
  bool granted = false;
  std::optional<absl::Time> at;  // when it was granted; none: always

  // True when consent is granted at `t`.
  bool GrantedAt(absl::Time t) const { return granted && (!at || *at <= t); }
};

struct Lead {
  std::string id;
  std::optional<absl::Time> created_at;  // informational
  Consent consent;
  // Stage asserted by the host (e.g. the CRM marked the deal won): a floor for
  // classification. Must name one of the model's lifecycle stages.
  std::optional<std::string> stage;
  Attributes attributes;
  // The account (company) the lead belongs to (v1.1, docs/model-format.md
  // "Accounts"). Read only under a model with an `accounts` section.
  std::optional<std::string> account_id;
};

}  // namespace leadscore

#endif  // LEADSCORE_LEAD_H_
