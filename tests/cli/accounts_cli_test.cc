// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// End-to-end tests of `leadscore score --accounts --account-out` (docs/cli.md,
// "Accounts"; docs/model-format.md, "Accounts (v1.1)"): the worked example of
// the docs is the real output, bad account and lead lines follow --on-error,
// v1 models ignore account_id, and the bad arguments exit 2.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/cli_util.h"
#include "support/doc_examples.h"

namespace {

using Catch::Matchers::Contains;
using leadscore_test::CliDir;
using leadscore_test::CliResult;
using leadscore_test::FencedBlockAfter;
using leadscore_test::ReadFile;

std::string Doc() { return ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/docs/model-format.md"); }

// The worked example's files in `dir`.
void WriteExample(CliDir& dir) {
  const std::string doc = Doc();
  dir.Write("model.json", FencedBlockAfter(doc, "Accounts worked example, the model:", "json"));
  dir.Write("leads.jsonl", FencedBlockAfter(doc, "Accounts worked example, leads.jsonl:", "jsonl"));
  dir.Write("events.jsonl",
            FencedBlockAfter(doc, "Accounts worked example, events.jsonl:", "jsonl"));
  dir.Write("accounts.jsonl",
            FencedBlockAfter(doc, "Accounts worked example, accounts.jsonl:", "jsonl"));
}

std::vector<std::string> Args(CliDir& dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {"score",    "--model",  dir.Path("model.json"),
                                   "--leads",  dir.Path("leads.jsonl"),
                                   "--events", dir.Path("events.jsonl"),
                                   "--as-of",  "2026-11-01T00:00:00Z"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST_CASE("accounts cli: the worked example of the docs", "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  const CliResult r = dir.Run(Args(dir, {"--accounts", dir.Path("accounts.jsonl"),
                                         "--account-out", dir.Path("acc.jsonl"), "--out",
                                         dir.Path("leads-out.jsonl")}));
  REQUIRE(r.code == 0);
  CHECK(ReadFile(dir.Path("acc.jsonl")) ==
        FencedBlockAfter(Doc(), "Scored as of 2026-11-01T00:00:00Z, the account scorecards are:"));
  CHECK_THAT(r.err, Contains("accounts: 3 scored"));
  CHECK_THAT(r.err, Contains("warning: leads name 1 account ids not in the accounts file: A-2"));
  const std::string leads = ReadFile(dir.Path("leads-out.jsonl"));
  CHECK_THAT(leads, Contains("\"lead_id\": \"L1\", \"as_of\": \"2026-11-01T00:00:00Z\""));
  CHECK_THAT(leads, Contains("\"labels\": [\"hot-account\"]"));
  // --explain adds the account explanations.
  const CliResult e = dir.Run(Args(dir, {"--accounts", dir.Path("accounts.jsonl"), "--explain",
                                         "--account-out", dir.Path("acc2.jsonl"), "--out",
                                         dir.Path("leads2.jsonl")}));
  REQUIRE(e.code == 0);
  const std::string first = ReadFile(dir.Path("acc2.jsonl")).substr(0, ReadFile(dir.Path("acc2.jsonl")).find('\n'));
  CHECK(first.substr(first.find("\"explain\": ")) + "\n" ==
        FencedBlockAfter(Doc(), "With `--explain`, A-1's scorecard ends with:"));
}

TEST_CASE("accounts cli: validate counts the account dimensions and stages", "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  const CliResult r = dir.Run({"validate", "--model", dir.Path("model.json")});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Contains(": ok: model 'acct' version '1': 2 dimensions, 3 rules, 2 stages; "
                             "accounts: 4 dimensions, 4 stages\n"));
}

TEST_CASE("accounts cli: without an accounts file every account is known from its leads",
          "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  const CliResult r = dir.Run(Args(dir, {"--account-out", dir.Path("acc.jsonl")}));
  REQUIRE(r.code == 0);
  const std::string acc = ReadFile(dir.Path("acc.jsonl"));
  CHECK(acc.find("\"account_id\": \"A-1\"") < acc.find("\"account_id\": \"A-2\""));
  CHECK(acc.find("A-3") == std::string::npos);
  CHECK_THAT(r.err, !Contains("warning: leads name"));
}

TEST_CASE("accounts cli: bad account lines follow on-error", "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  dir.Write("bad.jsonl",
            "{\"id\": \"A-1\"}\n{\"id\": \"A-1\"}\n{\"id\": \"A-9\", \"stage\": \"won\"}\n{\"x\": 1}\n");
  const CliResult fail = dir.Run(Args(dir, {"--accounts", dir.Path("bad.jsonl"), "--account-out",
                                            dir.Path("acc.jsonl"), "--out", dir.Path("o.jsonl")}));
  CHECK(fail.code == 2);
  CHECK_THAT(fail.err, Contains("bad.jsonl:2: duplicate account id 'A-1'"));
  CHECK(fail.out.empty());
  const CliResult skip = dir.Run(Args(dir, {"--accounts", dir.Path("bad.jsonl"), "--on-error",
                                            "skip", "--rejects", dir.Path("rejects.jsonl"),
                                            "--account-out", dir.Path("acc.jsonl"), "--out",
                                            dir.Path("o.jsonl")}));
  REQUIRE(skip.code == 0);
  const std::string rejects = ReadFile(dir.Path("rejects.jsonl"));
  CHECK_THAT(rejects, Contains("\"line\":2"));
  CHECK_THAT(rejects, Contains("stage 'won' is not an account stage"));
  CHECK_THAT(rejects, Contains("\"line\":4"));
  CHECK_THAT(ReadFile(dir.Path("acc.jsonl")), Contains("\"account_id\": \"A-1\""));
}

TEST_CASE("accounts cli: account_id must be a string under a model with accounts",
          "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  dir.Write("leads.jsonl", "{\"id\": \"L1\", \"consent\": true, \"account_id\": 7}\n");
  const CliResult r = dir.Run(Args(dir, {}));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("leads.jsonl:1: 'account_id': expected a string, got a number"));
}

TEST_CASE("accounts cli: a v1 model ignores account_id byte for byte", "[cli][accounts]") {
  CliDir dir("accounts_cli");
  dir.Write("model.json",
            R"({"dimensions": [{"name": "fit"}], "rules": [{"id": "r", "dimension": "fit", "points": 5, "on": "x"}], "lifecycle": {"stages": ["a", "b"]}})");
  dir.Write("events.jsonl", "{\"lead_id\": \"L1\", \"type\": \"x\", \"at\": \"2026-10-01T00:00:00Z\"}\n");
  dir.Write("leads.jsonl", "{\"id\": \"L1\", \"consent\": true}\n{\"id\": \"L2\"}\n");
  const CliResult plain = dir.Run(Args(dir, {}));
  REQUIRE(plain.code == 0);
  dir.Write("leads.jsonl",
            "{\"id\": \"L1\", \"consent\": true, \"account_id\": 7}\n{\"id\": \"L2\", "
            "\"account_id\": \"A\"}\n");
  const CliResult with = dir.Run(Args(dir, {}));
  REQUIRE(with.code == 0);
  CHECK(with.out == plain.out);
  const CliResult out = dir.Run(Args(dir, {"--account-out", dir.Path("acc.jsonl")}));
  CHECK(out.code == 2);
  CHECK_THAT(out.err, Contains("--account-out: the model has no 'accounts' section"));
  const CliResult in = dir.Run(Args(dir, {"--accounts", dir.Path("leads.jsonl")}));
  CHECK(in.code == 2);
  CHECK_THAT(in.err, Contains("--accounts: the model has no 'accounts' section"));
}

TEST_CASE("accounts cli: bad arguments with a model with accounts", "[cli][accounts]") {
  CliDir dir("accounts_cli");
  WriteExample(dir);
  const CliResult series = dir.Run({"score", "--model", dir.Path("model.json"), "--leads",
                                    dir.Path("leads.jsonl"), "--as-of-series",
                                    "2026-10-01T00:00:00Z,2026-11-01T00:00:00Z"});
  CHECK(series.code == 2);
  CHECK_THAT(series.err, Contains("a model with accounts scores at one --as-of"));
  const CliResult same = dir.Run(Args(dir, {"--account-out", dir.Path("o.jsonl"), "--out",
                                            dir.Path("o.jsonl")}));
  CHECK(same.code == 2);
  CHECK_THAT(same.err, Contains("--account-out and --out name the same file"));
  const CliResult both_stdout = dir.Run(Args(dir, {"--account-out", "-"}));
  CHECK(both_stdout.code == 2);
  // Discarding both is no clash.
  const CliResult discarded =
      dir.Run(Args(dir, {"--account-out", "/dev/null", "--out", "/dev/null"}));
  CHECK(discarded.code == 0);
  CHECK(discarded.out.empty());
}

}  // namespace
