// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "predictive/train_split.h"

#include <cmath>
#include <random>
#include <utility>

namespace leadscore {
namespace internal {
namespace {

// Fisher-Yates with a fully specified generator (std::shuffle's algorithm
// is not specified, so it could differ between standard libraries).
void Shuffle(std::vector<size_t>* v, std::mt19937_64* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    const size_t j = static_cast<size_t>((*rng)() % i);
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

}  // namespace

StratifiedOrder ShuffleByClass(const std::vector<uint8_t>& labels, uint64_t seed) {
  std::mt19937_64 rng(seed);
  StratifiedOrder order;
  for (size_t i = 0; i < labels.size(); ++i) {
    (labels[i] ? order.converted : order.not_converted).push_back(i);
  }
  Shuffle(&order.converted, &rng);
  Shuffle(&order.not_converted, &rng);
  return order;
}

std::vector<uint8_t> HoldOutShare(const StratifiedOrder& order, size_t leads, double share) {
  std::vector<uint8_t> held_out(leads, 0);
  const size_t test_pos = static_cast<size_t>(std::llround(share * order.converted.size()));
  const size_t test_neg = static_cast<size_t>(std::llround(share * order.not_converted.size()));
  for (size_t i = 0; i < test_pos; ++i) held_out[order.converted[i]] = 1;
  for (size_t i = 0; i < test_neg; ++i) held_out[order.not_converted[i]] = 1;
  return held_out;
}

std::vector<size_t> AssignFolds(const StratifiedOrder& order, size_t leads, size_t k) {
  std::vector<size_t> fold(leads);
  for (size_t i = 0; i < order.converted.size(); ++i) fold[order.converted[i]] = i % k;
  for (size_t i = 0; i < order.not_converted.size(); ++i) fold[order.not_converted[i]] = i % k;
  return fold;
}

std::vector<size_t> IndicesWhere(const std::vector<uint8_t>& flags, uint8_t value) {
  std::vector<size_t> out;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (flags[i] == value) out.push_back(i);
  }
  return out;
}

}  // namespace internal
}  // namespace leadscore
