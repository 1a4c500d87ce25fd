// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Phrases shared by the backtest report writers. Not API. Numbers are
// formatted by util/number_format.h.

#ifndef LEADSCORE_SRC_BACKTEST_FORMAT_H_
#define LEADSCORE_SRC_BACKTEST_FORMAT_H_

#include <optional>
#include <string>
#include <vector>

#include "leadscore/backtest/backtest.h"
#include "leadscore/report/backtest_report.h"
#include "util/number_format.h"

namespace leadscore {
namespace internal {

// "12.3%", or "-" for none.
std::string Percent(std::optional<double> v, int decimals = 1);
// `v` with `decimals` fixed decimals, or "-" for none.
std::string Fixed(std::optional<double> v, int decimals);

// "top 300 leads", "top 10% of leads (185 leads)", "precision >= 30%".
std::string DescribeTarget(const Recommendation& r, size_t leads);
// "total >= 58.5: 300 leads pass, precision 30.0%, recall 42.5%, lift 2.63".
std::string DescribeOutcome(const Recommendation& r);
// A sentence saying whether the target was met, and why not.
std::string DescribeMet(const Recommendation& r);
// `{"score": "total", "gte": X}`.
std::string ThresholdJson(const Recommendation& r);

// One line each about who was evaluated and who was left out.
std::vector<std::string> PopulationLines(const BacktestReport& report,
                                         const BacktestContext& context);
// "pdo 20, base score 600 at odds 1" (+ ", from the SOURCE").
std::string DescribeScaling(const BacktestContext& context);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_BACKTEST_FORMAT_H_
