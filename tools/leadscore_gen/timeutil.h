// RFC 3339 parsing and formatting for leadscore-gen (milliseconds since the Unix epoch, UTC).
#ifndef LEADSCORE_GEN_TIMEUTIL_H_
#define LEADSCORE_GEN_TIMEUTIL_H_

#include <cstdint>
#include <string>

namespace leadscore_gen {

constexpr int64_t kSecondMs = 1000;
constexpr int64_t kMinuteMs = 60 * kSecondMs;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
inline int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

inline void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

// Parses an RFC 3339 timestamp ("2026-11-01T00:00:00Z", "2026-11-01T09:30:00.25+02:00").
// Fraction digits past milliseconds are truncated. Returns false on malformed input.
bool ParseRfc3339(const std::string& s, int64_t& out_ms);

// Appends a timestamp to `out`.
//   offset_min == 0 and ms part 0:  2026-11-01T09:30:00Z
//   offset_min == 0, ms part != 0:  2026-11-01T09:30:00.250Z   (always 3 digits, like most SDKs)
//   offset_min != 0:                2026-11-01T11:30:00+02:00  (same instant, local wall time)
void AppendRfc3339(std::string& out, int64_t ms, int offset_min = 0);

}  // namespace leadscore_gen

#endif  // LEADSCORE_GEN_TIMEUTIL_H_
