// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "as_of_series.h"

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "leadscore/time.h"

namespace leadscore {
namespace cli {
namespace {

absl::Status Bad(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("--as-of-series: ", why));
}

absl::StatusOr<absl::Time> OneTime(absl::string_view text) {
  absl::StatusOr<absl::Time> t = ParseTimestamp(text);
  if (!t.ok()) return Bad(absl::StrCat("'", text, "': ", t.status().message()));
  if (absl::StatusOr<int64_t> ns = ToEngineNanos(*t); !ns.ok()) {
    return Bad(absl::StrCat("'", text, "': ", ns.status().message()));
  }
  return *t;
}

// `P<n>D` or `PT<n>H`.
absl::StatusOr<absl::Duration> Step(absl::string_view text) {
  absl::string_view digits;
  absl::Duration unit;
  if (absl::ConsumePrefix(&text, "PT") && absl::ConsumeSuffix(&text, "H")) {
    digits = text;
    unit = absl::Hours(1);
  } else if (absl::ConsumePrefix(&text, "P") && absl::ConsumeSuffix(&text, "D")) {
    digits = text;
    unit = absl::Hours(24);
  } else {
    return Bad("the step must be P<n>D (days) or PT<n>H (hours), such as P7D");
  }
  int64_t n = 0;
  if (digits.empty() || digits.find_first_not_of("0123456789") != absl::string_view::npos ||
      !absl::SimpleAtoi(digits, &n) || n < 1 || n > 1000000) {
    return Bad("the step's count must be a whole number from 1 to 1000000");
  }
  return unit * n;
}

}  // namespace

absl::StatusOr<std::vector<absl::Time>> ParseAsOfSeries(absl::string_view text) {
  std::vector<absl::Time> times;
  if (text.find('/') != absl::string_view::npos) {
    const std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
    if (parts.size() != 3) return Bad("a range is START/END/STEP, such as "
                                      "2026-10-01T00:00:00Z/2026-11-01T00:00:00Z/P7D");
    absl::StatusOr<absl::Time> start = OneTime(parts[0]);
    if (!start.ok()) return start.status();
    absl::StatusOr<absl::Time> end = OneTime(parts[1]);
    if (!end.ok()) return end.status();
    absl::StatusOr<absl::Duration> step = Step(parts[2]);
    if (!step.ok()) return step.status();
    if (*end < *start) return Bad("the range ends before it starts");
    for (absl::Time t = *start; t <= *end; t += *step) {
      if (times.size() == kMaxSeriesTimes) {
        return Bad(absl::StrCat("more than ", kMaxSeriesTimes, " times"));
      }
      times.push_back(t);
    }
    return times;
  }
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    if (times.size() == kMaxSeriesTimes) {
      return Bad(absl::StrCat("more than ", kMaxSeriesTimes, " times"));
    }
    absl::StatusOr<absl::Time> t = OneTime(part);
    if (!t.ok()) return t.status();
    if (!times.empty() && *t <= times.back()) {
      return Bad(absl::StrCat("the times must be ascending and distinct: '", part,
                              "' is not after ", FormatTimestamp(times.back())));
    }
    times.push_back(*t);
  }
  return times;
}

}  // namespace cli
}  // namespace leadscore
