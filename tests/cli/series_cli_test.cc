// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// End-to-end tests of `leadscore score --as-of-series` and `--velocity-days`
// (docs/cli.md, "Scores over time"; docs/model-format.md, "Trends"): a series
// is byte for byte the separate `--as-of` runs for every bundled model, each
// velocity the difference of two separate runs, the worked example of
// docs/cli.md the real output, and the bad arguments exit 2.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "support/doc_examples.h"
#include "support/cli_util.h"

namespace {

using Catch::Matchers::Contains;
using leadscore_test::CliDir;
using leadscore_test::FencedBlockAfter;
using leadscore_test::CliResult;
using leadscore_test::Lines;
using leadscore_test::ReadFile;
using leadscore_test::ReadFile;
using nlohmann::json;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

std::vector<std::string> Score(CliDir& dir, const std::string& model,
                               const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"score", "--model", model, "--leads",
                                   Source("examples/data/leads.jsonl"), "--events",
                                   Source("examples/data/events.jsonl")};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = dir.Run(args);
  REQUIRE(r.code == 0);
  return Lines(r.out);
}

// Every bundled model but those with an `accounts` section: their lead labels
// may read the account, which is scored at one as-of, so `score` refuses
// --as-of-series and --velocity-days for them (docs/cli.md, "Accounts"; the
// refusal is tested in accounts_cli_test.cc).
std::vector<std::string> BundledModels() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(Source("examples/models"))) {
    if (entry.path().extension() != ".json") continue;
    const auto model = nlohmann::json::parse(ReadFile(entry.path().string()));
    if (!model.contains("accounts")) paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() >= 4);
  return paths;
}

// The scorecard line without its "velocity" (the last key without --explain).
std::string WithoutVelocity(const std::string& line) {
  const size_t at = line.find(", \"velocity\": ");
  if (at == std::string::npos) return "(no velocity) " + line;
  return line.substr(0, at) + "}";
}

}  // namespace

TEST_CASE("series cli: --as-of-series equals separate --as-of runs, every bundled model",
          "[cli][series]") {
  CliDir dir("series_cli");
  // An event time of the sample (it counts at that time), an offset, a
  // fraction, and the sample's as-of.
  const std::vector<std::string> times = {"2026-06-01T00:00:00Z", "2026-09-29T12:31:23Z",
                                          "2026-10-20T08:30:00.5+02:00",
                                          "2026-11-01T00:00:00Z"};
  REQUIRE_THAT(ReadFile(Source("examples/data/events.jsonl")),
               Contains("\"at\": \"2026-09-29T12:31:23Z\""));
  for (const std::string& model : BundledModels()) {
    INFO(model);
    std::vector<std::vector<std::string>> alone;
    for (const std::string& t : times) {
      alone.push_back(Score(dir, model, {"--as-of", t, "--explain"}));
    }
    const std::vector<std::string> series =
        Score(dir, model, {"--as-of-series", absl::StrJoin(times, ","), "--explain"});
    const size_t leads = alone[0].size();
    REQUIRE(leads == 2000);
    REQUIRE(series.size() == leads * times.size());
    size_t differ = 0;
    for (size_t lead = 0; lead < leads; ++lead) {
      for (size_t i = 0; i < times.size(); ++i) {
        if (series[lead * times.size() + i] != alone[i][lead]) ++differ;
      }
    }
    CHECK(differ == 0);
  }
}

TEST_CASE("series cli: the range form is the list of its times", "[cli][series]") {
  CliDir dir("series_cli");
  const std::string model = Source("examples/models/product-led.json");
  const auto range =
      Score(dir, model, {"--as-of-series", "2026-10-01T00:00:00Z/2026-10-02T00:00:00Z/PT8H"});
  const auto list = Score(
      dir, model,
      {"--as-of-series",
       "2026-10-01T00:00:00Z,2026-10-01T08:00:00Z,2026-10-01T16:00:00Z,2026-10-02T00:00:00Z"});
  CHECK(range.size() == 8000);
  CHECK(range == list);
  // END is included only when a step lands on it.
  const auto days =
      Score(dir, model, {"--as-of-series", "2026-10-01T00:00:00Z/2026-10-20T00:00:00Z/P7D"});
  REQUIRE(days.size() == 6000);
  CHECK_THAT(days[2], Contains("\"as_of\": \"2026-10-15T00:00:00Z\""));
}

TEST_CASE("series cli: --velocity-days is the difference of two separate runs",
          "[cli][series]") {
  CliDir dir("series_cli");
  for (const std::string& model : BundledModels()) {
    INFO(model);
    const auto now = Score(dir, model, {"--as-of", "2026-11-01T00:00:00Z"});
    const auto before = Score(dir, model, {"--as-of", "2026-10-25T00:00:00Z"});
    const auto with = Score(dir, model, {"--as-of", "2026-11-01T00:00:00Z", "--velocity-days", "7"});
    REQUIRE(with.size() == now.size());
    REQUIRE(before.size() == now.size());
    size_t moving = 0;
    for (size_t i = 0; i < now.size(); ++i) {
      INFO(with[i]);
      REQUIRE(WithoutVelocity(with[i]) == now[i]);
      const json w = json::parse(with[i]), a = json::parse(now[i]), b = json::parse(before[i]);
      CHECK(w["velocity"]["days"].get<int>() == 7);
      CHECK(w["velocity"]["total"].get<double>() ==
            a["total"].get<double>() - b["total"].get<double>());
      for (auto it = a["scores"].begin(); it != a["scores"].end(); ++it) {
        CHECK(w["velocity"]["scores"][it.key()].get<double>() ==
              it.value().get<double>() - b["scores"][it.key()].get<double>());
      }
      CHECK(w["velocity"]["scores"].size() == a["scores"].size());
      if (w["velocity"]["total"].get<double>() != 0) ++moving;
    }
    CHECK(moving > 100);
  }
}

TEST_CASE("series cli: the worked example of docs/cli.md is the real output",
          "[cli][series][docs]") {
  const std::string doc = ReadFile(Source("docs/cli.md"));
  REQUIRE(!doc.empty());
  const std::string command =
      "build/leadscore score --model examples/models/b2b-saas.json \\\n"
      "  --leads examples/data/leads.jsonl --events examples/data/events.jsonl \\\n"
      "  --as-of-series 2026-10-04T00:00:00Z/2026-11-01T00:00:00Z/P14D --velocity-days 14 "
      "| head -3\n";
  REQUIRE_THAT(doc, Contains(command));
  CliDir dir("series_cli");
  const auto lines =
      Score(dir, Source("examples/models/b2b-saas.json"),
            {"--as-of-series", "2026-10-04T00:00:00Z/2026-11-01T00:00:00Z/P14D",
             "--velocity-days", "14"});
  REQUIRE(lines.size() == 6000);
  const std::string head = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n";
  CHECK(FencedBlockAfter(doc, command) == head);
  // The numbers the prose quotes.
  CHECK_THAT(head, Contains("\"total\": 10.451169331495503"));
  CHECK_THAT(doc, Contains("(total 10.45, up\n3.45 in two weeks"));
  CHECK_THAT(head, Contains("\"velocity\": {\"days\": 14, \"total\": 30.751757433131854"));
  CHECK_THAT(head, Contains("\"velocity\": {\"days\": 14, \"total\": 17.904863369032782"));
}

TEST_CASE("series cli: bad series and windows are bad arguments", "[cli][series]") {
  CliDir dir("series_cli");
  const std::string m = Source("examples/models/b2b-saas.json");
  const std::string l = Source("examples/data/leads.jsonl");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--as-of-series", "2026-10-02T00:00:00Z,2026-10-01T00:00:00Z"},
       "leadscore score: --as-of-series: the times must be ascending and distinct: "
       "'2026-10-01T00:00:00Z' is not after 2026-10-02T00:00:00Z"},
      {{"--as-of-series", "2026-10-01T00:00:00Z,2026-10-01T00:00:00Z"},
       "ascending and distinct"},
      {{"--as-of-series", "2026-10-01T00:00:00Z,"}, "leadscore score: --as-of-series: '': "},
      {{"--as-of-series", "2026-10-01"}, "leadscore score: --as-of-series: '2026-10-01': "},
      {{"--as-of-series", "1899-06-01T00:00:00Z,2026-10-01T00:00:00Z"},
       "leadscore score: --as-of-series: '1899-06-01T00:00:00Z': "},
      {{"--as-of-series", "2026-10-01T00:00:00Z/2026-11-01T00:00:00Z/P7W"},
       "the step must be P<n>D (days) or PT<n>H (hours)"},
      {{"--as-of-series", "2026-10-01T00:00:00Z/2026-11-01T00:00:00Z/P0D"},
       "the step's count must be a whole number from 1 to 1000000"},
      {{"--as-of-series", "2026-10-01T00:00:00Z/2026-11-01T00:00:00Z"},
       "a range is START/END/STEP"},
      {{"--as-of-series", "2026-11-01T00:00:00Z/2026-10-01T00:00:00Z/P1D"},
       "the range ends before it starts"},
      {{"--as-of-series", "2026-01-01T00:00:00Z/2028-01-01T00:00:00Z/PT1H"},
       "more than 10000 times"},
      {{"--as-of", "2026-10-01T00:00:00Z", "--as-of-series", "2026-10-01T00:00:00Z"},
       "leadscore score: give --as-of or --as-of-series, not both"},
      {{}, "leadscore score: --as-of is required (or --as-of-series)"},
      {{"--as-of-series", "2026-10-01T00:00:00Z", "--transitions", "t.jsonl"},
       "--transitions takes one --as-of, not --as-of-series"},
      {{"--as-of", "2026-10-01T00:00:00Z", "--velocity-days", "7", "--transitions", "t.jsonl"},
       "--transitions does not go with --velocity-days"},
      {{"--as-of", "2026-10-01T00:00:00Z", "--velocity-days", "0"},
       "--velocity-days takes a whole number from 1 to 36500"},
      {{"--as-of", "1900-01-03T00:00:00Z", "--velocity-days", "7"},
       "leadscore score: --velocity-days: 1900-01-03T00:00:00Z minus 7 days is before the "
       "engine's range"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"score", "--model", m, "--leads", l};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliResult r = dir.Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains(c.message));
  }
}
