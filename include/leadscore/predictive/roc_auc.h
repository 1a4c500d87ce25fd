// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// RocAuc: how well a score separates leads that converted from those that did
// not. Used by training (held-out evaluation) and by backtests.

#ifndef LEADSCORE_PREDICTIVE_ROC_AUC_H_
#define LEADSCORE_PREDICTIVE_ROC_AUC_H_

#include <optional>

#include "absl/types/span.h"

namespace leadscore {

// The area under the ROC curve, by Mann-Whitney: the probability that a
// converted lead scores above a lead that did not convert, ties counting one
// half. O((p + n) log(p + n)). None when either span is empty. Scores must be
// finite (not checked).
[[nodiscard]] std::optional<double> RocAuc(
    absl::Span<const double> converted_scores, absl::Span<const double> not_converted_scores);

}  // namespace leadscore

#endif  // LEADSCORE_PREDICTIVE_ROC_AUC_H_
