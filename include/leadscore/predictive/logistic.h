// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: leadscore/logistic.h
//
// L2-regularised logistic regression on a sparse design matrix, fitted by
// Newton's method (iteratively reweighted least squares) with a dense
// Cholesky solve, and the two metrics a learned scorecard is judged by
// (ROC AUC and log loss). Used by `leadscore train` (train.h); usable alone.
//
// The fit minimises
//
//   sum_i [ -y_i ln(p_i) - (1 - y_i) ln(1 - p_i) ] + (l2 / 2) * |w|^2,
//   p_i = 1 / (1 + exp(-(b + x_i . w)))
//
// where the intercept b is not penalised (scikit-learn's LogisticRegression
// with C = 1 / l2 minimises the same function).
//
// Example:
//
//   leadscore::SparseMatrix x(/*columns=*/3);
//   x.AddRow({{0, 1.0}, {2, 0.5}});
//   ...
//   absl::StatusOr<leadscore::LogisticFit> fit = leadscore::FitLogistic(x, labels, {});
//   double eta = fit->LinearPredictor(x, 0);

#ifndef LEADSCORE_LOGISTIC_H_
#define LEADSCORE_LOGISTIC_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace leadscore {

// Rows of (column, value) entries (compressed sparse rows). Entries of a row
// should name distinct columns; zero values may be left out.
class SparseMatrix {
 public:
  explicit SparseMatrix(size_t columns = 0) : columns_(columns) {}

  // Appends a row. Every column must be < columns().
  void AddRow(absl::Span<const std::pair<uint32_t, double>> entries);

  size_t rows() const { return starts_.size() - 1; }
  size_t columns() const { return columns_; }
  // The entries of row `r`.
  absl::Span<const std::pair<uint32_t, double>> row(size_t r) const {
    return absl::MakeConstSpan(entries_.data() + starts_[r], starts_[r + 1] - starts_[r]);
  }

 private:
  size_t columns_;
  std::vector<size_t> starts_ = {0};
  std::vector<std::pair<uint32_t, double>> entries_;
};

struct LogisticOptions {
  double l2 = 1.0;           // penalty on the weights (not the intercept); >= 0
  int max_iterations = 100;  // Newton steps
  double tolerance = 1e-9;   // stop when no coefficient moves more than this
};

struct LogisticFit {
  double intercept = 0;
  std::vector<double> weights;  // one per column
  int iterations = 0;
  bool converged = false;

  // b + x_r . w: the log-odds the model gives row `r` of `x`.
  double LinearPredictor(const SparseMatrix& x, size_t r) const;
};

// Fits the model on the rows `rows` of `x` (all rows if empty) with labels
// `y` (one per row of `x`; 0 or 1). InvalidArgument when `y` has the wrong
// size, when the selected rows are all of one class, or when l2 < 0;
// FailedPrecondition when the Newton system cannot be solved (l2 = 0 with
// collinear columns).
[[nodiscard]] absl::StatusOr<LogisticFit> FitLogistic(const SparseMatrix& x,
                                                      const std::vector<uint8_t>& y,
                                                      const std::vector<size_t>& rows,
                                                      const LogisticOptions& options);

// The logistic function 1 / (1 + e^-z), computed without overflow.
double Sigmoid(double z);

// Area under the ROC curve of `scores` against `labels` (1: positive): the
// probability that a random positive scores above a random negative, ties
// counting one half (RocAuc of roc_auc.h on the two groups). None (undefined)
// when there is no positive or no negative.
[[nodiscard]] std::optional<double> LabeledRocAuc(const std::vector<double>& scores,
                                                  const std::vector<uint8_t>& labels);

// Mean negative log-likelihood of `probabilities` (of label 1) against
// `labels`; probabilities are clipped to [1e-15, 1 - 1e-15]. None (undefined)
// when empty.
[[nodiscard]] std::optional<double> LogLoss(const std::vector<double>& probabilities,
                                            const std::vector<uint8_t>& labels);

}  // namespace leadscore

#endif  // LEADSCORE_LOGISTIC_H_
