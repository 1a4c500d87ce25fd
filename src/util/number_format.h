// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The library's number formatting, in one place. Not API.
//
// Three formats, because the outputs genuinely differ:
//   - ShortestNumber / AppendJsonNumber: the shortest decimal that reads back
//     as the same double (std::to_chars), for JSON and for numbers a person
//     copies into a model (thresholds, points scaling);
//   - SignificantNumber: printf "%.Ng" (6 digits by default), for numbers a
//     person reads (explanations, rule names, report tables);
//   - FixedNumber: printf "%.Nf", for figures shown with a fixed number of
//     decimals (AUC to 4, percentages, chart coordinates).
// Each is locale-independent (std::to_chars, absl::StrFormat).

#ifndef LEADSCORE_SRC_UTIL_NUMBER_FORMAT_H_
#define LEADSCORE_SRC_UTIL_NUMBER_FORMAT_H_

#include <string>

namespace leadscore {
namespace internal {

// Appends the shortest text that reads back as `d` ("0.1", "1e+300", "600");
// -0 as "0"; non-finite as `null` (so JSON output always parses).
void AppendJsonNumber(double d, std::string* out);

// AppendJsonNumber's text as a string.
std::string ShortestNumber(double d);

// `d` with `digits` significant digits (1 to 17), as printf "%.<digits>g"
// ("34.3", "1.05e+06"); -0 as "0" (a person never needs to see the sign of
// zero); non-finite as "inf", "-inf", "nan".
std::string SignificantNumber(double d, int digits = 6);

// `d` with `decimals` decimals, as printf "%.<decimals>f" ("0.7143"). Exactly
// printf: a negative value that rounds to zero keeps its sign ("-0.0").
std::string FixedNumber(double d, int decimals);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_UTIL_NUMBER_FORMAT_H_
