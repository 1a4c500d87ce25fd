// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/predictive/logistic.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "leadscore/predictive/roc_auc.h"

namespace leadscore {
namespace {

// ln(1 + e^z) without overflow.
double Log1pExp(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

// In-place Cholesky factorisation of the symmetric positive definite n x n
// matrix `a` (row-major, lower triangle used). False if not positive definite.
bool Cholesky(std::vector<double>* a, size_t n) {
  std::vector<double>& m = *a;
  for (size_t j = 0; j < n; ++j) {
    double d = m[j * n + j];
    const double* rj = &m[j * n];
    for (size_t k = 0; k < j; ++k) d -= rj[k] * rj[k];
    if (!(d > 0)) return false;
    const double ljj = std::sqrt(d);
    m[j * n + j] = ljj;
    for (size_t i = j + 1; i < n; ++i) {
      double s = m[i * n + j];
      const double* ri = &m[i * n];
      for (size_t k = 0; k < j; ++k) s -= ri[k] * rj[k];
      m[i * n + j] = s / ljj;
    }
  }
  return true;
}

// Solves L L^T x = b in place.
void CholeskySolve(const std::vector<double>& l, size_t n, std::vector<double>* b) {
  std::vector<double>& x = *b;
  for (size_t i = 0; i < n; ++i) {
    double s = x[i];
    for (size_t k = 0; k < i; ++k) s -= l[i * n + k] * x[k];
    x[i] = s / l[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double s = x[i];
    for (size_t k = i + 1; k < n; ++k) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
}

}  // namespace

void SparseMatrix::AddRow(absl::Span<const std::pair<uint32_t, double>> entries) {
  entries_.insert(entries_.end(), entries.begin(), entries.end());
  starts_.push_back(entries_.size());
}

double LogisticFit::LinearPredictor(const SparseMatrix& x, size_t r) const {
  double eta = intercept;
  for (const auto& [c, v] : x.row(r)) eta += weights[c] * v;
  return eta;
}

double Sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

absl::StatusOr<LogisticFit> FitLogistic(const SparseMatrix& x, const std::vector<uint8_t>& y,
                                        const std::vector<size_t>& rows_in,
                                        const LogisticOptions& options) {
  if (y.size() != x.rows()) {
    return absl::InvalidArgumentError(
        absl::StrCat("FitLogistic: ", y.size(), " labels for ", x.rows(), " rows"));
  }
  if (!(options.l2 >= 0) || !std::isfinite(options.l2)) {
    return absl::InvalidArgumentError("FitLogistic: l2 must be a finite number >= 0");
  }
  std::vector<size_t> rows = rows_in;
  if (rows.empty()) {
    rows.resize(x.rows());
    std::iota(rows.begin(), rows.end(), size_t{0});
  }
  size_t positives = 0;
  for (size_t r : rows) positives += y[r] != 0;
  if (positives == 0 || positives == rows.size()) {
    return absl::InvalidArgumentError(
        "cannot fit a logistic regression: the training rows need both converted and not "
        "converted leads");
  }
  const size_t p = x.columns();
  const size_t n = p + 1;  // index 0: intercept; column c: index c + 1
  LogisticFit fit;
  fit.weights.assign(p, 0.0);
  // Start at the base rate.
  const double rate = static_cast<double>(positives) / static_cast<double>(rows.size());
  fit.intercept = std::log(rate / (1 - rate));

  std::vector<double> eta(rows.size());
  auto objective = [&](double b, const std::vector<double>& w) {
    double obj = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      double e = b;
      for (const auto& [c, v] : x.row(rows[i])) e += w[c] * v;
      eta[i] = e;
      obj += y[rows[i]] ? Log1pExp(-e) : Log1pExp(e);
    }
    double norm = 0;
    for (double wi : w) norm += wi * wi;
    return obj + 0.5 * options.l2 * norm;
  };
  double current = objective(fit.intercept, fit.weights);

  std::vector<double> h(n * n), g(n);
  std::vector<double> trial_w(p);
  for (fit.iterations = 0; fit.iterations < options.max_iterations;) {
    ++fit.iterations;
    std::fill(h.begin(), h.end(), 0.0);
    std::fill(g.begin(), g.end(), 0.0);
    for (size_t i = 0; i < rows.size(); ++i) {
      const double mu = Sigmoid(eta[i]);
      const double wgt = std::max(mu * (1 - mu), 1e-12);
      const double resid = mu - (y[rows[i]] ? 1.0 : 0.0);
      const auto entries = x.row(rows[i]);
      g[0] += resid;
      h[0] += wgt;
      for (size_t a = 0; a < entries.size(); ++a) {
        const size_t ia = entries[a].first + 1;
        const double va = entries[a].second;
        g[ia] += resid * va;
        h[ia * n] += wgt * va;  // (ia, 0)
        double* hrow = &h[ia * n];
        const double wva = wgt * va;
        for (size_t b = 0; b < entries.size(); ++b) {
          const size_t ib = entries[b].first + 1;
          if (ib <= ia) hrow[ib] += wva * entries[b].second;
        }
      }
    }
    for (size_t c = 0; c < p; ++c) {
      g[c + 1] += options.l2 * fit.weights[c];
      h[(c + 1) * n + c + 1] += options.l2;
    }
    // A tiny ridge keeps columns that never fire (or the l2 = 0 case with a
    // constant column) solvable; it does not move a well-posed optimum.
    for (size_t i = 0; i < n; ++i) h[i * n + i] += 1e-10;
    if (!Cholesky(&h, n)) {
      return absl::FailedPreconditionError(
          "the Newton system is singular (collinear features with l2 = 0?); use l2 > 0");
    }
    CholeskySolve(h, n, &g);  // g is now the Newton step
    double step = 1;
    double next = current;
    for (int halving = 0; halving < 40; ++halving, step /= 2) {
      for (size_t c = 0; c < p; ++c) trial_w[c] = fit.weights[c] - step * g[c + 1];
      next = objective(fit.intercept - step * g[0], trial_w);
      if (next <= current + 1e-12 * std::abs(current)) break;
    }
    double moved = 0;
    for (size_t i = 0; i < n; ++i) moved = std::max(moved, std::abs(step * g[i]));
    fit.intercept -= step * g[0];
    fit.weights.swap(trial_w);
    trial_w = fit.weights;
    const double improvement = current - next;
    current = next;
    if (moved < options.tolerance ||
        (improvement >= 0 && improvement < 1e-14 * std::max(1.0, std::abs(current)))) {
      fit.converged = true;
      break;
    }
  }
  return fit;
}

std::optional<double> LabeledRocAuc(const std::vector<double>& scores,
                                    const std::vector<uint8_t>& labels) {
  std::vector<double> positive, negative;
  for (size_t i = 0; i < scores.size(); ++i) {
    (labels[i] ? positive : negative).push_back(scores[i]);
  }
  return RocAuc(positive, negative);
}

std::optional<double> LogLoss(const std::vector<double>& probabilities,
                              const std::vector<uint8_t>& labels) {
  if (probabilities.empty()) return std::nullopt;
  double sum = 0;
  for (size_t i = 0; i < probabilities.size(); ++i) {
    const double p = std::min(std::max(probabilities[i], 1e-15), 1 - 1e-15);
    sum -= labels[i] ? std::log(p) : std::log(1 - p);
  }
  return sum / static_cast<double>(probabilities.size());
}

}  // namespace leadscore
