// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Minimal appenders for hand-written JSON output (scorecards, rejects). Not API.

#ifndef LEADSCORE_SRC_JSON_WRITER_H_
#define LEADSCORE_SRC_JSON_WRITER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "util/number_format.h"  // AppendJsonNumber

namespace leadscore {
namespace internal {

// Appends `s` as a JSON string literal. Invalid UTF-8 bytes become U+FFFD so
// the output always parses.
void AppendJsonString(absl::string_view s, std::string* out);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_JSON_WRITER_H_
