// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// End-to-end tests of `leadscore backtest` (docs/cli.md): the built binary
// (LEADSCORE_CLI) run on small files, its text, JSON and HTML reports, exit
// codes and bad-line messages.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_util.h"

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using leadscore_test::CliDir;
using leadscore_test::ReadFile;
using nlohmann::json;
using Result = leadscore_test::CliResult;

// Engagement 10 per page view, no decay: scores are exact. mql at 20.
constexpr char kModel[] = R"({
  "name": "bt-test", "version": "2",
  "dimensions": [{"name": "fit", "min": 0}, {"name": "engagement", "min": 0}],
  "rules": [
    {"id": "exec", "dimension": "fit", "points": 5,
     "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "engagement", "points": 10, "on": "page_view"}
  ],
  "lifecycle": {
    "stages": ["subscriber", "lead", "mql"],
    "thresholds": [
      {"stage": "lead", "when": {"attr": "email", "exists": true}},
      {"stage": "mql", "when": {"score": "engagement", "gte": 20}}
    ]
  }
})";

// Totals: A 35 (mql), B 20 (mql), C 10, D 0, E 5 (no consent), F 0.
constexpr char kLeads[] =
    "{\"id\": \"A\", \"consent\": true, \"attributes\": {\"email\": \"a@x.io\", \"job_title\": \"VP\"}}\n"
    "{\"id\": \"B\", \"consent\": true, \"attributes\": {\"email\": \"b@x.io\"}}\n"
    "{\"id\": \"C\", \"consent\": true, \"attributes\": {\"email\": \"c@x.io\"}}\n"
    "{\"id\": \"D\", \"consent\": true}\n"
    "{\"id\": \"E\", \"consent\": false, \"attributes\": {\"job_title\": \"vp\"}}\n"
    "{\"id\": \"F\", \"consent\": true}\n";

constexpr char kEvents[] =
    "{\"lead_id\": \"A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
    "{\"lead_id\": \"A\", \"type\": \"page_view\", \"at\": \"2026-10-02T00:00:00Z\"}\n"
    "{\"lead_id\": \"A\", \"type\": \"page_view\", \"at\": \"2026-10-03T00:00:00Z\"}\n"
    "{\"lead_id\": \"B\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
    "{\"lead_id\": \"B\", \"type\": \"page_view\", \"at\": \"2026-10-05T00:00:00Z\"}\n"
    "{\"lead_id\": \"C\", \"type\": \"page_view\", \"at\": \"2026-10-05T00:00:00Z\"}\n";

// A and C convert after as-of; B did not; D converted before as-of (left
// out); E has no consent (left out); F has no outcome (not converted).
// Evaluated: A 35 yes, B 20 no, C 10 yes, F 0 no -> AUC 0.75.
constexpr char kOutcomes[] =
    "{\"lead_id\": \"A\", \"converted\": true, \"at\": \"2026-11-20T00:00:00Z\"}\n"
    "{\"lead_id\": \"B\", \"converted\": false}\n"
    "\n"
    "{\"lead_id\": \"C\", \"converted\": true}\n"
    "{\"lead_id\": \"D\", \"converted\": true, \"at\": \"2026-10-20T00:00:00Z\"}\n"
    "{\"lead_id\": \"E\", \"converted\": true}\n"
    "{\"lead_id\": \"<script>alert(1)</script>\", \"converted\": true}\n";

class BacktestCli : public CliDir {
 public:
  BacktestCli() : CliDir("cli_test_tmp") {}

  std::vector<std::string> Args(const std::string& outcomes = kOutcomes) {
    return {"backtest", "--model", Write("model.json", kModel), "--leads",
            Write("leads.jsonl", kLeads), "--events", Write("events.jsonl", kEvents),
            "--outcomes", Write("outcomes.jsonl", outcomes), "--as-of", "2026-11-01T00:00:00Z"};
  }

  // The CLI with `args` followed by `more`.
  Result Run(std::vector<std::string> args, const std::vector<std::string>& more = {}) {
    args.insert(args.end(), more.begin(), more.end());
    return CliDir::Run(args);
  }
};

TEST_CASE_METHOD(BacktestCli, "backtest: text report on stdout and summary on stderr",
                 "[cli][backtest]") {
  const Result r = Run(Args(), {"--target-volume", "1"});
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, StartsWith("Backtest of model 'bt-test' version '2', scores as of "
                               "2026-11-01T00:00:00Z"));
  CHECK_THAT(r.out, Contains("4 of 6 scored leads evaluated; 2 converted (50.0%)"));
  CHECK_THAT(r.out, Contains("left out: 1 without consent (stage invalid); 1 with an outcome "
                             "dated at or before as-of"));
  CHECK_THAT(r.out, Contains("1 evaluated leads have no outcome and count as not converted"));
  CHECK_THAT(r.out, Contains("ROC AUC        0.7500"));
  CHECK_THAT(r.out, Contains("by dimension   fit 0.7500, engagement 0.7500"));
  // The shortest decimal in (20, 35]: the same lead passes.
  CHECK_THAT(r.out, Contains("top 1 leads: total >= 30: 1 lead passes, precision 100.0%, "
                             "recall 50.0%, lift 2.00"));
  CHECK_THAT(r.out, Contains("1 outcome names no scored lead: <script>alert(1)</script>"));
  CHECK_THAT(r.err, Contains("leadscore backtest: 6 leads scored, 6 event lines, 6 outcome "
                             "lines, 0 rejected lines; 4 leads evaluated, 2 converted; AUC "
                             "0.7500"));
  CHECK_THAT(r.err, Contains("warning: 1 outcomes name no scored lead"));
}

TEST_CASE_METHOD(BacktestCli, "backtest: JSON report", "[cli][backtest]") {
  const Result r = Run(Args(), {"--format", "json", "--target-precision", "60%",
                                "--threads", "3"});
  REQUIRE(r.code == 0);
  json j;
  REQUIRE_NOTHROW(j = json::parse(r.out));
  CHECK(j["format"] == "leadscore-backtest/1");
  CHECK(j["model"]["name"] == "bt-test");
  CHECK(j["as_of"] == "2026-11-01T00:00:00Z");
  CHECK(j["population"]["scored"] == 6);
  CHECK(j["population"]["evaluated"] == 4);
  CHECK(j["population"]["excluded"]["invalid"] == 1);
  CHECK(j["population"]["excluded"]["decided_before_as_of"] == 1);
  CHECK(j["population"]["without_outcome_not_converted"] == 1);
  CHECK(j["population"]["unknown_outcome_ids"][0] == "<script>alert(1)</script>");
  CHECK(j["auc"].get<double>() == Approx(0.75));
  CHECK(j["dimension_auc"]["engagement"].get<double>() == Approx(0.75));
  CHECK(j["log_loss"].is_null());
  REQUIRE(j["stages"].size() == 3);
  // mql: A and B pass, A converted -> precision 0.5, recall 0.5.
  CHECK(j["stages"][2]["stage"] == "mql");
  CHECK(j["stages"][2]["passing"] == 2);
  CHECK(j["stages"][2]["precision"].get<double>() == Approx(0.5));
  CHECK(j["stages"][2]["recall"].get<double>() == Approx(0.5));
  // Cumulative precision: 35 1/1, 20 1/2, 10 2/3, 0 2/4 -> 60%: total >= 10.
  REQUIRE(j["recommendations"].size() == 1);
  CHECK(j["recommendations"][0]["target"] == "precision");
  CHECK(j["recommendations"][0]["met"] == true);
  CHECK(j["recommendations"][0]["threshold"] == 10);
  CHECK(j["recommendations"][0]["passing"] == 3);
  CHECK(j["deciles"].size() == 10);
}

TEST_CASE_METHOD(BacktestCli, "backtest: HTML report is self-contained and escapes user data",
                 "[cli][backtest]") {
  const std::string html_path = Path("report.html");
  const Result r = Run(Args(), {"--format", "html", "--out", Path("out.html"), "--html",
                                html_path});
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());
  const std::string html = ReadFile(Path("out.html"));
  CHECK(html == ReadFile(html_path));
  CHECK_THAT(html, StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Contains("</html>"));
  CHECK_THAT(html, !Contains("<script"));
  CHECK_THAT(html, Contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_THAT(html, !Contains("http://") || Contains("xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(html, !Contains("https://") && !Contains("<link") && !Contains("@import") &&
                       !Contains("url("));
  int svgs = 0, closes = 0;
  for (size_t at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    ++svgs;
  }
  for (size_t at = html.find("</svg>"); at != std::string::npos;
       at = html.find("</svg>", at + 1)) {
    ++closes;
  }
  CHECK(svgs == 3);
  CHECK(closes == 3);
  CHECK_THAT(html, Contains("ROC curve") && Contains("Lift by score decile"));
}

TEST_CASE_METHOD(BacktestCli, "backtest: population options", "[cli][backtest]") {
  SECTION("--missing-outcome exclude and --keep-decided") {
    const Result r = Run(Args(), {"--format", "json", "--missing-outcome", "exclude",
                                  "--keep-decided"});
    REQUIRE(r.code == 0);
    const json j = json::parse(r.out);
    CHECK(j["population"]["evaluated"] == 4);  // A B C D
    CHECK(j["population"]["excluded"]["without_outcome"] == 1);
    CHECK(j["population"]["decided_before_as_of_kept"] == 1);
    CHECK(j["converted"] == 3);
  }
  SECTION("--include-invalid") {
    const Result r = Run(Args(), {"--format", "json", "--include-invalid"});
    REQUIRE(r.code == 0);
    CHECK(json::parse(r.out)["population"]["evaluated"] == 5);
  }
  SECTION("log loss with a scaling on the command line") {
    const Result r = Run(Args(), {"--format", "json", "--pdo", "10", "--base-score", "20"});
    REQUIRE(r.code == 0);
    const json j = json::parse(r.out);
    REQUIRE(j["log_loss"].is_number());
    // p: A 35 -> 1/(1+2^-1.5), B 20 -> 0.5, C 10 -> 1/3, F 0 -> 1/5.
    const double pa = 1 / (1 + std::pow(2.0, -1.5));
    const double ll = -(std::log(pa) + std::log(0.5) + std::log(1.0 / 3) + std::log(0.8)) / 4;
    CHECK(j["log_loss"].get<double>() == Approx(ll));
    CHECK(j["scaling"]["source"] == "command line");
  }
}

TEST_CASE_METHOD(BacktestCli, "backtest: CSV leads with an outcome column", "[cli][backtest]") {
  // Same leads as kLeads (D without email), outcomes in the CSV; C's cell is
  // empty and comes from --outcomes.
  const std::string csv = Write("leads.csv",
                                "Lead ID,consent,email,job_title,Won\n"
                                "A,true,a@x.io,VP,yes\n"
                                "B,true,b@x.io,,no\n"
                                "C,true,c@x.io,,\n"
                                "F,true,,,0\n");
  std::vector<std::string> args = {
      "backtest", "--model", Write("model.json", kModel), "--leads", csv,
      "--events", Write("events.jsonl", kEvents), "--as-of", "2026-11-01T00:00:00Z",
      "--id-column", "Lead ID", "--consent-column", "consent", "--outcome-column", "Won",
      "--format", "json"};
  Result r = Run(args);
  REQUIRE(r.code == 0);
  json j = json::parse(r.out);
  CHECK(j["population"]["evaluated"] == 4);
  CHECK(j["converted"] == 1);
  r = Run(args, {"--outcomes", Write("more.jsonl", "{\"lead_id\": \"C\", \"converted\": true}\n")});
  REQUIRE(r.code == 0);
  j = json::parse(r.out);
  CHECK(j["converted"] == 2);
  CHECK(j["auc"].get<double>() == Approx(0.75));
  // An outcome in both places: the outcomes line is a duplicate.
  r = Run(args, {"--outcomes", Write("dup.jsonl", "{\"lead_id\": \"A\", \"converted\": true}\n")});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Contains("dup.jsonl:1: duplicate outcome for lead 'A'"));
}

TEST_CASE_METHOD(BacktestCli, "backtest: degenerate outcomes are reported, not NaN",
                 "[cli][backtest]") {
  SECTION("nobody converted") {
    const Result r = Run(Args("{\"lead_id\": \"A\", \"converted\": false}\n"),
                         {"--format", "json"});
    REQUIRE(r.code == 0);
    const json j = json::parse(r.out);
    CHECK(j["auc"].is_null());
    CHECK(j["converted"] == 0);
    CHECK_THAT(r.out, !Contains("nan"));
    CHECK_THAT(r.err, Contains("AUC undefined") && Contains("No lead converted"));
  }
  SECTION("every lead left out") {
    const Result r = Run(Args(""), {"--missing-outcome", "exclude"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("no lead to evaluate"));
  }
}

TEST_CASE_METHOD(BacktestCli, "backtest: bad input exits 2 with FILE:LINE", "[cli][backtest]") {
  SECTION("a bad outcome line") {
    std::vector<std::string> args = Args("{\"lead_id\": \"A\", \"converted\": true}\n\n"
                                         "{\"lead_id\": \"B\", \"converted\": \"yes\"}\n");
    const Result r = Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains(Path("outcomes.jsonl") + ":3: 'converted': expected true or "
                                                        "false"));
  }
  SECTION("a duplicate outcome, and skip mode") {
    const std::string dup = "{\"lead_id\": \"A\", \"converted\": true}\n"
                            "{\"lead_id\": \"A\", \"converted\": false}\n";
    Result r = Run(Args(dup));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(":2: duplicate outcome for lead 'A'"));
    r = Run(Args(dup), {"--on-error", "skip", "--rejects", Path("rejects.jsonl"),
                        "--format", "json"});
    CHECK(r.code == 0);
    CHECK_THAT(ReadFile(Path("rejects.jsonl")), Contains("\"line\":2"));
    CHECK(json::parse(r.out)["converted"] == 1);
  }
  SECTION("bad arguments") {
    CHECK(Run({"backtest", "--model", "m.json"}).code == 2);
    Result r = Run(Args(), {"--format", "pdf"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("--format takes 'text', 'json' or 'html'"));
    r = Run(Args(), {"--target-volume", "0"});
    CHECK(r.code == 2);
    r = Run(Args(), {"--target-precision", "1.5"});
    CHECK(r.code == 2);
    r = Run(Args(), {"--pdo", "20"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("--pdo and --base-score go together"));
    r = Run(Args(), {"--out", Path("no/such/dir/report.txt")});
    CHECK(r.code == 2);
  }
  SECTION("--help") {
    const Result r = Run({"backtest", "--help"});
    CHECK(r.code == 0);
    CHECK_THAT(r.out, Contains("usage: leadscore backtest"));
  }
}

}  // namespace
