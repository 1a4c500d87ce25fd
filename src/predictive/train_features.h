// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Feature derivation for `leadscore train` (private; see train.h for the
// encoding). Every feature is computed with the spec's condition semantics
// (ASCII case folding, null as missing, wrong types false, arrays element by
// element), so the emitted rules hold exactly where the features are 1.

#ifndef LEADSCORE_SRC_TRAIN_FEATURES_H_
#define LEADSCORE_SRC_TRAIN_FEATURES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "leadscore/predictive/logistic.h"
#include "leadscore/predictive/train.h"

namespace leadscore {
namespace internal {

// One column of the design matrix.
struct FeatureColumn {
  enum class Kind { kLevel, kBool, kOther, kMissing, kRange, kEvents };
  Kind kind = Kind::kLevel;
  std::string attribute;                 // or the event type for kEvents
  std::string level;                     // kLevel: the spelling written in the model
  bool bool_value = false;               // kBool
  std::vector<std::string> others_of;    // kOther: the frequent levels' spellings
  std::optional<double> lo, hi;          // kRange: lo <= x < hi
  std::string name;                      // readable and unique; the rule id
  size_t support = 0;                    // training leads where it is non-zero
};

class FeatureSet {
 public:
  // Derives the columns from the training rows `rows` of `data`.
  static FeatureSet Derive(const TrainingSet& data, const std::vector<size_t>& rows,
                           const TrainOptions& options);

  size_t size() const { return columns_.size(); }
  const FeatureColumn& column(size_t i) const { return columns_[i]; }
  const std::vector<FeatureColumn>& columns() const { return columns_; }

  // Sets each column's support: the rows `rows` of `x` (encoded with this
  // set) where it is non-zero.
  void CountSupport(const SparseMatrix& x, const std::vector<size_t>& rows);

  // The non-zero entries of `row`, by increasing column.
  void Encode(const TrainingSet::Row& row,
              std::vector<std::pair<uint32_t, double>>* out) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Group {
    enum class Type { kString, kNumber, kBool } type = Type::kString;
    std::string attribute;
    absl::flat_hash_map<std::string, uint32_t> levels;  // lower-case key -> column
    uint32_t other = kNone, missing = kNone;
    std::vector<double> edges;          // kNumber: bin j is [edges[j-1], edges[j])
    std::vector<uint32_t> bins;         // kNumber: column per bin (kNone: dropped)
    uint32_t bool_true = kNone, bool_false = kNone;
  };
  std::vector<Group> groups_;
  std::vector<uint32_t> event_columns_;  // by event type index
  uint32_t max_event_count_ = 64;
  std::vector<double> phi_;  // phi(n) for n in [0, max_event_count_]
  std::vector<FeatureColumn> columns_;
};

// The knots of phi above 0: 1, 2, 4, ... (below max_event_count), then
// max_event_count.
std::vector<uint32_t> EventKnots(uint32_t max_event_count);

// phi(n) = sum_j coefficient_j * min(n, knot_j): the coefficients (changes of
// slope of the interpolated ln(1 + n)), one per knot, all positive.
std::vector<double> EventKnotCoefficients(uint32_t max_event_count);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_TRAIN_FEATURES_H_
