// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// End-to-end tests of the `leadscore` command line (spec section 7 and the
// "Command line" bullet of section 8; docs/cli.md). They run the built binary
// (LEADSCORE_CLI) through /bin/sh, capture stdout, stderr and the exit code,
// and check them. Every test writes its own inputs into a fresh directory
// under LEADSCORE_BINARY_DIR/cli_test_tmp/.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_util.h"

namespace {

namespace fs = std::filesystem;
using leadscore_test::CliDir;
using leadscore_test::ReadFile;
using nlohmann::json;
using Result = leadscore_test::CliResult;

constexpr char kAsOf[] = "2026-11-01T00:00:00Z";

// A small model with a lifecycle. Dimension weights are 1, engagement has no
// decay, so the expected numbers below are exact.
constexpr char kModel[] = R"({
  "name": "cli-test", "version": "7",
  "dimensions": [
    {"name": "fit", "min": -50, "max": 100,
     "grades": [{"grade": "A", "min": 20}, {"grade": "B"}]},
    {"name": "engagement", "min": 0, "max": 100},
    {"name": "brand", "decay": {"half_life_days": 30}}
  ],
  "rules": [
    {"id": "exec", "dimension": "fit", "points": 25,
     "when": {"attr": "job_title", "contains": "vp"}},
    {"id": "view", "dimension": "engagement", "points": 10, "on": "page_view",
     "max_per_lead": 3},
    {"id": "click", "dimension": "engagement", "points": 4, "on": "email_click",
     "max_per_window": {"count": 2, "days": 1}, "within_days": 20},
    {"id": "burst", "dimension": "engagement", "points": 15, "on": "page_view",
     "pattern": {"at_least": 3, "within_days": 7}},
    {"id": "blog", "dimension": "brand", "points": 5, "on": "page_view",
     "when": {"prop": "url", "contains": "/blog"}}
  ],
  "lifecycle": {
    "stages": ["subscriber", "lead", "mql", "customer"],
    "thresholds": [
      {"stage": "lead", "when": {"attr": "email", "exists": true}},
      {"stage": "mql", "when": {"score": "engagement", "gte": 20}}
    ],
    "funnel": {"tofu": ["subscriber", "lead"], "mofu": ["mql"], "bofu": ["customer"]}
  }
})";

// The same kind of model without a lifecycle.
constexpr char kModelNoLifecycle[] = R"({
  "name": "no-lifecycle", "version": "1",
  "dimensions": [{"name": "fit"}],
  "rules": [{"id": "exec", "dimension": "fit", "points": 25,
             "when": {"attr": "job_title", "contains": "vp"}}]
})";

// Leads in a non-alphabetical order (output must follow it).
constexpr char kLeads[] =
    R"({"id": "L-B", "consent": true, "attributes": {"email": "b@acme.io"}})"
    "\n"
    R"({"id": "L-A", "consent": true, "attributes": {"email": "a@acme.io", "job_title": "VP Sales"}})"
    "\n"
    R"({"id": "L-D", "consent": true, "stage": "customer"})"
    "\n"
    R"({"id": "L-C", "consent": false})"
    "\n";

// L-B: two page views (engagement 20: mql from the second one). L-A: one page
// view (engagement 10) and one after as_of. Three events name unknown leads.
constexpr char kEvents[] =
    R"({"id": "e1", "lead_id": "L-B", "type": "page_view", "at": "2026-10-02T00:00:00Z"})"
    "\n"
    R"({"id": "e2", "lead_id": "L-B", "type": "page_view", "at": "2026-10-03T00:00:00Z"})"
    "\n"
    R"({"id": "e3", "lead_id": "L-A", "type": "page_view", "at": "2026-10-03T00:00:00Z"})"
    "\n"
    R"({"id": "e4", "lead_id": "L-A", "type": "page_view", "at": "2026-12-01T00:00:00Z"})"
    "\n"
    R"({"id": "e5", "lead_id": "ghost-z", "type": "page_view", "at": "2026-10-03T00:00:00Z"})"
    "\n"
    R"({"id": "e6", "lead_id": "ghost-a", "type": "page_view", "at": "2026-10-03T00:00:00Z"})"
    "\n"
    R"({"id": "e7", "lead_id": "ghost-z", "type": "email_click", "at": "2026-10-04T00:00:00Z"})"
    "\n";

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

// Every line of `text` must be a JSON object.
std::vector<json> ParseJsonLines(const std::string& text) {
  std::vector<json> out;
  for (const std::string& line : SplitLines(text)) {
    INFO("line: " << line);
    json j;
    REQUIRE_NOTHROW(j = json::parse(line));
    REQUIRE(j.is_object());
    out.push_back(std::move(j));
  }
  return out;
}

// The lines of `text` that start with '{', parsed (rejects mixed with the
// summary on stderr).
std::vector<json> JsonRecordsIn(const std::string& text) {
  std::vector<json> out;
  for (const std::string& line : SplitLines(text)) {
    if (line.empty() || line[0] != '{') continue;
    INFO("line: " << line);
    json j;
    REQUIRE_NOTHROW(j = json::parse(line));
    out.push_back(std::move(j));
  }
  return out;
}

const json& CardOf(const std::vector<json>& cards, const std::string& id) {
  for (const json& c : cards) {
    if (c.value("lead_id", "") == id) return c;
  }
  FAIL("no scorecard for lead " << id);
  static const json kNone;
  return kNone;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// `stages: invalid 1, subscriber 0, ...` on stderr, as a map.
std::map<std::string, long> StageCounts(const std::string& err) {
  std::map<std::string, long> counts;
  for (const std::string& line : SplitLines(err)) {
    if (line.rfind("stages:", 0) != 0) continue;
    static const std::regex kPair(R"(([A-Za-z0-9_-]+) (\d+))");
    const std::string rest = line.substr(7);
    for (std::sregex_iterator it(rest.begin(), rest.end(), kPair), end; it != end; ++it) {
      counts[(*it)[1].str()] = std::stol((*it)[2].str());
    }
  }
  return counts;
}

// The stderr line that mentions `word`, or "".
std::string LineWith(const std::string& text, const std::string& word) {
  for (const std::string& line : SplitLines(text)) {
    if (Contains(line, word)) return line;
  }
  return "";
}

// A fresh directory for one test (section runs included).
class CliFixture : public CliDir {
 public:
  CliFixture() : CliDir("cli_test_tmp") {}

  // Writes the standard model, leads and events and returns the score command
  // for them (without --events when `events` is false).
  std::vector<std::string> ScoreArgs(bool events = true) {
    std::vector<std::string> args = {"score", "--model", Write("model.json", kModel),
                                     "--leads", Write("leads.jsonl", kLeads)};
    if (events) {
      args.push_back("--events");
      args.push_back(Write("events.jsonl", kEvents));
    }
    args.push_back("--as-of");
    args.push_back(kAsOf);
    return args;
  }
};

std::vector<std::string> With(std::vector<std::string> args,
                              const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// ---------------------------------------------------------------------------
// score: output and summary
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: score writes one scorecard per lead in leads order",
                 "[cli]") {
  const Result r = Run(ScoreArgs());
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 4);
  CHECK(cards[0]["lead_id"] == "L-B");
  CHECK(cards[1]["lead_id"] == "L-A");
  CHECK(cards[2]["lead_id"] == "L-D");
  CHECK(cards[3]["lead_id"] == "L-C");
  for (const json& c : cards) {
    CHECK(c["as_of"] == kAsOf);
    CHECK_FALSE(c.contains("explain"));
    for (const char* key : {"valid", "scores", "total", "grades", "stage", "stage_entered_at",
                            "labels", "funnel"}) {
      INFO("key " << key);
      CHECK(c.contains(key));
    }
  }
  const json& a = CardOf(cards, "L-A");
  CHECK(a["valid"] == true);
  CHECK(a["scores"]["fit"] == 25);
  CHECK(a["scores"]["engagement"] == 10);  // the event after as_of is ignored
  CHECK(a["total"] == 35);
  CHECK(a["grades"]["fit"] == "A");
  CHECK(a["grades"]["engagement"].is_null());
  CHECK(a["stage"] == "lead");
  CHECK(a["funnel"] == "tofu");

  const json& b = CardOf(cards, "L-B");
  CHECK(b["scores"]["engagement"] == 20);
  CHECK(b["stage"] == "mql");
  CHECK(b["stage_entered_at"] == "2026-10-03T00:00:00Z");
  CHECK(b["funnel"] == "mofu");

  const json& d = CardOf(cards, "L-D");  // host-asserted stage
  CHECK(d["stage"] == "customer");
  CHECK(d["stage_entered_at"].is_null());
  CHECK(d["funnel"] == "bofu");

  const json& c = CardOf(cards, "L-C");  // no consent
  CHECK(c["valid"] == false);
  CHECK(c["stage"] == "invalid");
  CHECK(c["stage_entered_at"].is_null());
  CHECK(c["funnel"].is_null());
}

TEST_CASE_METHOD(CliFixture, "cli: score prints a summary on stderr", "[cli]") {
  const Result r = Run(ScoreArgs());
  REQUIRE(r.code == 0);
  // Leads and events counts (7 event lines: after-as_of and unknown-lead ones
  // included), stage counts, time taken.
  CHECK(std::regex_search(r.err, std::regex(R"(\b4 leads\b)")));
  CHECK(std::regex_search(r.err, std::regex(R"(\b7 event lines\b)")));
  CHECK(std::regex_search(r.err, std::regex(R"(\btime: [0-9.]+ s\b)")));
  const std::map<std::string, long> stages = StageCounts(r.err);
  CHECK(stages == std::map<std::string, long>{{"invalid", 1},
                                              {"subscriber", 0},
                                              {"lead", 1},
                                              {"mql", 1},
                                              {"customer", 1}});
  // Nothing but scorecards on stdout.
  CHECK(ParseJsonLines(r.out).size() == 4);
}

TEST_CASE_METHOD(CliFixture, "cli: score without --events scores attributes only", "[cli]") {
  const Result r = Run(ScoreArgs(/*events=*/false));
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 4);
  CHECK(CardOf(cards, "L-A")["scores"]["engagement"] == 0);
  CHECK(CardOf(cards, "L-A")["scores"]["fit"] == 25);
  // No events: entered at as_of.
  CHECK(CardOf(cards, "L-A")["stage_entered_at"] == kAsOf);
  CHECK(std::regex_search(r.err, std::regex(R"(\b0 event lines\b)")));
}

TEST_CASE_METHOD(CliFixture, "cli: score --explain adds the explain entries", "[cli]") {
  const Result r = Run(With(ScoreArgs(), {"--explain"}));
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 4);
  for (const json& c : cards) CHECK(c["explain"].is_array());

  const json& ex = CardOf(cards, "L-A")["explain"];
  REQUIRE(ex.size() == 2);
  CHECK(ex[0]["rule"] == "exec");
  CHECK(ex[0]["dimension"] == "fit");
  CHECK(ex[0]["points"] == 25);
  CHECK_FALSE(ex[0].contains("events"));
  CHECK(ex[1]["rule"] == "view");
  CHECK(ex[1]["dimension"] == "engagement");
  CHECK(ex[1]["points"] == 10);
  CHECK(ex[1]["events"] == 1);

  const json& exb = CardOf(cards, "L-B")["explain"];
  REQUIRE(exb.size() == 1);
  CHECK(exb[0]["rule"] == "view");
  CHECK(exb[0]["events"] == 2);

  // Same scorecards otherwise.
  const Result plain = Run(ScoreArgs());
  const std::vector<json> plain_cards = ParseJsonLines(plain.out);
  REQUIRE(plain_cards.size() == cards.size());
  for (size_t i = 0; i < cards.size(); ++i) {
    json c = cards[i];
    c.erase("explain");
    CHECK(c == plain_cards[i]);
  }
}

TEST_CASE_METHOD(CliFixture, "cli: score --out writes the scorecards to a file", "[cli]") {
  const Result to_stdout = Run(ScoreArgs());
  REQUIRE(to_stdout.code == 0);
  const std::string out = Path("cards.jsonl");
  SECTION("--out F") {
    const Result r = Run(With(ScoreArgs(), {"--out", out}));
    REQUIRE(r.code == 0);
    CHECK(r.out.empty());
    CHECK(ReadFile(out) == to_stdout.out);
    CHECK(StageCounts(r.err).at("mql") == 1);  // summary still on stderr
  }
  SECTION("--out=F") {
    const Result r = Run(With(ScoreArgs(), {"--out=" + out}));
    REQUIRE(r.code == 0);
    CHECK(r.out.empty());
    CHECK(ReadFile(out) == to_stdout.out);
  }
}

TEST_CASE_METHOD(CliFixture, "cli: --as-of with an offset is reported in UTC", "[cli]") {
  std::vector<std::string> args = ScoreArgs();
  args.back() = "2026-11-01T02:00:00.5+02:00";
  const Result r = Run(args);
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 4);
  CHECK(cards[0]["as_of"] == "2026-11-01T00:00:00.5Z");
}

TEST_CASE_METHOD(CliFixture, "cli: a model without lifecycle reports null stages", "[cli]") {
  const Result r = Run({"score", "--model", Write("m.json", kModelNoLifecycle), "--leads",
                        Write("l.jsonl", R"({"id": "X", "consent": true})"
                                         "\n"),
                        "--as-of", kAsOf});
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 1);
  CHECK(cards[0]["stage"].is_null());
  CHECK(cards[0]["stage_entered_at"].is_null());
  CHECK(cards[0]["funnel"].is_null());
  CHECK(cards[0]["labels"] == json::array());
}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: validate accepts a good model with a one-line summary",
                 "[cli]") {
  SECTION("test model") {
    const Result r = Run({"validate", "--model", Write("model.json", kModel)});
    REQUIRE(r.code == 0);
    CHECK(SplitLines(r.out).size() == 1);
    CHECK(Contains(r.out, "cli-test"));
    CHECK(r.err.empty());
  }
  SECTION("model without lifecycle") {
    const Result r = Run({"validate", "--model", Write("m.json", kModelNoLifecycle)});
    REQUIRE(r.code == 0);
    CHECK(SplitLines(r.out).size() == 1);
  }
  SECTION("bundled example model") {
    const Result r = Run({"validate", "--model",
                          std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/b2b-saas.json"});
    REQUIRE(r.code == 0);
    CHECK(SplitLines(r.out).size() == 1);
  }
}

TEST_CASE_METHOD(CliFixture, "cli: validate reports every error with its JSON pointer",
                 "[cli]") {
  const std::string model = Write("bad.json", R"({
    "name": "bad", "version": "1",
    "dimensions": [{"name": "fit"}, {"name": "fit"}],
    "rules": [
      {"id": "r1", "dimension": "fit", "points": 5, "pointz": 5},
      {"id": "r1", "dimension": "nope", "points": 1},
      {"id": "r3", "dimension": "fit", "points": 1, "when": {"attr": "x", "matches": "("}}
    ],
    "lifecycle": {
      "stages": ["a", "b", "a"],
      "thresholds": [{"stage": "zz", "when": {"all": []}}],
      "labels": [{"label": "l", "when": {"event": "x"}}]
    }
  })");
  const Result r = Run({"validate", "--model", model});
  CHECK(r.code == 2);
  const std::string all = r.out + r.err;
  for (const char* pointer :
       {"/dimensions/1/name", "/rules/0/pointz", "/rules/1/id", "/rules/1/dimension",
        "/rules/2/when/matches", "/lifecycle/stages/2", "/lifecycle/thresholds/0/stage",
        "/lifecycle/labels/0/when"}) {
    INFO("pointer " << pointer);
    CHECK(Contains(all, pointer));
  }
  CHECK(Contains(LineWith(all, "/lifecycle/labels/0/when"), "within_days"));
  // One error a line.
  CHECK(SplitLines(r.err).size() >= 8);
}

TEST_CASE_METHOD(CliFixture, "cli: validate exit 2 on bad arguments and unreadable models",
                 "[cli]") {
  SECTION("missing --model") { CHECK(Run({"validate"}).code == 2); }
  SECTION("unknown option") {
    CHECK(Run({"validate", "--model", Write("m.json", kModel), "--frob"}).code == 2);
  }
  SECTION("missing file") { CHECK(Run({"validate", "--model", Path("nope.json")}).code == 2); }
  SECTION("not JSON") { CHECK(Run({"validate", "--model", Write("m.json", "{\"name\":")}).code == 2); }
}

TEST_CASE_METHOD(CliFixture, "cli: score with a bad model exits 2 and scores nothing", "[cli]") {
  std::vector<std::string> args = ScoreArgs();
  args[2] = Write("bad.json", R"({"dimensions": [{"name": "fit"}],
      "rules": [{"id": "r", "dimension": "fit", "pointz": 1}]})");
  const Result r = Run(args);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(Contains(r.err, "/rules/0/pointz"));
}

// ---------------------------------------------------------------------------
// Bad arguments
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: bad arguments exit 2", "[cli]") {
  const std::vector<std::string> good = ScoreArgs();  // writes the files
  const std::string model = good[2], leads = good[4], events = good[6];
  std::vector<std::string> args;
  SECTION("no command") { args = {}; }
  SECTION("unknown command") { args = {"rescore", "--model", model}; }
  SECTION("missing --model") { args = {"score", "--leads", leads, "--as-of", kAsOf}; }
  SECTION("missing --leads") { args = {"score", "--model", model, "--as-of", kAsOf}; }
  SECTION("missing --as-of") { args = {"score", "--model", model, "--leads", leads}; }
  SECTION("unknown option") { args = With(good, {"--frobnicate"}); }
  SECTION("option without its value") { args = With(good, {"--out"}); }
  SECTION("positional argument") { args = With(good, {"extra"}); }
  SECTION("option given twice") { args = With(good, {"--as-of", kAsOf}); }
  SECTION("bad --as-of: not a timestamp") {
    args = {"score", "--model", model, "--leads", leads, "--as-of", "yesterday"};
  }
  SECTION("bad --as-of: date only") {
    args = {"score", "--model", model, "--leads", leads, "--as-of", "2026-11-01"};
  }
  SECTION("bad --as-of: month 13") {
    args = {"score", "--model", model, "--leads", leads, "--as-of", "2026-13-01T00:00:00Z"};
  }
  SECTION("bad --as-of: empty") {
    args = {"score", "--model", model, "--leads", leads, "--as-of", ""};
  }
  SECTION("--on-error other than fail/skip") { args = With(good, {"--on-error", "ignore"}); }
  SECTION("--on-error empty") { args = With(good, {"--on-error="}); }
  SECTION("--threads 0") { args = With(good, {"--threads", "0"}); }
  SECTION("--threads not a number") { args = With(good, {"--threads", "two"}); }
  SECTION("--explain with a value") { args = With(good, {"--explain=yes"}); }
  SECTION("missing model file") {
    args = {"score", "--model", Path("nope.json"), "--leads", leads, "--as-of", kAsOf};
  }
  SECTION("missing leads file") {
    args = {"score", "--model", model, "--leads", Path("nope.jsonl"), "--as-of", kAsOf};
  }
  SECTION("missing events file") {
    args = {"score", "--model", model, "--leads", leads, "--events", Path("nope.jsonl"),
            "--as-of", kAsOf};
  }
  SECTION("rejects file cannot be written") {
    args = With(good, {"--on-error", "skip", "--rejects", Path("no/such/dir/r.jsonl")});
  }
  SECTION("explain without --lead") {
    args = {"explain", "--model", model, "--leads", leads, "--as-of", kAsOf};
  }
  SECTION("explain with bad --as-of") {
    args = {"explain", "--model", model, "--leads", leads, "--as-of", "soon", "--lead", "L-A"};
  }
  const Result r = Run(args);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(r.err.empty());
}

TEST_CASE_METHOD(CliFixture, "cli: --help prints usage and exits 0", "[cli]") {
  const Result r = Run({"--help"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "score"));
  CHECK(Contains(r.out, "validate"));
  CHECK(Contains(r.out, "explain"));
}

// ---------------------------------------------------------------------------
// Bad data lines: --on-error fail (default)
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: a bad lead line fails the run with FILE:LINE", "[cli]") {
  // Line 3 is bad; line 2 is blank and still counts.
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "\n"
                                  "{\"id\": \"L-2\", \"consent\": tru}\n"
                                  "{\"id\": \"L-3\", \"consent\": true}\n");
  const std::string out = Path("cards.jsonl");
  std::vector<std::string> args = {"score",  "--model", Write("model.json", kModel),
                                   "--leads", leads,    "--as-of", kAsOf};
  SECTION("default mode") {}
  SECTION("explicit --on-error fail") { args = With(args, {"--on-error", "fail"}); }
  SECTION("with --out") { args = With(args, {"--out", out}); }
  SECTION("with --events") {
    args = With(args, {"--events", Write("events.jsonl", kEvents)});
  }
  const Result r = Run(args);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(fs::exists(out));
  CHECK(Contains(r.err, leads + ":3: "));
  CHECK_FALSE(Contains(r.err, leads + ":1:"));
  CHECK_FALSE(Contains(r.err, leads + ":4:"));
}

TEST_CASE_METHOD(CliFixture, "cli: a bad event line fails the run with FILE:LINE", "[cli]") {
  const std::vector<std::string> base = ScoreArgs(/*events=*/false);
  const std::string out = Path("cards.jsonl");
  std::string events_text;
  int bad_line = 0;
  SECTION("invalid timestamp after blank lines") {
    events_text =
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
        "\n"
        "   \n"
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": \"last tuesday\"}\n";
    bad_line = 5;
  }
  SECTION("missing required key, CRLF line endings") {
    events_text =
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\r\n"
        "\r\n"
        "{\"lead_id\": \"L-A\", \"at\": \"2026-10-01T00:00:00Z\"}\r\n";
    bad_line = 3;
  }
  SECTION("not JSON, last line without newline") {
    events_text =
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": \"2026-10-01T00:00:00Z\"}\n"
        "{\"lead_id\": \"L-A\", \"type\": \"page_view\", \"at\": ";
    bad_line = 2;
  }
  SECTION("an unknown lead's event is still checked") {
    events_text = "{\"lead_id\": \"nobody\", \"type\": 7, \"at\": \"2026-10-01T00:00:00Z\"}\n";
    bad_line = 1;
  }
  const std::string events = Write("events.jsonl", events_text);
  const Result r = Run(With(base, {"--events", events, "--out", out}));
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(fs::exists(out));
  CHECK(Contains(r.err, events + ":" + std::to_string(bad_line) + ": "));
}

TEST_CASE_METHOD(CliFixture, "cli: a host stage not in stages is a bad data line", "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "{\"id\": \"L-2\", \"consent\": true, \"stage\": \"Customer\"}\n");
  const std::vector<std::string> args = {"score", "--model", Write("model.json", kModel),
                                         "--leads", leads, "--as-of", kAsOf};
  SECTION("fail") {
    const Result r = Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, leads + ":2: "));
  }
  SECTION("skip") {
    const Result r = Run(With(args, {"--on-error", "skip"}));
    CHECK(r.code == 0);
    const std::vector<json> cards = ParseJsonLines(r.out);
    REQUIRE(cards.size() == 1);
    CHECK(cards[0]["lead_id"] == "L-1");
    const std::vector<json> rejects = JsonRecordsIn(r.err);
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0]["line"] == 2);
  }
}

TEST_CASE_METHOD(CliFixture, "cli: a lead stage under a model without lifecycle is a bad line",
                 "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "{\"id\": \"L-2\", \"consent\": true, \"stage\": \"lead\"}\n");
  const std::vector<std::string> args = {"score", "--model",
                                         Write("m.json", kModelNoLifecycle), "--leads", leads,
                                         "--as-of", kAsOf};
  SECTION("fail") {
    const Result r = Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, leads + ":2: "));
  }
  SECTION("skip") {
    const Result r = Run(With(args, {"--on-error", "skip"}));
    CHECK(r.code == 0);
    REQUIRE(ParseJsonLines(r.out).size() == 1);
    const std::vector<json> rejects = JsonRecordsIn(r.err);
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0]["line"] == 2);
  }
}

TEST_CASE_METHOD(CliFixture, "cli: a duplicate lead id is a bad data line", "[cli]") {
  const std::string leads =
      Write("leads.jsonl",
            "{\"id\": \"L-1\", \"consent\": true, \"attributes\": {\"job_title\": \"VP\"}}\n"
            "{\"id\": \"L-2\", \"consent\": true}\n"
            "\n"
            "{\"id\": \"L-1\", \"consent\": false}\n");
  const std::vector<std::string> args = {"score", "--model", Write("model.json", kModel),
                                         "--leads", leads, "--as-of", kAsOf};
  SECTION("fail") {
    const Result r = Run(args);
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(Contains(r.err, leads + ":4: "));
  }
  SECTION("skip: the first copy is scored once") {
    const Result r = Run(With(args, {"--on-error", "skip"}));
    CHECK(r.code == 0);
    const std::vector<json> cards = ParseJsonLines(r.out);
    REQUIRE(cards.size() == 2);
    CHECK(cards[0]["lead_id"] == "L-1");
    CHECK(cards[0]["valid"] == true);
    CHECK(cards[0]["scores"]["fit"] == 25);
    CHECK(cards[1]["lead_id"] == "L-2");
    const std::vector<json> rejects = JsonRecordsIn(r.err);
    REQUIRE(rejects.size() == 1);
    CHECK(rejects[0]["line"] == 4);
  }
}

// ---------------------------------------------------------------------------
// --on-error skip and rejects
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: --on-error skip rejects bad lines and scores the rest",
                 "[cli]") {
  const std::string bad_lead = "{\"id\": \"L-2\", \"consent\": tru}";
  const std::string bad_lead2 = "[\"not\", \"an\", \"object\"]";
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n" + bad_lead +
                                      "\n"
                                      "\n" +
                                      bad_lead2 +
                                      "\n"
                                      "{\"id\": \"L-3\", \"consent\": true}\n");
  const std::string bad_event =
      "{\"lead_id\": \"L-3\", \"type\": \"page_view\", \"at\": \"2026-02-30T00:00:00Z\"}";
  const std::string events = Write(
      "events.jsonl",
      "{\"id\": \"x1\", \"lead_id\": \"L-3\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-20T00:00:00Z\"}\n" +
          bad_event + "\n");
  const std::vector<std::string> args = {
      "score", "--model", Write("model.json", kModel), "--leads", leads, "--events", events,
      "--as-of", kAsOf, "--on-error", "skip"};

  auto check_rejects = [&](const std::vector<json>& rejects) {
    REQUIRE(rejects.size() == 3);
    CHECK(rejects[0]["file"] == leads);
    CHECK(rejects[0]["line"] == 2);
    CHECK(rejects[0]["input"] == bad_lead);
    CHECK(rejects[1]["file"] == leads);
    CHECK(rejects[1]["line"] == 4);
    CHECK(rejects[1]["input"] == bad_lead2);
    CHECK(rejects[2]["file"] == events);
    CHECK(rejects[2]["line"] == 2);
    CHECK(rejects[2]["input"] == bad_event);
    for (const json& rec : rejects) {
      REQUIRE(rec["error"].is_string());
      CHECK_FALSE(rec["error"].get<std::string>().empty());
      CHECK(rec["line"].is_number_integer());
    }
  };
  auto check_cards = [&](const std::string& out) {
    const std::vector<json> cards = ParseJsonLines(out);
    REQUIRE(cards.size() == 2);
    CHECK(cards[0]["lead_id"] == "L-1");
    CHECK(cards[1]["lead_id"] == "L-3");
    CHECK(cards[1]["scores"]["engagement"] == 10);  // its good event counts
  };

  SECTION("rejects on stderr by default") {
    const Result r = Run(args);
    CHECK(r.code == 0);
    check_cards(r.out);
    check_rejects(JsonRecordsIn(r.err));
    CHECK(std::regex_search(r.err, std::regex(R"(\b2 leads\b)")));  // summary too
  }
  SECTION("rejects to --rejects R") {
    const std::string rejects = Path("rejects.jsonl");
    const Result r = Run(With(args, {"--rejects", rejects}));
    CHECK(r.code == 0);
    check_cards(r.out);
    CHECK(JsonRecordsIn(r.err).empty());
    check_rejects(ParseJsonLines(ReadFile(rejects)));
  }
  SECTION("with --out") {
    const std::string out = Path("cards.jsonl");
    const Result r = Run(With(args, {"--out", out}));
    CHECK(r.code == 0);
    CHECK(r.out.empty());
    check_cards(ReadFile(out));
    check_rejects(JsonRecordsIn(r.err));
  }
}

TEST_CASE_METHOD(CliFixture, "cli: --on-error skip with no bad line leaves rejects empty",
                 "[cli]") {
  const std::string rejects = Path("rejects.jsonl");
  const Result r = Run(With(ScoreArgs(), {"--on-error", "skip", "--rejects", rejects}));
  CHECK(r.code == 0);
  CHECK(ParseJsonLines(r.out).size() == 4);
  CHECK(ReadFile(rejects).empty());
}

// ---------------------------------------------------------------------------
// Events naming unknown leads
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: events naming unknown leads are a warning", "[cli]") {
  const Result r = Run(ScoreArgs());
  REQUIRE(r.code == 0);
  CHECK(ParseJsonLines(r.out).size() == 4);
  // 3 events, 2 distinct ids, sorted (the file names ghost-z first).
  const std::string line = LineWith(r.err, "ghost-");
  INFO("warning line: " << line);
  REQUIRE_FALSE(line.empty());
  CHECK(std::regex_search(line, std::regex(R"(\b3\b)")));
  const size_t a = line.find("ghost-a"), z = line.find("ghost-z");
  REQUIRE(a != std::string::npos);
  REQUIRE(z != std::string::npos);
  CHECK(a < z);
  CHECK(line.find("ghost-a", a + 1) == std::string::npos);  // distinct
  CHECK(line.find("ghost-z", z + 1) == std::string::npos);
  CHECK(JsonRecordsIn(r.err).empty());  // not a rejected line

  SECTION("also with --on-error skip and --rejects") {
    const std::string rejects = Path("rejects.jsonl");
    const Result s = Run(With(ScoreArgs(), {"--on-error", "skip", "--rejects", rejects}));
    CHECK(s.code == 0);
    // Reported somewhere (stderr or the rejects file), never dropped silently.
    CHECK(Contains(s.err + ReadFile(rejects), "ghost-a"));
    CHECK(Contains(s.err + ReadFile(rejects), "ghost-z"));
  }
}

// ---------------------------------------------------------------------------
// Line handling: CRLF, BOM, last line, blank lines, empty input
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: CRLF line endings and a UTF-8 BOM are accepted", "[cli]") {
  const Result lf = Run(With(ScoreArgs(), {"--explain"}));
  REQUIRE(lf.code == 0);

  auto to_crlf = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  };
  const std::string bom = "\xEF\xBB\xBF";
  std::string leads_text = kLeads, events_text = kEvents;
  SECTION("CRLF") {
    leads_text = to_crlf(kLeads);
    events_text = to_crlf(kEvents);
  }
  SECTION("BOM") {
    leads_text = bom + kLeads;
    events_text = bom + kEvents;
  }
  SECTION("BOM and CRLF") {
    leads_text = bom + to_crlf(kLeads);
    events_text = bom + to_crlf(kEvents);
  }
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads",
                        Write("leads2.jsonl", leads_text), "--events",
                        Write("events2.jsonl", events_text), "--as-of", kAsOf, "--explain"});
  CHECK(r.code == 0);
  CHECK(r.out == lf.out);
}

TEST_CASE_METHOD(CliFixture, "cli: a CRLF/BOM file still reports the right bad line", "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "\xEF\xBB\xBF{\"id\": \"L-1\", \"consent\": true}\r\n"
                                  "\r\n"
                                  "{\"id\": \"L-2\", \"consent\": 1}\r\n");
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads", leads,
                        "--as-of", kAsOf});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(Contains(r.err, leads + ":3: "));
}

TEST_CASE_METHOD(CliFixture, "cli: a last line without newline is read", "[cli]") {
  std::string leads_text = kLeads, events_text = kEvents;
  leads_text.pop_back();
  events_text.pop_back();
  const Result full = Run(ScoreArgs());
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads",
                        Write("leads2.jsonl", leads_text), "--events",
                        Write("events2.jsonl", events_text), "--as-of", kAsOf});
  CHECK(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 4);
  CHECK(cards[3]["lead_id"] == "L-C");
  CHECK(r.out == full.out);
  // The last event (naming ghost-z) was read too.
  CHECK(std::regex_search(r.err, std::regex(R"(\b7 event lines\b)")));
}

TEST_CASE_METHOD(CliFixture, "cli: blank lines are not data", "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "\n"
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "   \n"
                                  "\t\n"
                                  "{\"id\": \"L-2\", \"consent\": true}\n"
                                  "\n");
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads", leads,
                        "--as-of", kAsOf});
  CHECK(r.code == 0);
  CHECK(ParseJsonLines(r.out).size() == 2);
}

TEST_CASE_METHOD(CliFixture, "cli: an empty leads file gives no output and exit 0", "[cli]") {
  std::string text;
  SECTION("empty") { text = ""; }
  SECTION("blank lines only") { text = "\n\n  \n"; }
  SECTION("BOM only") { text = "\xEF\xBB\xBF"; }
  const std::string out = Path("cards.jsonl");
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads",
                        Write("leads.jsonl", text), "--events", Write("events.jsonl", kEvents),
                        "--as-of", kAsOf});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(std::regex_search(r.err, std::regex(R"(\b0 leads\b)")));

  const Result to_file = Run({"score", "--model", Path("model.json"), "--leads",
                              Path("leads.jsonl"), "--as-of", kAsOf, "--out", out});
  CHECK(to_file.code == 0);
  CHECK(ReadFile(out).empty());
}

TEST_CASE_METHOD(CliFixture, "cli: leads can be read from standard input", "[cli]") {
  const Result file = Run(ScoreArgs());
  const std::string leads = Path("leads.jsonl");
  const Result r = Run({"score", "--model", Path("model.json"), "--leads", "-", "--events",
                        Path("events.jsonl"), "--as-of", kAsOf},
                       leads);
  CHECK(r.code == 0);
  CHECK(r.out == file.out);
}

// ---------------------------------------------------------------------------
// Events: duplicates and order
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: a duplicate event id counts once", "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "{\"id\": \"L-2\", \"consent\": true}\n");
  // L-1: e1 three times (one copy after as_of, listed first: it must not hide
  // the others) plus e2. L-2 also has an e1: ids are per lead.
  const std::string events = Write(
      "events.jsonl",
      "{\"id\": \"e1\", \"lead_id\": \"L-1\", \"type\": \"page_view\", \"at\": "
      "\"2026-12-05T00:00:00Z\"}\n"
      "{\"id\": \"e1\", \"lead_id\": \"L-1\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-05T00:00:00Z\"}\n"
      "{\"id\": \"e2\", \"lead_id\": \"L-1\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-06T00:00:00Z\"}\n"
      "{\"id\": \"e1\", \"lead_id\": \"L-1\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-05T00:00:00Z\"}\n"
      "{\"id\": \"e1\", \"lead_id\": \"L-2\", \"type\": \"page_view\", \"at\": "
      "\"2026-10-05T00:00:00Z\"}\n");
  const Result r = Run({"score", "--model", Write("model.json", kModel), "--leads", leads,
                        "--events", events, "--as-of", kAsOf, "--explain"});
  REQUIRE(r.code == 0);
  const std::vector<json> cards = ParseJsonLines(r.out);
  REQUIRE(cards.size() == 2);
  CHECK(cards[0]["scores"]["engagement"] == 20);
  REQUIRE(cards[0]["explain"].size() == 1);
  CHECK(cards[0]["explain"][0]["events"] == 2);
  CHECK(cards[1]["scores"]["engagement"] == 10);
  CHECK(std::regex_search(r.err, std::regex(R"(\b1 duplicates\b)")));
}

// Events with distinct (at, id): any input order must give the sorted order's
// output. The model's caps, pattern, decay and forward-only lifecycle make the
// result order-sensitive.
TEST_CASE_METHOD(CliFixture, "cli: events in any order give the same output as sorted",
                 "[cli]") {
  std::string leads_text;
  const int kLeadsN = 40;
  for (int i = 0; i < kLeadsN; ++i) {
    leads_text += "{\"id\": \"L-" + std::to_string(i) +
                  "\", \"consent\": true, \"attributes\": {\"email\": \"x" + std::to_string(i) +
                  "@acme.io\"}}\n";
  }
  struct Ev {
    long t;  // seconds after 2026-09-01
    std::string line;
  };
  std::vector<Ev> evs;
  std::mt19937 rng(12345);
  const char* types[] = {"page_view", "email_click", "page_view"};
  const char* urls[] = {"/pricing", "/blog/a", "/blog/b", "/docs"};
  for (int i = 0; i < 1200; ++i) {
    const int lead = static_cast<int>(rng() % kLeadsN);
    const long t = static_cast<long>(rng() % (70L * 86400L));  // to 2026-11-10
    const int day = static_cast<int>(t / 86400), sec = static_cast<int>(t % 86400);
    char at[64];
    // September has 30 days.
    if (day < 30) {
      std::snprintf(at, sizeof at, "2026-09-%02dT%02d:%02d:%02dZ", day + 1, sec / 3600,
                    sec / 60 % 60, sec % 60);
    } else if (day < 61) {
      std::snprintf(at, sizeof at, "2026-10-%02dT%02d:%02d:%02dZ", day - 29, sec / 3600,
                    sec / 60 % 60, sec % 60);
    } else {
      std::snprintf(at, sizeof at, "2026-11-%02dT%02d:%02d:%02dZ", day - 60, sec / 3600,
                    sec / 60 % 60, sec % 60);
    }
    json e = {{"id", "E-" + std::to_string(i)},
              {"lead_id", "L-" + std::to_string(lead)},
              {"type", types[rng() % 3]},
              {"at", at},
              {"properties", {{"url", urls[rng() % 4]}}}};
    evs.push_back({t, e.dump()});
  }
  std::vector<Ev> sorted = evs;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Ev& a, const Ev& b) { return a.t < b.t; });
  std::vector<Ev> reversed(sorted.rbegin(), sorted.rend());
  std::string sorted_text, random_text, reversed_text;
  for (const Ev& e : sorted) sorted_text += e.line + "\n";
  for (const Ev& e : evs) random_text += e.line + "\n";
  for (const Ev& e : reversed) reversed_text += e.line + "\n";

  const std::string model = Write("model.json", kModel);
  const std::string leads = Write("leads.jsonl", leads_text);
  auto run = [&](const std::string& name, const std::string& text) {
    const Result r = Run({"score", "--model", model, "--leads", leads, "--events",
                          Write(name, text), "--as-of", kAsOf, "--explain"});
    REQUIRE(r.code == 0);
    return r.out;
  };
  const std::string expected = run("sorted.jsonl", sorted_text);
  REQUIRE(ParseJsonLines(expected).size() == kLeadsN);
  CHECK(run("random.jsonl", random_text) == expected);
  CHECK(run("reversed.jsonl", reversed_text) == expected);
}

// ---------------------------------------------------------------------------
// --threads
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: --threads 2 gives byte-identical output to --threads 1",
                 "[cli]") {
  // More leads than one scoring block (8192) so that several blocks are used.
  std::string leads_text, events_text;
  const int kLeadsN = 9000;
  std::mt19937 rng(777);
  for (int i = 0; i < kLeadsN; ++i) {
    leads_text += "{\"id\": \"L-" + std::to_string(i) + "\", \"consent\": " +
                  (i % 7 == 0 ? "false" : "true") + ", \"attributes\": {\"email\": \"p" +
                  std::to_string(i) + "@acme.io\"" +
                  (i % 3 == 0 ? ", \"job_title\": \"VP Ops\"" : "") + "}}\n";
  }
  for (int i = 0; i < 30000; ++i) {
    const int lead = static_cast<int>(rng() % (kLeadsN + 50));  // a few unknown leads
    const int day = 1 + static_cast<int>(rng() % 31);
    const int hour = static_cast<int>(rng() % 24);
    char at[40];
    std::snprintf(at, sizeof at, "2026-10-%02dT%02d:00:00Z", day, hour);
    const int id = static_cast<int>(rng() % 28000);  // some duplicate ids
    events_text += json({{"id", "E-" + std::to_string(id)},
                         {"lead_id", "L-" + std::to_string(lead)},
                         {"type", rng() % 2 ? "page_view" : "email_click"},
                         {"at", at},
                         {"properties", {{"url", rng() % 2 ? "/blog/x" : "/pricing"}}}})
                       .dump() +
                   "\n";
  }
  const std::string model = Write("model.json", kModel);
  const std::string leads = Write("leads.jsonl", leads_text);
  const std::string events = Write("events.jsonl", events_text);
  auto run = [&](const std::string& threads) {
    Result r = Run({"score", "--model", model, "--leads", leads, "--events", events,
                    "--as-of", kAsOf, "--explain", "--threads", threads});
    REQUIRE(r.code == 0);
    return r;
  };
  const Result one = run("1");
  REQUIRE(ParseJsonLines(one.out).size() == kLeadsN);
  const Result two = run("2");
  CHECK(two.out == one.out);
  const Result five = run("5");
  CHECK(five.out == one.out);
  // The summary's counts (not its timing) agree too.
  auto counts = [](const std::string& err) {
    std::string out;
    for (const std::string& line : SplitLines(err)) {
      if (line.rfind("time:", 0) != 0) out += line + "\n";
    }
    return out;
  };
  CHECK(counts(two.err) == counts(one.err));
}

// ---------------------------------------------------------------------------
// explain
// ---------------------------------------------------------------------------

TEST_CASE_METHOD(CliFixture, "cli: explain --lead prints the lead's rules and thresholds",
                 "[cli]") {
  std::vector<std::string> args = ScoreArgs();
  args[0] = "explain";
  const Result r = Run(With(args, {"--lead", "L-A"}));
  CHECK(r.code == 0);
  CHECK(Contains(r.out, "L-A"));
  CHECK_FALSE(Contains(r.out, "L-B"));
  // Its contributing rules and their dimensions.
  CHECK(Contains(r.out, "exec"));
  CHECK(Contains(r.out, "view"));
  CHECK(Contains(r.out, "fit"));
  CHECK(Contains(r.out, "engagement"));
  // The lifecycle thresholds and their stages.
  CHECK(Contains(r.out, "hreshold"));
  CHECK(Contains(LineWith(r.out, "(threshold 0)"), "lead"));
  CHECK(Contains(LineWith(r.out, "(threshold 1)"), "mql"));
  CHECK(Contains(r.out, "score engagement >= 20"));
  CHECK(Contains(r.out, "stage: lead"));

  SECTION("the same stage as score reports") {
    const Result b = Run(With(args, {"--lead", "L-B"}));
    CHECK(b.code == 0);
    CHECK(Contains(b.out, "stage: mql since 2026-10-03T00:00:00Z"));
  }
}

TEST_CASE_METHOD(CliFixture, "cli: explain with an unknown --lead exits 2", "[cli]") {
  std::vector<std::string> args = ScoreArgs();
  args[0] = "explain";
  SECTION("id not in the leads") { args = With(args, {"--lead", "L-Z"}); }
  SECTION("id only named by events") { args = With(args, {"--lead", "ghost-a"}); }
  const Result r = Run(args);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK_FALSE(r.err.empty());
}

TEST_CASE_METHOD(CliFixture, "cli: explain reports a bad data line with FILE:LINE", "[cli]") {
  const std::string leads = Write("leads.jsonl",
                                  "{\"id\": \"L-1\", \"consent\": true}\n"
                                  "\n"
                                  "{\"id\": 12}\n");
  const Result r = Run({"explain", "--model", Write("model.json", kModel), "--leads", leads,
                        "--as-of", kAsOf, "--lead", "L-1"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(Contains(r.err, leads + ":3: "));
}

// BUG: `explain` reads the leads file with its own loop and does not apply
// score's per-line checks: a duplicate lead id is accepted silently (explain
// then describes the LAST copy, while score rejects that copy and keeps the
// first), and a host stage not in `stages` is reported without FILE:LINE (only
// for the explained lead; other leads' stages are not checked at all). Both are
// bad data lines (spec sections 1, 7, 8); expected: exit 2 with `FILE:LINE: ...`.
TEST_CASE_METHOD(CliFixture, "cli: explain treats bad lead lines like score does",
                 "[cli][!mayfail]") {
  std::string text;
  int bad_line = 0;
  SECTION("duplicate lead id") {
    text =
        "{\"id\": \"L-1\", \"consent\": true}\n"
        "{\"id\": \"L-1\", \"consent\": false}\n";
    bad_line = 2;
  }
  SECTION("host stage not in stages") {
    text =
        "{\"id\": \"L-0\", \"consent\": true}\n"
        "{\"id\": \"L-1\", \"consent\": true, \"stage\": \"won\"}\n";
    bad_line = 2;
  }
  const std::string leads = Write("leads.jsonl", text);
  const Result r = Run({"explain", "--model", Write("model.json", kModel), "--leads", leads,
                        "--as-of", kAsOf, "--lead", "L-1"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(Contains(r.err, leads + ":" + std::to_string(bad_line) + ": "));
}

}  // namespace
