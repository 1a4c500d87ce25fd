// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The value of `score --as-of-series` (docs/cli.md): the times to score at.

#ifndef LEADSCORE_TOOLS_LEADSCORE_AS_OF_SERIES_H_
#define LEADSCORE_TOOLS_LEADSCORE_AS_OF_SERIES_H_

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace leadscore {
namespace cli {

// At most this many times in one series (a guard against a step of one
// second over a year).
inline constexpr size_t kMaxSeriesTimes = 10000;

// Parses either a list `T1,T2,...` of RFC 3339 times, strictly ascending, or
// a range `START/END/STEP` (STEP `P<n>D` days or `PT<n>H` hours, n >= 1):
// START, START + STEP, ... up to and including END when a step lands on it.
// Every time must lie in the engine's range (time.h). InvalidArgument with a
// message naming the option otherwise (too many times included).
absl::StatusOr<std::vector<absl::Time>> ParseAsOfSeries(absl::string_view text);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_LEADSCORE_AS_OF_SERIES_H_
