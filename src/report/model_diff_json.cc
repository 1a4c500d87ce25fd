// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ModelDiffJson: the model diff as one JSON object (schema: docs/cli.md,
// "leadscore diff").

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/report/model_diff_report.h"
#include "leadscore/time.h"
#include "report/json_appender.h"
#include "report/model_diff_format.h"

namespace leadscore {

namespace {

using Json = internal::JsonAppender;

void ModelJson(Json& j, const char* key, const std::string& name, const std::string& version) {
  j.Key(key).Open('{');
  j.Key("name").Str(name);
  j.Key("version").Str(version);
  j.Close('}');
}

// null for no stage.
void Stage(Json& j, const std::optional<std::string>& stage) { j.OptStr(stage); }

void Summary(Json& j, const DeltaSummary& d) {
  j.Open('{');
  j.Key("dimension").Str(d.dimension);
  j.Key("leads").Int(d.leads);
  j.Key("moved").Int(d.moved);
  j.Key("up").Int(d.up);
  j.Key("down").Int(d.down);
  j.Key("mean_delta").Num(d.mean_delta);
  j.Key("mean_abs_delta").Num(d.mean_abs_delta);
  j.Key("median_abs_delta").Num(d.median_abs_delta);
  j.Key("max_abs_delta").Num(d.max_abs_delta);
  j.Key("max_abs_lead_id");
  if (d.max_abs_lead_id.empty()) {
    j.Null();
  } else {
    j.Str(d.max_abs_lead_id);
  }
  j.Key("quantiles").Open('{');
  j.Key("min").Num(d.min);
  j.Key("p10").Num(d.p10);
  j.Key("p25").Num(d.p25);
  j.Key("p50").Num(d.p50);
  j.Key("p75").Num(d.p75);
  j.Key("p90").Num(d.p90);
  j.Key("max").Num(d.max);
  j.Close('}');
  j.Close('}');
}

// One side of a lead: its stage, total and scores, or null.
void Side(Json& j, const std::optional<Scorecard>& card) {
  if (!card) {
    j.Null();
    return;
  }
  j.Open('{');
  j.Key("stage");
  Stage(j, card->stage);
  j.Key("total").Num(card->total);
  j.Key("scores").Open('{');
  for (const DimensionScore& d : card->dimensions) j.Key(d.dimension).Num(d.score);
  j.Close('}');
  j.Key("grades").Open('{');
  for (const DimensionScore& d : card->dimensions) j.Key(d.dimension).OptStr(d.grade);
  j.Close('}');
  j.Close('}');
}

// {"code": "INVALID_ARGUMENT", "message": "..."} or null.
void Error(Json& j, const absl::Status& s) {
  if (s.ok()) {
    j.Null();
    return;
  }
  j.Open('{');
  j.Key("code").Str(absl::StatusCodeToString(s.code()));
  j.Key("message").Str(s.message());
  j.Close('}');
}

void LeadJson(Json& j, const LeadDiff& d) {
  j.Open('{');
  j.Key("lead_id").Str(d.lead_id);
  j.Key("old");
  Side(j, d.old_card);
  j.Key("new");
  Side(j, d.new_card);
  j.Key("old_error");
  Error(j, d.old_status);
  j.Key("new_error");
  Error(j, d.new_status);
  const bool both = d.scored_by_both();
  const ScorecardComparison& c = d.comparison;
  j.Key("stage_changed").Bool(both && c.stage_changed);
  j.Key("total_delta");
  if (both) {
    j.Num(c.total_delta());
  } else {
    j.Null();
  }
  j.Key("deltas").Open('[');
  if (both) {
    for (const ScoreDelta& s : c.dimensions) {
      j.Open('{');
      j.Key("dimension").Str(s.dimension);
      j.Key("old").Num(s.old_score);
      j.Key("new").Num(s.new_score);
      j.Key("delta").Num(s.delta());
      j.Key("old_grade").OptStr(s.old_grade);
      j.Key("new_grade").OptStr(s.new_grade);
      j.Close('}');
    }
  }
  j.Close(']');
  j.Key("rules").Open('[');
  if (both) {
    for (const RuleChange& r : c.rules) {
      j.Open('{');
      j.Key("rule").Str(r.rule);
      j.Key("dimension").Str(r.dimension);
      j.Key("kind").Str(RuleChangeKindName(r.kind));
      j.Key("old_points").Num(r.old_points);
      j.Key("new_points").Num(r.new_points);
      j.Key("delta").Num(r.delta());
      j.Close('}');
    }
  }
  j.Close(']');
  j.Close('}');
}

}  // namespace

std::string ModelDiffJson(const ModelDiff& diff) {
  std::string out;
  Json j(&out);
  j.Open('{');
  j.Key("format").Str("leadscore-model-diff/1");
  ModelJson(j, "old_model", diff.old_name, diff.old_version);
  ModelJson(j, "new_model", diff.new_name, diff.new_version);
  j.Key("as_of").Str(FormatTimestamp(diff.as_of));
  j.Key("tolerance").Num(diff.tolerance);
  j.Key("leads").Int(diff.lead_count);
  j.Key("events").Int(diff.event_count);
  j.Key("events_after_as_of").Int(diff.events_after_as_of);
  j.Key("unknown_lead_events").Int(diff.unknown_lead_events);
  j.Key("compared").Int(diff.compared);
  j.Key("changed").Int(diff.changed);
  j.Key("stage_changed").Int(diff.stage_changed);
  j.Key("score_changed").Int(diff.score_changed);
  j.Key("grade_changed").Int(diff.grade_changed);
  j.Key("refused").Open('{');
  j.Key("old_only").Int(diff.refused_by_old);
  j.Key("new_only").Int(diff.refused_by_new);
  j.Key("both").Int(diff.refused_by_both);
  j.Close('}');
  j.Key("stages").Open('{');
  j.Key("labels").Open('[');
  for (const std::string& s : diff.stages.stages) {
    if (s.empty()) {
      j.Null();
    } else {
      j.Str(s);
    }
  }
  j.Close(']');
  j.Key("counts").Open('[');
  for (const std::vector<size_t>& row : diff.stages.counts) {
    j.Open('[');
    for (size_t n : row) j.Int(n);
    j.Close(']');
  }
  j.Close(']');
  j.Key("moved").Int(diff.stages.moved());
  j.Close('}');
  j.Key("deltas").Open('[');
  Summary(j, diff.total);
  for (const DeltaSummary& d : diff.dimensions) Summary(j, d);
  j.Close(']');
  j.Key("rules").Open('[');
  for (const RuleImpact& r : diff.rules) {
    j.Open('{');
    j.Key("rule").Str(r.rule);
    j.Key("dimension").Str(r.dimension);
    j.Key("leads").Int(r.leads);
    j.Key("added").Int(r.added);
    j.Key("removed").Int(r.removed);
    j.Key("changed").Int(r.changed);
    j.Key("total_delta").Num(r.total_delta);
    j.Close('}');
  }
  j.Close(']');
  j.Key("changed_leads").Open('[');
  for (const LeadDiff* d : internal::ReportedLeads(diff)) LeadJson(j, *d);
  j.Close(']');
  j.Close('}');
  out.push_back('\n');
  return out;
}

}  // namespace leadscore
