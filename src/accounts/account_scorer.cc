// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// AccountScorer: streaming (Observe, Score, ScoreLead) over the account
// engine, and batch scoring (ScoreAll) as streaming over each account's
// merged history, so the two agree by construction; the property test checks
// both against the naive reference (tests/support/reference).

#include "leadscore/account_scorer.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "accounts/account_engine.h"
#include "leadscore/history.h"
#include "leadscore/time.h"
#include "model/account_model.h"
#include "model/model_access.h"
#include "scoring/lead_state_data.h"

namespace leadscore {

using internal::AccountModel;
using internal::CompiledModel;
using internal::LeadStateAccess;

namespace {

const AccountModel& AccountsOf(const Scorer& scorer) {
  return *internal::CompiledOf(scorer.model()).accounts;
}

// The members as the engine reads them (checked by CheckMembers).
std::vector<internal::MemberCore> Cores(absl::Span<const AccountMember> members) {
  std::vector<internal::MemberCore> cores;
  cores.reserve(members.size());
  for (const AccountMember& m : members) {
    cores.push_back({m.lead, &LeadStateAccess::Data(*m.state)->current});
  }
  return cores;
}

// The tracked stage after a moment that computed `computed` at `t`.
void Track(const AccountModel& am, int computed, absl::Time t, AccountState* state) {
  if (am.model.lifecycle->forward_only && state->stage >= 0) {
    computed = std::max(computed, state->stage);
  }
  if (state->stage < 0 || computed != state->stage) {
    state->stage = computed;
    state->since = t;
  }
  state->last = t;
}

// One moment at `t` (members checked): the stage it computes is tracked.
void ObserveChecked(const CompiledModel& m, const Account& account,
                    absl::Span<const AccountMember> members, AccountState* state, absl::Time t) {
  const AccountModel& am = *m.accounts;
  if (!am.model.lifecycle) {
    // Without a lifecycle a moment changes nothing that is reported.
    if (state->stage < 0) state->since = t;
    state->stage = 0;
    state->last = t;
    return;
  }
  const std::vector<internal::MemberCore> cores = Cores(members);
  internal::AccountSnapshot s;
  internal::AccountMoment(m, account, cores, *ToEngineNanos(t), &s, nullptr);
  Track(am, internal::ComputeAccountStage(am, account, s), t, state);
}

}  // namespace

absl::StatusOr<AccountScorer> AccountScorer::Create(Scorer scorer) {
  if (!scorer.model().has_accounts()) {
    return absl::InvalidArgumentError(
        "the model has no 'accounts' section: it scores no accounts");
  }
  return AccountScorer(std::move(scorer));
}

absl::Status AccountScorer::CheckAccount(const Account& account) const {
  if (account.id.empty()) return absl::InvalidArgumentError("an account id must not be empty");
  if (!account.stage) return absl::OkStatus();
  const AccountModel& am = AccountsOf(scorer_);
  if (!am.model.lifecycle) {
    return absl::InvalidArgumentError(absl::StrCat(
        "account '", account.id, "': 'stage' given but the model's accounts have no lifecycle"));
  }
  if (!am.stage_index.contains(*account.stage)) {
    return absl::InvalidArgumentError(absl::StrCat("account '", account.id, "': stage '",
                                                   *account.stage,
                                                   "' is not an account stage of the model"));
  }
  return absl::OkStatus();
}

absl::Status AccountScorer::CheckMembers(const Account& account,
                                         absl::Span<const AccountMember> members,
                                         absl::Time t) const {
  absl::StatusOr<int64_t> now = ToEngineNanos(t);
  if (!now.ok()) return now.status();
  for (const AccountMember& m : members) {
    if (m.lead == nullptr || m.state == nullptr) {
      return absl::InvalidArgumentError("an account member needs a lead and a state");
    }
    if (m.lead->account_id != account.id) {
      return absl::InvalidArgumentError(absl::StrCat("lead '", m.lead->id,
                                                     "' is not a lead of account '",
                                                     account.id, "'"));
    }
    // Scorer::Score checks the state's model and the lead's attributes.
    absl::StatusOr<Scorecard> card = scorer_.Score(*m.lead, *m.state, t);
    if (!card.ok()) {
      if (absl::IsFailedPrecondition(card.status()) &&
          LeadStateAccess::Data(*m.state) != nullptr &&
          LeadStateAccess::Data(*m.state)->current.events > 0 &&
          *now < LeadStateAccess::Data(*m.state)->current.last_at) {
        return absl::InvalidArgumentError(absl::StrCat(
            "moment ", FormatTimestamp(t), " is before the newest event of lead '",
            m.lead->id, "'"));
      }
      return card.status();
    }
  }
  return absl::OkStatus();
}

absl::Status AccountScorer::Observe(const Account& account,
                                    absl::Span<const AccountMember> members,
                                    AccountState& state, absl::Time t) const {
  if (absl::Status s = CheckMembers(account, members, t); !s.ok()) return s;
  if (state.stage >= 0 && t < state.last) {
    return absl::InvalidArgumentError(absl::StrCat("moment ", FormatTimestamp(t),
                                                   " is before the account's last moment ",
                                                   FormatTimestamp(state.last)));
  }
  ObserveChecked(internal::CompiledOf(scorer_.model()), account, members, &state, t);
  return absl::OkStatus();
}

absl::StatusOr<AccountScorecard> AccountScorer::Score(const Account& account,
                                                      absl::Span<const AccountMember> members,
                                                      const AccountState& state,
                                                      absl::Time as_of,
                                                      const AccountScoreOptions& options) const {
  if (absl::Status s = CheckAccount(account); !s.ok()) return s;
  if (absl::Status s = CheckMembers(account, members, as_of); !s.ok()) return s;
  if (state.stage >= 0 && as_of < state.last) {
    return absl::InvalidArgumentError(absl::StrCat("as_of ", FormatTimestamp(as_of),
                                                   " is before the account's last moment ",
                                                   FormatTimestamp(state.last)));
  }
  const CompiledModel& m = internal::CompiledOf(scorer_.model());
  const AccountModel& am = *m.accounts;
  const std::vector<internal::MemberCore> cores = Cores(members);
  internal::AccountSnapshot s;
  AccountScorecard card;
  internal::AccountMoment(m, account, cores, *ToEngineNanos(as_of), &s,
                          options.explain ? &card.explain : nullptr);
  card.account_id = account.id;
  card.as_of = as_of;
  card.leads = members.size();
  card.counting_leads = s.counting;
  card.total = s.total;
  card.model_name = m.name;
  card.model_version = m.version;
  for (size_t d = 0; d < am.model.dimensions.size(); ++d) {
    const internal::Dimension& dim = am.model.dimensions[d];
    DimensionScore ds;
    ds.dimension = dim.name;
    ds.score = s.scores[d];
    if (s.grades[d] >= 0) ds.grade = dim.grades[s.grades[d]].name;
    card.dimensions.push_back(std::move(ds));
  }
  if (am.model.lifecycle) {
    // as_of is the last moment.
    AccountState at_end = state;
    Track(am, internal::ComputeAccountStage(am, account, s), as_of, &at_end);
    const int host = account.stage ? am.stage_index.at(*account.stage) : -1;
    if (host >= 0 && host >= at_end.stage) {
      card.stage = am.model.lifecycle->stages[host];
    } else {
      card.stage = am.model.lifecycle->stages[at_end.stage];
      card.stage_entered_at = at_end.since;
    }
    card.labels = internal::AccountLabels(am, account, s);
  }
  return card;
}

absl::StatusOr<Scorecard> AccountScorer::ScoreLead(const Lead& lead, const LeadState& state,
                                                   const AccountScorecard* account,
                                                   absl::Time as_of,
                                                   const ScoreOptions& options) const {
  if (account != nullptr && (account->as_of != as_of || lead.account_id != account->account_id)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "lead '", lead.id, "': the account scorecard given is not its account's as of ",
        FormatTimestamp(as_of)));
  }
  absl::StatusOr<Scorecard> card = scorer_.Score(lead, state, as_of, options);
  if (!card.ok()) return card;
  internal::RelabelWithAccount(internal::CompiledOf(scorer_.model()), lead,
                               LeadStateAccess::Data(state)->current, *ToEngineNanos(as_of),
                               account, &*card);
  return card;
}

absl::StatusOr<AccountBatchStats> AccountScorer::ScoreAll(
    absl::Span<const Account> accounts, absl::Span<const Lead> leads,
    absl::Span<const Event> events, absl::Time as_of, const AccountScoreOptions& options,
    absl::FunctionRef<void(const Scorecard&)> lead_sink,
    absl::FunctionRef<void(const AccountScorecard&)> account_sink) const {
  absl::StatusOr<int64_t> as_of_ns = ToEngineNanos(as_of);
  if (!as_of_ns.ok()) return as_of_ns.status();
  AccountBatchStats stats;
  // Leads, by id.
  absl::flat_hash_map<std::string, size_t> lead_index;
  for (size_t i = 0; i < leads.size(); ++i) {
    if (absl::Status s = scorer_.CheckLead(leads[i]); !s.ok()) return s;
    if (!lead_index.emplace(leads[i].id, i).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate lead id '", leads[i].id, "'"));
    }
  }
  // Accounts: those given, then those only named by leads.
  std::vector<Account> all(accounts.begin(), accounts.end());
  absl::flat_hash_map<std::string, size_t> account_index;
  for (size_t i = 0; i < all.size(); ++i) {
    if (absl::Status s = CheckAccount(all[i]); !s.ok()) return s;
    if (!account_index.emplace(all[i].id, i).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate account id '", all[i].id, "'"));
    }
  }
  std::vector<std::vector<size_t>> members_of(all.size());
  std::vector<int> account_of(leads.size(), -1);
  for (size_t i = 0; i < leads.size(); ++i) {
    if (!leads[i].account_id) continue;
    auto [it, fresh] = account_index.emplace(*leads[i].account_id, all.size());
    if (fresh) {
      Account unknown;
      unknown.id = *leads[i].account_id;
      all.push_back(std::move(unknown));
      members_of.emplace_back();
      stats.unknown_account_ids.push_back(*leads[i].account_id);
    }
    account_of[i] = static_cast<int>(it->second);
    members_of[it->second].push_back(i);
  }
  std::sort(stats.unknown_account_ids.begin(), stats.unknown_account_ids.end());
  // Each lead's events, then its kept ones in event order.
  std::vector<std::vector<Event>> events_of(leads.size());
  std::set<std::string> unknown_leads;
  for (const Event& e : events) {
    auto it = lead_index.find(e.lead_id);
    if (it == lead_index.end()) {
      ++stats.unknown_lead_events;
      unknown_leads.insert(e.lead_id);
      continue;
    }
    events_of[it->second].push_back(e);
  }
  stats.unknown_lead_ids.assign(unknown_leads.begin(), unknown_leads.end());
  std::vector<std::vector<size_t>> kept(leads.size());
  for (size_t i = 0; i < leads.size(); ++i) {
    absl::StatusOr<std::vector<size_t>> order = KeptEventOrder(events_of[i], as_of);
    if (!order.ok()) return order.status();
    kept[i] = *std::move(order);
    size_t up_to_as_of = 0;
    for (const Event& e : events_of[i]) up_to_as_of += e.at <= as_of;
    stats.events_after_as_of += events_of[i].size() - up_to_as_of;
    stats.duplicates_dropped += up_to_as_of - kept[i].size();
    stats.scored_events += kept[i].size();
  }
  // States: every lead's, built in its account's merged order.
  std::vector<LeadState> states(leads.size());
  std::vector<AccountScorecard> account_cards(all.size());
  auto apply = [&](size_t lead, size_t k) -> absl::Status {
    absl::StatusOr<ApplyResult> r = scorer_.Apply(leads[lead], events_of[lead][k], states[lead]);
    return r.status();
  };
  for (size_t i = 0; i < leads.size(); ++i) {
    absl::StatusOr<LeadState> start = scorer_.Start(leads[i]);
    if (!start.ok()) return start.status();
    states[i] = *std::move(start);
    if (account_of[i] >= 0) continue;
    for (size_t k : kept[i]) {
      if (absl::Status s = apply(i, k); !s.ok()) return s;
    }
  }
  for (size_t a = 0; a < all.size(); ++a) {
    std::vector<AccountMember> members;
    for (size_t i : members_of[a]) members.push_back({&leads[i], &states[i]});
    // (at, position in leads, event order) for every kept event of a member.
    std::vector<std::tuple<absl::Time, size_t, size_t, size_t>> merged;
    for (size_t i : members_of[a]) {
      for (size_t n = 0; n < kept[i].size(); ++n) {
        merged.emplace_back(events_of[i][kept[i][n]].at, i, n, kept[i][n]);
      }
    }
    std::sort(merged.begin(), merged.end());
    AccountState state;
    for (const auto& [at, lead, n, k] : merged) {
      if (absl::Status s = apply(lead, k); !s.ok()) return s;
      // The states were built here, in order: nothing to check.
      ObserveChecked(internal::CompiledOf(scorer_.model()), all[a], members, &state, at);
    }
    absl::StatusOr<AccountScorecard> card = Score(all[a], members, state, as_of, options);
    if (!card.ok()) return card.status();
    account_cards[a] = *std::move(card);
  }
  ScoreOptions lead_options;
  lead_options.explain = options.explain;
  std::vector<Scorecard> lead_cards;
  lead_cards.reserve(leads.size());
  for (size_t i = 0; i < leads.size(); ++i) {
    absl::StatusOr<Scorecard> card =
        ScoreLead(leads[i], states[i], account_of[i] >= 0 ? &account_cards[account_of[i]] : nullptr,
                  as_of, lead_options);
    if (!card.ok()) return card.status();
    lead_cards.push_back(*std::move(card));
  }
  // Every check has passed: only now do the sinks see anything.
  for (const Scorecard& card : lead_cards) {
    lead_sink(card);
    ++stats.leads_scored;
  }
  for (const AccountScorecard& card : account_cards) {
    account_sink(card);
    ++stats.accounts_scored;
  }
  return stats;
}

}  // namespace leadscore
