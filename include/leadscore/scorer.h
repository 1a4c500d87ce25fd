// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Scorer: applies events to lead states and reads scorecards, under one model.

#ifndef LEADSCORE_SCORER_H_
#define LEADSCORE_SCORER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/lead_state.h"
#include "leadscore/model.h"
#include "leadscore/scorecard.h"

namespace leadscore {

struct ScorerOptions {
  // How many of a lead's most recent events a LeadState keeps to absorb late
  // and duplicate events exactly. An event that sorts after the oldest kept
  // event is merged into the right place (the state is rebuilt from the
  // checkpoint: O(window) for that event); an older one is refused with
  // OutOfRange. A duplicate id is recognised while the other copy is kept.
  // The state keeps between `reorder_window` and 2 * `reorder_window` events
  // (92 bytes each, plus ids longer than 15 bytes) and two checkpoints. 0
  // keeps none: events must then arrive in order and duplicates are not
  // detected.
  size_t reorder_window = 16;
};

// A change of the computed lifecycle stage caused by an event.
struct Transition {
  std::string from;  // the default (first) stage before the first change
  std::string to;
  absl::Time at;      // the classification moment (the event's time)
  int threshold = -1;  // index in the model's lifecycle thresholds that held
                       // for `to`; -1 when `to` is the default stage
};

struct ApplyResult {
  enum class Outcome {
    kApplied,    // in order: applied in O(1)
    kReordered,  // late or replacing a duplicate: merged, history replayed
    kDuplicate,  // an event with this id already counts: ignored
  };
  Outcome outcome = Outcome::kApplied;
  // Stage changes this event caused, in order. For kReordered, the change
  // between the stage before and after the merge, at the merged event's time.
  std::vector<Transition> transitions;
};

struct ScoreOptions {
  bool explain = false;  // fill Scorecard::explain
};

// Stateless and immutable once built: share one Scorer between threads.
class Scorer {
 public:
  explicit Scorer(std::shared_ptr<const Model> model, ScorerOptions options = {});

  const Model& model() const { return *model_; }
  const std::shared_ptr<const Model>& shared_model() const { return model_; }
  const ScorerOptions& options() const { return options_; }

  // Checks the lead against the model: its host-asserted stage, if any, must
  // be one of the model's stages (compared exactly).
  absl::Status CheckLead(const Lead& lead) const;

  // Checks the lead (CheckLead) and returns its initial state. Attribute rules are
  // evaluated now; when a lead's attributes change, Start again and re-apply
  // its history (or ScoreHistory).
  absl::StatusOr<LeadState> Start(const Lead& lead) const;

  // Applies one event of `lead` to `state`. Errors: the event names another
  // lead, its time is outside the engine's range, it is older than the
  // state's reorder window (OutOfRange; the state is unchanged), or the state
  // was not started by a scorer of this model (FailedPrecondition).
  absl::StatusOr<ApplyResult> Apply(const Lead& lead, const Event& event,
                                    LeadState& state) const;

  // The scorecard of `lead` as of `as_of`, which must not be before the newest
  // applied event (events after as_of are not in the state by definition).
  // FailedPrecondition for a state not started under this model.
  absl::StatusOr<Scorecard> Score(const Lead& lead, const LeadState& state,
                                  absl::Time as_of,
                                  const ScoreOptions& options = {}) const;

  // Scores one lead from its whole history in any order, duplicates included:
  // sorts, drops later copies of an id and events after `as_of`, and applies
  // the rest. Exact whatever the order (no reorder window applies).
  absl::StatusOr<Scorecard> ScoreHistory(const Lead& lead,
                                         absl::Span<const Event> events,
                                         absl::Time as_of,
                                         const ScoreOptions& options = {}) const;

 private:
  absl::Status CheckState(const LeadState& state) const;

  std::shared_ptr<const Model> model_;
  ScorerOptions options_;
};

}  // namespace leadscore

#endif  // LEADSCORE_SCORER_H_
