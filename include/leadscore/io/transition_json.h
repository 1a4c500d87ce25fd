// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Transitions as JSON Lines (docs/live-scoring.md, "Transitions"): what
// `leadscore score --transitions FILE` writes, one object a line, in the key
// order and spacing of scorecards (spec 1, section 6):
//
//   {"lead_id": "L-1", "from": "lead", "to": "mql", "at": "2026-10-01T10:00:00Z",
//    "cause": "event", "event_id": "e-17", "model": "b2b-saas", "model_version": "1"}
//
// (one line in the file). `event_id` is null for an event without an id and
// for the causes "time" and "lead". Transition::threshold is not written.
//
// Example:
//
//   std::string line;
//   leadscore::AppendTransitionJson(t, &line);
//   absl::StatusOr<leadscore::Transition> back = leadscore::ParseTransitionJson(line);

#ifndef LEADSCORE_IO_TRANSITION_JSON_H_
#define LEADSCORE_IO_TRANSITION_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/transition.h"

namespace leadscore {

// Appends `t` as one JSON object, without a newline: keys lead_id, from, to,
// at (UTC with `Z`, formatted as scorecards format times), cause
// (TransitionCauseName), event_id (null unless the cause is kEvent and the
// event has an id), model, model_version.
void AppendTransitionJson(const Transition& t, std::string* out);

// Parses one line of that format (any key order and whitespace; unknown keys
// are ignored). `threshold` comes back as -1 (it is not written). Returns
// InvalidArgument with a message that says what is wrong, without the line's
// content: invalid JSON, not an object, a missing key ("missing required key
// 'to'"), a mistyped one ("'from': expected a string, got a number"), a
// malformed timestamp ("'at': ..."), an unknown cause ("'cause': expected
// \"event\", \"time\" or \"lead\", got \"tick\""), or an event_id other than
// null for a cause other than "event".
[[nodiscard]] absl::StatusOr<Transition> ParseTransitionJson(absl::string_view line);

}  // namespace leadscore

#endif  // LEADSCORE_IO_TRANSITION_JSON_H_
