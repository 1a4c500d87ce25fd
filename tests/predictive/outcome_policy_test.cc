// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ApplyOutcomePolicy (outcome_policy.h): the one rule train and backtest use
// for which leads count.

#include "leadscore/predictive/outcome_policy.h"

#include <optional>

#include <catch2/catch.hpp>

#include "absl/time/time.h"

namespace leadscore {
namespace {

const absl::Time kAsOf = absl::FromUnixSeconds(1793491200);  // 2026-11-01T00:00:00Z
const absl::Time kBefore = kAsOf - absl::Hours(24);
const absl::Time kAfter = kAsOf + absl::Hours(24);

TEST_CASE("OutcomePolicy defaults: one reason per lead, in order", "[outcome_policy]") {
  const OutcomePolicy p;
  // Consent first: a lead without consent is left out whatever its outcome.
  CHECK(ApplyOutcomePolicy(p, kAsOf, false, true, kAfter).verdict ==
        OutcomeVerdict::kWithoutConsent);
  CHECK(ApplyOutcomePolicy(p, kAsOf, false, true, kBefore).verdict ==
        OutcomeVerdict::kWithoutConsent);
  CHECK(ApplyOutcomePolicy(p, kAsOf, false, std::nullopt, std::nullopt).verdict ==
        OutcomeVerdict::kWithoutConsent);
  // Decided at or before as_of, converted or lost.
  CHECK(ApplyOutcomePolicy(p, kAsOf, true, true, kBefore).verdict ==
        OutcomeVerdict::kDecidedBeforeAsOf);
  CHECK(ApplyOutcomePolicy(p, kAsOf, true, false, kAsOf).verdict ==
        OutcomeVerdict::kDecidedBeforeAsOf);
  // Counted: later, undated, or no outcome (as not converted).
  OutcomeDecision later = ApplyOutcomePolicy(p, kAsOf, true, true, kAfter);
  CHECK(later.verdict == OutcomeVerdict::kCounted);
  CHECK(later.converted);
  CHECK_FALSE(later.without_outcome);
  CHECK_FALSE(later.decided_before_as_of);
  OutcomeDecision undated = ApplyOutcomePolicy(p, kAsOf, true, true, std::nullopt);
  CHECK(undated.verdict == OutcomeVerdict::kCounted);
  CHECK(undated.converted);
  OutcomeDecision none = ApplyOutcomePolicy(p, kAsOf, true, std::nullopt, std::nullopt);
  CHECK(none.verdict == OutcomeVerdict::kCounted);
  CHECK_FALSE(none.converted);
  CHECK(none.without_outcome);
}

TEST_CASE("OutcomePolicy options keep what the defaults leave out", "[outcome_policy]") {
  OutcomePolicy p;
  p.include_invalid = true;
  p.keep_decided_before_as_of = true;
  OutcomeDecision d = ApplyOutcomePolicy(p, kAsOf, false, true, kBefore);
  CHECK(d.verdict == OutcomeVerdict::kCounted);
  CHECK(d.converted);
  CHECK(d.decided_before_as_of);

  OutcomePolicy exclude;
  exclude.missing_outcome = OutcomePolicy::MissingOutcome::kExclude;
  CHECK(ApplyOutcomePolicy(exclude, kAsOf, true, std::nullopt, std::nullopt).verdict ==
        OutcomeVerdict::kWithoutOutcome);
  CHECK(ApplyOutcomePolicy(exclude, kAsOf, true, false, std::nullopt).verdict ==
        OutcomeVerdict::kCounted);
}

}  // namespace
}  // namespace leadscore
