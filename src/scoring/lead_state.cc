// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/lead_state.h"

#include "leadscore/time.h"
#include "scoring/lead_state_data.h"

namespace leadscore {

LeadState::LeadState() noexcept = default;
LeadState::~LeadState() = default;
LeadState::LeadState(LeadState&& other) noexcept = default;
LeadState& LeadState::operator=(LeadState&& other) noexcept = default;

LeadState::LeadState(const LeadState& other)
    : data_(other.data_ ? std::make_unique<internal::LeadStateData>(*other.data_) : nullptr) {}

LeadState& LeadState::operator=(const LeadState& other) {
  if (this == &other) return *this;
  if (!other.data_) {
    data_.reset();
  } else if (data_) {
    *data_ = *other.data_;  // reuses this state's buffers
  } else {
    data_ = std::make_unique<internal::LeadStateData>(*other.data_);
  }
  return *this;
}

uint64_t LeadState::event_count() const { return data_ ? data_->current.events : 0; }

absl::Time LeadState::last_event_time() const {
  return data_ ? FromEngineNanos(data_->current.last_at) : absl::InfinitePast();
}

std::vector<SourcePosition> LeadState::source_marks() const {
  return data_ ? data_->sources : std::vector<SourcePosition>();
}

uint64_t LeadState::model_fingerprint() const { return data_ ? data_->model_fingerprint : 0; }

}  // namespace leadscore
