// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/backtest/backtest_population.h"

#include <algorithm>
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
  if (!card.valid && !options_.include_invalid) {
    ++stats_.excluded_invalid;
    return;
  }
  const bool decided_early = entry != nullptr && entry->outcome.at &&
                             *entry->outcome.at <= as_of_;
  if (decided_early && !options_.keep_decided_before_as_of) {
    ++stats_.excluded_decided_before_as_of;
    return;
  }
  if (entry == nullptr &&
      options_.missing_outcome == PopulationOptions::MissingOutcome::kExclude) {
    ++stats_.excluded_without_outcome;
    return;
  }
  BacktestLead lead;
  lead.lead_id = card.lead_id;
  lead.score = card.total;
  lead.stage = card.stage;
  if (dimensions_) {
    lead.dimension_scores.reserve(card.dimensions.size());
    for (const DimensionScore& d : card.dimensions) lead.dimension_scores.push_back(d.score);
  }
  lead.converted = entry != nullptr && entry->outcome.converted;
  if (entry == nullptr) ++stats_.without_outcome;
  if (decided_early) ++stats_.decided_before_as_of_kept;
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
