// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: model_diff_report.h
//
// Writes a ModelDiff (leadscore/model_diff.h) for people and programs: plain
// text, JSON, or a self-contained HTML page in the style of the backtest
// report (inline SVG histogram of the total's deltas; no script, no external
// style sheet, font or image). What `leadscore diff` prints (docs/cli.md).
// Every string taken from the input (lead ids, model names, rule ids) is
// escaped in JSON and HTML.
//
// Example:
//
//   auto diff = leadscore::DiffModels(old_model, new_model, leads, events, as_of);
//   std::string text = leadscore::ModelDiffText(*diff);

#ifndef LEADSCORE_MODEL_DIFF_REPORT_H_
#define LEADSCORE_MODEL_DIFF_REPORT_H_

#include <cstddef>
#include <string>

#include "leadscore/model_diff.h"

namespace leadscore {

struct ModelDiffReportOptions {
  // How many rules (RuleImpact) and leads the text and HTML list: rules by
  // leads affected; leads refused by a model first, then those that change
  // stage, then the other changed ones, each by decreasing |total delta|.
  // 0: only the summary, the stage matrix and the deltas. JSON lists all.
  size_t top = 10;
};

// A plain-text report for a terminal, lines of at most about 100 columns,
// ending with a newline. Scores with up to 6 significant digits.
std::string ModelDiffText(const ModelDiff& diff, const ModelDiffReportOptions& options = {});

// The diff as one JSON object followed by a newline: the summary, the stage
// matrix, the delta summaries, every rule impact and every changed lead
// (LeadDiff::changed()) with both sides and its rule changes. Keys in a
// fixed order; numbers are shortest round-trip decimals. The top-level
// "format" is "leadscore-model-diff/1". Described in docs/cli.md.
std::string ModelDiffJson(const ModelDiff& diff);

// A self-contained HTML5 document (UTF-8): key figures, the stage matrix,
// the deltas, a histogram of the total's deltas, the rules and the changed
// leads. Invalid UTF-8 in input strings is replaced by U+FFFD.
std::string ModelDiffHtml(const ModelDiff& diff, const ModelDiffReportOptions& options = {});

}  // namespace leadscore

#endif  // LEADSCORE_MODEL_DIFF_REPORT_H_
