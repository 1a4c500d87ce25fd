// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/predictive/outcome_policy.h"

namespace leadscore {

OutcomeDecision ApplyOutcomePolicy(const OutcomePolicy& policy, absl::Time as_of,
                                   bool consent_at_as_of, std::optional<bool> converted,
                                   std::optional<absl::Time> outcome_at) {
  OutcomeDecision d;
  if (!consent_at_as_of && !policy.include_invalid) {
    d.verdict = OutcomeVerdict::kWithoutConsent;
    return d;
  }
  const bool decided = converted.has_value() && outcome_at.has_value() && *outcome_at <= as_of;
  if (decided && !policy.keep_decided_before_as_of) {
    d.verdict = OutcomeVerdict::kDecidedBeforeAsOf;
    return d;
  }
  if (!converted && policy.missing_outcome == OutcomePolicy::MissingOutcome::kExclude) {
    d.verdict = OutcomeVerdict::kWithoutOutcome;
    return d;
  }
  d.verdict = OutcomeVerdict::kCounted;
  d.converted = converted.value_or(false);
  d.without_outcome = !converted.has_value();
  d.decided_before_as_of = decided;
  return d;
}

}  // namespace leadscore
