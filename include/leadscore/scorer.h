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
#include "leadscore/source_position.h"
#include "leadscore/transition.h"

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

struct ApplyResult {
  // What Apply did with the event. The outcomes that ignore the event leave
  // the state, and its serialised bytes, exactly as they were. Two other
  // results are errors, with the state unchanged too: too late (OutOfRange:
  // older than the reorder window keeps; rebuild the lead from its history)
  // and refused (InvalidArgument, FailedPrecondition: see Apply).
  enum class Outcome {
    kApplied,         // in order: applied in O(1)
    kReordered,       // late or replacing a later copy: merged, log replayed
    kDuplicate,       // an event with this id already counts: ignored
    kAlreadyApplied,  // its source position is at or below the state's
                      // high-water mark for that source: ignored
  };
  Outcome outcome = Outcome::kApplied;
  // Changes of the reported stage this event caused, in order (see
  // Transition). For kReordered: the changes the replay from the merged
  // event on went through, chained from the stage last reported, so a
  // webhook never sees a `from` that differs from its previous `to`.
  std::vector<Transition> transitions;
};

struct ScoreOptions {
  bool explain = false;  // fill Scorecard::explain
};

// Options of the series calls (Scorer::ScoreSeries, BatchScorer::ScoreSeries).
struct SeriesOptions {
  bool explain = false;  // fill Scorecard::explain
  // > 0: fill Scorecard::velocity, the change of the total and of each
  // dimension's score over the `velocity_days` days (of 24 hours) before each
  // as_of: the scorecard at as_of minus the one at as_of - velocity_days,
  // both exactly as scoring at that time (docs/model-format.md, "Trends").
  // 0: none. Negative: InvalidArgument.
  int velocity_days = 0;
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

  // Checks the lead (CheckLead) and returns its initial state. Attribute
  // rules are evaluated now and the state records a fingerprint of the
  // attributes the model reads: when they change, call UpdateLead (Apply and
  // Score refuse the changed lead until then).
  absl::StatusOr<LeadState> Start(const Lead& lead) const;

  // Applies one event of `lead` to `state`. Errors, all leaving the state
  // unchanged: InvalidArgument when the event names another lead or its time
  // is outside the engine's range; OutOfRange when it is older than the
  // state's reorder window (too late: rebuild the lead from its history);
  // FailedPrecondition when the state was not started by a scorer of this
  // model (or was carried over to another), or an attribute that event or
  // pattern rules read changed since the state was started (Rebuild). Other
  // attribute changes are not looked for here (it would cost a quarter of an
  // Apply): Score and Advance refuse the lead until UpdateLead takes the new
  // record in, so a stale fit never reaches a scorecard.
  //
  // Events without an id are never duplicates of one another (there is
  // nothing to compare; spec v1 section 8): each delivery counts, unless a
  // source position shows it was applied already.
  absl::StatusOr<ApplyResult> Apply(const Lead& lead, const Event& event,
                                    LeadState& state) const;

  // As Apply, for an event read at `position`: one at or below the state's
  // high-water mark for `position.source` is kAlreadyApplied, whatever its age,
  // time or id; an applied or merged one raises the mark to its offset. A
  // duplicate (kDuplicate) or refused event does not move the mark.
  absl::StatusOr<ApplyResult> Apply(const Lead& lead, const Event& event,
                                    const SourcePosition& position,
                                    LeadState& state) const;

  // Looks at the lead at time `t` (not before its newest event) and returns
  // the change of its reported stage since the one last seen, if any: what
  // decay, an expiring window or consent taking effect did between events
  // (cause kTime, at `t`). Only the stage last seen changes: the scores, and
  // the stage a later event will compute, are those of scoring without this
  // call, so a host may advance as often as it likes (say, nightly).
  // Errors as Score.
  absl::StatusOr<std::vector<Transition>> Advance(const Lead& lead, LeadState& state,
                                                  absl::Time t) const;

  // Takes a changed lead record (attributes, consent, host-asserted stage)
  // into `state` without replaying its events: attribute rules are evaluated
  // again, so scores and totals equal those of scoring the events with the
  // new record; stages already tracked stay as they happened (a forward-only
  // stage reached under the old record is kept). Returns the change of the
  // reported stage, seen at `at` (at the newest event if `at` is earlier),
  // cause kLead. FailedPrecondition when an attribute that event or pattern
  // rules read changed (which past events counted depends on it: Rebuild the
  // state from the lead's history), or for a state of another model.
  absl::StatusOr<std::vector<Transition>> UpdateLead(const Lead& lead, LeadState& state,
                                                     absl::Time at) const;

  // Builds the state of `lead` from its whole history, in any order,
  // duplicates included (as ScoreHistory: sorted, first copy of an id kept),
  // as if its events had been applied in event order; the result keeps the
  // usual reorder window. The transitions of that replay (cause kEvent) go to
  // `transitions` if not null. `marks` become the state's source high-water
  // marks (say, those of the state being replaced: LeadState::source_marks).
  // Errors: InvalidArgument for an event of another lead or a time outside
  // the engine's range; CheckLead's.
  absl::StatusOr<LeadState> Rebuild(const Lead& lead, absl::Span<const Event> events,
                                    std::vector<Transition>* transitions = nullptr,
                                    absl::Span<const SourcePosition> marks = {}) const;

  // Moves a state made by `from` (another model, or the same model with
  // another reorder window is refused) to this scorer's model without a
  // replay, where that is exact: when both models have the same
  // replay_fingerprint() (only names, versions, descriptions, labels, funnel
  // or grades that no threshold reads differ). Otherwise FailedPrecondition
  // naming what to do: Rebuild the lead from its history
  // (docs/live-scoring.md, "Model changes", lists the cases).
  absl::StatusOr<LeadState> CarryOver(const Scorer& from, const LeadState& state) const;

  // The reported stage last seen in `state` (the `from` of its next
  // transition): the lifecycle's first stage before the first moment; none
  // without a lifecycle. FailedPrecondition for a state of another model.
  absl::StatusOr<std::optional<std::string>> StageSeen(const LeadState& state) const;

  // For a state that replaces another (Rebuild after a too-late event or a
  // model change): the transition from `seen`, the stage the replaced state
  // last reported (StageSeen), to the stage `state` last reported, at `at`
  // with `cause`; a Transition with empty `to` when they are equal or the
  // model has no lifecycle. So a consumer's chain continues unbroken.
  absl::StatusOr<Transition> ContinueChain(const Lead& lead, const std::string& seen,
                                           LeadState& state, absl::Time at,
                                           TransitionCause cause) const;

  // The scorecard of `lead` as of `as_of`, which must not be before the newest
  // applied event (events after as_of are not in the state by definition).
  // FailedPrecondition for a state not started under this model, or a lead
  // whose attributes changed since its fit was computed (UpdateLead).
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

  // The scorecards of one lead at each of `as_ofs` (ascending, distinct), in
  // that order, from one pass over its history (any order, duplicates
  // included): each is exactly ScoreHistory(lead, events, as_ofs[i]) (the
  // events that count at an earlier time are a prefix of those at a later
  // one, so the state is read at each time on the way). With
  // `options.velocity_days` D > 0, each also carries its velocity, from the
  // scorecard at as_of - D read in the same pass. Errors: InvalidArgument for
  // no times, times not strictly ascending, a negative D, or an event of
  // another lead; OutOfRange for a time (or a time - D) outside the engine's
  // range, or an event at or before the last time outside it; CheckLead's.
  absl::StatusOr<std::vector<Scorecard>> ScoreSeries(
      const Lead& lead, absl::Span<const Event> events, absl::Span<const absl::Time> as_ofs,
      const SeriesOptions& options = {}) const;

 private:
  absl::Status CheckState(const LeadState& state) const;
  absl::Status CheckAttributes(const Lead& lead, const LeadState& state,
                               bool event_attributes_only) const;
  absl::StatusOr<ApplyResult> ApplyAt(const Lead& lead, const Event& event,
                                      const SourcePosition* position,
                                      LeadState& state) const;

  std::shared_ptr<const Model> model_;
  ScorerOptions options_;
};

}  // namespace leadscore

#endif  // LEADSCORE_SCORER_H_
