// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: leadscore/predictive/outcome_policy.h
//
// Which leads count when outcomes are compared with a snapshot taken as of a
// time T, and with which label. One rule for training (train.h) and for
// backtests (backtest_population.h), in this order:
//
//   1. A lead without consent at T is not a valid lead (README: leads are
//      people who accepted the data-protection policy): it may not be
//      marketed to, so it is neither learned from nor evaluated.
//      `include_invalid` keeps it.
//   2. A lead whose outcome is dated at or before T (converted or lost) was
//      decided before the snapshot, and its events or host-asserted stage up
//      to T may already show it: left out. `keep_decided_before_as_of` keeps
//      it. An outcome without a date is never "decided before".
//   3. A lead with no outcome counts as not converted (CRM exports often list
//      only the wins), or is left out with MissingOutcome::kExclude.
//
// Example:
//
//   leadscore::OutcomeDecision d = leadscore::ApplyOutcomePolicy(
//       policy, as_of, lead.consent.GrantedAt(as_of), outcome.converted, outcome.at);
//   if (d.verdict == leadscore::OutcomeVerdict::kCounted) label = d.converted;

#ifndef LEADSCORE_PREDICTIVE_OUTCOME_POLICY_H_
#define LEADSCORE_PREDICTIVE_OUTCOME_POLICY_H_

#include <optional>

#include "absl/time/time.h"

namespace leadscore {

// The choices a caller may make within the rule above (the defaults are the
// rule).
struct OutcomePolicy {
  enum class MissingOutcome {
    kNotConverted,  // a lead without an outcome did not convert (default)
    kExclude,       // a lead without an outcome is left out
  };
  MissingOutcome missing_outcome = MissingOutcome::kNotConverted;
  bool include_invalid = false;            // count leads without consent at T
  bool keep_decided_before_as_of = false;  // count outcomes dated <= T
};

// Whether a lead counts, or the one reason it is left out.
enum class OutcomeVerdict {
  kCounted,
  kWithoutConsent,     // no consent at T
  kDecidedBeforeAsOf,  // outcome dated at or before T
  kWithoutOutcome,     // no outcome, with MissingOutcome::kExclude
};

// What ApplyOutcomePolicy decided for one lead.
struct OutcomeDecision {
  OutcomeVerdict verdict = OutcomeVerdict::kCounted;
  // When counted: the label (false for a lead without an outcome).
  bool converted = false;
  // When counted: it had no outcome (and counts as not converted).
  bool without_outcome = false;
  // When counted: its outcome is dated at or before T (kept on request).
  bool decided_before_as_of = false;
};

// Applies the rule to one lead: `consent_at_as_of` is whether its consent is
// granted at `as_of` (Consent::GrantedAt, the scorecard's `valid`);
// `converted` its outcome (none: no outcome known) and `outcome_at` the
// outcome's date (none: undated). Never fails.
OutcomeDecision ApplyOutcomePolicy(const OutcomePolicy& policy, absl::Time as_of,
                                   bool consent_at_as_of, std::optional<bool> converted,
                                   std::optional<absl::Time> outcome_at);

}  // namespace leadscore

#endif  // LEADSCORE_PREDICTIVE_OUTCOME_POLICY_H_
