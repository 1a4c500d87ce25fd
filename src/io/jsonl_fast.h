// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Fast paths for lead and event lines on simdjson On Demand (about 10x
// nlohmann/json on event streams, ../shared/machine-notes.md). They accept
// exactly the well-formed lines the nlohmann path accepts and return false on
// anything else, so the caller falls back to the nlohmann path, which gives
// the error message. Not API.

#ifndef LEADSCORE_SRC_JSONL_FAST_H_
#define LEADSCORE_SRC_JSONL_FAST_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"

namespace leadscore {
namespace internal {

// True when simdjson is compiled in.
bool HaveFastJson();

// Parse `text` into `*out` (storage reused); false: use the slow path.
bool FastParseEvent(absl::string_view text, Event* out);
bool FastParseLead(absl::string_view text, Lead* out, bool strict_account_id = false);

// The nlohmann/json paths alone (jsonl.cc): every line, with error messages.
// Exposed so tests and fuzzers can check both paths agree.
absl::Status SlowParseEvent(absl::string_view text, Event* out);
absl::Status SlowParseLead(absl::string_view text, Lead* out, bool strict_account_id = false);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_JSONL_FAST_H_
