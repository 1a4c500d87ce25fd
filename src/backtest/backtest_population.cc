// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/backtest/backtest_population.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"

namespace leadscore {

BacktestPopulation::BacktestPopulation(absl::Time as_of, PopulationOptions options,
                                       bool dimensions)
    : as_of_(as_of), options_(options), dimensions_(dimensions) {}

absl::Status BacktestPopulation::AddOutcome(Outcome outcome) {
  std::string id = outcome.lead_id;
  auto [it, inserted] = outcomes_.try_emplace(std::move(id));
  if (!inserted) {
    return absl::InvalidArgumentError(absl::StrCat(
        "duplicate outcome for lead '", outcome.lead_id, "' (the first one counts)"));
  }
  it->second.outcome = std::move(outcome);
  ++stats_.outcomes;
  return absl::OkStatus();
}

void BacktestPopulation::AddScorecard(const Scorecard& card) {
  ++stats_.scorecards;
  Entry* entry = nullptr;
  if (auto it = outcomes_.find(card.lead_id); it != outcomes_.end()) {
    entry = &it->second;
    entry->used = true;
  }
  const OutcomeDecision decision = ApplyOutcomePolicy(
      options_, as_of_, card.valid,
      entry ? std::optional<bool>(entry->outcome.converted) : std::nullopt,
      entry ? entry->outcome.at : std::nullopt);
  switch (decision.verdict) {
    case OutcomeVerdict::kWithoutConsent: ++stats_.excluded_invalid; return;
    case OutcomeVerdict::kDecidedBeforeAsOf: ++stats_.excluded_decided_before_as_of; return;
    case OutcomeVerdict::kWithoutOutcome: ++stats_.excluded_without_outcome; return;
    case OutcomeVerdict::kCounted: break;
  }
  BacktestLead lead;
  lead.lead_id = card.lead_id;
  lead.score = card.total;
  lead.stage = card.stage;
  if (dimensions_) {
    lead.dimension_scores.reserve(card.dimensions.size());
    for (const DimensionScore& d : card.dimensions) lead.dimension_scores.push_back(d.score);
  }
  lead.converted = decision.converted;
  if (decision.without_outcome) ++stats_.without_outcome;
  if (decision.decided_before_as_of) ++stats_.decided_before_as_of_kept;
  ++stats_.evaluated;
  if (lead.converted) ++stats_.converted;
  leads_.push_back(std::move(lead));
}

std::vector<std::string> BacktestPopulation::UnknownOutcomeIds() const {
  std::vector<std::string> ids;
  for (const auto& [id, entry] : outcomes_) {
    if (!entry.used) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace leadscore
