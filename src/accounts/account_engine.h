// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The account engine (v1.1 accounts): an account's scores at one moment from
// its members' states, its computed stage, and labels of lead scorecards
// that read their account. Not API: AccountScorer is the public face.

#ifndef LEADSCORE_SRC_ACCOUNTS_ACCOUNT_ENGINE_H_
#define LEADSCORE_SRC_ACCOUNTS_ACCOUNT_ENGINE_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "engine/engine_state.h"
#include "leadscore/account.h"
#include "leadscore/account_scorecard.h"
#include "leadscore/lead.h"
#include "leadscore/scorecard.h"
#include "model/account_model.h"
#include "model/compiled_model.h"

namespace leadscore {
namespace internal {

// One member as the engine reads it: the lead and its current state, whose
// newest event is not after the moment read.
struct MemberCore {
  const Lead* lead = nullptr;
  const CoreState* core = nullptr;
};

// An account's scores at one moment.
struct AccountSnapshot {
  std::vector<double> scores;  // clamped, per account dimension
  std::vector<int> grades;     // per dimension, -1: none
  double total = 0;
  size_t counting = 0;         // counting leads
};

// The account's scores at `now` from `members` (in leads order). Counting
// leads: consent granted at `now` and not disqualified there (the lead
// model's disqualify_when, unless the lead has a host stage). With
// `explain`, the sources' and rules' entries go there, in model order.
void AccountMoment(const CompiledModel& m, const Account& account,
                   absl::Span<const MemberCore> members, int64_t now, AccountSnapshot* out,
                   std::vector<AccountExplainEntry>* explain);

// The computed account stage at a moment (the highest whose threshold
// holds; the first by default). The account model must have a lifecycle.
int ComputeAccountStage(const AccountModel& am, const Account& account,
                        const AccountSnapshot& s);

// The labels of the account lifecycle holding for `s`, in model order.
std::vector<std::string> AccountLabels(const AccountModel& am, const Account& account,
                                       const AccountSnapshot& s);

// Replaces `card`'s labels (a lead scorecard as of `now`, read from `core`)
// with those holding when account leaves read `account` (null: no account).
void RelabelWithAccount(const CompiledModel& m, const Lead& lead, const CoreState& core,
                        int64_t now, const AccountScorecard* account, Scorecard* card);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_ACCOUNTS_ACCOUNT_ENGINE_H_
