// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Persisting a lead's scoring state: a host that keeps LeadStates between
// processes (a database row per lead, a cache) writes them with
// SerializeLeadState and reads them back with DeserializeLeadState.
//
// Format (docs/reliability.md, "State persistence"): a versioned, CRC-32C
// checksummed byte string. It records the model it was made under (name,
// version and a fingerprint of the compiled state layout) and the scorer's
// reorder window; reading it under another model or window is refused,
// because a state's meaning depends on both: after a model change, rescore
// the lead from its history (Scorer::ScoreHistory, or Start + Apply).
//
// Compatibility rule: a reader accepts every format version up to its own
// (this release writes and reads version 1); a byte string from a newer
// version is refused with a message naming both versions.

#ifndef LEADSCORE_STATE_IO_H_
#define LEADSCORE_STATE_IO_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/lead_state.h"
#include "leadscore/scorer.h"

namespace leadscore {

// The format version this release writes.
inline constexpr uint32_t kLeadStateFormatVersion = 2;

// Writes `state`, which `scorer` created (Scorer::Start) and updated, as bytes.
std::string SerializeLeadState(const Scorer& scorer, const LeadState& state);

// Reads bytes written by SerializeLeadState. Errors (never a crash, whatever
// the bytes): DataLoss for truncated, corrupted or inconsistent bytes;
// FailedPrecondition for a state of another model, model layout or reorder
// window; Unimplemented for a newer format version.
absl::StatusOr<LeadState> DeserializeLeadState(const Scorer& scorer,
                                               absl::string_view bytes);

// Overwrites every byte the state holds (times, counters, event ids) with
// zeros and releases its memory: what erasing a lead (right to be forgotten)
// needs of a LeadState the host owns. The state is then as if default-built.
void EraseLeadState(LeadState* state);

}  // namespace leadscore

#endif  // LEADSCORE_STATE_IO_H_
