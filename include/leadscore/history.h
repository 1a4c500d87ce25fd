// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Which of a lead's events count, and in what order (spec 1, sections 2 and
// 8): the rule every scorer of the library applies, for code that reads a
// history itself (training, exports) and must agree with the scorers.

#ifndef LEADSCORE_HISTORY_H_
#define LEADSCORE_HISTORY_H_

#include <cstddef>
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

}  // namespace leadscore

#endif  // LEADSCORE_HISTORY_H_
