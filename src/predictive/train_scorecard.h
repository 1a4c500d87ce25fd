// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Turning a fitted regression into a spec-v1 scorecard for `leadscore train`
// (private): coefficients into points, features into rule conditions, and
// the model's description and suggested lifecycle.

#ifndef LEADSCORE_SRC_PREDICTIVE_TRAIN_SCORECARD_H_
#define LEADSCORE_SRC_PREDICTIVE_TRAIN_SCORECARD_H_

#include <cstddef>
#include <string>

#include "absl/time/time.h"
#include "leadscore/predictive/logistic.h"
#include "leadscore/predictive/train.h"
#include "predictive/train_features.h"

namespace leadscore {
namespace internal {

// The model JSON (spec v1, 2-space indented, ending with a newline): the
// 'base' rule (offset + factor * intercept), one rule per attribute feature
// (factor * weight) and max_per_lead tiers per event type (factor * weight *
// knot coefficient), in `features` order; a description stating the scaling,
// the data and the validation figures; and, when result->mql_threshold is
// set, the suggested lifecycle. Appends every rule to result->rules. Reads
// result->factor, offset, held_out, cross_validated and the thresholds.
std::string WriteScorecard(const FeatureSet& features, const LogisticFit& fit,
                           const TrainOptions& options, absl::Time as_of,
                           size_t fitted_leads, TrainResult* result);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_PREDICTIVE_TRAIN_SCORECARD_H_
