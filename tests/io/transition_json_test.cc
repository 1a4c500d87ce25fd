// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Transitions as JSON Lines (leadscore/io/transition_json.h): the exact
// line, round trips, and the parser's errors.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "catch2/catch.hpp"
#include "leadscore/io/transition_json.h"
#include "support/test_util.h"

namespace {

using leadscore::AppendTransitionJson;
using leadscore::ParseTransitionJson;
using leadscore::Transition;
using leadscore::TransitionCause;
using namespace leadscore_test;

Transition Make(TransitionCause cause, std::optional<std::string> event_id) {
  Transition t;
  t.lead_id = "L-1";
  t.from = "lead";
  t.to = "mql";
  t.at = T("2026-10-01T10:00:00Z");
  t.cause = cause;
  t.event_id = std::move(event_id);
  t.model_name = "b2b-saas";
  t.model_version = "1";
  t.threshold = 1;
  return t;
}

std::string Line(const Transition& t) {
  std::string out;
  AppendTransitionJson(t, &out);
  return out;
}

// The message of a line that must not parse (InvalidArgument).
std::string ErrorOf(const std::string& line) {
  absl::StatusOr<Transition> t = ParseTransitionJson(line);
  INFO("line: " << line);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(t.status().message());
}

}  // namespace

TEST_CASE("transition JSON: the exact line", "[io][transitions]") {
  CHECK(Line(Make(TransitionCause::kEvent, "e-17")) ==
        R"({"lead_id": "L-1", "from": "lead", "to": "mql", "at": "2026-10-01T10:00:00Z", )"
        R"("cause": "event", "event_id": "e-17", "model": "b2b-saas", "model_version": "1"})");
  CHECK(Line(Make(TransitionCause::kEvent, std::nullopt)) ==
        R"({"lead_id": "L-1", "from": "lead", "to": "mql", "at": "2026-10-01T10:00:00Z", )"
        R"("cause": "event", "event_id": null, "model": "b2b-saas", "model_version": "1"})");
  // Other causes never carry an event id.
  Transition t = Make(TransitionCause::kTime, "stray");
  t.at = T("2026-10-31T00:00:00.250Z");
  CHECK(Line(t) ==
        R"({"lead_id": "L-1", "from": "lead", "to": "mql", "at": "2026-10-31T00:00:00.25Z", )"
        R"("cause": "time", "event_id": null, "model": "b2b-saas", "model_version": "1"})");
  CHECK(Line(Make(TransitionCause::kLead, std::nullopt)).find(R"("cause": "lead", "event_id": null)") !=
        std::string::npos);
}

TEST_CASE("transition JSON: round trip", "[io][transitions]") {
  std::vector<Transition> cases = {Make(TransitionCause::kEvent, "e-17"),
                                   Make(TransitionCause::kEvent, std::nullopt),
                                   Make(TransitionCause::kTime, std::nullopt),
                                   Make(TransitionCause::kLead, std::nullopt)};
  Transition odd = Make(TransitionCause::kEvent, "id \"quoted\"\\ \xC3\xA9\n\t\x01");
  odd.lead_id = "L/\xE2\x82\xAC";
  odd.from = "invalid";
  odd.to = "disqualified";
  odd.at = T("1999-12-31T23:59:59.123456789Z");
  odd.model_name = "m \"x\"";
  odd.model_version = "";
  cases.push_back(odd);
  for (const Transition& t : cases) {
    const std::string line = Line(t);
    INFO("line: " << line);
    CHECK(line.find('\n') == std::string::npos);
    absl::StatusOr<Transition> back = ParseTransitionJson(line);
    REQUIRE(back.ok());
    CHECK(back->lead_id == t.lead_id);
    CHECK(back->from == t.from);
    CHECK(back->to == t.to);
    CHECK(back->at == t.at);
    CHECK(back->cause == t.cause);
    CHECK(back->event_id == t.event_id);
    CHECK(back->model_name == t.model_name);
    CHECK(back->model_version == t.model_version);
    CHECK(back->threshold == -1);  // not written
    CHECK(Line(*back) == line);
  }
  // Any key order and spacing; unknown keys ignored.
  absl::StatusOr<Transition> t = ParseTransitionJson(
      R"({"model_version":"2","model":"m","event_id":null,"cause":"time","at":"2026-10-01T10:00:00+02:00",)"
      R"("to":"sql","from":"mql","lead_id":"X","extra":[1]})");
  REQUIRE(t.ok());
  CHECK(t->cause == TransitionCause::kTime);
  CHECK(Fmt(t->at) == "2026-10-01T08:00:00Z");
  CHECK_FALSE(t->event_id.has_value());
}

TEST_CASE("transition JSON: errors name the key and the problem", "[io][transitions]") {
  const std::string good = Line(Make(TransitionCause::kEvent, "e-17"));
  auto with = [&](const std::string& key, const std::string& value) {
    const std::string k = "\"" + key + "\": ";
    const size_t at = good.find(k) + k.size();
    const size_t end = good.find_first_of(",}", good[at] == '"' ? good.find('"', at + 1) : at);
    return good.substr(0, at) + value + good.substr(end);
  };
  CHECK(ErrorOf("{\"lead_id\": ").find("invalid JSON") == 0);
  CHECK(ErrorOf("[1]") == "expected a JSON object, got an array");
  CHECK(ErrorOf(R"({"lead_id": "L-1", "from": "lead"})") == "missing required key 'to'");
  CHECK(ErrorOf(with("from", "3")) == "'from': expected a string, got a number");
  CHECK(ErrorOf(with("at", "\"yesterday\"")).find("'at': ") == 0);
  CHECK(ErrorOf(with("cause", "\"tick\"")) ==
        "'cause': expected \"event\", \"time\", \"lead\" or \"model\", got \"tick\"");
  CHECK(ErrorOf(with("event_id", "17")) == "'event_id': expected a string or null, got a number");
  const std::string timed = Line(Make(TransitionCause::kTime, std::nullopt));
  std::string stray = timed;
  stray.replace(stray.find("null"), 4, "\"e-1\"");
  CHECK(ErrorOf(stray) == "'event_id': must be null for cause \"time\"");
  std::string no_id = good;
  no_id.replace(no_id.find("\"event_id\""), 10, "\"eventid\"");
  CHECK(ErrorOf(no_id) == "missing required key 'event_id'");
  CHECK(ErrorOf(with("model_version", "1")) ==
        "'model_version': expected a string, got a number");
}
