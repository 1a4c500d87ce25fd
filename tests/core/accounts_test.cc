// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Accounts (v1.1, docs/model-format.md "Accounts"): the worked example of the
// docs as a test (model, data and expected account scorecards read from the
// doc), load errors with their pointers, the account_id key of lead lines,
// the streaming calls (Observe after each event, Score, ScoreLead) and their
// errors. The property test against the reference is accounts_oracle_test.cc.

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "catch2/catch.hpp"
#include "leadscore/account_scorer.h"
#include "leadscore/io/account_json.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/scorer.h"
#include "leadscore/time.h"
#include "support/doc_examples.h"
#include "support/test_util.h"

namespace {

using Catch::Matchers::Contains;
using leadscore::Account;
using leadscore::AccountMember;
using leadscore::AccountScorecard;
using leadscore::AccountScorer;
using leadscore::AccountState;
using leadscore::Event;
using leadscore::Lead;
using leadscore::LeadState;
using leadscore::Model;
using leadscore::ModelDiagnostic;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore_test::FencedBlockAfter;
using leadscore_test::ReadFile;

std::string Doc() { return ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/docs/model-format.md"); }

std::vector<std::string> NonEmptyLines(const std::string& text) {
  std::vector<std::string> out;
  for (absl::string_view l : absl::StrSplit(text, '\n')) {
    if (!l.empty()) out.emplace_back(l);
  }
  return out;
}

struct Example {
  std::shared_ptr<const Model> model;
  std::vector<Lead> leads;
  std::vector<Event> events;
  std::vector<Account> accounts;
};

Example DocExample() {
  const std::string doc = Doc();
  Example ex;
  auto model = Model::FromJson(FencedBlockAfter(doc, "Accounts worked example, the model:", "json"));
  REQUIRE(model.ok());
  ex.model = *model;
  for (const std::string& l :
       NonEmptyLines(FencedBlockAfter(doc, "Accounts worked example, leads.jsonl:", "jsonl"))) {
    leadscore::LeadParseOptions strict;
    strict.strict_account_id = true;
    Lead lead;
    REQUIRE(leadscore::ParseLeadJson(l, strict, &lead).ok());
    ex.leads.push_back(lead);
  }
  for (const std::string& l :
       NonEmptyLines(FencedBlockAfter(doc, "Accounts worked example, events.jsonl:", "jsonl"))) {
    auto e = leadscore::ParseEventJson(l);
    REQUIRE(e.ok());
    ex.events.push_back(*e);
  }
  for (const std::string& l :
       NonEmptyLines(FencedBlockAfter(doc, "Accounts worked example, accounts.jsonl:", "jsonl"))) {
    auto a = leadscore::ParseAccountJson(l);
    REQUIRE(a.ok());
    ex.accounts.push_back(*a);
  }
  REQUIRE(ex.leads.size() == 5);
  REQUIRE(ex.events.size() == 6);
  REQUIRE(ex.accounts.size() == 2);
  return ex;
}

struct Scored {
  std::vector<Scorecard> leads;
  std::vector<AccountScorecard> accounts;
  leadscore::AccountBatchStats stats;
};

Scored ScoreAll(const Example& ex, bool explain) {
  auto scorer = AccountScorer::Create(Scorer(ex.model));
  REQUIRE(scorer.ok());
  Scored out;
  leadscore::AccountScoreOptions options;
  options.explain = explain;
  auto stats = scorer->ScoreAll(
      ex.accounts, ex.leads, ex.events, leadscore_test::T("2026-11-01T00:00:00Z"), options,
      [&](const Scorecard& c) { out.leads.push_back(c); },
      [&](const AccountScorecard& c) { out.accounts.push_back(c); });
  REQUIRE(stats.ok());
  out.stats = *stats;
  return out;
}

std::string AccountJson(const AccountScorecard& card, bool explain) {
  std::string s;
  leadscore::AppendAccountScorecardJson(card, explain, &s);
  return s;
}

TEST_CASE("accounts: the worked example of model-format.md is the real output", "[accounts]") {
  const Example ex = DocExample();
  const Scored s = ScoreAll(ex, false);
  std::string got;
  for (const AccountScorecard& c : s.accounts) got += AccountJson(c, false) + "\n";
  CHECK(got == FencedBlockAfter(Doc(), "Scored as of 2026-11-01T00:00:00Z, the account scorecards are:"));
  CHECK(s.stats.unknown_account_ids == std::vector<std::string>{"A-2"});
  // Lead labels read the account: L1-L3 are in A-1 (mqa).
  REQUIRE(s.leads.size() == 5);
  for (int i = 0; i < 3; ++i) CHECK(s.leads[i].labels == std::vector<std::string>{"hot-account"});
  CHECK(s.leads[3].labels.empty());
  CHECK(s.leads[4].labels.empty());
  CHECK(s.leads[2].stage == "disqualified");
}

TEST_CASE("accounts: the worked example's explanation is the real output", "[accounts]") {
  const Scored s = ScoreAll(DocExample(), true);
  const std::string line = AccountJson(s.accounts.at(0), true);
  const size_t at = line.find("\"explain\": ");
  REQUIRE(at != std::string::npos);
  CHECK(line.substr(at) + "\n" ==
        FencedBlockAfter(Doc(), "With `--explain`, A-1's scorecard ends with:"));
}

TEST_CASE("accounts: lead scorecards equal BatchScorer's but for labels", "[accounts]") {
  const Example ex = DocExample();
  const Scored s = ScoreAll(ex, true);
  auto batch = leadscore::BatchScorer::Create(ex.model, leadscore_test::T("2026-11-01T00:00:00Z"));
  REQUIRE(batch.ok());
  for (const Lead& l : ex.leads) REQUIRE(batch->AddLead(l).ok());
  for (const Event& e : ex.events) REQUIRE(batch->AddEvent(e).ok());
  std::vector<std::string> want;
  leadscore::BatchOptions options;
  options.explain = true;
  batch->Score(options, [&](const Scorecard& c) {
    Scorecard copy = c;
    copy.labels.clear();
    std::string j;
    leadscore::AppendScorecardJson(copy, true, &j);
    want.push_back(j);
  });
  REQUIRE(want.size() == s.leads.size());
  for (size_t i = 0; i < want.size(); ++i) {
    Scorecard copy = s.leads[i];
    copy.labels.clear();
    std::string j;
    leadscore::AppendScorecardJson(copy, true, &j);
    CHECK(j == want[i]);
  }
}

// Every problem of `model` as "POINTER: message" lines.
std::vector<std::string> Problems(const std::string& model) {
  std::vector<ModelDiagnostic> d;
  auto m = Model::FromJson(model, &d);
  REQUIRE_FALSE(m.ok());
  std::vector<std::string> out;
  for (const auto& x : d) out.push_back(x.pointer + ": " + x.message);
  return out;
}

bool Has(const std::vector<std::string>& problems, const std::string& want) {
  for (const auto& p : problems) {
    if (p.find(want) != std::string::npos) return true;
  }
  UNSCOPED_INFO("problems:\n" << absl::StrJoin(problems, "\n") << "\nwanted: " << want);
  return false;
}

TEST_CASE("accounts: load errors name their pointers", "[accounts]") {
  const std::string head = R"({"dimensions": [{"name": "fit"}, {"name": "engagement"}], )";
  const auto p = Problems(head + R"(
    "lifecycle": {"stages": ["lead", "mql"],
      "thresholds": [{"stage": "mql", "when": {"account_score": "total", "gte": 1}}],
      "labels": [{"label": "x", "when": {"account_stage": {"eq": "MQA"}}},
                 {"label": "y", "when": {"account_stage": {"gt": "mqa"}}},
                 {"label": "z", "when": {"account_score": "nope", "gt": 1}},
                 {"label": "w", "when": {"account_stage": "mqa"}},
                 {"label": "v", "when": {"account_stage": {"is": "mqa"}}}]},
    "accounts": {
      "dimensions": [
        {"name": "a", "from": {"score": "total", "aggregate": "top_k_mean", "k": 0}},
        {"name": "b", "from": {"score": "total", "aggregate": "top_k_mean"}},
        {"name": "c", "from": {"score": "engagment", "aggregate": "sum"}},
        {"name": "d", "decay": {"half_life_days": 3}},
        {"name": "a", "from": {"score": "total", "aggregate": "median"}},
        {"name": "total", "from": {"score": "fit", "aggregate": "sum", "k": 2}},
        {"name": "g", "from": {"score": "fit", "aggregate": "max"}, "coverage": {"attr": "x"}},
        {"name": "h", "coverage": {"attr": "role", "where": {"event": "x", "within_days": 1}}},
        {"name": "i", "min": 5, "max": 1}],
      "rules": [{"id": "r", "dimension": "fti", "points": 1},
                {"id": "r", "dimension": "a", "points": 1, "on": "x"},
                {"id": "s", "dimension": "a", "points": 1, "when": {"score": "a", "gt": 1}}],
      "lifecycle": {"stages": ["target", "mqa", "invalid"], "disqualify_when": {"attr": "x", "exists": true},
        "require_consent": false,
        "thresholds": [{"stage": "mqa", "when": {"event": "x", "within_days": 3}},
                       {"stage": "mqx", "when": {"score": "a", "gt": 1}},
                       {"stage": "mqa", "when": {"grade": "a", "eq": "A"}}]}}})");
  CHECK(Has(p, "/lifecycle/thresholds/0/when/account_score: 'account_score' conditions are only "
               "allowed in lifecycle labels"));
  CHECK(Has(p, "/lifecycle/labels/0/when/account_stage/eq: unknown account stage 'MQA' (not in "
               "/accounts/lifecycle/stages)"));
  CHECK(Has(p, "/lifecycle/labels/1/when/account_stage/gt: 'gt' does not apply to a stage"));
  CHECK(Has(p, "/lifecycle/labels/2/when/account_score: unknown account dimension 'nope'"));
  CHECK(Has(p, "/lifecycle/labels/3/when/account_stage: expected one operator object"));
  CHECK(Has(p, "/lifecycle/labels/4/when/account_stage/is: unknown operator (eq, ne, in or not_in)"));
  CHECK(Has(p, "/accounts/dimensions/0/from/k: expected a positive integer"));
  CHECK(Has(p, "/accounts/dimensions/1/from: missing required key 'k'"));
  CHECK(Has(p, "/accounts/dimensions/2/from/score: unknown dimension 'engagment' (a lead "
               "dimension or 'total')"));
  CHECK(Has(p, "/accounts/dimensions/3/decay: unknown key"));
  CHECK(Has(p, "/accounts/dimensions/4/name: duplicate account dimension name 'a'"));
  CHECK(Has(p, "/accounts/dimensions/4/from/aggregate: unknown aggregate 'median'"));
  CHECK(Has(p, "/accounts/dimensions/5/name: 'total' is reserved"));
  CHECK(Has(p, "/accounts/dimensions/5/from/k: 'k' applies to top_k_mean only"));
  CHECK(Has(p, "/accounts/dimensions/6/coverage: an account dimension has at most one source"));
  CHECK(Has(p, "/accounts/dimensions/7/coverage/where/event: 'event' conditions are not allowed "
               "in the accounts section"));
  CHECK(Has(p, "/accounts/dimensions/8/max: expected max >= min"));
  CHECK(Has(p, "/accounts/rules/0/dimension: unknown account dimension 'fti'"));
  CHECK(Has(p, "/accounts/rules/1/id: duplicate account rule id 'r'"));
  CHECK(Has(p, "/accounts/rules/1/on: unknown key"));
  CHECK(Has(p, "/accounts/rules/2/when/score: 'score' conditions are only allowed in the lifecycle"));
  CHECK(Has(p, "/accounts/lifecycle/stages/2: 'invalid' is reserved"));
  CHECK(Has(p, "/accounts/lifecycle/disqualify_when: unknown key"));
  CHECK(Has(p, "/accounts/lifecycle/require_consent: unknown key"));
  CHECK(Has(p, "/accounts/lifecycle/thresholds/0/when/event: 'event' conditions are not allowed "
               "in the accounts section"));
  CHECK(Has(p, "/accounts/lifecycle/thresholds/1/stage: unknown stage 'mqx' (not in "
               "/accounts/lifecycle/stages)"));
  CHECK(Has(p, "/accounts/lifecycle/thresholds/2/when/grade: dimension 'a' has no grades"));
}

TEST_CASE("accounts: account leaves need an accounts section", "[accounts]") {
  const auto p = Problems(R"({"dimensions": [{"name": "fit"}],
    "lifecycle": {"stages": ["lead"],
                  "labels": [{"label": "x", "when": {"account_score": "total", "gte": 1}}]}})");
  CHECK(Has(p, "/lifecycle/labels/0/when/account_score: 'account_score' needs an 'accounts' "
               "section in the model"));
  const auto q = Problems(R"({"dimensions": [{"name": "fit"}], "accounts": {},
    "rules": [{"id": "r", "dimension": "fit", "points": 1,
               "when": {"account_stage": {"eq": "x"}}}]})");
  CHECK(Has(q, "/accounts: missing required key 'dimensions'"));
  CHECK(Has(q, "/rules/0/when/account_stage: 'account_stage' conditions are only allowed in "
               "lifecycle labels"));
}

TEST_CASE("accounts: a v1 model ignores account_id and a v1 scorecard is unchanged", "[accounts]") {
  Lead lead;
  REQUIRE(leadscore::ParseLeadJson(R"({"id": "L", "account_id": 7})", &lead).ok());
  CHECK_FALSE(lead.account_id.has_value());
  REQUIRE(leadscore::ParseLeadJson(R"({"id": "L", "account_id": "A"})", &lead).ok());
  CHECK(lead.account_id == "A");
  leadscore::LeadParseOptions strict;
  strict.strict_account_id = true;
  const absl::Status bad = leadscore::ParseLeadJson(R"({"id": "L", "account_id": 7})", strict, &lead);
  CHECK(absl::IsInvalidArgument(bad));
  CHECK_THAT(std::string(bad.message()), Contains("'account_id': expected a string, got a number"));
  REQUIRE(leadscore::ParseLeadJson(R"({"id": "L", "account_id": null})", strict, &lead).ok());
  CHECK_FALSE(lead.account_id.has_value());
  auto v1 = Model::FromJson(R"({"dimensions": [{"name": "fit"}]})");
  REQUIRE(v1.ok());
  CHECK_FALSE((*v1)->has_accounts());
  CHECK(absl::IsInvalidArgument(AccountScorer::Create(Scorer(*v1)).status()));
}

TEST_CASE("accounts: account lines and their errors", "[accounts]") {
  auto a = leadscore::ParseAccountJson(R"({"id": "A", "attributes": {"n": 3}, "stage": "mqa", "x": 1})");
  REQUIRE(a.ok());
  CHECK(a->id == "A");
  CHECK(a->stage == "mqa");
  CHECK(a->attributes.at("n").as_number() == 3);
  CHECK_THAT(std::string(leadscore::ParseAccountJson(R"({"attributes": {}})").status().message()),
             Contains("'id'"));
  CHECK_THAT(std::string(leadscore::ParseAccountJson(R"({"id": ""})").status().message()),
             Contains("must not be empty"));
  CHECK_THAT(std::string(leadscore::ParseAccountJson(R"({"id": "A", "stage": 3})").status().message()),
             Contains("'stage': expected a string"));
  CHECK_THAT(std::string(
                 leadscore::ParseAccountJson(R"({"id": "A", "attributes": {"o": {}}})").status().message()),
             Contains("objects are not allowed"));
  const Example ex = DocExample();
  auto scorer = AccountScorer::Create(Scorer(ex.model));
  REQUIRE(scorer.ok());
  Account bad_stage{"A", {}, std::string("won")};
  CHECK_THAT(std::string(scorer->CheckAccount(bad_stage).message()),
             Contains("stage 'won' is not an account stage"));
}

// Streaming: Apply each event in merged order, Observe after each, Score.
TEST_CASE("accounts: streaming gives the batch account scorecards", "[accounts]") {
  const Example ex = DocExample();
  const Scored batch = ScoreAll(ex, true);
  const Scorer scorer(ex.model);
  auto accounts = AccountScorer::Create(scorer);
  REQUIRE(accounts.ok());
  std::vector<LeadState> states;
  for (const Lead& l : ex.leads) states.push_back(*scorer.Start(l));
  // The file's events are already in merged order for A-1 (by at, then leads order).
  const Account a1 = ex.accounts[0];
  std::vector<AccountMember> members;
  for (size_t i = 0; i < 3; ++i) members.push_back({&ex.leads[i], &states[i]});
  std::vector<std::tuple<absl::Time, size_t, size_t>> order;
  for (size_t k = 0; k < ex.events.size(); ++k) {
    for (size_t i = 0; i < 3; ++i) {
      if (ex.events[k].lead_id == ex.leads[i].id) order.emplace_back(ex.events[k].at, i, k);
    }
  }
  std::sort(order.begin(), order.end());
  AccountState state;
  for (const auto& [at, i, k] : order) {
    REQUIRE(scorer.Apply(ex.leads[i], ex.events[k], states[i]).ok());
    REQUIRE(accounts->Observe(a1, members, state, at).ok());
  }
  leadscore::AccountScoreOptions explain;
  explain.explain = true;
  auto card = accounts->Score(a1, members, state, leadscore_test::T("2026-11-01T00:00:00Z"), explain);
  REQUIRE(card.ok());
  CHECK(AccountJson(*card, true) == AccountJson(batch.accounts[0], true));
  // ScoreLead sees the account.
  auto lead_card = accounts->ScoreLead(ex.leads[0], states[0], &*card,
                                       leadscore_test::T("2026-11-01T00:00:00Z"));
  REQUIRE(lead_card.ok());
  CHECK(lead_card->labels == std::vector<std::string>{"hot-account"});
  auto alone = accounts->ScoreLead(ex.leads[0], states[0], nullptr,
                                   leadscore_test::T("2026-11-01T00:00:00Z"));
  REQUIRE(alone.ok());
  CHECK(alone->labels.empty());

  SECTION("errors leave the state unchanged") {
    const AccountState before = state;
    // A moment before the last one.
    auto back = accounts->Observe(a1, members, state, leadscore_test::T("2026-10-01T00:00:00Z"));
    CHECK(absl::IsInvalidArgument(back));
    CHECK_THAT(std::string(back.message()), Contains("before"));
    // A member of another account.
    std::vector<AccountMember> wrong = members;
    wrong.push_back({&ex.leads[3], &states[3]});
    auto other = accounts->Observe(a1, wrong, state, leadscore_test::T("2026-10-06T00:00:00Z"));
    CHECK(absl::IsInvalidArgument(other));
    CHECK_THAT(std::string(other.message()), Contains("'L4' is not a lead of account 'A-1'"));
    // A state of another model.
    auto v1 = Model::FromJson(R"({"dimensions": [{"name": "fit"}]})");
    LeadState foreign = *Scorer(*v1).Start(ex.leads[0]);
    std::vector<AccountMember> bad = {{&ex.leads[0], &foreign}};
    CHECK(absl::IsFailedPrecondition(
        accounts->Observe(a1, bad, state, leadscore_test::T("2026-10-06T00:00:00Z"))));
    CHECK(state.stage == before.stage);
    CHECK(state.since == before.since);
    CHECK(state.last == before.last);
    // ScoreLead with another account's scorecard.
    CHECK(absl::IsInvalidArgument(accounts
                                      ->ScoreLead(ex.leads[3], states[3], &*card,
                                                  leadscore_test::T("2026-11-01T00:00:00Z"))
                                      .status()));
  }
}

TEST_CASE("accounts: batch errors come before any scorecard", "[accounts]") {
  Example ex = DocExample();
  auto scorer = AccountScorer::Create(Scorer(ex.model));
  REQUIRE(scorer.ok());
  int calls = 0;
  auto run = [&]() {
    return scorer
        ->ScoreAll(ex.accounts, ex.leads, ex.events, leadscore_test::T("2026-11-01T00:00:00Z"), {},
                   [&](const Scorecard&) { ++calls; }, [&](const AccountScorecard&) { ++calls; })
        .status();
  };
  ex.accounts.push_back(ex.accounts[0]);
  CHECK_THAT(std::string(run().message()), Contains("duplicate account id 'A-1'"));
  ex.accounts.pop_back();
  ex.leads.push_back(ex.leads[0]);
  CHECK_THAT(std::string(run().message()), Contains("duplicate lead id 'L1'"));
  ex.leads.pop_back();
  ex.accounts[1].stage = "won";
  CHECK(absl::IsInvalidArgument(run()));
  CHECK(calls == 0);
}

}  // namespace
