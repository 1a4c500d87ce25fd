// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// AccountScorecard: an account's scores, grades, stage and explanation as of
// a time (v1.1, docs/model-format.md "Accounts").

#ifndef LEADSCORE_ACCOUNT_SCORECARD_H_
#define LEADSCORE_ACCOUNT_SCORECARD_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/scorecard.h"

namespace leadscore {

// One lead's part in an aggregate dimension: the value it gave (its clamped
// lead score, capped by lead_cap).
struct AccountLeadValue {
  std::string lead_id;
  double value = 0;
};

// Why an account score is what it is: one source or one account rule.
struct AccountExplainEntry {
  enum class Kind { kAggregate, kCoverage, kRule };
  Kind kind = Kind::kAggregate;
  std::string dimension;
  double points = 0;  // what it adds to the dimension's raw score
  // kAggregate: the lead score aggregated ("total" or a lead dimension), the
  // aggregate ("sum", "max", "top_k_mean") and the leads that contributed
  // (top_k_mean, max: the chosen ones; sum: every counting lead with a
  // non-zero value), in descending value, then leads order.
  std::string from;
  std::string aggregate;
  std::vector<AccountLeadValue> leads;
  // kCoverage: the lead attribute, its distinct values (each as first seen,
  // in leads order) and, per value, the first lead that gave it.
  std::string coverage;
  std::vector<std::string> values;
  std::vector<std::string> value_leads;
  // kRule: the account rule's id.
  std::string rule;
};

struct AccountScorecard {
  std::string account_id;
  absl::Time as_of;
  size_t leads = 0;           // leads naming this account
  size_t counting_leads = 0;  // of those, consent granted and not disqualified at as_of
  std::vector<DimensionScore> dimensions;  // account dimensions, model order
  double total = 0;                        // sum of weight * score
  // Null without an account lifecycle. stage_entered_at: null for a
  // host-asserted stage (at or above the computed one).
  std::optional<std::string> stage;
  std::optional<absl::Time> stage_entered_at;
  std::vector<std::string> labels;         // model order
  std::vector<AccountExplainEntry> explain;  // model order; when asked
  std::string model_name;
  std::string model_version;
};

}  // namespace leadscore

#endif  // LEADSCORE_ACCOUNT_SCORECARD_H_
