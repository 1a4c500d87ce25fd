// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/transition_json.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/json_line_util.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"
#include "util/json_writer.h"

namespace leadscore {
namespace {

using json = nlohmann::json;

using internal::AppendJsonString;
using internal::BadLine;
using internal::JsonTypeName;
using internal::RequiredString;


}  // namespace

void AppendTransitionJson(const Transition& t, std::string* out) {
  out->append("{\"lead_id\": ");
  AppendJsonString(t.lead_id, out);
  out->append(", \"from\": ");
  AppendJsonString(t.from, out);
  out->append(", \"to\": ");
  AppendJsonString(t.to, out);
  out->append(", \"at\": \"");
  out->append(FormatTimestamp(t.at));
  out->append("\", \"cause\": \"");
  out->append(TransitionCauseName(t.cause));
  out->append("\", \"event_id\": ");
  if (t.cause == TransitionCause::kEvent && t.event_id) {
    AppendJsonString(*t.event_id, out);
  } else {
    out->append("null");
  }
  out->append(", \"model\": ");
  AppendJsonString(t.model_name, out);
  out->append(", \"model_version\": ");
  AppendJsonString(t.model_version, out);
  // v1.1: only for a recycle, so v1 output is unchanged.
  if (t.recycle >= 0) absl::StrAppend(out, ", \"recycle\": ", t.recycle);
  out->push_back('}');
}

absl::StatusOr<Transition> ParseTransitionJson(absl::string_view line) {
  absl::StatusOr<json> parsed = internal::ParseJsonObjectLine(line);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  Transition t;
  // Strings, in the order they are written, so the first problem is named.
  struct Field {
    const char* key;
    std::string* to;
  };
  std::string at, cause;
  for (const Field& f : {Field{"lead_id", &t.lead_id}, Field{"from", &t.from},
                         Field{"to", &t.to}, Field{"at", &at}, Field{"cause", &cause}}) {
    absl::StatusOr<std::string> s = RequiredString(j, f.key);
    if (!s.ok()) return s.status();
    *f.to = *std::move(s);
  }
  absl::StatusOr<absl::Time> when = ParseTimestamp(at);
  if (!when.ok()) return BadLine(absl::StrCat("'at': ", when.status().message()));
  t.at = *when;
  if (cause == "event") {
    t.cause = TransitionCause::kEvent;
  } else if (cause == "time") {
    t.cause = TransitionCause::kTime;
  } else if (cause == "lead") {
    t.cause = TransitionCause::kLead;
  } else if (cause == "model") {
    t.cause = TransitionCause::kModel;
  } else {
    std::string shown;
    AppendJsonString(cause, &shown);
    return BadLine(absl::StrCat("'cause': expected \"event\", \"time\", \"lead\" or \"model\", got ",
                                shown));
  }
  auto id = j.find("event_id");
  if (id == j.end()) return BadLine("missing required key 'event_id'");
  if (id->is_string()) {
    if (t.cause != TransitionCause::kEvent) {
      return BadLine(absl::StrCat("'event_id': must be null for cause \"", cause, "\""));
    }
    t.event_id = id->get<std::string>();
  } else if (!id->is_null()) {
    return BadLine(
        absl::StrCat("'event_id': expected a string or null, got ", JsonTypeName(*id)));
  }
  for (const Field& f : {Field{"model", &t.model_name}, Field{"model_version", &t.model_version}}) {
    absl::StatusOr<std::string> s = RequiredString(j, f.key);
    if (!s.ok()) return s.status();
    *f.to = *std::move(s);
  }
  if (auto r = j.find("recycle"); r != j.end()) {
    if (!r->is_number_unsigned() || r->get<uint64_t>() > 1000000000) {
      return BadLine("'recycle': expected the index of a recycle rule (an integer >= 0)");
    }
    t.recycle = static_cast<int>(r->get<uint64_t>());
  }
  return t;
}

}  // namespace leadscore
