// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Building the design matrix, fitting and measuring for `leadscore train`
// (private).

#ifndef LEADSCORE_SRC_PREDICTIVE_TRAIN_FIT_H_
#define LEADSCORE_SRC_PREDICTIVE_TRAIN_FIT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "leadscore/predictive/logistic.h"
#include "leadscore/predictive/train.h"
#include "predictive/train_features.h"

namespace leadscore {
namespace internal {

// The leads learned from: rows of the TrainingSet, with one label each.
// Everything below indexes these leads (0 to rows.size() - 1), not the set.
struct LabeledLeads {
  std::vector<size_t> rows;     // indices into TrainingSet::rows()
  std::vector<uint8_t> labels;  // 1: converted
};

// A fit on some of the leads, with the design matrix of all of them.
struct Fitted {
  FeatureSet features;
  SparseMatrix x;  // every lead, encoded with `features`
  LogisticFit fit;

  // The log-odds (b + x . w) of every lead.
  std::vector<double> LinearPredictors() const;
};

// Derives the features on the leads `train`, encodes every lead (the design
// matrix) and fits on `train`. Errors: FitLogistic's.
absl::StatusOr<Fitted> FitOn(const TrainingSet& data, const LabeledLeads& leads,
                             const std::vector<size_t>& train, const TrainOptions& options);

// AUC and log loss of the log-odds `eta` on the leads `rows`.
TrainMetrics Measure(const std::vector<double>& eta, const std::vector<uint8_t>& labels,
                     const std::vector<size_t>& rows);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_PREDICTIVE_TRAIN_FIT_H_
