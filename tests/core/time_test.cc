// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ParseTimestamp / FormatTimestamp (spec: RFC 3339 input, section 8 output).

#include <string>

#include "support/test_util.h"

namespace leadscore_test {
namespace {

using leadscore::FormatTimestamp;
using leadscore::ParseTimestamp;

// An independent reference: absl's civil-time conversion in UTC.
absl::Time Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone());
}

TEST_CASE("ParseTimestamp reads Z timestamps", "[time]") {
  // 2026-11-01T09:30:00Z is that civil time in UTC.
  auto t = ParseTimestamp("2026-11-01T09:30:00Z");
  REQUIRE(t.ok());
  CHECK(*t == Utc(2026, 11, 1, 9, 30, 0));
  // The Unix epoch itself is 0.
  CHECK(absl::ToUnixSeconds(*ParseTimestamp("1970-01-01T00:00:00Z")) == 0);
}

TEST_CASE("ParseTimestamp applies offsets", "[time]") {
  // 11:30 at +02:00 is 09:30 UTC.
  CHECK(*ParseTimestamp("2026-11-01T11:30:00+02:00") == Utc(2026, 11, 1, 9, 30, 0));
  // 04:00 at -05:30 is 09:30 UTC.
  CHECK(*ParseTimestamp("2026-11-01T04:00:00-05:30") == Utc(2026, 11, 1, 9, 30, 0));
  // +00:00 and -00:00 are UTC.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00+00:00") == Utc(2026, 11, 1, 9, 30, 0));
  CHECK(*ParseTimestamp("2026-11-01T09:30:00-00:00") == Utc(2026, 11, 1, 9, 30, 0));
  // 01:00 on Jan 1st at +02:00 is 23:00 on Dec 31st UTC, the previous year.
  CHECK(*ParseTimestamp("2026-01-01T01:00:00+02:00") == Utc(2025, 12, 31, 23, 0, 0));
}

TEST_CASE("ParseTimestamp reads fractional seconds", "[time]") {
  const absl::Time base = Utc(2026, 11, 1, 9, 30, 0);
  // .5 s = 500 ms; .25 s = 250 ms.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.5Z") == base + absl::Milliseconds(500));
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.25Z") == base + absl::Milliseconds(250));
  // Nine digits are nanoseconds.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.123456789Z") ==
        base + absl::Nanoseconds(123456789));
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.000000001Z") == base + absl::Nanoseconds(1));
  // A fraction with an offset: 11:30:00.75+02:00 is 09:30:00.75Z.
  CHECK(*ParseTimestamp("2026-11-01T11:30:00.75+02:00") == base + absl::Milliseconds(750));
}

TEST_CASE("ParseTimestamp truncates digits past nanoseconds", "[time]") {
  const absl::Time base = Utc(2026, 11, 1, 9, 30, 0);
  // .1234567899: the 10th digit (9) is dropped, not rounded.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.1234567899Z") ==
        base + absl::Nanoseconds(123456789));
  // .99999999999: truncated to 999999999 ns, never rounded up to the next second.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.99999999999Z") ==
        base + absl::Nanoseconds(999999999));
  // .0000000009: everything past the 9th digit goes, leaving 0.
  CHECK(*ParseTimestamp("2026-11-01T09:30:00.0000000009Z") == base);
}

TEST_CASE("ParseTimestamp accepts lower-case t and z", "[time]") {
  // Same instant as the upper-case spelling.
  CHECK(*ParseTimestamp("2026-11-01t09:30:00z") == Utc(2026, 11, 1, 9, 30, 0));
  CHECK(*ParseTimestamp("2026-11-01t09:30:00Z") == Utc(2026, 11, 1, 9, 30, 0));
  CHECK(*ParseTimestamp("2026-11-01T09:30:00z") == Utc(2026, 11, 1, 9, 30, 0));
}

TEST_CASE("ParseTimestamp checks leap days", "[time]") {
  // 2024 and 2000 are leap years (divisible by 4; 2000 by 400).
  CHECK(*ParseTimestamp("2024-02-29T00:00:00Z") == Utc(2024, 2, 29, 0, 0, 0));
  CHECK(*ParseTimestamp("2000-02-29T12:00:00Z") == Utc(2000, 2, 29, 12, 0, 0));
  // 2023 is not; 1900 and 2100 are divisible by 100 but not 400.
  CHECK_FALSE(ParseTimestamp("2023-02-29T00:00:00Z").ok());
  CHECK_FALSE(ParseTimestamp("1900-02-29T00:00:00Z").ok());
  CHECK_FALSE(ParseTimestamp("2100-02-29T00:00:00Z").ok());
  // No month has 32 days, April has 30.
  CHECK_FALSE(ParseTimestamp("2026-01-32T00:00:00Z").ok());
  CHECK_FALSE(ParseTimestamp("2026-04-31T00:00:00Z").ok());
  CHECK(ParseTimestamp("2026-04-30T00:00:00Z").ok());
}

TEST_CASE("ParseTimestamp reads a leap second as the next second", "[time]") {
  // docs/model-format.md: ':60' is read as the next second.
  CHECK(*ParseTimestamp("2016-12-31T23:59:60Z") == Utc(2017, 1, 1, 0, 0, 0));
}

TEST_CASE("ParseTimestamp rejects bad input with readable messages", "[time]") {
  const char* bad[] = {
      "",                               // empty
      "2026-11-01",                     // no time
      "2026-11-01 09:30:00Z",           // space instead of T
      "2026-11-01T09:30:00",            // no zone
      "2026-11-01T09:30Z",              // no seconds
      "2026-13-01T00:00:00Z",           // month 13
      "2026-00-01T00:00:00Z",           // month 0
      "2026-11-00T00:00:00Z",           // day 0
      "2026-11-01T24:00:00Z",           // hour 24
      "2026-11-01T09:60:00Z",           // minute 60
      "2026-11-01T09:30:61Z",           // second 61
      "2026-11-01T09:30:00.Z",          // empty fraction
      "2026-11-01T09:30:00+2:00",       // one-digit offset hour
      "2026-11-01T09:30:00+0200",       // offset without colon
      "2026-11-01T09:30:00+24:00",      // offset hour 24
      "2026-11-01T09:30:00Z junk",      // trailing text
      "26-11-01T09:30:00Z",             // two-digit year
      "2026-1-01T09:30:00Z",            // one-digit month
      "yesterday",                      // not a timestamp
  };
  for (const char* text : bad) {
    INFO("input: \"" << text << "\"");
    auto t = ParseTimestamp(text);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == absl::StatusCode::kInvalidArgument);
    const std::string msg(t.status().message());
    // A readable message quotes the input and says what was expected.
    CHECK(msg.find(std::string("\"") + text + "\"") != std::string::npos);
    CHECK(msg.find("RFC 3339") != std::string::npos);
  }
}

TEST_CASE("ParseTimestamp messages say what is wrong", "[time]") {
  auto msg = [](const char* text) {
    return std::string(ParseTimestamp(text).status().message());
  };
  CHECK_THAT(msg("2026-11-01T09:30:00"), Catch::Contains("time zone"));
  CHECK_THAT(msg("2026-02-30T09:30:00Z"), Catch::Contains("day"));
  CHECK_THAT(msg("2026-13-01T09:30:00Z"), Catch::Contains("month"));
}

TEST_CASE("FormatTimestamp writes whole seconds without a fraction", "[time]") {
  CHECK(FormatTimestamp(Utc(2026, 11, 1, 9, 30, 0)) == "2026-11-01T09:30:00Z");
  CHECK(FormatTimestamp(absl::UnixEpoch()) == "1970-01-01T00:00:00Z");
}

TEST_CASE("FormatTimestamp writes the shortest exact fraction", "[time]") {
  const absl::Time base = Utc(2026, 11, 1, 9, 30, 0);
  // 500 ms -> .5; 250 ms -> .25; 100 ms -> .1 (trailing zeros dropped).
  CHECK(FormatTimestamp(base + absl::Milliseconds(500)) == "2026-11-01T09:30:00.5Z");
  CHECK(FormatTimestamp(base + absl::Milliseconds(250)) == "2026-11-01T09:30:00.25Z");
  CHECK(FormatTimestamp(base + absl::Milliseconds(100)) == "2026-11-01T09:30:00.1Z");
  // 1 ns needs all 9 digits; 123456789 ns is 9 digits.
  CHECK(FormatTimestamp(base + absl::Nanoseconds(1)) == "2026-11-01T09:30:00.000000001Z");
  CHECK(FormatTimestamp(base + absl::Nanoseconds(123456789)) ==
        "2026-11-01T09:30:00.123456789Z");
  // 1.5 s later: 09:30:01.5.
  CHECK(FormatTimestamp(base + absl::Milliseconds(1500)) == "2026-11-01T09:30:01.5Z");
}

TEST_CASE("FormatTimestamp writes at most 9 fraction digits", "[time]") {
  const absl::Time base = Utc(2026, 11, 1, 9, 30, 0);
  // A quarter nanosecond is below the output's resolution: truncated away.
  CHECK(FormatTimestamp(base + absl::Nanoseconds(1) / 4) == "2026-11-01T09:30:00Z");
  // 1.75 ns: truncated to 1 ns.
  CHECK(FormatTimestamp(base + absl::Nanoseconds(1) + absl::Nanoseconds(3) / 4) ==
        "2026-11-01T09:30:00.000000001Z");
}

TEST_CASE("FormatTimestamp writes UTC whatever the input offset", "[time]") {
  // 11:30:00.5+02:00 is 09:30:00.5Z.
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-01T11:30:00.5+02:00")) ==
        "2026-11-01T09:30:00.5Z");
  // 2026-09-02T02:00:00+02:00 is midnight UTC (concepts.md's E-4).
  CHECK(FormatTimestamp(*ParseTimestamp("2026-09-02T02:00:00+02:00")) ==
        "2026-09-02T00:00:00Z");
  // 23:00-02:00 on Dec 31st is 01:00Z on Jan 1st of the next year.
  CHECK(FormatTimestamp(*ParseTimestamp("2025-12-31T23:00:00-02:00")) ==
        "2026-01-01T01:00:00Z");
  // Lower-case input comes out upper-case.
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-01t09:30:00z")) == "2026-11-01T09:30:00Z");
}

TEST_CASE("FormatTimestamp round-trips, truncated input included", "[time]") {
  // Ten fraction digits in, nine out (the 10th is truncated).
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-01T09:30:00.1234567891Z")) ==
        "2026-11-01T09:30:00.123456789Z");
  // Before the epoch the fraction is still counted forwards from the second.
  CHECK(FormatTimestamp(*ParseTimestamp("1969-12-31T23:59:59.5Z")) ==
        "1969-12-31T23:59:59.5Z");
  CHECK(FormatTimestamp(*ParseTimestamp("2024-02-29T23:59:59.999999999Z")) ==
        "2024-02-29T23:59:59.999999999Z");
}

TEST_CASE("Engine time range is 1900 to 2189", "[time]") {
  // time.h: [1900-01-01T00:00:00Z, 2189-12-31T23:59:59.999999999Z].
  CHECK(FormatTimestamp(leadscore::MinEngineTime()) == "1900-01-01T00:00:00Z");
  CHECK(FormatTimestamp(leadscore::MaxEngineTime()) == "2189-12-31T23:59:59.999999999Z");
  CHECK(leadscore::ToEngineNanos(leadscore::MinEngineTime()).ok());
  CHECK(leadscore::ToEngineNanos(leadscore::MaxEngineTime()).ok());
  auto below = leadscore::ToEngineNanos(leadscore::MinEngineTime() - absl::Nanoseconds(1));
  auto above = leadscore::ToEngineNanos(leadscore::MaxEngineTime() + absl::Nanoseconds(1));
  REQUIRE_FALSE(below.ok());
  REQUIRE_FALSE(above.ok());
  CHECK(below.status().code() == absl::StatusCode::kOutOfRange);
  CHECK_THAT(std::string(above.status().message()), Catch::Contains("1900"));
  CHECK_THAT(std::string(above.status().message()), Catch::Contains("2189"));
  // 2026-10-01T00:00:00Z is 1790812800 s after the epoch (20727 days * 86400).
  CHECK(*leadscore::ToEngineNanos(Base()) == int64_t{1790812800} * 1000000000);
}

}  // namespace
}  // namespace leadscore_test
