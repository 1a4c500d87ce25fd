// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: backtest_report.h
//
// Writes a BacktestReport (backtest.h) for people and programs: plain text,
// JSON, or a self-contained HTML page with inline SVG charts (ROC curve, lift
// by decile, score histograms of converted and not converted leads) that opens
// offline in any browser: no script, no external style sheet, font or image.
// Every string taken from the input (lead ids, model name) is escaped.
//
// Example:
//
//   leadscore::BacktestContext context;
//   context.model_name = model->name();
//   context.as_of = as_of;
//   std::string html = leadscore::BacktestReportHtml(*report, context);

#ifndef LEADSCORE_BACKTEST_REPORT_H_
#define LEADSCORE_BACKTEST_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "leadscore/backtest/backtest.h"
#include "leadscore/backtest/backtest_population.h"

namespace leadscore {

// What the report is about, for its header.
struct BacktestContext {
  std::string model_name;
  std::string model_version;
  absl::Time as_of = absl::UnixEpoch();
  // The scaling used for log loss, if any, and where it came from (e.g.
  // "model description" or "command line").
  std::optional<PointsScaling> scaling;
  std::string scaling_source;
  // How the evaluated leads were chosen; none: not shown.
  std::optional<PopulationStats> population;
  PopulationOptions population_options;
  // Outcome lead ids that named no scored lead (shown up to 20 in text and
  // HTML, all in JSON).
  std::vector<std::string> unknown_outcome_ids;
};

// A plain-text report for a terminal, lines of at most about 100 columns,
// ending with a newline. Percentages to 1 decimal, AUC to 4.
std::string BacktestReportText(const BacktestReport& report, const BacktestContext& context);

// The report as one JSON object followed by a newline. Keys in a fixed order;
// undefined metrics are null; numbers are shortest round-trip decimals. The
// top-level "format" is "leadscore-backtest/1". Described in docs/cli.md.
std::string BacktestReportJson(const BacktestReport& report, const BacktestContext& context);

// A self-contained HTML5 document (UTF-8) with the report's tables and three
// inline SVG charts. Invalid UTF-8 in input strings is replaced by U+FFFD.
std::string BacktestReportHtml(const BacktestReport& report, const BacktestContext& context);

}  // namespace leadscore

#endif  // LEADSCORE_BACKTEST_REPORT_H_
