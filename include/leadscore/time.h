// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// RFC 3339 timestamps as the file formats write them (spec 1, section 8).

#ifndef LEADSCORE_TIME_H_
#define LEADSCORE_TIME_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace leadscore {

// Parses an RFC 3339 timestamp: `2026-11-01T09:30:00Z`, `...09:30:00.25+02:00`.
// `T`/`Z` may be lower case. Fraction digits past nanoseconds are truncated.
// Years 0000-9999. Returns InvalidArgument with a readable message otherwise.
absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view text);

// Formats as UTC with `Z` and the shortest exact fraction, at most 9 digits:
// `2026-11-01T09:30:00Z`, `2026-11-01T09:30:00.5Z`. Sub-nanosecond parts are
// truncated.
std::string FormatTimestamp(absl::Time t);

// The engine keeps times as int64 nanoseconds since the Unix epoch. So that the
// difference of any two engine times fits in int64, event times and as-of
// times must lie in [MinEngineTime(), MaxEngineTime()]: 1900-01-01T00:00:00Z
// to 2189-12-31T23:59:59.999999999Z.
absl::Time MinEngineTime();
absl::Time MaxEngineTime();

// Converts to engine nanoseconds, or OutOfRange naming the supported range.
absl::StatusOr<int64_t> ToEngineNanos(absl::Time t);

// Converts engine nanoseconds back to absl::Time.
inline absl::Time FromEngineNanos(int64_t ns) { return absl::FromUnixNanos(ns); }

}  // namespace leadscore

#endif  // LEADSCORE_TIME_H_
