// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: points_scaling.h
//
// PointsScaling: how a learned scorecard's points map to a probability of
// conversion, credit-scorecard style. The odds p / (1 - p) are `base_odds` at
// `base_score` points and double every `pdo` ("points to double the odds"):
//
//   ln(p / (1 - p)) = ln(base_odds) + (score - base_score) * ln(2) / pdo
//
// A learned model states its scaling in its description (spec v1 has no field
// for it), where ParsePointsScaling finds it, e.g.
//
//   "Learned scorecard: pdo 20, base score 600 at odds 1:1."
//
// Example:
//
//   if (auto s = leadscore::ParsePointsScaling(model.description())) {
//     double p = s->Probability(card.total);
//   }

#ifndef LEADSCORE_POINTS_SCALING_H_
#define LEADSCORE_POINTS_SCALING_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace leadscore {

struct PointsScaling {
  double pdo = 20;          // points to double the odds; > 0
  double base_score = 600;  // the score at which the odds are base_odds
  double base_odds = 1;     // > 0

  // The probability of conversion for `score`, in (0, 1) except where the
  // double range saturates (very large |score|): then exactly 0 or 1.
  double Probability(double score) const;

  // The score whose probability is `p` (in (0, 1)): the inverse of
  // Probability.
  double Score(double p) const;
};

// Finds a scaling in free text (a model's description). ASCII case is ignored;
// keys may be written with a space, `_` or `-` between words, and are
// followed by spaces, `:`, `=` or `)` and a number:
//
//   pdo N              (required; N > 0)
//   base score N       (required)
//   base odds A[:B]    or  at odds A[:B]   (optional, default 1; odds A / B,
//                                           both > 0)
//
// Returns none unless `pdo` and `base score` are both found with valid
// numbers (the first occurrence of each key followed by a number counts).
[[nodiscard]] std::optional<PointsScaling> ParsePointsScaling(absl::string_view text);

// The canonical sentence ParsePointsScaling reads back exactly:
// "pdo 20, base score 600 at odds 1" (numbers as shortest round-trip
// decimals).
std::string FormatPointsScaling(const PointsScaling& scaling);

}  // namespace leadscore

#endif  // LEADSCORE_POINTS_SCALING_H_
