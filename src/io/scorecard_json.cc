// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/scorecard_json.h"

#include "io/scorecard_json_parts.h"
#include "util/json_writer.h"
#include "leadscore/scorecard.h"
#include "leadscore/time.h"

namespace leadscore {

using internal::AppendJsonNumber;
using internal::AppendJsonString;

using internal::AppendOptionalString;
using internal::AppendScoresToStage;

void AppendScorecardJson(const Scorecard& card, bool explain, std::string* out) {
  out->append("{\"lead_id\": ");
  AppendJsonString(card.lead_id, out);
  out->append(", \"as_of\": \"");
  out->append(FormatTimestamp(card.as_of));
  out->append(card.valid ? "\", \"valid\": true, " : "\", \"valid\": false, ");
  AppendScoresToStage(card.dimensions, card.total, card.stage, card.stage_entered_at, out);
  out->append(", \"labels\": ");
  internal::AppendStrings(card.labels, out);
  out->append(", \"funnel\": ");
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
