// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// TrainingSet (train.h).

#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "leadscore/history.h"
#include "leadscore/predictive/train.h"

namespace leadscore {

absl::Status TrainingSet::AddLead(Lead lead, std::optional<bool> converted) {
  if (!index_.emplace(lead.id, leads_.size()).second) {
    return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", lead.id, "'"));
  }
  Row row;
  row.lead = std::move(lead);
  row.converted = converted;
  leads_.push_back(std::move(row));
  return absl::OkStatus();
}

void TrainingSet::AddEvent(const Event& event) {
  auto it = index_.find(event.lead_id);
  if (it == index_.end()) {
    ++unknown_lead_events_;
    return;
  }
  if (event.at > as_of_) {
    ++after_as_of_;
    return;
  }
  const size_t lead = it->second;
  auto [t, inserted] = type_index_.emplace(event.type, static_cast<uint32_t>(types_.size()));
  if (inserted) types_.push_back(event.type);
  const uint32_t type = t->second;
  auto& counts = leads_[lead].event_counts;
  auto bump = [&counts](uint32_t ty, int delta) {
    for (auto& [k, count] : counts) {
      if (k == ty) {
        count = static_cast<uint32_t>(static_cast<int64_t>(count) + delta);
        return;
      }
    }
    counts.emplace_back(ty, 1);
  };
  const uint64_t position = positions_++;
  if (event.id) {
    // Of the copies of one id, the first in event order counts (history.h:
    // the scorers' own comparator).
    Event slim;
    slim.id = event.id;
    slim.at = event.at;
    auto [kept, fresh] = event_ids_.try_emplace(std::make_pair(lead, *event.id),
                                                KeptCopy{std::move(slim), position, type});
    if (!fresh) {
      ++duplicates_;
      if (EventPrecedes(event, position, kept->second.event, kept->second.position)) {
        bump(kept->second.type, -1);
        bump(type, +1);
        kept->second.event.at = event.at;
        kept->second.position = position;
        kept->second.type = type;
      }
      return;
    }
  }
  bump(type, +1);
}

absl::Status TrainingSet::AddOutcome(const Outcome& outcome) {
  auto it = index_.find(outcome.lead_id);
  if (it == index_.end()) {
    ++unknown_outcomes_;
    return absl::OkStatus();
  }
  Row& row = leads_[it->second];
  if (row.converted.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("lead '", outcome.lead_id, "' already has an outcome"));
  }
  row.converted = outcome.converted;
  row.outcome_at = outcome.at;
  return absl::OkStatus();
}

}  // namespace leadscore
