// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ParseLeadJson / ParseEventJson (spec sections 1, 2 and 8).

#include <string>

#include "leadscore/io/jsonl.h"
#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::ParseEventJson;
using leadscore::ParseLeadJson;

// The error message of a line that must fail.
std::string LeadError(const std::string& line) {
  auto lead = ParseLeadJson(line);
  INFO("line: " << line);
  REQUIRE_FALSE(lead.ok());
  CHECK(lead.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(lead.status().message());
}

std::string EventError(const std::string& line) {
  auto event = ParseEventJson(line);
  INFO("line: " << line);
  REQUIRE_FALSE(event.ok());
  CHECK(event.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(event.status().message());
}

Lead MustLead(const std::string& line) {
  auto lead = ParseLeadJson(line);
  INFO("line: " << line << " status: " << lead.status().ToString());
  REQUIRE(lead.ok());
  return *std::move(lead);
}

Event MustEvent(const std::string& line) {
  auto event = ParseEventJson(line);
  INFO("line: " << line << " status: " << event.status().ToString());
  REQUIRE(event.ok());
  return *std::move(event);
}

TEST_CASE("a lead needs only a string id", "[jsonl][lead]") {
  const Lead lead = MustLead(R"({"id": "L-1"})");
  CHECK(lead.id == "L-1");
  CHECK_FALSE(lead.consent.granted);  // missing consent: not granted
  CHECK_FALSE(lead.stage.has_value());
  CHECK_FALSE(lead.created_at.has_value());
  CHECK(lead.attributes.empty());
  CHECK_THAT(LeadError(R"({"attributes": {}})"), Catch::Contains("'id'"));
  CHECK_THAT(LeadError(R"({"id": 7})"), Catch::Contains("'id'"));
  CHECK_THAT(LeadError(R"({"id": null})"), Catch::Contains("'id'"));
}

TEST_CASE("the example lead of spec section 1", "[jsonl][lead]") {
  const Lead lead = MustLead(
      R"({"id": "L-1001", "created_at": "2026-09-01T00:00:00Z", "consent": true,
          "stage": "customer",
          "attributes": {"email": "ana@acme.io", "job_title": "VP Marketing",
                         "company_size": 250, "industry": "saas", "country": "ES",
                         "tags": ["webinar", "ebook"]}})");
  CHECK(lead.id == "L-1001");
  CHECK(lead.created_at == std::optional<absl::Time>(T("2026-09-01T00:00:00Z")));
  CHECK(lead.consent.granted);
  CHECK_FALSE(lead.consent.at.has_value());
  CHECK(lead.stage == std::optional<std::string>("customer"));
  CHECK(lead.attributes.at("email") == S("ana@acme.io"));
  CHECK(lead.attributes.at("company_size") == N(250));
  CHECK(lead.attributes.at("tags") == Strs({"webinar", "ebook"}));
  CHECK(lead.attributes.size() == 6);
}

TEST_CASE("consent forms", "[jsonl][lead][consent]") {
  CHECK(MustLead(R"({"id": "a", "consent": true})").consent.granted);
  CHECK_FALSE(MustLead(R"({"id": "a", "consent": false})").consent.granted);
  CHECK_FALSE(MustLead(R"({"id": "a", "consent": null})").consent.granted);
  // {"granted": true} without at: granted at every time.
  const Lead always = MustLead(R"({"id": "a", "consent": {"granted": true}})");
  CHECK(always.consent.granted);
  CHECK_FALSE(always.consent.at.has_value());
  CHECK(always.consent.GrantedAt(T("1900-01-01T00:00:00Z")));
  // With at: granted from at on, at included; the offset is applied.
  const Lead from = MustLead(
      R"({"id": "a", "consent": {"granted": true, "at": "2026-06-30T12:12:00+02:00"}})");
  REQUIRE(from.consent.at.has_value());
  CHECK(*from.consent.at == T("2026-06-30T10:12:00Z"));
  CHECK(from.consent.GrantedAt(T("2026-06-30T10:12:00Z")));
  CHECK_FALSE(from.consent.GrantedAt(T("2026-06-30T10:11:59.999999999Z")));
  // granted false: never, whatever at says.
  const Lead no = MustLead(
      R"({"id": "a", "consent": {"granted": false, "at": "2026-06-30T10:12:00Z"}})");
  CHECK_FALSE(no.consent.GrantedAt(T("2027-01-01T00:00:00Z")));
  // Malformed consent.
  CHECK_THAT(LeadError(R"({"id": "a", "consent": "yes"})"), Catch::Contains("consent"));
  CHECK_THAT(LeadError(R"({"id": "a", "consent": 1})"), Catch::Contains("consent"));
  CHECK_THAT(LeadError(R"({"id": "a", "consent": {"at": "2026-06-30T10:12:00Z"}})"),
             Catch::Contains("granted"));
  CHECK_THAT(LeadError(R"({"id": "a", "consent": {"granted": true, "at": "June 30"}})"),
             Catch::Contains("consent.at"));
}

TEST_CASE("stage: a string or null", "[jsonl][lead]") {
  CHECK_FALSE(MustLead(R"({"id": "a", "stage": null})").stage.has_value());
  CHECK(MustLead(R"({"id": "a", "stage": "mql"})").stage == std::optional<std::string>("mql"));
  CHECK_THAT(LeadError(R"({"id": "a", "stage": 3})"), Catch::Contains("stage"));
}

TEST_CASE("attribute values: scalars and arrays of scalars", "[jsonl][lead]") {
  const Lead lead = MustLead(R"({"id": "a", "attributes": {
      "s": "x", "i": 250, "f": 250.0, "neg": -1.5, "b": false, "n": null,
      "tags": ["a", "b"], "none": []}})");
  CHECK(lead.attributes.at("s") == S("x"));
  CHECK(lead.attributes.at("i") == N(250));
  CHECK(lead.attributes.at("f") == lead.attributes.at("i"));  // numbers are one type
  CHECK(lead.attributes.at("neg") == N(-1.5));
  CHECK(lead.attributes.at("b") == B(false));
  CHECK(lead.attributes.at("b") != N(0));  // a bool is not a number
  CHECK(lead.attributes.at("n").is_null());
  CHECK(lead.attributes.at("tags") == Strs({"a", "b"}));
  CHECK(lead.attributes.at("none") == Value::Array({}));
}

TEST_CASE("attribute objects and nested arrays are rejected, readably", "[jsonl][lead]") {
  const std::string obj =
      LeadError(R"({"id": "a", "attributes": {"addr": {"street": "Calle Secreta 1"}}})");
  CHECK_THAT(obj, Catch::Contains("addr"));
  // The message says what is wrong without echoing the line's content.
  CHECK_THAT(obj, !Catch::Contains("Calle Secreta"));
  CHECK_THAT(LeadError(R"({"id": "a", "attributes": {"m": [["x"]]}})"), Catch::Contains("m"));
  CHECK_THAT(LeadError(R"({"id": "a", "attributes": {"m": [{"k": 1}]}})"), Catch::Contains("m"));
  CHECK_THAT(LeadError(R"({"id": "a", "attributes": ["x"]})"), Catch::Contains("attributes"));
}

TEST_CASE("unknown top-level lead keys are ignored", "[jsonl][lead]") {
  CHECK(MustLead(R"({"id": "a", "owner": "sales", "score": 10})").id == "a");
}

TEST_CASE("lead lines that are not JSON objects", "[jsonl][lead]") {
  CHECK_THAT(LeadError("not json"), Catch::Contains("JSON"));
  CHECK_THAT(LeadError(R"({"id": "a")"), Catch::Contains("JSON"));
  CHECK_THAT(LeadError(R"(["id", "a"])"), Catch::Contains("object"));
  CHECK_FALSE(ParseLeadJson("").ok());
}

TEST_CASE("lead created_at must be a timestamp", "[jsonl][lead]") {
  CHECK_THAT(LeadError(R"({"id": "a", "created_at": "yesterday"})"),
             Catch::Contains("created_at"));
  CHECK_FALSE(MustLead(R"({"id": "a", "created_at": null})").created_at.has_value());
}

TEST_CASE("an event needs lead_id, type and at", "[jsonl][event]") {
  const Event e = MustEvent(
      R"({"id": "E-77", "lead_id": "L-1001", "type": "page_view", "at": "2026-10-02T10:00:00Z",
          "properties": {"url": "https://acme.io/pricing", "duration_s": 42}})");
  CHECK(e.id == std::optional<std::string>("E-77"));
  CHECK(e.lead_id == "L-1001");
  CHECK(e.type == "page_view");
  CHECK(e.at == T("2026-10-02T10:00:00Z"));
  CHECK(e.properties.at("url") == S("https://acme.io/pricing"));
  CHECK(e.properties.at("duration_s") == N(42));
  CHECK_THAT(EventError(R"({"type": "v", "at": "2026-10-02T10:00:00Z"})"),
             Catch::Contains("lead_id"));
  CHECK_THAT(EventError(R"({"lead_id": "L", "at": "2026-10-02T10:00:00Z"})"),
             Catch::Contains("type"));
  CHECK_THAT(EventError(R"({"lead_id": "L", "type": "v"})"), Catch::Contains("'at'"));
  CHECK_THAT(EventError(R"({"lead_id": 5, "type": "v", "at": "2026-10-02T10:00:00Z"})"),
             Catch::Contains("lead_id"));
  CHECK_THAT(EventError(R"({"lead_id": "L", "type": ["v"], "at": "2026-10-02T10:00:00Z"})"),
             Catch::Contains("type"));
}

TEST_CASE("event id: null and missing are no id - an empty string is an id", "[jsonl][event]") {
  const std::string rest = R"("lead_id": "L", "type": "v", "at": "2026-10-02T10:00:00Z")";
  CHECK_FALSE(MustEvent("{" + rest + "}").id.has_value());
  CHECK_FALSE(MustEvent(R"({"id": null, )" + rest + "}").id.has_value());
  CHECK(MustEvent(R"({"id": "", )" + rest + "}").id == std::optional<std::string>(""));
  CHECK_THAT(EventError(R"({"id": 77, )" + rest + "}"), Catch::Contains("'id'"));
}

TEST_CASE("event timestamps: offsets, fractions, bad values", "[jsonl][event]") {
  const std::string head = R"({"lead_id": "L", "type": "v", "at": )";
  // 02:00+02:00 is midnight UTC; fractions kept.
  CHECK(MustEvent(head + R"("2026-09-02T02:00:00+02:00"})").at == T("2026-09-02T00:00:00Z"));
  CHECK(MustEvent(head + R"("2026-09-02T00:00:00.25Z"})").at ==
        T("2026-09-02T00:00:00Z") + absl::Milliseconds(250));
  // Bad timestamps say which key and what is wrong.
  const std::string bad = EventError(head + R"("2026-09-02"})");
  CHECK_THAT(bad, Catch::Contains("'at'"));
  CHECK_THAT(bad, Catch::Contains("2026-09-02"));
  CHECK_THAT(EventError(head + R"("2026-02-30T00:00:00Z"})"), Catch::Contains("'at'"));
  CHECK_THAT(EventError(head + R"(1790812800})"), Catch::Contains("'at'"));
  CHECK_THAT(EventError(head + R"(null})"), Catch::Contains("'at'"));
}

TEST_CASE("event times outside 1900..2189 are rejected", "[jsonl][event]") {
  const std::string head = R"({"lead_id": "L", "type": "v", "at": )";
  // The engine range is [1900-01-01T00:00:00Z, 2189-12-31T23:59:59.999999999Z].
  CHECK(MustEvent(head + R"("1900-01-01T00:00:00Z"})").at == T("1900-01-01T00:00:00Z"));
  CHECK(MustEvent(head + R"("2189-12-31T23:59:59.999999999Z"})").at ==
        T("2189-12-31T23:59:59.999999999Z"));
  const std::string early = EventError(head + R"("1899-12-31T23:59:59.999999999Z"})");
  CHECK_THAT(early, Catch::Contains("'at'"));
  CHECK_THAT(early, Catch::Contains("1900"));
  CHECK_THAT(EventError(head + R"("2190-01-01T00:00:00Z"})"), Catch::Contains("2189"));
  // 1899-12-31T23:00:00-01:00 is 1900-01-01T00:00:00Z: inside.
  CHECK(ParseEventJson(head + R"("1899-12-31T23:00:00-01:00"})").ok());
  CHECK_FALSE(ParseEventJson(head + R"("0001-01-01T00:00:00Z"})").ok());
  CHECK_FALSE(ParseEventJson(head + R"("9999-12-31T23:59:59Z"})").ok());
}

TEST_CASE("event properties: any JSON - objects are opaque", "[jsonl][event]") {
  const Event e = MustEvent(R"({"lead_id": "L", "type": "v", "at": "2026-10-02T10:00:00Z",
      "properties": {"meta": {"a": 1}, "list": [1, "x", {"k": 2}, [3]], "n": null,
                     "ok": true}})");
  CHECK(e.properties.at("meta").kind() == Value::Kind::kOther);
  REQUIRE(e.properties.at("list").is_array());
  CHECK(e.properties.at("list").as_array().size() == 4);
  CHECK(e.properties.at("list").as_array()[0] == N(1));
  CHECK(e.properties.at("list").as_array()[2].kind() == Value::Kind::kOther);
  CHECK(e.properties.at("n").is_null());
  CHECK(e.properties.at("ok") == B(true));
  // properties itself must be an object (or null).
  CHECK_THAT(EventError(R"({"lead_id": "L", "type": "v", "at": "2026-10-02T10:00:00Z",
                            "properties": [1]})"),
             Catch::Contains("properties"));
  CHECK(MustEvent(R"({"lead_id": "L", "type": "v", "at": "2026-10-02T10:00:00Z",
                      "properties": null})")
            .properties.empty());
}

TEST_CASE("event lines that are not JSON objects", "[jsonl][event]") {
  CHECK_THAT(EventError("{"), Catch::Contains("JSON"));
  CHECK_THAT(EventError("42"), Catch::Contains("object"));
}

}  // namespace
}  // namespace leadscore_test
