// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Which of a lead's events count, and in what order (spec 1, sections 2 and
// 8): the rule every scorer of the library applies, for code that reads a
// history itself (training, exports) and must agree with the scorers.

#ifndef LEADSCORE_HISTORY_H_
#define LEADSCORE_HISTORY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"

namespace leadscore {

// The events of one lead's history (any order, duplicates included) that
// count as of `as_of`, as indices into `events`, in event order: sorted by
// (time, no id before any id, id bytes, index), events after `as_of`
// dropped, and of several events with one id only the first in that order
// kept. Scorer::ScoreHistory, BatchScorer and ExplainLead step exactly these
// events in exactly this order. The events' lead ids are not read (pass one
// lead's events). Errors: OutOfRange when `as_of`, or the time of an
// event at or before it, is outside the engine's time range (events after
// as_of are dropped unread).
absl::StatusOr<std::vector<size_t>> KeptEventOrder(absl::Span<const Event> events,
                                                   absl::Time as_of);

// Whether event `a`, which arrived at input position `a_position`, comes
// before `b` (arrived at `b_position`) in the event order above: the one
// comparator KeptEventOrder and every scorer sort by. For code that reads a
// history in one pass (training counts events as they arrive): of two copies
// of one id, the one that comes first counts. Reads `at`, `id` and the
// positions only; times outside the engine's range compare as absl::Time does.
bool EventPrecedes(const Event& a, uint64_t a_position, const Event& b, uint64_t b_position);

}  // namespace leadscore

#endif  // LEADSCORE_HISTORY_H_
