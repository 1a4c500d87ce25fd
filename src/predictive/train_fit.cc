// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "predictive/train_fit.h"

#include <utility>

namespace leadscore {
namespace internal {

std::vector<double> Fitted::LinearPredictors() const {
  std::vector<double> eta(x.rows());
  for (size_t i = 0; i < eta.size(); ++i) eta[i] = fit.LinearPredictor(x, i);
  return eta;
}

absl::StatusOr<Fitted> FitOn(const TrainingSet& data, const LabeledLeads& leads,
                             const std::vector<size_t>& train, const TrainOptions& options) {
  std::vector<size_t> data_rows;
  data_rows.reserve(train.size());
  for (size_t i : train) data_rows.push_back(leads.rows[i]);
  Fitted f;
  f.features = FeatureSet::Derive(data, data_rows, options);
  f.x = SparseMatrix(f.features.size());
  std::vector<std::pair<uint32_t, double>> entries;
  for (size_t r : leads.rows) {
    f.features.Encode(data.rows()[r], &entries);
    f.x.AddRow(entries);
  }
  f.features.CountSupport(f.x, train);
  LogisticOptions lo;
  lo.l2 = options.l2;
  absl::StatusOr<LogisticFit> fit = FitLogistic(f.x, leads.labels, train, lo);
  if (!fit.ok()) return fit.status();
  f.fit = *std::move(fit);
  return f;
}

TrainMetrics Measure(const std::vector<double>& eta, const std::vector<uint8_t>& labels,
                     const std::vector<size_t>& rows) {
  TrainMetrics m;
  std::vector<double> s, p;
  std::vector<uint8_t> y;
  for (size_t r : rows) {
    s.push_back(eta[r]);
    p.push_back(Sigmoid(eta[r]));
    y.push_back(labels[r]);
    m.converted += labels[r];
  }
  m.leads = rows.size();
  m.auc = LabeledRocAuc(s, y);
  m.log_loss = LogLoss(p, y);
  return m;
}

}  // namespace internal
}  // namespace leadscore
