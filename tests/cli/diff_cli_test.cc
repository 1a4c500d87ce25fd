// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// End-to-end tests of `leadscore diff` (docs/cli.md, docs/model-changes.md):
// the built binary (LEADSCORE_CLI) on small hand-made models whose diff is
// worked out below, its text, JSON and HTML reports, exit codes and errors;
// and the worked example of docs/model-changes.md, whose output must be what
// the bundled models give.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/doc_examples.h"
#include "support/cli_util.h"

namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using leadscore_test::CliDir;
using leadscore_test::FencedBlockAfter;
using leadscore_test::ReadFile;
using nlohmann::json;

// No decay, weights 1: total = fit + eng. New: vp 10 -> 20, demo (20)
// replaced by demo-v2 (15), mql at 25 instead of 30, and a stage sql.
constexpr char kOld[] =
    "{\"name\": \"hand\", \"version\": \"1\",\n"
    " \"dimensions\": [{\"name\": \"fit\"}, {\"name\": \"eng\"}],\n"
    " \"rules\": [\n"
    "  {\"id\": \"vp\", \"dimension\": \"fit\", \"points\": 10, \"when\": {\"attr\": \"job_title\", \"contains\": \"vp\"}},\n"
    "  {\"id\": \"view\", \"dimension\": \"eng\", \"points\": 5, \"on\": \"page_view\"},\n"
    "  {\"id\": \"demo\", \"dimension\": \"eng\", \"points\": 20, \"on\": \"demo\"}],\n"
    " \"lifecycle\": {\"stages\": [\"subscriber\", \"lead\", \"mql\"],\n"
    "  \"thresholds\": [{\"stage\": \"lead\", \"when\": {\"score\": \"eng\", \"gte\": 5}},\n"
    "                 {\"stage\": \"mql\", \"when\": {\"score\": \"total\", \"gte\": 30}}]}}\n";
constexpr char kNew[] =
    "{\"name\": \"hand\", \"version\": \"2\",\n"
    " \"dimensions\": [{\"name\": \"fit\"}, {\"name\": \"eng\"}],\n"
    " \"rules\": [\n"
    "  {\"id\": \"vp\", \"dimension\": \"fit\", \"points\": 20, \"when\": {\"attr\": \"job_title\", \"contains\": \"vp\"}},\n"
    "  {\"id\": \"view\", \"dimension\": \"eng\", \"points\": 5, \"on\": \"page_view\"},\n"
    "  {\"id\": \"demo-v2\", \"dimension\": \"eng\", \"points\": 15, \"on\": \"demo\"}],\n"
    " \"lifecycle\": {\"stages\": [\"subscriber\", \"lead\", \"mql\", \"sql\"],\n"
    "  \"thresholds\": [{\"stage\": \"lead\", \"when\": {\"score\": \"eng\", \"gte\": 5}},\n"
    "                 {\"stage\": \"mql\", \"when\": {\"score\": \"total\", \"gte\": 25}}]}}\n";
// Old: A 10 + 25 = 35 mql, B 0 + 10 lead, C 10 + 5 = 15 lead, E 0 + 20 lead;
// D's host stage sql is unknown to the old model. New: A 20 + 20 = 40 mql,
// B 10 lead, C 20 + 5 = 25 mql, D sql (host), E 0 + 15 lead.
constexpr char kLeads[] =
    "{\"id\": \"A\", \"consent\": true, \"attributes\": {\"job_title\": \"VP Sales\"}}\n"
    "{\"id\": \"B\", \"consent\": true}\n"
    "{\"id\": \"C\", \"consent\": true, \"attributes\": {\"job_title\": \"VP Marketing\"}}\n"
    "{\"id\": \"D\", \"consent\": true, \"stage\": \"sql\"}\n"
    "{\"id\": \"E\", \"consent\": true}\n";
constexpr char kEvents[] =
    "{\"id\": \"a1\", \"lead_id\": \"A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
    "{\"id\": \"a2\", \"lead_id\": \"A\", \"type\": \"demo\", \"at\": \"2026-10-02T00:00:00Z\"}\n"
    "{\"id\": \"b1\", \"lead_id\": \"B\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
    "{\"id\": \"b2\", \"lead_id\": \"B\", \"type\": \"page_view\", \"at\": \"2026-10-03T00:00:00Z\"}\n"
    "{\"id\": \"c1\", \"lead_id\": \"C\", \"type\": \"page_view\", \"at\": \"2026-10-04T00:00:00Z\"}\n"
    "{\"id\": \"e1\", \"lead_id\": \"E\", \"type\": \"demo\", \"at\": \"2026-10-02T00:00:00Z\"}\n";
constexpr char kAsOf[] = "2026-10-31T00:00:00Z";

struct Files {
  std::string old_model, new_model, leads, events;
};

Files WriteFiles(CliDir& dir) {
  return {dir.Write("old.json", kOld), dir.Write("new.json", kNew),
          dir.Write("leads.jsonl", kLeads), dir.Write("events.jsonl", kEvents)};
}

std::vector<std::string> DiffArgs(const Files& f, std::vector<std::string> extra = {},
                                  const std::string& as_of = kAsOf) {
  std::vector<std::string> args = {"diff", "--old", f.old_model, "--new", f.new_model,
                                   "--leads", f.leads, "--events", f.events, "--as-of", as_of};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

}  // namespace

TEST_CASE("diff cli: text report worked by hand", "[cli][diff]") {
  CliDir dir("diff_cli");
  const Files f = WriteFiles(dir);
  const auto r = dir.Run(DiffArgs(f));
  REQUIRE(r.code == 0);
  // Total deltas over A, B, C, E: +5, 0, +10, -5; sorted -5 0 5 10, so the
  // nearest-rank p10 = -5 (rank 1), p50 = 0 (rank 2), p90 = 10 (rank 4);
  // |d| sorted 0 5 5 10: median 5.
  CHECK(r.out ==
        "Model diff: model 'hand' version '1' -> model 'hand' version '2', as of "
        "2026-10-31T00:00:00Z\n"
        "\n"
        "5 leads, 6 events; 4 scored by both models\n"
        "4 leads change: 1 change stage, 3 change score, 0 change grade\n"
        "refused: 1 by the old model only, 0 by the new model only, 0 by both (listed below)\n"
        "\n"
        "Stages (rows: old model, columns: new model; 1 lead moves)\n"
        "  old \\ new  lead  mql\n"
        "  lead          2    1\n"
        "  mql           .    1\n"
        "\n"
        "Score deltas (new - old) over 4 leads\n"
        "  dimension  moved     up   down      mean   mean|d| median|d|    max|d|       p10       "
        "p50       p90\n"
        "  total          3      2      1       2.5         5         5        10        -5         "
        "0        10\n"
        "  fit            2      2      0         5         5         0        10         0         "
        "0        10\n"
        "  eng            2      0      2      -2.5       2.5         0         5        -5        "
        "-5         0\n"
        "\n"
        "Rules behind the changes (3 of 3, by leads affected)\n"
        "  demo     eng             2 leads  sum -40  (2 removed)\n"
        "  demo-v2  eng             2 leads  sum +30  (2 added)\n"
        "  vp       fit             2 leads  sum +20  (2 changed)\n"
        "\n"
        "Leads (4 of 4; refused first, then stage changes, then by |total delta|)\n"
        "  D  refused by the old model: lead 'D' has unknown stage 'sql' (the model's stages are "
        "compared exactly)\n"
        "  C  lead -> mql, total 15 -> 25 (+10)\n"
        "      rules: vp +10\n"
        "  A  mql, total 35 -> 40 (+5)\n"
        "      rules: demo -20 (removed), demo-v2 +15 (added), vp +10\n"
        "  E  lead, total 20 -> 15 (-5)\n"
        "      rules: demo -20 (removed), demo-v2 +15 (added)\n");
  CHECK(r.err ==
        "leadscore diff: 5 leads, 6 event lines, 0 rejected lines; 4 leads change, 1 change "
        "stage\n");

  SECTION("--top 0: the summary, the matrix and the deltas only") {
    const auto s = dir.Run(DiffArgs(f, {"--top", "0"}));
    REQUIRE(s.code == 0);
    CHECK(s.out == r.out.substr(0, r.out.find("\nRules behind")));
  }
  SECTION("--output writes the report to a file") {
    const std::string out = dir.Path("diff.txt");
    const auto s = dir.Run(DiffArgs(f, {"--output", out}));
    REQUIRE(s.code == 0);
    CHECK(s.out.empty());
    CHECK(ReadFile(out) == r.out);
  }
}

TEST_CASE("diff cli: JSON report", "[cli][diff]") {
  CliDir dir("diff_cli");
  const Files f = WriteFiles(dir);
  const auto r = dir.Run(DiffArgs(f, {"--format", "json"}));
  REQUIRE(r.code == 0);
  REQUIRE(!r.out.empty());
  CHECK(r.out.back() == '\n');
  CHECK(r.out.find('\n') == r.out.size() - 1);  // one line
  const json j = json::parse(r.out);
  CHECK(j["format"] == "leadscore-model-diff/1");
  CHECK(j["old_model"] == json{{"name", "hand"}, {"version", "1"}});
  CHECK(j["new_model"]["version"] == "2");
  CHECK(j["as_of"] == kAsOf);
  CHECK(j["leads"] == 5);
  CHECK(j["events"] == 6);
  CHECK(j["compared"] == 4);
  CHECK(j["changed"] == 4);
  CHECK(j["stage_changed"] == 1);
  CHECK(j["score_changed"] == 3);
  CHECK(j["refused"] == json{{"old_only", 1}, {"new_only", 0}, {"both", 0}});
  CHECK(j["stages"]["labels"] == json{"lead", "mql"});
  CHECK(j["stages"]["counts"] == json{{2, 1}, {0, 1}});
  CHECK(j["stages"]["moved"] == 1);
  const json& total = j["deltas"][0];
  CHECK(total["dimension"] == "total");
  CHECK(total["moved"] == 3);
  CHECK(total["mean_delta"] == 2.5);
  CHECK(total["median_abs_delta"] == 5);
  CHECK(total["max_abs_lead_id"] == "C");
  CHECK(total["quantiles"] ==
        json{{"min", -5}, {"p10", -5}, {"p25", -5}, {"p50", 0}, {"p75", 5}, {"p90", 10},
             {"max", 10}});
  CHECK(j["deltas"][2]["dimension"] == "eng");
  CHECK(j["deltas"][2]["down"] == 2);
  REQUIRE(j["rules"].size() == 3);
  CHECK(j["rules"][0] == json::parse(R"({"rule": "demo", "dimension": "eng", "leads": 2,
      "added": 0, "removed": 2, "changed": 0, "total_delta": -40})"));
  // Changed and refused leads, in the report's order; B is unchanged.
  const json& leads = j["changed_leads"];
  REQUIRE(leads.size() == 4);
  CHECK(leads[0]["lead_id"] == "D");
  CHECK(leads[0]["old"] == nullptr);
  CHECK(leads[0]["old_error"]["code"] == "INVALID_ARGUMENT");
  CHECK(leads[0]["new"]["stage"] == "sql");
  CHECK(leads[0]["total_delta"] == nullptr);
  CHECK(leads[1] == json::parse(R"({"lead_id": "C",
      "old": {"stage": "lead", "total": 15, "scores": {"fit": 10, "eng": 5},
              "grades": {"fit": null, "eng": null}},
      "new": {"stage": "mql", "total": 25, "scores": {"fit": 20, "eng": 5},
              "grades": {"fit": null, "eng": null}},
      "old_error": null, "new_error": null, "stage_changed": true, "total_delta": 10,
      "deltas": [{"dimension": "fit", "old": 10, "new": 20, "delta": 10, "old_grade": null,
                  "new_grade": null},
                 {"dimension": "eng", "old": 5, "new": 5, "delta": 0, "old_grade": null,
                  "new_grade": null}],
      "rules": [{"rule": "vp", "dimension": "fit", "kind": "changed", "old_points": 10,
                 "new_points": 20, "delta": 10}]})"));
  CHECK(leads[2]["lead_id"] == "A");
  CHECK(leads[3]["lead_id"] == "E");
  CHECK(leads[3]["rules"][1]["kind"] == "added");

  SECTION("--tolerance 5 keeps only moves above 5") {
    const auto s = dir.Run(DiffArgs(f, {"--format", "json", "--tolerance", "5"}));
    REQUIRE(s.code == 0);
    const json t = json::parse(s.out);
    CHECK(t["tolerance"] == 5);
    CHECK(t["deltas"][0]["moved"] == 1);
    CHECK(t["changed"] == 3);  // D (refused), C (+10), A (fit +10)
  }
}

TEST_CASE("diff cli: HTML report is self-contained and escaped", "[cli][diff]") {
  CliDir dir("diff_cli");
  Files f = WriteFiles(dir);
  // A lead id that must be escaped.
  f.leads = dir.Write("leads.jsonl", std::string(kLeads) +
                                         "{\"id\": \"<b>x&y</b>\", \"consent\": true, "
                                         "\"attributes\": {\"job_title\": \"vp\"}}\n");
  const auto r = dir.Run(DiffArgs(f, {"--format", "html"}));
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK_THAT(r.out, Contains("<title>Model diff: hand 1 to hand 2</title>"));
  CHECK_THAT(r.out, Contains("<h2>Stages</h2>"));
  CHECK_THAT(r.out, Contains("<td class=\"up\">1</td>"));  // lead -> mql: C
  CHECK_THAT(r.out, Contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(r.out, Contains("&lt;b&gt;x&amp;y&lt;/b&gt;"));
  CHECK(r.out.find("<b>x&y</b>") == std::string::npos);
  // No script and nothing fetched: the only URL is the SVG namespace.
  CHECK(r.out.find("<script") == std::string::npos);
  CHECK(r.out.find("<link") == std::string::npos);
  std::string rest = r.out;
  for (size_t at; (at = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;) {
    rest.erase(at, 26);
  }
  CHECK(rest.find("http") == std::string::npos);
  CHECK_THAT(r.out, Contains("</html>\n"));
}

TEST_CASE("diff cli: errors and exit codes", "[cli][diff]") {
  CliDir dir("diff_cli");
  const Files f = WriteFiles(dir);
  SECTION("a missing leads file") {
    const auto r = dir.Run({"diff", "--old", f.old_model, "--new", f.new_model, "--leads",
                            dir.Path("nope.jsonl"), "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith("leadscore diff: cannot open '"));
    CHECK_THAT(r.err, Contains("nope.jsonl"));
  }
  SECTION("a missing model file") {
    const auto r = dir.Run({"diff", "--old", f.old_model, "--new", dir.Path("none.json"),
                            "--leads", f.leads, "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("cannot open model file"));
  }
  SECTION("a bad as-of") {
    const auto r = dir.Run(DiffArgs(f, {}, "yesterday"));
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, StartsWith("leadscore diff: --as-of: invalid timestamp \"yesterday\""));
  }
  SECTION("an as-of outside the engine's range") {
    const auto r = dir.Run(DiffArgs(f, {}, "2300-01-01T00:00:00Z"));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("--as-of: timestamp 2300-01-01T00:00:00Z is outside the supported range"));
  }
  SECTION("--new missing") {
    const auto r = dir.Run({"diff", "--old", f.old_model, "--leads", f.leads, "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, StartsWith("leadscore diff: --new is required"));
  }
  SECTION("an unknown format") {
    const auto r = dir.Run(DiffArgs(f, {"--format", "pdf"}));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("--format"));
  }
  SECTION("a bad event line stops the run with its place") {
    const std::string events = dir.Write("bad.jsonl", std::string(kEvents) + "{not json\n");
    const auto r = dir.Run({"diff", "--old", f.old_model, "--new", f.new_model, "--leads",
                            f.leads, "--events", events, "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Contains("bad.jsonl:7:"));
  }
  SECTION("a repeated lead id is a bad line, as in score") {
    const std::string leads = dir.Write("dup.jsonl", std::string(kLeads) + "{\"id\": \"A\", \"consent\": true}\n");
    const auto r = dir.Run({"diff", "--old", f.old_model, "--new", f.new_model, "--leads",
                            leads, "--as-of", kAsOf});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("dup.jsonl:6:"));
    CHECK_THAT(r.err, Contains("duplicate lead id 'A'"));
  }
  SECTION("an output file that cannot be written") {
    const auto r = dir.Run(DiffArgs(f, {"--output", dir.Path("no/such/dir/out.txt")}));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains("cannot write output file"));
  }
}

TEST_CASE("diff cli: the worked example of docs/model-changes.md is the real output",
          "[cli][diff][docs]") {
  const std::string source = LEADSCORE_SOURCE_DIR;
  const std::string doc = ReadFile(source + "/docs/model-changes.md");
  REQUIRE(!doc.empty());
  // The command the page shows, run from the repository root.
  CHECK_THAT(doc, Contains(
      "build/leadscore diff --old examples/models/b2b-saas.json --new "
      "examples/models/b2b-saas-v2.json \\\n"
      "  --leads examples/data/leads.jsonl --events examples/data/events.jsonl \\\n"
      "  --as-of 2026-11-01T00:00:00Z --top 5\n"));
  CHECK(leadscore_test::ReadFile(source + "/examples/data/as_of.txt").rfind(
            "2026-11-01T00:00:00Z", 0) == 0);
  CliDir dir("diff_cli");
  const auto r = dir.Run({"diff", "--old", source + "/examples/models/b2b-saas.json", "--new",
                          source + "/examples/models/b2b-saas-v2.json", "--leads",
                          source + "/examples/data/leads.jsonl", "--events",
                          source + "/examples/data/events.jsonl", "--as-of",
                          "2026-11-01T00:00:00Z", "--top", "5"});
  REQUIRE(r.code == 0);
  CHECK(FencedBlockAfter(doc, "tests/cli/diff_cli_test.cc checks it") == r.out);
  // The numbers the page's prose quotes.
  CHECK_THAT(r.out, Contains("939 leads change: 48 change stage, 934 change score, 120 change "
                             "grade\n"));
  CHECK_THAT(r.out, Contains("92 events after as-of not counted\n79 events name no given lead\n"));
  CHECK_THAT(doc, Contains("16 MQLs\n  fall back to lead and 21 rise to SQL"));
}
