// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The pieces of RunBacktest (backtest.h) that work on leads grouped by score
// (private): score groups, and the recommended thresholds.

#ifndef LEADSCORE_SRC_BACKTEST_SCORE_GROUPS_H_
#define LEADSCORE_SRC_BACKTEST_SCORE_GROUPS_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "leadscore/backtest/backtest.h"

namespace leadscore {
namespace internal {

// num / den, or none when den is not positive.
std::optional<double> Ratio(double num, double den);

// A run of equal scores in the leads sorted by score, highest first.
struct Group {
  double score;
  size_t begin;  // position in the sorted order
  size_t end;
  size_t converted;
};

// The leads sorted by score, highest first (ties in input order), as runs of
// equal scores.
std::vector<Group> GroupByScore(const std::vector<const BacktestLead*>& sorted);

// The recommendations BacktestOptions asks for (volume, fraction, precision),
// over `groups` of `leads` leads of which `converted` converted.
std::vector<Recommendation> Recommend(const BacktestOptions& options,
                                      const std::vector<Group>& groups, size_t leads,
                                      size_t converted, double base_rate);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_BACKTEST_SCORE_GROUPS_H_
