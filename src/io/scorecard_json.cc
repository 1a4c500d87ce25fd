// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "util/json_writer.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/scorecard.h"
#include "leadscore/time.h"

namespace leadscore {

using internal::AppendJsonNumber;
using internal::AppendJsonString;

namespace {

void AppendOptionalString(const std::optional<std::string>& s, std::string* out) {
  if (s) {
    AppendJsonString(*s, out);
  } else {
    out->append("null");
  }
}

}  // namespace

void AppendScorecardJson(const Scorecard& card, bool explain, std::string* out) {
  out->append("{\"lead_id\": ");
  AppendJsonString(card.lead_id, out);
  out->append(", \"as_of\": \"");
  out->append(FormatTimestamp(card.as_of));
  out->append(card.valid ? "\", \"valid\": true, \"scores\": {" 
                         : "\", \"valid\": false, \"scores\": {");
  for (size_t i = 0; i < card.dimensions.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(card.dimensions[i].dimension, out);
    out->append(": ");
    AppendJsonNumber(card.dimensions[i].score, out);
  }
  out->append("}, \"total\": ");
  AppendJsonNumber(card.total, out);
  out->append(", \"grades\": {");
  for (size_t i = 0; i < card.dimensions.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(card.dimensions[i].dimension, out);
    out->append(": ");
    AppendOptionalString(card.dimensions[i].grade, out);
  }
  out->append("}, \"stage\": ");
  AppendOptionalString(card.stage, out);
  out->append(", \"stage_entered_at\": ");
  if (card.stage_entered_at) {
    out->push_back('"');
    out->append(FormatTimestamp(*card.stage_entered_at));
    out->push_back('"');
  } else {
    out->append("null");
  }
  out->append(", \"labels\": [");
  for (size_t i = 0; i < card.labels.size(); ++i) {
    if (i) out->append(", ");
    AppendJsonString(card.labels[i], out);
  }
  out->append("], \"funnel\": ");
  AppendOptionalString(card.funnel, out);
  if (card.velocity) {
    // Only when asked for (docs/model-format.md, "Trends"): v1 scorecards
    // never carry it.
    const ScoreVelocity& v = *card.velocity;
    out->append(", \"velocity\": {\"days\": ");
    out->append(std::to_string(v.days));
    out->append(", \"total\": ");
    AppendJsonNumber(v.total, out);
    out->append(", \"scores\": {");
    for (size_t i = 0; i < v.dimensions.size() && i < card.dimensions.size(); ++i) {
      if (i) out->append(", ");
      AppendJsonString(card.dimensions[i].dimension, out);
      out->append(": ");
      AppendJsonNumber(v.dimensions[i], out);
    }
    out->append("}}");
  }
  if (explain) {
    out->append(", \"explain\": [");
    for (size_t i = 0; i < card.explain.size(); ++i) {
      const ExplainEntry& e = card.explain[i];
      if (i) out->append(", ");
      out->append("{\"rule\": ");
      AppendJsonString(e.rule, out);
      out->append(", \"dimension\": ");
      AppendJsonString(e.dimension, out);
      out->append(", \"points\": ");
      AppendJsonNumber(e.points, out);
      if (e.events) {
        out->append(", \"events\": ");
        out->append(std::to_string(*e.events));
      }
      out->push_back('}');
    }
    out->push_back(']');
  }
  out->push_back('}');
}

}  // namespace leadscore
