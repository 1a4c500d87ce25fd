// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by the JSON Lines parsers (leads, events, outcomes). Not API.

#ifndef LEADSCORE_SRC_JSON_LINE_UTIL_H_
#define LEADSCORE_SRC_JSON_LINE_UTIL_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/lead.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {

// "null", "a boolean", "a number", "a string", "an array" or "an object".
const char* JsonTypeName(const nlohmann::json& j);

// InvalidArgument with message `what`.
absl::Status BadLine(absl::string_view what);

// Parses one data line that must hold a JSON object. Errors are
// InvalidArgument: "invalid JSON: ..." (with the column, never the line's
// content) or "expected a JSON object, got ...".
absl::StatusOr<nlohmann::json> ParseJsonObjectLine(absl::string_view text);

// The string value of `key` in object `j`; InvalidArgument "missing
// required key 'K'" or "'K': expected a string, got T" otherwise.
absl::StatusOr<std::string> RequiredString(const nlohmann::json& j, const char* key);

// Reads the object `key` of `j` (missing or null: nothing) into `out` as
// attributes (values null, bool, number, string or arrays of those), as a
// lead's `attributes` are read (jsonl.cc).
absl::Status ReadAttributeMap(const nlohmann::json& j, const char* key, Attributes* out);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_JSON_LINE_UTIL_H_
