// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: leadscore/outcomes.h
//
// Outcome: what became of a lead (did it convert, and when). Outcomes are the
// labels that `leadscore train` learns from and `leadscore backtest` measures
// against. They are read from `outcomes.jsonl`, one JSON object a line:
//
//   {"lead_id": "L-1001", "converted": true, "at": "2026-11-20T10:00:00Z"}
//   {"lead_id": "L-1002", "converted": false}
//
// Example:
//
//   absl::StatusOr<leadscore::Outcome> o = leadscore::ParseOutcomeJson(line);
//   if (!o.ok()) { /* o.status().message(): what is wrong */ }

#ifndef LEADSCORE_OUTCOMES_H_
#define LEADSCORE_OUTCOMES_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace leadscore {

// The outcome of one lead.
struct Outcome {
  std::string lead_id;
  bool converted = false;
  // When it converted (or was closed as lost); none: unknown.
  std::optional<absl::Time> at;
};

// Parses one outcome object: `lead_id` (string, required), `converted` (bool,
// required), `at` (RFC 3339 timestamp, optional; null means none). Unknown keys
// are ignored. Returns InvalidArgument with a message that says what is wrong
// (without the line's content): invalid JSON, not an object, a missing or
// mistyped key, or a malformed timestamp.
[[nodiscard]] absl::StatusOr<Outcome> ParseOutcomeJson(absl::string_view line);

// Reads a truthy/falsy outcome word as used in CSV outcome columns:
// `1`/`0`, `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f` (ASCII case ignored,
// surrounding spaces ignored). Returns InvalidArgument for anything else,
// including an empty text.
[[nodiscard]] absl::StatusOr<bool> ParseOutcomeFlag(absl::string_view text);

}  // namespace leadscore

#endif  // LEADSCORE_OUTCOMES_H_
