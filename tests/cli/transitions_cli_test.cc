// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// `leadscore score --transitions FILE` on the bundled B2B sample
// (examples/): the transitions file, its chain property against the
// scorecards, pinned counts and lines, and the argument errors (docs/cli.md).

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "leadscore/io/transition_json.h"
#include "nlohmann/json.hpp"
#include "support/cli_util.h"

namespace {

using leadscore::ParseTransitionJson;
using leadscore::Transition;
using leadscore::TransitionCause;
using leadscore_test::CliDir;
using leadscore_test::ReadFile;
using nlohmann::json;

std::string Source(const std::string& rel) {
  return std::string(LEADSCORE_SOURCE_DIR) + "/" + rel;
}

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
  REQUIRE(cur.empty());  // every line ends with a newline
  return lines;
}

class TransitionsCli : public CliDir {
 public:
  TransitionsCli() : CliDir("transitions_cli_tmp") {}

  std::vector<std::string> Score(std::vector<std::string> more) const {
    std::vector<std::string> args = {
        "score", "--model", Source("examples/models/b2b-saas.json"),
        "--leads", Source("examples/data/leads.jsonl"),
        "--events", Source("examples/data/events.jsonl"),
        "--as-of", AsOf()};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  static std::string AsOf() {
    return std::string(
        absl::StripAsciiWhitespace(ReadFile(Source("examples/data/as_of.txt"))));
  }
};

}  // namespace

TEST_CASE_METHOD(TransitionsCli, "cli: score --transitions on the bundled b2b sample",
                 "[cli][transitions]") {
  const auto plain = Run(Score({"--out", Path("plain.jsonl")}));
  REQUIRE(plain.code == 0);
  const auto r = Run(Score({"--out", Path("cards.jsonl"), "--transitions", Path("t.jsonl")}));
  REQUIRE(r.code == 0);
  CHECK(r.out.empty());
  // The scorecards and the summary's counts do not change.
  const std::string cards_text = ReadFile(Path("cards.jsonl"));
  CHECK(cards_text == ReadFile(Path("plain.jsonl")));
  CHECK(SplitLines(r.err)[0] == SplitLines(plain.err)[0]);

  std::vector<std::string> lead_order;
  std::map<std::string, std::string> stage_of;
  for (const std::string& line : SplitLines(cards_text)) {
    const json card = json::parse(line);
    lead_order.push_back(card["lead_id"]);
    stage_of[card["lead_id"]] = card["stage"];
  }
  REQUIRE(lead_order.size() == 2000);

  const std::vector<std::string> lines = SplitLines(ReadFile(Path("t.jsonl")));
  CHECK(lines.size() == 1402);
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < lead_order.size(); ++i) position[lead_order[i]] = i;
  std::map<std::string, std::vector<Transition>> by_lead;
  std::map<std::string, size_t> causes;
  size_t last_position = 0;
  std::string last_lead;
  const absl::Time as_of = leadscore_test::T(AsOf());
  for (const std::string& line : lines) {
    INFO("line: " << line);
    absl::StatusOr<Transition> t = ParseTransitionJson(line);
    REQUIRE(t.ok());
    // Keys in the documented order.
    const json j = json::parse(line);
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    CHECK(line.rfind("{\"lead_id\": ", 0) == 0);
    CHECK(line.find("\"from\": ") < line.find("\"to\": "));
    CHECK(t->model_name == "b2b-saas");
    CHECK(t->model_version == "1");
    // Leads in input order, each lead's lines together.
    REQUIRE(position.count(t->lead_id) == 1);
    if (t->lead_id != last_lead) {
      CHECK(by_lead.count(t->lead_id) == 0);
      CHECK((last_lead.empty() || position[t->lead_id] > last_position));
      last_lead = t->lead_id;
      last_position = position[t->lead_id];
    }
    ++causes[leadscore::TransitionCauseName(t->cause)];
    CHECK(t->at <= as_of);
    if (t->cause == TransitionCause::kTime) {
      CHECK(t->at == as_of);
      CHECK_FALSE(t->event_id.has_value());
    } else {
      CHECK(t->cause == TransitionCause::kEvent);
    }
    by_lead[t->lead_id].push_back(*std::move(t));
  }
  CHECK(causes["event"] == 1333);
  CHECK(causes["time"] == 69);
  CHECK(causes.count("lead") == 0);

  // The chain: each `from` the previous `to`, the first `from` the first
  // stage, the last `to` the scorecard's stage; times in order; a time
  // transition only last.
  size_t changed = 0;
  for (const std::string& id : lead_order) {
    INFO("lead " << id);
    std::string seen = "subscriber";
    absl::Time at = absl::InfinitePast();
    const std::vector<Transition>& ts = by_lead[id];
    changed += !ts.empty();
    for (size_t k = 0; k < ts.size(); ++k) {
      CHECK(ts[k].from == seen);
      CHECK(ts[k].to != ts[k].from);
      CHECK(ts[k].at >= at);
      if (ts[k].cause == TransitionCause::kTime) CHECK(k + 1 == ts.size());
      seen = ts[k].to;
      at = ts[k].at;
    }
    CHECK(seen == stage_of[id]);
  }
  CHECK(changed == 982);  // the other 1018 stay subscribers throughout

  // A few exact lines: the first and the last; a lead without consent and
  // without events (invalid at as_of); one whose consent took effect between
  // its events.
  CHECK(lines.front() ==
        R"({"lead_id": "L-000001", "from": "subscriber", "to": "lead", "at": "2026-10-09T02:33:29Z", "cause": "event", "event_id": "E-00025093", "model": "b2b-saas", "model_version": "1"})");
  CHECK(lines.back() ==
        R"({"lead_id": "L-001999", "from": "subscriber", "to": "lead", "at": "2026-10-12T15:34:19Z", "cause": "event", "event_id": "E-00027183", "model": "b2b-saas", "model_version": "1"})");
  CHECK(by_lead["L-000016"].size() == 1);
  CHECK(std::find(lines.begin(), lines.end(),
                  R"({"lead_id": "L-000016", "from": "subscriber", "to": "invalid", "at": "2026-11-01T00:00:00Z", "cause": "time", "event_id": null, "model": "b2b-saas", "model_version": "1"})") !=
        lines.end());
  CHECK(std::find(lines.begin(), lines.end(),
                  R"({"lead_id": "L-000978", "from": "invalid", "to": "subscriber", "at": "2026-08-30T11:26:15Z", "cause": "event", "event_id": "E-00009525", "model": "b2b-saas", "model_version": "1"})") !=
        lines.end());

  // Byte for byte the same with 4 threads.
  const auto threaded = Run(Score({"--out", Path("cards4.jsonl"), "--transitions",
                                   Path("t4.jsonl"), "--threads", "4"}));
  REQUIRE(threaded.code == 0);
  CHECK(ReadFile(Path("t4.jsonl")) == ReadFile(Path("t.jsonl")));
  CHECK(ReadFile(Path("cards4.jsonl")) == cards_text);
}

TEST_CASE_METHOD(TransitionsCli, "cli: score --transitions - writes them to stdout",
                 "[cli][transitions]") {
  const auto file = Run(Score({"--out", Path("c1.jsonl"), "--transitions", Path("t.jsonl")}));
  REQUIRE(file.code == 0);
  const auto r = Run(Score({"--out", Path("c2.jsonl"), "--transitions", "-"}));
  REQUIRE(r.code == 0);
  CHECK(r.out == ReadFile(Path("t.jsonl")));
  CHECK(ReadFile(Path("c2.jsonl")) == ReadFile(Path("c1.jsonl")));
}

TEST_CASE_METHOD(TransitionsCli, "cli: score --transitions argument errors exit 2",
                 "[cli][transitions]") {
  SECTION("stdout taken by the scorecards") {
    for (const std::vector<std::string>& more :
         {std::vector<std::string>{"--transitions", "-"},
          std::vector<std::string>{"--transitions", "-", "--out", "-"}}) {
      const auto r = Run(Score(more));
      CHECK(r.code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find("leadscore score: --transitions -: the scorecards already go to "
                       "stdout") != std::string::npos);
    }
  }
  SECTION("the same file as --out") {
    const auto r = Run(Score({"--out", Path("x.jsonl"), "--transitions", Path("x.jsonl")}));
    CHECK(r.code == 2);
    CHECK(r.err.find("--transitions and --out name the same file") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(Path("x.jsonl")));
  }
  SECTION("a file that cannot be created") {
    const auto r = Run(Score({"--out", Path("c.jsonl"), "--transitions",
                              Path("no-such-dir/t.jsonl")}));
    CHECK(r.code == 2);
    CHECK(r.err.find("cannot write transitions file") != std::string::npos);
  }
  SECTION("no value") {
    const auto r = Run(Score({"--transitions"}));
    CHECK(r.code == 2);
    CHECK(r.out.empty());
  }
}

TEST_CASE_METHOD(TransitionsCli, "cli: score --help lists --transitions", "[cli][transitions]") {
  const auto r = Run({"score", "--help"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("--transitions F2") != std::string::npos);
}
