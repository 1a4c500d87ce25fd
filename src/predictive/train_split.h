// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Choosing the held-out share or the folds for `leadscore train` (private).
// Both cut one stratified order, each class shuffled with the seed, so the
// split is a deterministic function of the seed on every standard library.

#ifndef LEADSCORE_SRC_PREDICTIVE_TRAIN_SPLIT_H_
#define LEADSCORE_SRC_PREDICTIVE_TRAIN_SPLIT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace leadscore {
namespace internal {

// The indices of `labels` by class, each class shuffled (MT19937-64 seeded
// with `seed`, our own Fisher-Yates; converted first, then the others).
struct StratifiedOrder {
  std::vector<size_t> converted;
  std::vector<size_t> not_converted;
};
StratifiedOrder ShuffleByClass(const std::vector<uint8_t>& labels, uint64_t seed);

// Held-out flags (1: held out), one per label: the first round(share * n) of
// each class's order.
std::vector<uint8_t> HoldOutShare(const StratifiedOrder& order, size_t leads, double share);

// The fold (0 to k - 1) of each label: its position in its class's order,
// modulo k, so every fold has both classes when each has at least k leads.
std::vector<size_t> AssignFolds(const StratifiedOrder& order, size_t leads, size_t k);

// Indices i in [0, flags.size()) with flags[i] == value.
std::vector<size_t> IndicesWhere(const std::vector<uint8_t>& flags, uint8_t value);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_PREDICTIVE_TRAIN_SPLIT_H_
