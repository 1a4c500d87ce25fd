// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/time.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace leadscore {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil), valid for every year we accept.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `*pos`.
bool Digits(absl::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(absl::string_view s, size_t* pos, char a, char b = 0) {
  if (*pos >= s.size()) return false;
  const char c = s[*pos];
  if (c != a && (b == 0 || c != b)) return false;
  ++*pos;
  return true;
}

absl::Status Bad(absl::string_view text, absl::string_view why) {
  std::string shown(text.substr(0, 64));
  return absl::InvalidArgumentError(
      absl::StrCat("invalid timestamp \"", shown, text.size() > 64 ? "..." : "",
                   "\": ", why,
                   " (expected RFC 3339, e.g. 2026-11-01T09:30:00Z)"));
}

}  // namespace

absl::StatusOr<absl::Time> ParseTimestamp(absl::string_view s) {
  size_t p = 0;
  int year, month, day, hour, minute, second;
  if (!Digits(s, &p, 4, &year) || !Expect(s, &p, '-') ||
      !Digits(s, &p, 2, &month) || !Expect(s, &p, '-') ||
      !Digits(s, &p, 2, &day)) {
    return Bad(s, "bad date");
  }
  if (!Expect(s, &p, 'T', 't')) return Bad(s, "missing 'T' between date and time");
  if (!Digits(s, &p, 2, &hour) || !Expect(s, &p, ':') ||
      !Digits(s, &p, 2, &minute) || !Expect(s, &p, ':') ||
      !Digits(s, &p, 2, &second)) {
    return Bad(s, "bad time of day");
  }
  if (month < 1 || month > 12) return Bad(s, "month out of range");
  if (day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, month)) {
    return Bad(s, "day out of range");
  }
  if (hour > 23 || minute > 59) return Bad(s, "time of day out of range");
  // RFC 3339 allows a leap second (:60); it is read as the next second.
  if (second > 60) return Bad(s, "second out of range");
  int64_t nanos = 0;
  if (p < s.size() && s[p] == '.') {
    ++p;
    const size_t start = p;
    int64_t scale = 100000000;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
      if (scale > 0) nanos += (s[p] - '0') * scale;  // digits past ns truncated
      scale /= 10;
      ++p;
    }
    if (p == start) return Bad(s, "empty fraction");
  }
  int offset_seconds = 0;
  if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
    ++p;
  } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    const int sign = s[p] == '-' ? -1 : 1;
    ++p;
    int oh, om;
    if (!Digits(s, &p, 2, &oh) || !Expect(s, &p, ':') || !Digits(s, &p, 2, &om) ||
        oh > 23 || om > 59) {
      return Bad(s, "bad UTC offset");
    }
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return Bad(s, "missing time zone ('Z' or an offset like +02:00)");
  }
  if (p != s.size()) return Bad(s, "unexpected text after the time zone");
  const int64_t secs = DaysFromCivil(year, month, day) * 86400 + hour * 3600 +
                       minute * 60 + second - offset_seconds;
  return absl::FromUnixSeconds(secs) + absl::Nanoseconds(nanos);
}

std::string FormatTimestamp(absl::Time t) {
  // Split into whole seconds (floor) and nanoseconds in [0, 1e9).
  const absl::Duration since = t - absl::UnixEpoch();
  absl::Duration rem;
  int64_t secs = absl::IDivDuration(since, absl::Seconds(1), &rem);
  if (rem < absl::ZeroDuration()) {
    --secs;
    rem += absl::Seconds(1);
  }
  const int64_t nanos = absl::ToInt64Nanoseconds(rem);
  // civil_from_days (Hinnant).
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t sod = secs - days * 86400;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d",
                        static_cast<long long>(y), m, d,
                        static_cast<int>(sod / 3600),
                        static_cast<int>(sod % 3600 / 60),
                        static_cast<int>(sod % 60));
  std::string out(buf, n);
  if (nanos != 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, "%09lld", static_cast<long long>(nanos));
    int len = 9;
    while (frac[len - 1] == '0') --len;
    out.push_back('.');
    out.append(frac, len);
  }
  out.push_back('Z');
  return out;
}

absl::Time MinEngineTime() {
  return absl::FromUnixSeconds(DaysFromCivil(1900, 1, 1) * 86400);
}
absl::Time MaxEngineTime() {
  return absl::FromUnixSeconds(DaysFromCivil(2190, 1, 1) * 86400) -
         absl::Nanoseconds(1);
}

absl::StatusOr<int64_t> ToEngineNanos(absl::Time t) {
  static const absl::Time lo = MinEngineTime(), hi = MaxEngineTime();  // once
  if (t < lo || t > hi) {
    return absl::OutOfRangeError(
        absl::StrCat("timestamp ", FormatTimestamp(t),
                     " is outside the supported range 1900-01-01 to 2189-12-31"));
  }
  return absl::ToUnixNanos(t);
}

}  // namespace leadscore
