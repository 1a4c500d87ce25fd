// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The one command line parser of every subcommand (tools/leadscore/
// command_line.h, docs/cli.md "Commands"): --help and --version, typed checks,
// options given twice, and at most one input read from standard input.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "leadscore/version.h"
#include "support/cli_util.h"

namespace {

using leadscore_test::CliDir;
using leadscore_test::CliResult;

constexpr char kAsOf[] = "2026-11-01T00:00:00Z";

constexpr char kModel[] = R"({
  "name": "args-test", "version": "1",
  "dimensions": [{"name": "fit"}],
  "rules": [{"id": "exec", "dimension": "fit", "points": 25,
             "when": {"attr": "job_title", "contains": "vp"}}]
})";

constexpr char kLeads[] =
    R"({"id": "L-1", "consent": true, "attributes": {"job_title": "VP"}})"
    "\n";
constexpr char kEvents[] =
    R"({"id": "e1", "lead_id": "L-1", "type": "page_view", "at": "2026-10-02T00:00:00Z"})"
    "\n";
constexpr char kOutcomes[] = R"({"lead_id": "L-1", "converted": true})"
                             "\n";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class ArgsCli : public CliDir {
 public:
  ArgsCli() : CliDir("cli_test_tmp") {}
  std::string model() { return Write("model.json", kModel); }
  std::string leads() { return Write("leads.jsonl", kLeads); }
  std::string events() { return Write("events.jsonl", kEvents); }
  std::string outcomes() { return Write("outcomes.jsonl", kOutcomes); }
};

TEST_CASE_METHOD(ArgsCli, "cli args: --version prints the library version and exits 0",
                 "[cli]") {
  const CliResult r = Run({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out == std::string("leadscore ") + leadscore::Version() + "\n");
  CHECK(r.out == "leadscore " LEADSCORE_VERSION_STRING "\n");
  CHECK(r.err.empty());
}

TEST_CASE_METHOD(ArgsCli, "cli args: every command has --help, on stdout with exit 0",
                 "[cli]") {
  for (const char* command : {"score", "validate", "explain", "backtest", "train", "diff"}) {
    for (const char* flag : {"--help", "-h"}) {
      INFO(command << " " << flag);
      const CliResult r = Run({command, flag});
      CHECK(r.code == 0);
      CHECK(r.err.empty());
      CHECK(Contains(r.out, std::string("usage: leadscore ") + command));
      CHECK(Contains(r.out, "--help"));
    }
  }
  // Every option is listed, with its value's name.
  const CliResult score = Run({"score", "--help"});
  for (const char* option : {"--model M", "--leads L", "--events E", "--as-of T", "--explain",
                             "--out F", "--on-error fail|skip", "--rejects R", "--threads N",
                             "--csv-delimiter X"}) {
    INFO(option);
    CHECK(Contains(score.out, option));
  }
  // --help wins over other arguments, even bad ones.
  const CliResult mixed = Run({"score", "--threads", "0", "--help"});
  CHECK(mixed.code == 0);
  CHECK(Contains(mixed.out, "usage: leadscore score"));
}

TEST_CASE_METHOD(ArgsCli, "cli args: validate --help is help, not an unknown option", "[cli]") {
  // Before: "leadscore validate: unknown option '--help'", exit 2.
  const CliResult r = Run({"validate", "--help"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "usage: leadscore validate --model M"));
  CHECK_FALSE(Contains(r.err, "unknown option"));
}

TEST_CASE_METHOD(ArgsCli, "cli args: bad arguments name the problem, exit 2", "[cli]") {
  const std::string m = model(), l = leads();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--frob"},
       "leadscore score: unknown option '--frob'"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--frob=1"},
       "leadscore score: unknown option '--frob'"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "extra"},
       "leadscore score: unexpected argument 'extra'"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--model", m},
       "leadscore score: --model given twice"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--explain", "--explain"},
       "leadscore score: --explain given twice"},
      {{"score", "--model", m, "--leads", l}, "leadscore score: --as-of is required"},
      {{"score", "--model", m, "--leads", l, "--as-of", "2026-11-01"},
       "leadscore score: --as-of: "},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--threads", "two"},
       "leadscore score: --threads takes a whole number from 1 to 256"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--threads=300"},
       "leadscore score: --threads takes a whole number from 1 to 256"},
      {{"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--on-error", "ignore"},
       "leadscore score: --on-error takes 'fail' or 'skip'"},
      {{"validate", "--model", m, "--model", m}, "leadscore validate: --model given twice"},
      {{"validate"}, "leadscore validate: --model is required"},
      {{"explain", "--model", m, "--leads", l, "--as-of", "soon", "--lead", "L-1"},
       "leadscore explain: --as-of: "},
      {{"backtest", "--model", m, "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf,
        "--format", "pdf"},
       "leadscore backtest: --format takes 'text', 'json' or 'html'"},
      {{"backtest", "--model", m, "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf,
        "--missing-outcome", "drop"},
       "leadscore backtest: --missing-outcome takes 'negative' or 'exclude'"},
      {{"backtest", "--model", m, "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf,
        "--pdo", "x"},
       "leadscore backtest: --pdo takes a number"},
      {{"train", "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf, "--folds", "1"},
       "leadscore train: --folds takes a whole number from 2 to 100"},
      {{"train", "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf, "--holdout", "2"},
       "leadscore train: --holdout takes a number from 0 to 0.95"},
      {{"train", "--leads", l, "--outcomes", outcomes(), "--as-of", kAsOf,
        "--leads-format=xml"},
       "leadscore train: --leads-format takes 'csv' or 'jsonl'"},
      {{"score", "--model", m, "--leads", Write("l.csv", "id\n1\n"), "--as-of", kAsOf,
        "--csv-delimiter", "ab"},
       "leadscore score: --csv-delimiter takes one character"},
      {{"score", "--model", m, "--leads", Write("l.csv", "id\n1\n"), "--as-of", kAsOf,
        "--text-columns", "a,,b"},
       "leadscore score: --text-columns takes column names separated by commas"},
  };
  for (const Case& c : cases) {
    const CliResult r = Run(c.args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, c.message));
    CHECK(Contains(r.err, "--help lists every option"));
  }
}

TEST_CASE_METHOD(ArgsCli, "cli args: values may be written --name=VALUE", "[cli]") {
  const CliResult r = Run({"score", "--model=" + model(), "--leads=" + leads(),
                           "--as-of=" + std::string(kAsOf), "--threads=1", "--on-error=skip"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "\"lead_id\": \"L-1\""));
}

TEST_CASE_METHOD(ArgsCli, "cli args: at most one input may be standard input", "[cli]") {
  // Before: score --leads - --events - read the leads from stdin and, stdin
  // then being at its end, no events at all, and exited 0.
  const std::string stdin_file = Write("stdin.jsonl", kLeads);
  const std::string m = model(), l = leads(), e = events(), o = outcomes();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"score", "--model", m, "--leads", "-", "--events", "-", "--as-of", kAsOf},
       "leadscore score: only one of --leads, --events may read standard input ('-')"},
      {{"explain", "--model", m, "--leads", "-", "--events", "-", "--as-of", kAsOf, "--lead",
        "L-1"},
       "leadscore explain: only one of --leads, --events may read standard input ('-')"},
      {{"backtest", "--model", m, "--leads", l, "--events", "-", "--outcomes", "-", "--as-of",
        kAsOf},
       "leadscore backtest: only one of --events, --outcomes may read standard input ('-')"},
      {{"train", "--leads", "-", "--events", e, "--outcomes", "-", "--as-of", kAsOf},
       "leadscore train: only one of --leads, --outcomes may read standard input ('-')"},
      {{"diff", "--old", m, "--new", m, "--leads", "-", "--events", "-", "--as-of", kAsOf},
       "leadscore diff: only one of --leads, --events may read standard input ('-')"},
  };
  for (const Case& c : cases) {
    const CliResult r = Run(c.args, stdin_file);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, c.message));
  }
  // One of them is fine.
  const CliResult one =
      Run({"score", "--model", m, "--leads", "-", "--events", e, "--as-of", kAsOf}, stdin_file);
  CHECK(one.code == 0);
  CHECK(Contains(one.err, "1 event lines"));
}

TEST_CASE_METHOD(ArgsCli, "cli args: --out - is standard output for score, backtest and train",
                 "[cli]") {
  const std::string m = model(), l = leads(), e = events(), o = outcomes();
  const CliResult score = Run({"score", "--model", m, "--leads", l, "--as-of", kAsOf, "--out", "-"});
  CHECK(score.code == 0);
  CHECK(Contains(score.out, "\"lead_id\": \"L-1\""));
  // Before: backtest --out - wrote a file named '-'.
  const CliResult backtest =
      Run({"backtest", "--model", m, "--leads", l, "--events", e, "--outcomes", o, "--as-of",
           kAsOf, "--format", "json", "--out", "-", "--missing-outcome", "exclude"});
  // One lead, converted: AUC undefined, but the report is written.
  CHECK(backtest.code == 0);
  CHECK(Contains(backtest.out, "\"format\":\"leadscore-backtest/1\""));
  CHECK_FALSE(std::filesystem::exists("-"));
}

}  // namespace
