// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/outcomes.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "io/json_line_util.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace {

using json = nlohmann::json;

using internal::BadLine;
using internal::JsonTypeName;

}  // namespace

absl::StatusOr<Outcome> ParseOutcomeJson(absl::string_view line) {
  absl::StatusOr<json> parsed = internal::ParseJsonObjectLine(line);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;

  Outcome out;
  auto id = j.find("lead_id");
  if (id == j.end()) return BadLine("missing required key 'lead_id'");
  if (!id->is_string()) {
    return BadLine(absl::StrCat("'lead_id': expected a string, got ", JsonTypeName(*id)));
  }
  out.lead_id = id->get<std::string>();

  auto conv = j.find("converted");
  if (conv == j.end()) return BadLine("missing required key 'converted'");
  if (!conv->is_boolean()) {
    return BadLine(absl::StrCat("'converted': expected true or false, got ", JsonTypeName(*conv)));
  }
  out.converted = conv->get<bool>();

  auto at = j.find("at");
  if (at != j.end() && !at->is_null()) {
    if (!at->is_string()) {
      return BadLine(
          absl::StrCat("'at': expected an RFC 3339 timestamp string, got ", JsonTypeName(*at)));
    }
    absl::StatusOr<absl::Time> t = ParseTimestamp(at->get_ref<const std::string&>());
    if (!t.ok()) return BadLine(absl::StrCat("'at': ", t.status().message()));
    out.at = *t;
  }
  return out;
}

absl::StatusOr<bool> ParseOutcomeFlag(absl::string_view text) {
  const std::string w = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (w == "1" || w == "true" || w == "yes" || w == "y" || w == "t") return true;
  if (w == "0" || w == "false" || w == "no" || w == "n" || w == "f") return false;
  return BadLine(absl::StrCat("expected a flag (1/0, true/false, yes/no), got '",
                              std::string(text.substr(0, 40)), "'"));
}

}  // namespace leadscore
