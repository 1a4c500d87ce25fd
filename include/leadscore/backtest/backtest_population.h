// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: backtest_population.h
//
// Which leads a backtest evaluates, and whether each converted: joins the
// scorecards of a run with the outcomes (outcomes.h) under the outcome policy
// that training uses too (outcome_policy.h: consent at as_of, the scorecard's
// `valid`; outcomes dated at or before as_of; leads without an outcome).
// Besides:
//
//   - Disqualified leads are evaluated: disqualifying is the model's decision,
//     and a disqualified lead passes no stage threshold.
//   - Two outcomes for one lead are an error (the first one stays).
//   - Outcomes naming no scored lead are counted and listed, not errors.
//
// Example:
//
//   leadscore::BacktestPopulation population(as_of);
//   for (...) population.AddOutcome(*leadscore::ParseOutcomeJson(line));
//   batch.Score({}, [&](const leadscore::Scorecard& c) { population.AddScorecard(c); });
//   auto report = leadscore::RunBacktest(population.leads(), options);

#ifndef LEADSCORE_BACKTEST_POPULATION_H_
#define LEADSCORE_BACKTEST_POPULATION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "leadscore/backtest/backtest.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/predictive/outcome_policy.h"
#include "leadscore/scorecard.h"

namespace leadscore {

// The population's choices are those of the shared outcome policy.
using PopulationOptions = OutcomePolicy;

// What happened to the scorecards and outcomes given to a BacktestPopulation.
// Every scorecard is either evaluated or counted in exactly one `excluded_*`.
struct PopulationStats {
  size_t scorecards = 0;  // scorecards added
  size_t evaluated = 0;   // in leads()
  size_t converted = 0;   // evaluated and converted
  size_t excluded_invalid = 0;
  size_t excluded_decided_before_as_of = 0;
  size_t excluded_without_outcome = 0;  // with MissingOutcome::kExclude
  // Evaluated leads that had no outcome (counted as not converted).
  size_t without_outcome = 0;
  // Kept with keep_decided_before_as_of: evaluated leads decided <= as_of.
  size_t decided_before_as_of_kept = 0;
  size_t outcomes = 0;  // outcomes added (duplicates refused)
};

// Collects outcomes, then scorecards, into the leads a backtest evaluates.
// Not thread-safe; add scorecards from one thread (BatchScorer::Score calls
// its sink from the calling thread).
class BacktestPopulation {
 public:
  // `dimensions`: copy each scorecard's dimension scores into
  // BacktestLead::dimension_scores (for per-dimension AUC).
  explicit BacktestPopulation(absl::Time as_of, PopulationOptions options = {},
                              bool dimensions = true);

  // Adds one lead's outcome. InvalidArgument if an outcome for that lead id
  // was already added (the first one is kept).
  [[nodiscard]] absl::Status AddOutcome(Outcome outcome);

  // Adds one scorecard: evaluates it or counts why not. Add every outcome
  // first. A second scorecard with the same lead id is evaluated again (lead
  // ids are unique in a run; the BatchScorer guarantees it).
  void AddScorecard(const Scorecard& card);

  const PopulationStats& stats() const { return stats_; }
  // The evaluated leads, in the order their scorecards were added.
  const std::vector<BacktestLead>& leads() const { return leads_; }
  // Lead ids of outcomes that no added scorecard named, sorted bytewise.
  std::vector<std::string> UnknownOutcomeIds() const;

 private:
  struct Entry {
    Outcome outcome;
    bool used = false;
  };
  absl::Time as_of_;
  PopulationOptions options_;
  bool dimensions_;
  absl::flat_hash_map<std::string, Entry> outcomes_;
  std::vector<BacktestLead> leads_;
  PopulationStats stats_;
};

}  // namespace leadscore

#endif  // LEADSCORE_BACKTEST_POPULATION_H_
