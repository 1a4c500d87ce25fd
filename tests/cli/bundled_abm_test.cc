// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The bundled account-based model (examples/models/b2b-abm.json, model format
// v1.1) on the bundled sample with its accounts: the figures docs/models.md
// quotes are the command line's real output, account scorecards name leads of
// their own account, and the lead labels that read the account agree with the
// account scorecards.

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/cli_util.h"
#include "support/test_util.h"

namespace {

using Catch::Matchers::Contains;
using leadscore_test::CliDir;
using leadscore_test::ReadFile;
using json = nlohmann::json;

const std::string kSource = LEADSCORE_SOURCE_DIR;
const char kAsOf[] = "2026-11-01T00:00:00Z";

std::vector<json> JsonLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line));
  }
  return out;
}

std::vector<std::string> ScoreArgs(const std::string& model) {
  return {"score",    "--model", model,
          "--leads",  kSource + "/examples/data/leads.jsonl",
          "--events", kSource + "/examples/data/events.jsonl",
          "--as-of",  kAsOf};
}

// `n` with a thousands comma, as the docs write counts.
std::string Count(long n) {
  std::string s = std::to_string(n);
  if (s.size() > 3) s.insert(s.size() - 3, ",");
  return s;
}

}  // namespace

TEST_CASE("bundled b2b-abm: account scorecards on the sample agree with the leads and the docs",
          "[cli][accounts][docs]") {
  CliDir dir("bundled_abm");
  const std::string doc = ReadFile(kSource + "/docs/models.md");
  REQUIRE(!doc.empty());
  std::vector<std::string> args = ScoreArgs(kSource + "/examples/models/b2b-abm.json");
  args.insert(args.end(), {"--accounts", kSource + "/examples/data/accounts.jsonl", "--out",
                           dir.Path("leads.jsonl"), "--account-out", dir.Path("accounts.jsonl"),
                           "--explain"});
  const auto r = dir.Run(args);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.err, Contains("accounts: 813 scored"));

  const std::vector<json> leads = JsonLines(ReadFile(dir.Path("leads.jsonl")));
  const std::vector<json> accounts = JsonLines(ReadFile(dir.Path("accounts.jsonl")));
  REQUIRE(leads.size() == 2000);
  REQUIRE(accounts.size() == 813);

  // The lead stage counts docs/models.md quotes.
  std::map<std::string, long> lead_stages;
  for (const json& c : leads) ++lead_stages[c["stage"].get<std::string>()];
  std::string quoted = "On the sample data as of 2026-11-01:";
  for (const char* s : {"invalid", "disqualified", "subscriber", "nurture", "lead", "mql", "sql",
                        "opportunity", "customer"}) {
    quoted += std::string(quoted.back() == ':' ? " " : ", ") + s + " " + Count(lead_stages[s]);
  }
  std::string flat_doc = doc;
  for (char& c : flat_doc) {
    if (c == '\n') c = ' ';
  }
  CHECK_THAT(flat_doc, Contains(quoted));
  CHECK(lead_stages["nurture"] > 0);  // recycling happened

  // The account stage counts it quotes, in stage order.
  std::map<std::string, long> account_stages;
  for (const json& a : accounts) ++account_stages[a["stage"].get<std::string>()];
  std::string quoted_accounts = "On the sample:";
  for (const char* s : {"target", "engaged", "mqa", "opportunity"}) {
    quoted_accounts += std::string(quoted_accounts.back() == ':' ? " " : ", ") + s + " " +
                       Count(account_stages[s]);
  }
  CHECK_THAT(flat_doc, Contains(quoted_accounts));

  // Every lead an account's explanation names is a lead of that account, and
  // the leads count is the number of leads carrying its id.
  std::map<std::string, std::string> account_of;
  std::map<std::string, long> members;
  for (const json& l : JsonLines(ReadFile(kSource + "/examples/data/leads.jsonl"))) {
    if (l.contains("account_id")) {
      account_of[l["id"]] = l["account_id"];
      ++members[l["account_id"]];
    }
  }
  std::map<std::string, std::string> account_stage;
  long named = 0;
  for (const json& a : accounts) {
    const std::string id = a["account_id"];
    account_stage[id] = a["stage"];
    CHECK(a["leads"].get<long>() == members[id]);
    for (const json& e : a["explain"]) {
      if (!e.contains("leads")) continue;
      for (const json& l : e["leads"]) {
        const std::string lead = l.is_string() ? l.get<std::string>() : l["lead_id"].get<std::string>();
        CHECK(account_of[lead] == id);
        ++named;
      }
    }
  }
  CHECK(named > 0);

  // The lead label `key-account` holds exactly for leads whose account is
  // mqa or further.
  long key = 0;
  for (const json& c : leads) {
    const std::string id = c["lead_id"];
    const auto labels = c["labels"].get<std::vector<std::string>>();
    const bool labelled =
        std::find(labels.begin(), labels.end(), "key-account") != labels.end();
    auto it = account_of.find(id);
    const bool advanced = it != account_of.end() &&
                          std::set<std::string>{"mqa", "opportunity", "customer"}.count(
                              account_stage[it->second]) > 0;
    CHECK(labelled == advanced);
    key += labelled;
  }
  CHECK(key > 0);
}

TEST_CASE("bundled b2b-abm: the transition figures of docs/models.md (hysteresis and recycling)",
          "[cli][hysteresis][docs]") {
  CliDir dir("bundled_abm");
  const std::string doc = ReadFile(kSource + "/docs/models.md");
  std::string flat_doc = doc;
  for (char& c : flat_doc) {
    if (c == '\n') c = ' ';
  }
  // Transitions need a model without accounts (the accounts run refuses
  // --transitions): the lead part of b2b-abm, then the same without exit
  // thresholds, the nurture stage and recycling.
  json m = json::parse(ReadFile(kSource + "/examples/models/b2b-abm.json"));
  m.erase("accounts");
  json& lc = m["lifecycle"];
  json labels = json::array();
  for (const json& l : lc["labels"]) {
    if (l["when"].dump().find("account_") == std::string::npos) labels.push_back(l);
  }
  lc["labels"] = labels;
  json plain = m;
  json& plc = plain["lifecycle"];
  plc.erase("recycle");
  json thresholds = json::array();
  for (json t : plc["thresholds"]) {
    if (t["stage"] == "nurture") continue;
    t.erase("exit_when");
    thresholds.push_back(t);
  }
  plc["thresholds"] = thresholds;
  json stages = json::array();
  for (const json& s : plc["stages"]) {
    if (s != "nurture") stages.push_back(s);
  }
  plc["stages"] = stages;
  json tofu = json::array();
  for (const json& s : plc["funnel"]["tofu"]) {
    if (s != "nurture") tofu.push_back(s);
  }
  plc["funnel"]["tofu"] = tofu;
  json plain_labels = json::array();
  for (const json& l : plc["labels"]) {
    if (l["when"].dump().find("stage") == std::string::npos) plain_labels.push_back(l);
  }
  plc["labels"] = plain_labels;

  struct Figures {
    long transitions = 0, mql_to_lead = 0, recycles = 0, most = 0;
  };
  auto run = [&](const json& model, const std::string& name) {
    std::vector<std::string> args = ScoreArgs(dir.Write(name + ".json", model.dump()));
    args.insert(args.end(), {"--out", dir.Path(name + ".jsonl"), "--transitions",
                             dir.Path(name + "-transitions.jsonl")});
    const auto r = dir.Run(args);
    REQUIRE(r.code == 0);
    Figures f;
    std::map<std::string, long> per_lead;
    for (const json& t : JsonLines(ReadFile(dir.Path(name + "-transitions.jsonl")))) {
      ++f.transitions;
      f.mql_to_lead += t["from"] == "mql" && t["to"] == "lead";
      f.recycles += t.contains("recycle");
      f.most = std::max(f.most, ++per_lead[t["lead_id"].get<std::string>()]);
    }
    return f;
  };
  const Figures with = run(m, "abm"), without = run(plain, "plain");
  CHECK(with.transitions < without.transitions);
  CHECK(with.mql_to_lead < without.mql_to_lead);
  CHECK(without.recycles == 0);
  CHECK_THAT(flat_doc, Contains("gives " + Count(with.transitions) + " transitions instead of " +
                                Count(without.transitions) + "; MQL → lead drops from " +
                                std::to_string(without.mql_to_lead) + " to " +
                                std::to_string(with.mql_to_lead) +
                                ", and no lead changes stage more than " +
                                std::to_string(with.most) + " times (" +
                                std::to_string(without.most) + " without). The " +
                                std::to_string(with.recycles) + " recycles"));
}
