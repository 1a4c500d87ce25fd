// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/outcomes.h"

#include <string>

#include <catch2/catch.hpp>
#include "leadscore/time.h"

namespace leadscore {
namespace {

TEST_CASE("ParseOutcomeJson reads lead_id converted and at", "[outcomes]") {
  auto o = ParseOutcomeJson(
      R"({"lead_id": "L-1", "converted": true, "at": "2026-11-01T10:00:00+01:00"})");
  REQUIRE(o.ok());
  CHECK(o->lead_id == "L-1");
  CHECK(o->converted);
  REQUIRE(o->at.has_value());
  CHECK(FormatTimestamp(*o->at) == "2026-11-01T09:00:00Z");

  auto n = ParseOutcomeJson(R"({"lead_id": "L-2", "converted": false, "extra": 1})");
  REQUIRE(n.ok());
  CHECK_FALSE(n->converted);
  CHECK_FALSE(n->at.has_value());

  auto null_at = ParseOutcomeJson(R"({"lead_id": "L-3", "converted": true, "at": null})");
  REQUIRE(null_at.ok());
  CHECK_FALSE(null_at->at.has_value());
}

TEST_CASE("ParseOutcomeJson reports what is wrong", "[outcomes]") {
  struct Case {
    const char* line;
    const char* message;
  };
  const Case cases[] = {
      {R"({"lead_id": "L-1", "converted": tru})", "invalid JSON"},
      {R"([1, 2])", "expected a JSON object, got an array"},
      {R"({"converted": true})", "missing required key 'lead_id'"},
      {R"({"lead_id": 7, "converted": true})", "'lead_id': expected a string, got a number"},
      {R"({"lead_id": "L-1"})", "missing required key 'converted'"},
      {R"({"lead_id": "L-1", "converted": 1})",
       "'converted': expected true or false, got a number"},
      {R"({"lead_id": "L-1", "converted": true, "at": 5})",
       "'at': expected an RFC 3339 timestamp string"},
      {R"({"lead_id": "L-1", "converted": true, "at": "2026-13-01T00:00:00Z"})", "'at': "},
  };
  for (const Case& c : cases) {
    INFO(c.line);
    auto o = ParseOutcomeJson(c.line);
    REQUIRE_FALSE(o.ok());
    CHECK(o.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(o.status().message()).find(c.message) != std::string::npos);
  }
}

// As documented in outcomes.h: errors never quote the line (the same
// parser as leads and events).
TEST_CASE("ParseOutcomeJson errors leave out the line's content", "[outcomes]") {
  for (const char* line : {R"({"lead_id": "ana.perez@example.com)",
                           R"({"lead_id": "ana.perez@example.com", "converted": tru})"}) {
    INFO(line);
    auto o = ParseOutcomeJson(line);
    REQUIRE_FALSE(o.ok());
    const std::string message(o.status().message());
    CHECK(message.rfind("invalid JSON: parse error at column", 0) == 0);
    CHECK(message.find("ana.perez") == std::string::npos);
    CHECK(message.find("tru") == std::string::npos);
  }
}

TEST_CASE("ParseOutcomeFlag accepts the documented words", "[outcomes]") {
  for (const char* t : {"1", "true", "TRUE", "yes", "Y", "t", " yes "}) {
    INFO(t);
    auto b = ParseOutcomeFlag(t);
    REQUIRE(b.ok());
    CHECK(*b);
  }
  for (const char* f : {"0", "false", "No", "n", "F"}) {
    INFO(f);
    auto b = ParseOutcomeFlag(f);
    REQUIRE(b.ok());
    CHECK_FALSE(*b);
  }
  for (const char* bad : {"", "2", "maybe", "converted"}) {
    INFO(bad);
    auto b = ParseOutcomeFlag(bad);
    REQUIRE_FALSE(b.ok());
    CHECK(b.status().code() == absl::StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace leadscore
