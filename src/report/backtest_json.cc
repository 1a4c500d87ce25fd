// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// BacktestReportJson: the backtest report as one JSON object.

#include <optional>

#include "absl/strings/str_cat.h"
#include "report/backtest_format.h"
#include "report/json_appender.h"
#include "util/json_writer.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/time.h"

namespace leadscore {
namespace {

using Json = internal::JsonAppender;

const char* TargetName(Recommendation::Target t) {
  switch (t) {
    case Recommendation::Target::kVolume: return "volume";
    case Recommendation::Target::kFraction: return "fraction";
    case Recommendation::Target::kPrecision: return "precision";
  }
  return "";
}

}  // namespace

std::string BacktestReportJson(const BacktestReport& r, const BacktestContext& c) {
  std::string out;
  Json j(&out);
  j.Open('{');
  j.Key("format").Str("leadscore-backtest/1");
  j.Key("model").Open('{');
  j.Key("name").Str(c.model_name);
  j.Key("version").Str(c.model_version);
  j.Close('}');
  j.Key("as_of").Str(FormatTimestamp(c.as_of));

  j.Key("population").Open('{');
  if (c.population) {
    const PopulationStats& p = *c.population;
    j.Key("scored").Int(p.scorecards);
    j.Key("evaluated").Int(p.evaluated);
    j.Key("converted").Int(p.converted);
    j.Key("excluded").Open('{');
    j.Key("invalid").Int(p.excluded_invalid);
    j.Key("decided_before_as_of").Int(p.excluded_decided_before_as_of);
    j.Key("without_outcome").Int(p.excluded_without_outcome);
    j.Close('}');
    j.Key("without_outcome_not_converted").Int(p.without_outcome);
    j.Key("decided_before_as_of_kept").Int(p.decided_before_as_of_kept);
    j.Key("outcomes").Int(p.outcomes);
  } else {
    j.Key("evaluated").Int(r.leads);
    j.Key("converted").Int(r.converted);
  }
  j.Key("unknown_outcome_ids").Open('[');
  for (const std::string& id : c.unknown_outcome_ids) j.Str(id);
  j.Close(']');
  j.Close('}');

  j.Key("leads").Int(r.leads);
  j.Key("converted").Int(r.converted);
  j.Key("conversion_rate").Num(r.conversion_rate);
  j.Key("auc").Num(r.auc);
  j.Key("dimension_auc").Open('{');
  for (const DimensionAuc& d : r.dimension_auc) j.Key(d.dimension).Num(d.auc);
  j.Close('}');
  j.Key("scaling");
  if (c.scaling) {
    j.Open('{');
    j.Key("pdo").Num(c.scaling->pdo);
    j.Key("base_score").Num(c.scaling->base_score);
    j.Key("base_odds").Num(c.scaling->base_odds);
    j.Key("source").Str(c.scaling_source);
    j.Close('}');
  } else {
    j.Null();
  }
  j.Key("log_loss").Num(r.log_loss);
  j.Key("brier").Num(r.brier);

  j.Key("roc").Open('[');
  for (const RocPoint& p : r.roc) {
    j.Open('{');
    j.Key("threshold").Num(p.threshold);
    j.Key("fpr").Num(p.fpr);
    j.Key("tpr").Num(p.tpr);
    j.Close('}');
  }
  j.Close(']');

  j.Key("deciles").Open('[');
  for (const DecileRow& d : r.deciles) {
    j.Open('{');
    j.Key("decile").Int(static_cast<size_t>(d.decile));
    j.Key("leads").Int(d.leads);
    j.Key("converted").Int(d.converted);
    j.Key("min_score").Num(d.min_score);
    j.Key("max_score").Num(d.max_score);
    j.Key("conversion_rate").Num(d.conversion_rate);
    j.Key("lift").Num(d.lift);
    j.Key("cumulative_leads").Int(d.cumulative_leads);
    j.Key("cumulative_converted").Int(d.cumulative_converted);
    j.Key("cumulative_recall").Num(d.cumulative_recall);
    j.Key("mean_probability").Num(d.mean_probability);
    j.Close('}');
  }
  j.Close(']');

  j.Key("stages").Open('[');
  for (const StageRow& s : r.stages) {
    j.Open('{');
    j.Key("stage").Str(s.stage);
    j.Key("passing").Int(s.passing);
    j.Key("converted").Int(s.converted_passing);
    j.Key("precision").Num(s.precision);
    j.Key("recall").Num(s.recall);
    j.Key("lift").Num(s.lift);
    j.Close('}');
  }
  j.Close(']');

  j.Key("recommendations").Open('[');
  for (const Recommendation& rec : r.recommendations) {
    j.Open('{');
    j.Key("target").Str(TargetName(rec.target));
    j.Key("value").Num(rec.target_value);
    j.Key("met").Bool(rec.met);
    j.Key("threshold").Num(rec.threshold);
    j.Key("suggested_threshold").Num(rec.suggested_threshold);
    j.Key("passing").Int(rec.passing);
    j.Key("converted").Int(rec.converted_passing);
    j.Key("precision").Num(rec.precision);
    j.Key("recall").Num(rec.recall);
    j.Key("lift").Num(rec.lift);
    j.Close('}');
  }
  j.Close(']');

  j.Key("histogram").Open('{');
  j.Key("lo").Num(r.histogram.lo);
  j.Key("hi").Num(r.histogram.hi);
  j.Key("width").Num(r.histogram.width);
  j.Key("converted").Open('[');
  for (size_t n : r.histogram.converted) j.Int(n);
  j.Close(']');
  j.Key("not_converted").Open('[');
  for (size_t n : r.histogram.not_converted) j.Int(n);
  j.Close(']');
  j.Close('}');

  j.Key("top_leads").Open('[');
  for (const BacktestLead& l : r.top_leads) {
    j.Open('{');
    j.Key("lead_id").Str(l.lead_id);
    j.Key("total").Num(l.score);
    j.Key("stage").OptStr(l.stage);
    j.Key("converted").Bool(l.converted);
    j.Close('}');
  }
  j.Close(']');

  j.Key("notes").Open('[');
  for (const std::string& n : r.notes) j.Str(n);
  j.Close(']');
  j.Close('}');
  out.push_back('\n');
  return out;
}

}  // namespace leadscore
