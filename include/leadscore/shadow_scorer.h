// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ShadowScorer: scores live events with the live model and, beside it, a
// candidate model, and reports the leads where the two disagree (stage, or a
// score beyond a tolerance). The live side behaves exactly as a Scorer of the
// live model alone; the candidate never affects it: a lead or event the
// candidate refuses is reported, and the live result is returned as usual.
//
// Each side's state equals what its own Scorer gives for the same calls, so
// after the same events the two scorecards are those batch scoring of each
// model gives (tests/core/shadow_scorer_test.cc checks this on the bundled
// data). DiffModels (model_diff.h) is the batch counterpart.
//
// Example:
//
//   leadscore::ShadowScorer shadow(leadscore::Scorer(live_model),
//                                  leadscore::Scorer(candidate_model));
//   leadscore::ShadowState state = *shadow.Start(lead);
//   auto applied = shadow.Apply(lead, event, state);
//   if (applied.ok() && applied->disagreement) {
//     // log applied->disagreement->comparison: live vs candidate stage, deltas
//   }

#ifndef LEADSCORE_SHADOW_SCORER_H_
#define LEADSCORE_SHADOW_SCORER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/lead_state.h"
#include "leadscore/model_diff.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"

namespace leadscore {

struct ShadowOptions {
  // A score disagrees when |candidate - live| > tolerance (>= 0; a negative
  // or NaN value is taken as 0).
  double tolerance = 0;
  // Apply compares the two sides after each event (two Score calls).
  // Off: only Compare does.
  bool compare_on_apply = true;
  // Score with explain entries, so disagreements list rule changes.
  bool explain = false;
};

// One lead's state under both models. Owned by the host, like a LeadState.
struct ShadowState {
  LeadState live;
  LeadState candidate;
  // Not OK once the candidate refused the lead (Start, Rebuild) or one of
  // its events (Apply): the candidate state then misses events and is not
  // updated until Rebuild; every comparison reports this status.
  absl::Status candidate_status;
};

// The two sides of one lead at one time, when they disagree.
struct ShadowDisagreement {
  std::string lead_id;
  absl::Time at;
  Scorecard live;
  std::optional<Scorecard> candidate;  // none when candidate_status is not OK
  absl::Status candidate_status;
  // Live as "old", candidate as "new"; empty when the candidate has no card.
  ScorecardComparison comparison;
};

struct ShadowApplyResult {
  ApplyResult live;  // what Scorer::Apply of the live model returned
  // What the candidate's Apply returned; none when it refused the event or
  // was already stale (see ShadowState::candidate_status).
  std::optional<ApplyResult> candidate;
  // With compare_on_apply: the disagreement after this event, seen at the
  // lead's newest event (the event's own time unless it came late), if any.
  std::optional<ShadowDisagreement> disagreement;
};

// Immutable once built: share one ShadowScorer between threads (one state
// per lead, used by one thread at a time, as with Scorer).
class ShadowScorer {
 public:
  ShadowScorer(Scorer live, Scorer candidate, ShadowOptions options = {});

  const Scorer& live() const { return live_; }
  const Scorer& candidate() const { return candidate_; }
  const ShadowOptions& options() const { return options_; }

  // Both sides' initial states. Errors: the live Scorer::Start's. A lead the
  // candidate refuses is no error: candidate_status says why.
  absl::StatusOr<ShadowState> Start(const Lead& lead) const;

  // Applies `event` to both sides: first live (Scorer::Apply); its errors
  // are returned with both states unchanged. Then the candidate, unless it
  // is stale; its refusal sets candidate_status (OutOfRange: too late for
  // its window; FailedPrecondition: a state of another model, or changed
  // attributes) and is reported, not returned.
  absl::StatusOr<ShadowApplyResult> Apply(const Lead& lead, const Event& event,
                                          ShadowState& state) const;

  // Both sides rebuilt from the lead's whole history (Scorer::Rebuild), the
  // candidate's status reset. Errors: the live Rebuild's; the candidate's
  // refusal goes to candidate_status.
  absl::StatusOr<ShadowState> Rebuild(const Lead& lead, absl::Span<const Event> events) const;

  // The disagreement of the two sides at `at` (not before the newest applied
  // event), or none when they agree: same stage, no score or grade beyond
  // the tolerance, and the candidate not stale. Errors: the live
  // Scorer::Score's (FailedPrecondition for a state of another model, a
  // changed lead or `at` before the newest event; OutOfRange for `at`
  // outside the engine's range). A
  // candidate Score error is reported in the disagreement.
  absl::StatusOr<std::optional<ShadowDisagreement>> Compare(const Lead& lead,
                                                            const ShadowState& state,
                                                            absl::Time at) const;

 private:
  Scorer live_;
  Scorer candidate_;
  ShadowOptions options_;
};

}  // namespace leadscore

#endif  // LEADSCORE_SHADOW_SCORER_H_
