// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/predictive/roc_auc.h"

#include <algorithm>
#include <vector>

namespace leadscore {

std::optional<double> RocAuc(absl::Span<const double> converted_scores,
                             absl::Span<const double> not_converted_scores) {
  const size_t p = converted_scores.size(), n = not_converted_scores.size();
  if (p == 0 || n == 0) return std::nullopt;
  // Mann-Whitney U from average ranks (ascending; ties share the mean rank).
  std::vector<std::pair<double, bool>> all;
  all.reserve(p + n);
  for (double s : converted_scores) all.emplace_back(s, true);
  for (double s : not_converted_scores) all.emplace_back(s, false);
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  double rank_sum = 0;  // of the converted, ranks from 1
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    size_t pos_in_group = 0;
    while (j < all.size() && all[j].first == all[i].first) {
      pos_in_group += all[j].second ? 1 : 0;
      ++j;
    }
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    rank_sum += mean_rank * static_cast<double>(pos_in_group);
    i = j;
  }
  const double dp = static_cast<double>(p), dn = static_cast<double>(n);
  const double u = rank_sum - dp * (dp + 1) / 2;
  return std::clamp(u / (dp * dn), 0.0, 1.0);
}

}  // namespace leadscore
