// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "scoring/series.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/time.h"

namespace leadscore {
namespace internal {

absl::StatusOr<SeriesPlan> PlanSeries(absl::Span<const absl::Time> as_ofs,
                                      const SeriesOptions& options) {
  if (as_ofs.empty()) return absl::InvalidArgumentError("a series needs at least one time");
  if (options.velocity_days < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("velocity_days must be 0 (none) or more, not ", options.velocity_days));
  }
  SeriesPlan plan;
  plan.velocity_days = options.velocity_days;
  plan.explain = options.explain;
  std::vector<int64_t> wanted;
  wanted.reserve(2 * as_ofs.size());
  for (size_t i = 0; i < as_ofs.size(); ++i) {
    if (i > 0 && as_ofs[i] <= as_ofs[i - 1]) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the times of a series must be ascending and distinct: ", FormatTimestamp(as_ofs[i]),
          " follows ", FormatTimestamp(as_ofs[i - 1])));
    }
    absl::StatusOr<int64_t> t = ToEngineNanos(as_ofs[i]);
    if (!t.ok()) return t.status();
    wanted.push_back(*t);
    if (plan.velocity_days > 0) {
      const absl::Time back = as_ofs[i] - absl::Hours(24) * plan.velocity_days;
      absl::StatusOr<int64_t> b = ToEngineNanos(back);
      if (!b.ok()) {
        return absl::OutOfRangeError(absl::StrCat(
            "the velocity window of ", plan.velocity_days, " days reaches back from ",
            FormatTimestamp(as_ofs[i]), " to before the engine's range: ",
            b.status().message()));
      }
      wanted.push_back(*b);
    }
  }
  plan.read = wanted;
  std::sort(plan.read.begin(), plan.read.end());
  plan.read.erase(std::unique(plan.read.begin(), plan.read.end()), plan.read.end());
  const auto index = [&](int64_t t) {
    return static_cast<size_t>(std::lower_bound(plan.read.begin(), plan.read.end(), t) -
                               plan.read.begin());
  };
  const size_t per = plan.velocity_days > 0 ? 2 : 1;
  for (size_t i = 0; i < as_ofs.size(); ++i) {
    plan.at.push_back(index(wanted[per * i]));
    if (per == 2) plan.back.push_back(index(wanted[per * i + 1]));
  }
  return plan;
}

Scorecard SeriesCard(const SeriesPlan& plan, absl::Span<const Scorecard> cards, size_t i) {
  Scorecard card = cards[plan.at[i]];
  if (plan.velocity_days > 0) {
    const Scorecard& before = cards[plan.back[i]];
    ScoreVelocity v;
    v.days = plan.velocity_days;
    v.total = card.total - before.total;
    v.dimensions.reserve(card.dimensions.size());
    for (size_t d = 0; d < card.dimensions.size(); ++d) {
      v.dimensions.push_back(card.dimensions[d].score - before.dimensions[d].score);
    }
    card.velocity = std::move(v);
  }
  return card;
}

}  // namespace internal
}  // namespace leadscore
