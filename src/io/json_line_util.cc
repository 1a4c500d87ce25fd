// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "io/json_line_util.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace leadscore {
namespace internal {
namespace {

using json = nlohmann::json;

// nlohmann's parse errors quote the line: "...; last read: '<token>'" (for a
// string, everything read of it: an attribute value up to the bad byte) and
// "number overflow parsing '<number>'". Data lines hold personal data, and
// error messages go to logs, so the quotes are cut; the column says where.
std::string WithoutLineContent(std::string msg) {
  const size_t last_read = msg.find("; last read: '");
  if (last_read != std::string::npos) msg.erase(last_read);
  const size_t overflow = msg.find("number overflow parsing '");
  if (overflow != std::string::npos) {
    msg.replace(overflow, std::string::npos,
                "number out of range (a JSON number must be finite as a double, "
                "within about +-1.8e308)");
  }
  return msg;
}

}  // namespace

const char* JsonTypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

absl::Status BadLine(absl::string_view what) {
  return absl::InvalidArgumentError(std::string(what));
}

absl::StatusOr<json> ParseJsonObjectLine(absl::string_view text) {
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at ...".
    // A data line is one line, so "line 1, column N" is just "column N".
    std::string msg = e.what();
    const size_t p = msg.find("] ");
    if (p != std::string::npos) msg = msg.substr(p + 2);
    const size_t l = msg.find("at line 1, column");
    if (l != std::string::npos) msg.replace(l, 17, "at column");
    return BadLine(absl::StrCat("invalid JSON: ", WithoutLineContent(msg)));
  }
  if (!j.is_object()) {
    return BadLine(absl::StrCat("expected a JSON object, got ", JsonTypeName(j)));
  }
  return j;
}

absl::StatusOr<std::string> RequiredString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return BadLine(absl::StrCat("missing required key '", key, "'"));
  if (!it->is_string()) {
    return BadLine(absl::StrCat("'", key, "': expected a string, got ", JsonTypeName(*it)));
  }
  return it->get<std::string>();
}

}  // namespace internal
}  // namespace leadscore
