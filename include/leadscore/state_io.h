// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Persisting a lead's scoring state: a host that keeps LeadStates between
// processes (a database row per lead, a cache) writes them with
// SerializeLeadState and reads them back with DeserializeLeadState.
//
// Format (docs/reliability.md, "State persistence"): a versioned, CRC-32C
// checksummed byte string, compact (varints, times as differences, zero
// words as 2 bits). It records the model it was made under (name, version
// and the model's 64-bit fingerprint) and the scorer's reorder window;
// reading it under another model or window is refused, because a state's
// meaning depends on both: after a model change, carry it over
// (Scorer::CarryOver) where that is exact, or rebuild the lead from its
// history (Scorer::Rebuild). ReadLeadStateInfo reads the model, window,
// event count and source marks without a scorer.
//
// Compatibility rule: a reader accepts every format version up to its own
// that it can check (this release writes and reads version 2; version 1
// carried no fingerprints and is refused); a byte string from a newer
// version is refused with a message naming both versions.

#ifndef LEADSCORE_STATE_IO_H_
#define LEADSCORE_STATE_IO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "leadscore/lead_state.h"
#include "leadscore/scorer.h"
#include "leadscore/source_position.h"

namespace leadscore {

// The format version this release writes. It reads versions 2 and 3
// (docs/reliability.md, "State persistence"); a state read from version 2
// bytes is written back as version 3.
inline constexpr uint32_t kLeadStateFormatVersion = 3;

// Writes `state`, which `scorer` created (Scorer::Start) and updated, as bytes.
std::string SerializeLeadState(const Scorer& scorer, const LeadState& state);

// Reads bytes written by SerializeLeadState. Errors (never a crash, whatever
// the bytes): DataLoss for truncated, corrupted or inconsistent bytes;
// FailedPrecondition for a state of another model, model layout or reorder
// window; Unimplemented for a newer format version.
absl::StatusOr<LeadState> DeserializeLeadState(const Scorer& scorer,
                                               absl::string_view bytes);

// What a stored state says of itself, read without a scorer or model: the
// model it was written under (compare model_fingerprint with
// Model::fingerprint() to know whether a scorer will read it), the reorder
// window, how many events it counts, its newest event's time and its
// sources' high-water marks.
struct LeadStateInfo {
  uint32_t format_version = 0;  // of the bytes read
  std::string model_name, model_version;
  uint64_t model_fingerprint = 0;
  uint64_t reorder_window = 0;
  uint64_t event_count = 0;
  std::optional<absl::Time> last_event_time;  // none before the first event
  std::vector<SourcePosition> sources;
};

// Reads the header of bytes written by SerializeLeadState (it checks the
// magic, version, length and checksum, and the front of the payload; the
// rest is checked when a scorer reads the state). Errors as
// DeserializeLeadState: DataLoss for truncated, corrupted or inconsistent
// bytes; Unimplemented for a newer format version; FailedPrecondition for
// format version 1.
absl::StatusOr<LeadStateInfo> ReadLeadStateInfo(absl::string_view bytes);

// Overwrites every byte the state holds (times, counters, event ids) with
// zeros and releases its memory: what erasing a lead (right to be forgotten)
// needs of a LeadState the host owns. The state is then as if default-built.
void EraseLeadState(LeadState* state);

}  // namespace leadscore

#endif  // LEADSCORE_STATE_IO_H_
