// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Model diff: what switching from one model to another does to the same
// leads and events as of one time. Who changes stage (a from/to matrix), by
// how much each dimension's score and the total move, and, per changed lead,
// the rules whose points differ. Before shipping a model change, marketing
// asks "who will change stage, and why?": this answers it.
//
// The two models may differ in anything: dimensions (a dimension of one model
// only is compared with "absent"), rules, stages, lifecycle or none. Both
// score the same leads with the same exact batch semantics (BatchScorer), so
// each lead's two scorecards are exactly what scoring with each model alone
// gives. A lead one model refuses (say, a host-asserted stage it does not
// define) is reported with the reason, never dropped.
//
// Example:
//
//   auto diff = leadscore::DiffModels(old_model, new_model, leads, events, as_of);
//   if (!diff.ok()) { /* diff.status() */ }
//   for (const leadscore::LeadDiff& d : diff->leads) {
//     if (d.changed()) { /* d.comparison.old_stage -> d.comparison.new_stage */ }
//   }
//
// Text, JSON and HTML reports of a ModelDiff: leadscore/report/model_diff_report.h.

#ifndef LEADSCORE_MODEL_DIFF_H_
#define LEADSCORE_MODEL_DIFF_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/model.h"
#include "leadscore/scorecard.h"

namespace leadscore {

// One dimension of one lead under both models.
struct ScoreDelta {
  std::string dimension;
  // None when that model has no dimension of this name.
  std::optional<double> old_score;
  std::optional<double> new_score;
  std::optional<std::string> old_grade;
  std::optional<std::string> new_grade;
  // new - old, an absent score counting as 0.
  double delta() const { return new_score.value_or(0) - old_score.value_or(0); }
};

// A rule whose points for one lead differ between the models, from the two
// scorecards' explain entries (the rules that gave points).
struct RuleChange {
  enum class Kind {
    kAdded,    // gives points only under the new model (new, or 0 under the old)
    kRemoved,  // gives points only under the old model
    kChanged,  // gives points under both, not the same
  };
  std::string rule;
  // The new model's dimension of the rule; the old model's for kRemoved.
  std::string dimension;
  Kind kind = Kind::kChanged;
  double old_points = 0;  // 0 for kAdded
  double new_points = 0;  // 0 for kRemoved
  double delta() const { return new_points - old_points; }
};

// "added", "removed", "changed".
const char* RuleChangeKindName(RuleChange::Kind kind);

// How one lead's scorecards under two models differ.
struct ScorecardComparison {
  std::optional<std::string> old_stage;
  std::optional<std::string> new_stage;
  // The old model's dimensions in its order, then the new model's others.
  std::vector<ScoreDelta> dimensions;
  double old_total = 0;
  double new_total = 0;
  bool stage_changed = false;  // old_stage != new_stage
  // The total or a dimension's score moved by more than the tolerance (a
  // dimension of one model only counting as 0 under the other).
  bool score_changed = false;
  bool grade_changed = false;  // a dimension's grade differs
  // Rules whose points differ, by decreasing |delta|, then rule id (bytes).
  // From the scorecards' explain entries: compare cards scored with explain
  // (ScoreOptions::explain), else this is empty or meaningless.
  std::vector<RuleChange> rules;

  double total_delta() const { return new_total - old_total; }
  bool changed() const { return stage_changed || score_changed || grade_changed; }
};

// Compares two scorecards of one lead (any two: lead ids are not compared).
// A score moves when |new - old| > `tolerance` (0: any difference); rule
// changes come from the cards' explain entries (ScoreOptions::explain), an
// entry missing on one side counting as 0 points. Cannot fail.
ScorecardComparison CompareScorecards(const Scorecard& old_card, const Scorecard& new_card,
                                      double tolerance = 0);

// One lead of a ModelDiff.
struct LeadDiff {
  std::string lead_id;
  size_t index = 0;  // position in the leads given to DiffModels
  // None when that model refused the lead; the status says why (OK when
  // scored): InvalidArgument for a host stage the model does not define,
  // AlreadyExists for a lead whose id came before (refused by both).
  std::optional<Scorecard> old_card;
  std::optional<Scorecard> new_card;
  absl::Status old_status;
  absl::Status new_status;
  // Filled when both models scored the lead.
  ScorecardComparison comparison;

  bool scored_by_both() const { return old_card.has_value() && new_card.has_value(); }
  // Refused by exactly one model, or the comparison changed.
  bool changed() const {
    return old_card.has_value() != new_card.has_value() ||
           (scored_by_both() && comparison.changed());
  }
};

// Stage from (old model, rows) to (new model, columns), over the leads both
// models scored.
struct StageMatrix {
  // Row and column labels: the old model's stages in lifecycle order, then
  // the new model's other stages, then "disqualified", "invalid" and "" (no
  // stage: a model without a lifecycle), each only if some lead has it.
  std::vector<std::string> stages;
  std::vector<std::vector<size_t>> counts;  // counts[from][to]

  // Leads off the diagonal: their stage changed.
  size_t moved() const;
  // counts[from][to] by label; 0 for an unknown label.
  size_t count(const std::string& from, const std::string& to) const;
};

// The deltas (new - old) of one dimension, or of the total, over the leads
// both models scored. Quantiles are nearest-rank over the signed deltas
// sorted ascending: the q-quantile of n values is the value at 1-based rank
// max(1, ceil(q * n)). All 0 when no lead was compared.
struct DeltaSummary {
  std::string dimension;  // "total" for the total (a reserved name)
  size_t leads = 0;       // compared
  size_t moved = 0;       // |delta| > tolerance
  size_t up = 0;          // delta > tolerance
  size_t down = 0;        // delta < -tolerance
  double mean_delta = 0;
  double mean_abs_delta = 0;
  double median_abs_delta = 0;  // the 0.5-quantile of |delta|
  double max_abs_delta = 0;
  std::string max_abs_lead_id;  // the first lead (input order) with it; "" if none moved
  double min = 0, p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0, max = 0;
};

// How often one rule's points changed, over the changed leads.
struct RuleImpact {
  std::string rule;
  std::string dimension;
  size_t leads = 0;  // leads whose points from the rule differ
  size_t added = 0, removed = 0, changed = 0;  // by RuleChange::Kind
  double total_delta = 0;  // sum of new - old over those leads
};

struct ModelDiffOptions {
  // A score moves when |new - old| > tolerance (>= 0).
  double tolerance = 0;
  // Scorecards with explain entries, for rule changes (RuleChange). Off:
  // no rule changes, slightly faster.
  bool explain = true;
  // Threads that score (BatchOptions::threads, >= 1); any number gives the
  // same diff.
  int threads = 1;
};

struct ModelDiff {
  std::string old_name, old_version, new_name, new_version;
  absl::Time as_of;
  double tolerance = 0;
  // Inputs.
  size_t lead_count = 0;           // leads given
  size_t event_count = 0;          // events given
  size_t events_after_as_of = 0;   // of given leads, after as_of: not counted
  size_t unknown_lead_events = 0;  // naming no given lead
  // Outcome.
  size_t compared = 0;         // scored by both
  size_t changed = 0;          // LeadDiff::changed()
  size_t stage_changed = 0;    // compared, stage differs
  size_t score_changed = 0;    // compared, a score moved
  size_t grade_changed = 0;    // compared, a grade differs
  size_t refused_by_old = 0;   // only by the old model
  size_t refused_by_new = 0;   // only by the new model
  size_t refused_by_both = 0;
  StageMatrix stages;
  DeltaSummary total;                   // of the total
  std::vector<DeltaSummary> dimensions;  // as in ScorecardComparison::dimensions
  // Every rule with a change for some lead, by decreasing leads, then
  // decreasing |total_delta|, then rule id.
  std::vector<RuleImpact> rules;
  std::vector<LeadDiff> leads;  // every given lead, in the order given
};

// Scores `leads` with their `events` (any order, duplicates included, as
// BatchScorer) under both models as of `as_of` and compares them lead by
// lead. Keeps both scorecards of every lead (with explain entries when
// `options.explain`): memory grows with the leads, not with the events.
//
// Errors: InvalidArgument for a null model, a negative or non-finite
// tolerance, or threads < 1; OutOfRange for an `as_of` or an event time
// outside the engine's range (the message names the event);
// ResourceExhausted as BatchScorer::AddEvent. Leads a model refuses are no
// error: see LeadDiff.
absl::StatusOr<ModelDiff> DiffModels(std::shared_ptr<const Model> old_model,
                                     std::shared_ptr<const Model> new_model,
                                     absl::Span<const Lead> leads,
                                     absl::Span<const Event> events, absl::Time as_of,
                                     const ModelDiffOptions& options = {});

}  // namespace leadscore

#endif  // LEADSCORE_MODEL_DIFF_H_
