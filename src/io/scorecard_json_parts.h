// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The parts a lead scorecard line and an account scorecard line share
// (scorecard_json.cc, account_json.cc): their scores, total, grades and stage
// are written the same way, so a consumer parses both with one code path.
// Not API.

#ifndef LEADSCORE_SRC_IO_SCORECARD_JSON_PARTS_H_
#define LEADSCORE_SRC_IO_SCORECARD_JSON_PARTS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/scorecard.h"
#include "leadscore/time.h"
#include "util/json_writer.h"

namespace leadscore {
namespace internal {

// `s` as a JSON string, or null.
inline void AppendOptionalString(const std::optional<std::string>& s, std::string* out) {
  if (s) {
    AppendJsonString(*s, out);
  } else {
    out->append("null");
  }
}

// `v` as a JSON array of strings.
inline void AppendStrings(const std::vector<std::string>& v, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(v[i], out);
  }
  out->push_back(']');
}

// `"scores": {...}, "total": T, "grades": {...}, "stage": S,
// "stage_entered_at": E` (no separator before or after).
inline void AppendScoresToStage(const std::vector<DimensionScore>& dimensions, double total,
                                const std::optional<std::string>& stage,
                                const std::optional<absl::Time>& stage_entered_at,
                                std::string* out) {
  out->append("\"scores\": {");
  for (size_t i = 0; i < dimensions.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(dimensions[i].dimension, out);
    out->append(": ");
    AppendJsonNumber(dimensions[i].score, out);
  }
  out->append("}, \"total\": ");
  AppendJsonNumber(total, out);
  out->append(", \"grades\": {");
  for (size_t i = 0; i < dimensions.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(dimensions[i].dimension, out);
    out->append(": ");
    AppendOptionalString(dimensions[i].grade, out);
  }
  out->append("}, \"stage\": ");
  AppendOptionalString(stage, out);
  out->append(", \"stage_entered_at\": ");
  if (stage_entered_at) {
    out->push_back('"');
    out->append(FormatTimestamp(*stage_entered_at));
    out->push_back('"');
  } else {
    out->append("null");
  }
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_IO_SCORECARD_JSON_PARTS_H_
