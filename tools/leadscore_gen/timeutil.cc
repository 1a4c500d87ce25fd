#include "timeutil.h"

#include <cstddef>

namespace leadscore_gen {
namespace {

bool Digits(const std::string& s, size_t pos, size_t n, int64_t& v) {
  if (pos + n > s.size()) return false;
  v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return true;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

void Put2(std::string& out, unsigned v) {
  out.push_back(static_cast<char>('0' + v / 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

bool ParseRfc3339(const std::string& s, int64_t& out_ms) {
  int64_t y, mo, d, h, mi, se;
  if (!Digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, mo) ||
      s[7] != '-' || !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
      !Digits(s, 11, 2, h) || s[13] != ':' || !Digits(s, 14, 2, mi) || s[16] != ':' ||
      !Digits(s, 17, 2, se)) {
    return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(mo)) || h > 23 ||
      mi > 59 || se > 60) {
    return false;
  }
  if (se == 60) se = 59;  // leap second: clamp, good enough for a generator
  size_t pos = 19;
  int64_t frac_ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t ndig = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (ndig < 3) frac_ms = frac_ms * 10 + (s[pos] - '0');
      ++ndig;
      ++pos;
    }
    if (ndig == 0) return false;
    for (size_t i = ndig; i < 3; ++i) frac_ms *= 10;
  }
  int64_t offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    int64_t oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return false;
    }
    offset_min = sign * (oh * 60 + om);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  out_ms = ((days * 24 + h) * 60 + mi) * kMinuteMs + se * kSecondMs + frac_ms -
           offset_min * kMinuteMs;
  return true;
}

void AppendRfc3339(std::string& out, int64_t ms, int offset_min) {
  const int64_t local = ms + static_cast<int64_t>(offset_min) * kMinuteMs;
  int64_t days = local / kDayMs;
  int64_t rem = local % kDayMs;
  if (rem < 0) {
    rem += kDayMs;
    --days;
  }
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  const unsigned msec = static_cast<unsigned>(rem % 1000);
  const unsigned secs = static_cast<unsigned>(rem / 1000);
  // Years outside 0000-9999 are not representable in RFC 3339; callers keep within range.
  const unsigned yy = static_cast<unsigned>(y);
  out.push_back(static_cast<char>('0' + yy / 1000 % 10));
  out.push_back(static_cast<char>('0' + yy / 100 % 10));
  Put2(out, yy % 100);
  out.push_back('-');
  Put2(out, m);
  out.push_back('-');
  Put2(out, d);
  out.push_back('T');
  Put2(out, secs / 3600);
  out.push_back(':');
  Put2(out, secs / 60 % 60);
  out.push_back(':');
  Put2(out, secs % 60);
  if (msec != 0) {
    out.push_back('.');
    out.push_back(static_cast<char>('0' + msec / 100));
    Put2(out, msec % 100);
  }
  if (offset_min == 0) {
    out.push_back('Z');
  } else {
    const unsigned a = static_cast<unsigned>(offset_min < 0 ? -offset_min : offset_min);
    out.push_back(offset_min < 0 ? '-' : '+');
    Put2(out, a / 60);
    out.push_back(':');
    Put2(out, a % 60);
  }
}

}  // namespace leadscore_gen
