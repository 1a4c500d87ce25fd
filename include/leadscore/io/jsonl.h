// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading leads and events from JSON (one object per line, spec 1 sections 1
// and 2).

#ifndef LEADSCORE_JSONL_H_
#define LEADSCORE_JSONL_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"

namespace leadscore {

// Parses one lead object. Required: `id` (string). Optional: `created_at`,
// `consent` (bool or {"granted": bool, "at": TIMESTAMP}; null or missing: not
// granted), `stage` (string; null: none), `attributes` (object of null, bool,
// number, string or arrays of those). Unknown keys are ignored. The error
// message says what is wrong and where (a key, or a column), never quoting the
// line's content (docs/reliability.md, Privacy). The text must be valid UTF-8
// (invalid bytes are an error, never repaired); a byte-order mark at its start
// is ignored.
absl::StatusOr<Lead> ParseLeadJson(absl::string_view text);

// Parses one event object. Required: `lead_id` and `type` (strings), `at`
// (timestamp). Optional: `id` (string or null), `properties` (object; nested
// objects and arrays are kept as values that only answer `exists`).
absl::StatusOr<Event> ParseEventJson(absl::string_view text);

// The same, reusing the storage of `*out` (faster when reading a stream).
// On error `*out` is left in an unspecified but valid state.
absl::Status ParseLeadJson(absl::string_view text, Lead* out);

// How a lead line's v1.1 keys are read.
struct LeadParseOptions {
  // `account_id` (v1.1 accounts) is read into Lead::account_id when it is a
  // string (null: none). Any other value is ignored (v1 ignores unknown keys)
  // unless `strict_account_id`, for a model with accounts: then it is a bad
  // line.
  bool strict_account_id = false;
};
absl::Status ParseLeadJson(absl::string_view text, const LeadParseOptions& options, Lead* out);
absl::Status ParseEventJson(absl::string_view text, Event* out);

}  // namespace leadscore

#endif  // LEADSCORE_JSONL_H_
