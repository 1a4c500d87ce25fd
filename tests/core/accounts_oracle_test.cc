// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Accounts against the naive reference (tests/support/reference/accounts.h):
// random models (lead rules, consent, disqualification, account dimensions
// of every source, rules, lifecycles, lead labels reading the account) and
// random data (ties, duplicates, events after as_of, unknown accounts, host
// stages), scored by AccountScorer::ScoreAll (batch) and by Scorer::Apply +
// AccountScorer::Observe after each event in merged order (streaming); both
// must give the reference's account scorecards (stage and stage_entered_at
// included) and lead labels.
//
// Checked to fail: with top_k_mean dividing by the number of chosen leads
// instead of k (account_engine.cc), both cases fail (seeds 100, 1001, ...);
// with forward_only ignored when tracking the account stage
// (account_scorer.cc), both fail on stage and stage_entered_at; restored.

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "catch2/catch.hpp"
#include "leadscore/account_scorer.h"
#include "leadscore/history.h"
#include "leadscore/model.h"
#include "leadscore/scorer.h"
#include "leadscore/time.h"
#include "support/reference/accounts.h"
#include "support/reference/to_library.h"
#include "support/reference/model_json.h"
#include "support/reference/whole_history.h"

namespace {

using reference::OAccount;
using reference::OAccountLabel;
using reference::OAccountResult;
using reference::OAccounts;
using reference::OEvent;
using reference::OLead;
using reference::OModel;
using reference::OVal;
using reference::ojson;

constexpr int64_t kDay = reference::kNsPerDay;
const int64_t kBase = 1790812800LL * 1000000000LL;  // 2026-10-01T00:00:00Z

using reference::ToLib;

struct Case {
  ojson model;
  std::vector<OLead> leads;
  std::vector<std::optional<std::string>> account_of;  // per lead
  std::vector<std::vector<OEvent>> events;             // per lead
  std::vector<OAccount> accounts;                      // the accounts file
  int64_t as_of = 0;
};

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Coin(int percent = 50) { return Int(1, 100) <= percent; }
  // Condition arguments end in .3: no score these models reach (sums of
  // integers, thirds and halves) lies within 0.03 of one, so long double
  // (the reference) and double (the library) always agree on a comparison.
  double Cut(int lo, int hi) { return Int(lo, hi) + 0.3; }

  Case Make() {
    Case c;
    c.as_of = kBase + 30 * kDay;
    // The lead model: integer points, no decay.
    ojson m = ojson::object();
    m["name"] = "oracle-accounts";
    m["dimensions"] = ojson::array(
        {{{"name", "fit"}, {"max", 100}},
         {{"name", "eng"}, {"min", 0}, {"max", Int(30, 90)}, {"grades", ojson::array({{{"grade", "hot"}, {"min", 30}}, {{"grade", "cold"}}})}}});
    ojson rules = ojson::array();
    rules.push_back({{"id", "vp"}, {"dimension", "fit"}, {"points", Int(5, 30)},
                     {"when", {{"attr", "title"}, {"eq", "vp"}}}});
    ojson view = {{"id", "view"}, {"dimension", "eng"}, {"points", Int(1, 15)}, {"on", "view"}};
    if (Coin()) view["max_per_lead"] = Int(1, 4);
    if (Coin(30)) view["within_days"] = Int(5, 20);
    rules.push_back(view);
    rules.push_back({{"id", "demo"}, {"dimension", "eng"}, {"points", Int(10, 40)}, {"on", "demo"}});
    m["rules"] = rules;
    ojson lc = {{"stages", {"lead", "mql"}},
                {"require_consent", Coin()},
                {"thresholds", ojson::array({{{"stage", "mql"}, {"when", {{"score", "total"}, {"gte", Cut(10, 60)}}}}})}};
    if (Coin(70)) {
      lc["disqualify_when"] =
          Coin() ? ojson{{"attr", "email"}, {"ends_with", "@rival.com"}}
                 : ojson{{"score", "eng"}, {"gte", Cut(20, 60)}};
    }
    // Account model.
    ojson adims = ojson::array();
    const int ndims = Int(1, 4);
    std::vector<std::string> names;
    for (int d = 0; d < ndims; ++d) {
      ojson dim = {{"name", "a" + std::to_string(d)}};
      names.push_back(dim["name"]);
      const int w = Int(0, 3);
      dim["weight"] = w == 0 ? 1.0 : w == 1 ? 0.5 : w == 2 ? 2.0 : 0.0;
      if (Coin(30)) dim["max"] = Int(20, 120);
      if (Coin(20)) dim["min"] = Int(0, 10);
      if (dim.contains("min") && dim.contains("max") && dim["min"] > dim["max"]) dim.erase("min");
      if (Coin(40)) dim["grades"] = ojson::array({{{"grade", "A"}, {"min", Cut(10, 60)}}, {{"grade", "B"}}});
      const int src = Int(0, 4);
      if (src <= 2) {
        const char* aggs[] = {"sum", "max", "top_k_mean"};
        const std::string score = Coin() ? "total" : Coin() ? "fit" : "eng";
        ojson from = {{"score", score}, {"aggregate", aggs[Int(0, 2)]}};
        if (from["aggregate"] == "top_k_mean") from["k"] = Int(1, 3);
        if (Coin(30)) from["lead_cap"] = Int(5, 40);
        dim["from"] = from;
      } else if (src == 3) {
        ojson cov = {{"attr", "dept"}};
        if (Coin()) cov["points"] = Int(1, 15);
        if (Coin()) {
          cov["where"] = Coin() ? ojson{{"score", "total"}, {"gte", Cut(0, 30)}}
                                : ojson{{"grade", "eng"}, {"eq", "hot"}};
        }
        dim["coverage"] = cov;
      }
      adims.push_back(dim);
    }
    ojson acc = {{"dimensions", adims}};
    if (Coin(70)) {
      acc["rules"] = ojson::array({{{"id", "big"}, {"dimension", names[Int(0, ndims - 1)]},
                                    {"points", Int(1, 30)},
                                    {"when", {{"attr", "employees"}, {"gte", 1000}}}}});
    }
    const bool account_lifecycle = Coin(85);
    if (account_lifecycle) {
      ojson th = ojson::array();
      th.push_back({{"stage", "engaged"}, {"when", {{"score", names[Int(0, ndims - 1)]}, {"gte", Cut(1, 30)}}}});
      th.push_back({{"stage", "mqa"}, {"when", {{"all", ojson::array({{{"score", "total"}, {"gte", Cut(10, 60)}},
                                                                       {{"attr", "tier"}, {"ne", "low"}}})}}}});
      if (Coin()) th.push_back({{"stage", "engaged"}, {"when", {{"score", "total"}, {"lt", Cut(-5, 5)}}}});
      acc["lifecycle"] = {{"stages", {"target", "engaged", "mqa", "opportunity"}},
                          {"forward_only", Coin(60)},
                          {"thresholds", th},
                          {"labels", ojson::array({{{"label", "whale"}, {"when", {{"attr", "employees"}, {"gte", 5000}}}}})}};
    }
    m["accounts"] = acc;
    ojson labels = ojson::array({{{"label", "has-vp"}, {"when", {{"attr", "title"}, {"eq", "vp"}}}}});
    labels.push_back({{"label", "acct-total"}, {"when", {{"account_score", "total"}, {"gte", Cut(0, 40)}}}});
    labels.push_back({{"label", "acct-dim"}, {"when", {{"account_score", names[0]}, {"lt", Cut(0, 20)}}}});
    if (account_lifecycle) {
      ojson in_stage = ojson::object();
      in_stage["account_stage"] = ojson::object({{"in", ojson::array({"mqa", "opportunity"})}});
      ojson not_target = ojson::object();
      not_target["account_stage"] = ojson::object({{"ne", "target"}});
      labels.push_back(ojson::object({{"label", "acct-stage"}, {"when", in_stage}}));
      labels.push_back(ojson::object({{"label", "acct-not-target"}, {"when", not_target}}));
    }
    lc["labels"] = labels;
    m["lifecycle"] = lc;
    c.model = m;

    // Leads and accounts.
    const int nacc = Int(1, 3);
    const int nleads = Int(1, 8);
    const char* depts[] = {"Sales", "sales", "IT", "marketing", "Legal"};
    for (int i = 0; i < nleads; ++i) {
      OLead l;
      l.id = "L" + std::to_string(i);
      const int consent = Int(0, 9);
      l.consent_form = consent < 6 ? OLead::kTrue : consent < 7 ? OLead::kFalse : OLead::kObject;
      if (l.consent_form == OLead::kObject) {
        l.granted = Coin(80);
        if (Coin()) l.granted_at = kBase + Int(0, 20) * kDay;
      }
      if (Coin(40)) l.attrs["title"] = reference::VStr("vp");
      if (Coin(25)) l.attrs["email"] = reference::VStr("x@rival.com");
      const int d = Int(0, 6);
      if (d < 5) l.attrs["dept"] = reference::VStr(depts[d]);
      if (d == 5) l.attrs["dept"] = reference::VArr({reference::VStr(depts[Int(0, 4)]), reference::VNum(3), reference::VStr(depts[Int(0, 4)])});
      if (Coin(10)) l.stage = Coin() ? "lead" : "mql";
      c.leads.push_back(l);
      c.account_of.push_back(Coin(85) ? std::optional<std::string>("A" + std::to_string(Int(0, nacc)))
                                      : std::nullopt);
      // Events: few distinct times (ties), a small id pool (duplicates).
      std::vector<OEvent> ev;
      const int nev = Int(0, 8);
      for (int k = 0; k < nev; ++k) {
        OEvent e;
        if (Coin(80)) e.id = "e" + std::to_string(Int(0, 6));
        const int t = Int(0, 2);
        e.type = t == 0 ? "view" : t == 1 ? "demo" : "other";
        e.at = kBase + Int(0, 34) * kDay + (Coin(30) ? Int(0, 3) * 3600LL * 1000000000LL : 0);
        ev.push_back(e);
      }
      c.events.push_back(ev);
    }
    // The accounts file: some of A0..A{nacc} (A{nacc} never listed), maybe an extra.
    for (int a = 0; a < nacc; ++a) {
      if (!Coin(80)) continue;
      OAccount acct;
      acct.id = "A" + std::to_string(a);
      if (Coin(60)) acct.attrs["employees"] = reference::VNum(Coin() ? 20000 : 500);
      if (Coin(70)) acct.attrs["tier"] = reference::VStr(Coin() ? "low" : "high");
      if (account_lifecycle && Coin(15)) acct.stage = Coin() ? "engaged" : "opportunity";
      c.accounts.push_back(acct);
    }
    if (Coin(20)) c.accounts.push_back(OAccount{"Z-unused", {}, std::nullopt});
    return c;
  }

 private:
  std::mt19937 rng_;
};

std::string Ts(int64_t ns) { return leadscore::FormatTimestamp(absl::FromUnixNanos(ns)); }

bool Close(long double want, double got) {
  return std::fabs(static_cast<double>(want) - got) <= 1e-9 * std::max(1.0, std::fabs(got));
}

// Compares one account scorecard with the reference; returns the differences.
std::string Diff(const OAccounts& a, const OAccountResult& want,
                 const leadscore::AccountScorecard& got) {
  std::ostringstream o;
  if (want.leads != got.leads) o << " leads " << want.leads << " vs " << got.leads;
  if (want.counting != got.counting_leads)
    o << " counting " << want.counting << " vs " << got.counting_leads;
  for (size_t d = 0; d < a.dims.size(); ++d) {
    if (!Close(want.scores[d], got.dimensions[d].score))
      o << " " << a.dims[d].dim.name << " " << static_cast<double>(want.scores[d]) << " vs "
        << got.dimensions[d].score;
    if (want.grades[d] != got.dimensions[d].grade) o << " grade of " << a.dims[d].dim.name;
  }
  if (!Close(want.total, got.total))
    o << " total " << static_cast<double>(want.total) << " vs " << got.total;
  if (want.stage != got.stage)
    o << " stage " << want.stage.value_or("null") << " vs " << got.stage.value_or("null");
  std::optional<int64_t> entered;
  if (got.stage_entered_at) entered = absl::ToUnixNanos(*got.stage_entered_at);
  if (want.entered != entered)
    o << " entered " << (want.entered ? Ts(*want.entered) : "null") << " vs "
      << (entered ? Ts(*entered) : "null");
  if (want.labels != got.labels) o << " labels differ";
  return o.str();
}

struct Library {
  std::vector<leadscore::Lead> leads;
  std::vector<leadscore::Event> events;
  std::vector<leadscore::Account> accounts;
};

Library ToLibrary(const Case& c) {
  Library lib;
  for (size_t i = 0; i < c.leads.size(); ++i) {
    const OLead& l = c.leads[i];
    leadscore::Lead lead;
    lead.id = l.id;
    switch (l.consent_form) {
      case OLead::kMissing: break;
      case OLead::kTrue: lead.consent.granted = true; break;
      case OLead::kFalse: lead.consent.granted = false; break;
      case OLead::kObject:
        lead.consent.granted = l.granted;
        if (l.granted_at) lead.consent.at = absl::FromUnixNanos(*l.granted_at);
        break;
    }
    lead.stage = l.stage;
    lead.attributes = ToLib(l.attrs);
    lead.account_id = c.account_of[i];
    lib.leads.push_back(lead);
  }
  // Events interleaved across leads (any order is allowed).
  for (size_t k = 0;; ++k) {
    bool any = false;
    for (size_t i = 0; i < c.leads.size(); ++i) {
      if (k >= c.events[i].size()) continue;
      any = true;
      const OEvent& e = c.events[i][k];
      leadscore::Event ev;
      ev.id = e.id;
      ev.lead_id = c.leads[i].id;
      ev.type = e.type;
      ev.at = absl::FromUnixNanos(e.at);
      lib.events.push_back(ev);
    }
    if (!any) break;
  }
  for (const OAccount& a : c.accounts) {
    lib.accounts.push_back({a.id, ToLib(a.attrs), a.stage});
  }
  return lib;
}

// The reference's account results, in the library's order of first
// appearance, and each lead's labels.
struct Expected {
  std::vector<std::string> account_ids;
  std::vector<OAccountResult> accounts;
  std::vector<std::vector<std::string>> lead_labels;
  std::vector<std::optional<std::string>> lead_stages;
};

Expected Reference(const Case& c, const OModel& m, const OAccounts& a,
                   const std::vector<OAccountLabel>& account_labels) {
  Expected e;
  std::map<std::string, OAccount> file;
  for (const OAccount& acct : c.accounts) {
    e.account_ids.push_back(acct.id);
    file[acct.id] = acct;
  }
  for (const auto& id : c.account_of) {
    if (id && std::find(e.account_ids.begin(), e.account_ids.end(), *id) == e.account_ids.end()) {
      e.account_ids.push_back(*id);
      file[*id] = OAccount{*id, {}, std::nullopt};
    }
  }
  std::map<std::string, size_t> index;
  for (const std::string& id : e.account_ids) {
    std::vector<const OLead*> members;
    std::vector<std::vector<OEvent>> events;
    for (size_t i = 0; i < c.leads.size(); ++i) {
      if (c.account_of[i] != id) continue;
      members.push_back(&c.leads[i]);
      events.push_back(c.events[i]);
    }
    index[id] = e.accounts.size();
    e.accounts.push_back(
        reference::ScoreAccountWholeHistory(m, a, file[id], members, events, c.as_of));
  }
  for (size_t i = 0; i < c.leads.size(); ++i) {
    const reference::OResult r =
        reference::ScoreWholeHistory(m, c.leads[i], c.events[i], c.as_of);
    std::vector<std::string> labels = r.labels;
    const OAccountResult* acct =
        c.account_of[i] ? &e.accounts[index[*c.account_of[i]]] : nullptr;
    for (const OAccountLabel& l : account_labels) {
      if (reference::AccountLabelHolds(l, a, acct)) labels.push_back(l.label);
    }
    e.lead_labels.push_back(labels);
    e.lead_stages.push_back(r.stage);
  }
  return e;
}

void CheckCase(uint32_t seed, bool streaming) {
  Gen gen(seed);
  const Case c = gen.Make();
  INFO("seed " << seed << " model " << c.model.dump());
  OAccounts a;
  std::vector<OAccountLabel> account_labels;
  const OModel m = reference::model_json_internal::ReadModel(reference::SplitAccountModel(c.model, &a, &account_labels));
  auto model = leadscore::Model::FromJson(c.model.dump());
  REQUIRE(model.ok());
  const Expected want = Reference(c, m, a, account_labels);
  const Library lib = ToLibrary(c);
  const leadscore::Scorer scorer(*model);
  auto accounts = leadscore::AccountScorer::Create(scorer);
  REQUIRE(accounts.ok());
  const absl::Time as_of = absl::FromUnixNanos(c.as_of);

  std::vector<leadscore::AccountScorecard> got;
  std::vector<leadscore::Scorecard> lead_cards;
  if (!streaming) {
    auto stats = accounts->ScoreAll(
        lib.accounts, lib.leads, lib.events, as_of, {},
        [&](const leadscore::Scorecard& s) { lead_cards.push_back(s); },
        [&](const leadscore::AccountScorecard& s) { got.push_back(s); });
    REQUIRE(stats.ok());
  } else {
    // A host's loop: each account's leads' events in merged order (at, then
    // leads order, then event order), Apply, then Observe.
    std::vector<leadscore::LeadState> states;
    for (const auto& l : lib.leads) states.push_back(*scorer.Start(l));
    std::vector<leadscore::AccountScorecard> by_account;
    for (const std::string& id : want.account_ids) {
      leadscore::Account acct{id, {}, std::nullopt};
      for (const auto& x : lib.accounts) {
        if (x.id == id) acct = x;
      }
      std::vector<leadscore::AccountMember> members;
      std::vector<std::tuple<int64_t, size_t, size_t, size_t>> merged;
      for (size_t i = 0; i < lib.leads.size(); ++i) {
        if (lib.leads[i].account_id != id) continue;
        members.push_back({&lib.leads[i], &states[i]});
        std::vector<leadscore::Event> own;
        std::vector<size_t> where;
        for (size_t k = 0; k < lib.events.size(); ++k) {
          if (lib.events[k].lead_id == lib.leads[i].id) {
            own.push_back(lib.events[k]);
            where.push_back(k);
          }
        }
        auto kept = leadscore::KeptEventOrder(own, as_of);
        REQUIRE(kept.ok());
        for (size_t n = 0; n < kept->size(); ++n) {
          merged.emplace_back(absl::ToUnixNanos(own[(*kept)[n]].at), i, n, where[(*kept)[n]]);
        }
      }
      std::sort(merged.begin(), merged.end());
      leadscore::AccountState state;
      for (const auto& [at, i, n, k] : merged) {
        REQUIRE(scorer.Apply(lib.leads[i], lib.events[k], states[i]).ok());
        REQUIRE(accounts->Observe(acct, members, state, absl::FromUnixNanos(at)).ok());
      }
      auto card = accounts->Score(acct, members, state, as_of);
      REQUIRE(card.ok());
      got.push_back(*card);
    }
    for (size_t i = 0; i < lib.leads.size(); ++i) {
      const leadscore::AccountScorecard* acct = nullptr;
      for (const auto& g : got) {
        if (lib.leads[i].account_id == g.account_id) acct = &g;
      }
      if (acct == nullptr) {
        std::vector<leadscore::Event> own;
        for (const auto& e : lib.events) {
          // Rebuild keeps every event: those after as_of are left out here.
          if (e.lead_id == lib.leads[i].id && e.at <= as_of) own.push_back(e);
        }
        auto rebuilt = scorer.Rebuild(lib.leads[i], own);
        REQUIRE(rebuilt.ok());
        states[i] = *std::move(rebuilt);
      }
      auto card = accounts->ScoreLead(lib.leads[i], states[i], acct, as_of);
      REQUIRE(card.ok());
      lead_cards.push_back(*card);
    }
  }
  REQUIRE(got.size() == want.accounts.size());
  for (size_t k = 0; k < got.size(); ++k) {
    INFO("account " << want.account_ids[k]);
    CHECK(got[k].account_id == want.account_ids[k]);
    CHECK(Diff(a, want.accounts[k], got[k]) == "");
  }
  REQUIRE(lead_cards.size() == c.leads.size());
  for (size_t i = 0; i < c.leads.size(); ++i) {
    INFO("lead " << c.leads[i].id);
    CHECK(lead_cards[i].labels == want.lead_labels[i]);
    CHECK(lead_cards[i].stage == want.lead_stages[i]);
  }
}

TEST_CASE("accounts oracle: batch ScoreAll agrees with the naive reference", "[accounts][oracle]") {
  for (uint32_t seed = 1; seed <= 300; ++seed) CheckCase(seed, false);
}

TEST_CASE("accounts oracle: streaming Observe after each event agrees with the naive reference",
          "[accounts][oracle]") {
  for (uint32_t seed = 1001; seed <= 1300; ++seed) CheckCase(seed, true);
}

}  // namespace
