// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/outcomes.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace {

using json = nlohmann::json;

const char* TypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a number";
  }
}

absl::Status Bad(absl::string_view what) {
  return absl::InvalidArgumentError(std::string(what));
}

}  // namespace

absl::StatusOr<Outcome> ParseOutcomeJson(absl::string_view line) {
  json j;
  try {
    j = json::parse(line.begin(), line.end());
  } catch (const json::exception& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at ...".
    std::string msg = e.what();
    const size_t p = msg.find("] ");
    if (p != std::string::npos) msg = msg.substr(p + 2);
    const size_t l = msg.find("at line 1, column");
    if (l != std::string::npos) msg.replace(l, 17, "at column");
    return Bad(absl::StrCat("invalid JSON: ", msg));
  }
  if (!j.is_object()) return Bad(absl::StrCat("expected a JSON object, got ", TypeName(j)));

  Outcome out;
  auto id = j.find("lead_id");
  if (id == j.end()) return Bad("missing required key 'lead_id'");
  if (!id->is_string()) {
    return Bad(absl::StrCat("'lead_id': expected a string, got ", TypeName(*id)));
  }
  out.lead_id = id->get<std::string>();

  auto conv = j.find("converted");
  if (conv == j.end()) return Bad("missing required key 'converted'");
  if (!conv->is_boolean()) {
    return Bad(absl::StrCat("'converted': expected true or false, got ", TypeName(*conv)));
  }
  out.converted = conv->get<bool>();

  auto at = j.find("at");
  if (at != j.end() && !at->is_null()) {
    if (!at->is_string()) {
      return Bad(absl::StrCat("'at': expected an RFC 3339 timestamp string, got ",
                              TypeName(*at)));
    }
    absl::StatusOr<absl::Time> t = ParseTimestamp(at->get_ref<const std::string&>());
    if (!t.ok()) return Bad(absl::StrCat("'at': ", t.status().message()));
    out.at = *t;
  }
  return out;
}

absl::StatusOr<bool> ParseOutcomeFlag(absl::string_view text) {
  const std::string w = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (w == "1" || w == "true" || w == "yes" || w == "y" || w == "t") return true;
  if (w == "0" || w == "false" || w == "no" || w == "n" || w == "f") return false;
  return Bad(absl::StrCat("expected a flag (1/0, true/false, yes/no), got '",
                          std::string(text.substr(0, 40)), "'"));
}

}  // namespace leadscore
