// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// AccountScorer: scores accounts from their leads (v1.1,
// docs/model-format.md "Accounts"), in batch and streaming.

#ifndef LEADSCORE_ACCOUNT_SCORER_H_
#define LEADSCORE_ACCOUNT_SCORER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "leadscore/account.h"
#include "leadscore/account_scorecard.h"
#include "leadscore/event.h"
#include "leadscore/lead.h"
#include "leadscore/lead_state.h"
#include "leadscore/scorecard.h"
#include "leadscore/scorer.h"

namespace leadscore {

// One lead of an account and its state (started and applied by the
// AccountScorer's Scorer). Pass an account's members in the order of the
// leads input: ties between leads (top_k_mean, max, explanations, coverage's
// first lead) go to the earlier member.
struct AccountMember {
  const Lead* lead = nullptr;
  const LeadState* state = nullptr;
};

// What streaming keeps per account between moments: the computed stage
// tracked (forward-only: the highest so far) and the moment from which it
// has been held. Default-built: no moment observed yet.
struct AccountState {
  int stage = -1;       // index into the account stages; -1: none observed
  absl::Time since;     // the first moment of the tracked stage's last run
  absl::Time last;      // the latest moment observed
};

struct AccountScoreOptions {
  bool explain = false;  // fill AccountScorecard::explain (and Scorecard::explain)
};

// What AccountScorer::ScoreAll did besides calling the sinks.
struct AccountBatchStats {
  size_t leads_scored = 0;
  size_t accounts_scored = 0;
  size_t events_after_as_of = 0;   // of known leads
  size_t duplicates_dropped = 0;   // later copies of an event id
  size_t scored_events = 0;        // kept events of known leads
  size_t unknown_lead_events = 0;  // events naming no lead
  std::vector<std::string> unknown_lead_ids;     // sorted
  // Account ids named by leads but absent from the accounts given, sorted:
  // each is scored as an account without attributes (a warning, not an error).
  std::vector<std::string> unknown_account_ids;
};

// Immutable once built: share one between threads.
class AccountScorer {
 public:
  // An account scorer over `scorer`'s model. InvalidArgument when the model
  // has no `accounts` section.
  static absl::StatusOr<AccountScorer> Create(Scorer scorer);

  const Scorer& scorer() const { return scorer_; }

  // Checks an account: a non-empty id, and a host stage (if any) that names
  // one of the model's account stages (InvalidArgument otherwise; any stage
  // when the accounts have no lifecycle).
  absl::Status CheckAccount(const Account& account) const;

  // One account classification moment at `t`: call it after each event
  // applied to any member (Scorer::Apply), with every member's state as it
  // is then, at that event's time; the first call also starts the account.
  // Moments must not go back in time. Costs a snapshot of every member (as
  // Scorer::Score does, twice: once to check it, once to read it). Errors,
  // with `state` unchanged:
  // InvalidArgument for a member whose account_id is not `account.id`, a
  // null member, `t` before the state's last moment or before a member's
  // newest event; FailedPrecondition for a member state not started under
  // this model (Scorer::Score's checks).
  absl::Status Observe(const Account& account, absl::Span<const AccountMember> members,
                       AccountState& state, absl::Time t) const;

  // The account's scorecard as of `as_of` (a moment too, not recorded in
  // `state`). Errors as Observe, and CheckAccount's.
  absl::StatusOr<AccountScorecard> Score(const Account& account,
                                         absl::Span<const AccountMember> members,
                                         const AccountState& state, absl::Time as_of,
                                         const AccountScoreOptions& options = {}) const;

  // A lead's scorecard as of `as_of` whose labels see its account: exactly
  // Scorer::Score, with `account_score` and `account_stage` leaves reading
  // `account` (its scorecard as of the same time; null: the lead has no
  // account, and every such leaf fails). Errors: Scorer::Score's;
  // InvalidArgument when `account` is of another account or time.
  absl::StatusOr<Scorecard> ScoreLead(const Lead& lead, const LeadState& state,
                                      const AccountScorecard* account, absl::Time as_of,
                                      const ScoreOptions& options = {}) const;

  // Batch: scores every lead and every account as of `as_of` from whole
  // histories (events in any order, duplicates included, as BatchScorer).
  // `lead_sink` gets leads in the order given; `account_sink` accounts in
  // order of first appearance: `accounts` in order, then accounts only named
  // by leads, in leads order. Each account's moments are its leads' kept
  // events in merged order (at, then the lead's position in `leads`, then
  // event order); the result is exactly Observe after each of them and
  // Score. Errors, before any sink is called: InvalidArgument for a
  // duplicate lead or account id, a lead (Scorer::CheckLead) or account
  // (CheckAccount) the model refuses; OutOfRange for an event time or
  // `as_of` outside the engine's range.
  absl::StatusOr<AccountBatchStats> ScoreAll(
      absl::Span<const Account> accounts, absl::Span<const Lead> leads,
      absl::Span<const Event> events, absl::Time as_of, const AccountScoreOptions& options,
      absl::FunctionRef<void(const Scorecard&)> lead_sink,
      absl::FunctionRef<void(const AccountScorecard&)> account_sink) const;

 private:
  explicit AccountScorer(Scorer scorer) : scorer_(std::move(scorer)) {}
  absl::Status CheckMembers(const Account& account, absl::Span<const AccountMember> members,
                            absl::Time t) const;

  Scorer scorer_;
};

}  // namespace leadscore

#endif  // LEADSCORE_ACCOUNT_SCORER_H_
