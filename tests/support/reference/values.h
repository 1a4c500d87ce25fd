// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The reference implementation's values, times and windows (spec v1, section
// 8 "Types", "Case"; section 1 "Days"). See reference.h for what the
// reference implementation is and who uses it.

#ifndef LEADSCORE_TESTS_SUPPORT_REFERENCE_VALUES_H_
#define LEADSCORE_TESTS_SUPPORT_REFERENCE_VALUES_H_

#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace reference {

using ojson = nlohmann::ordered_json;

constexpr int64_t kNsPerSec = 1000000000LL;
constexpr int64_t kNsPerDay = 86400LL * kNsPerSec;

// A window of D days before x is (x - D days, x]. Event times are whole
// nanoseconds, so t is in it iff x - t < D * 86400e9, that is iff
// x - t < ceil(D * 86400e9). D is the decimal number the model's JSON text
// says (the shortest representation of the double, as nlohmann::json writes
// it: "0.1" is 8640e9 ns exactly, not the double's 8640e9 + 0.0005);
// DaysToNs computes that ceiling exactly, saturated at INT64_MAX.
__extension__ typedef __int128 Int128;
inline int64_t DecimalDaysToNs(const std::string& text) {
  // text: digits, optional '.', optional exponent ("0.1", "7.000000000000001",
  // "1e-12", "1e+300", "45.5").
  Int128 digits = 0;
  int exp10 = 0, ndigits = 0;
  size_t i = 0;
  bool seen_dot = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') { seen_dot = true; continue; }
    if (text[i] < '0' || text[i] > '9') throw std::logic_error("bad days: " + text);
    if (digits == 0 && text[i] == '0') { if (seen_dot) --exp10; continue; }
    if (++ndigits > 30) throw std::logic_error("too many digits: " + text);
    digits = digits * 10 + (text[i] - '0');
    if (seen_dot) --exp10;
  }
  if (i < text.size()) exp10 += std::stoi(text.substr(i + 1));
  if (digits <= 0) throw std::logic_error("days must be positive: " + text);
  // ns = digits * 10^exp10 * 864 * 10^11
  Int128 num = digits * 864;
  int e = exp10 + 11;
  const Int128 kMax = INT64_MAX;
  for (; e > 0; --e) {
    num *= 10;
    if (num > kMax) return INT64_MAX;
  }
  if (e == 0) return static_cast<int64_t>(num);
  Int128 den = 1;
  for (; e < 0; ++e) {
    if (den > num) return 1;  // 0 < value < 1
    den *= 10;
  }
  const Int128 ns = (num + den - 1) / den;
  return ns > kMax ? INT64_MAX : static_cast<int64_t>(ns);
}

// Not thread-safe (a process-wide cache): the tests and the benchmark call it
// from one thread.
inline int64_t DaysToNs(double days) {
  static std::map<double, int64_t>* cache = new std::map<double, int64_t>();
  auto it = cache->find(days);
  if (it != cache->end()) return it->second;
  if (!(days > 0) || !std::isfinite(days)) throw std::logic_error("days must be positive");
  const int64_t ns = DecimalDaysToNs(ojson(days).dump());
  (*cache)[days] = ns;
  return ns;
}

// t in (now - days, now], without overflow for any two engine times.
inline bool InWindow(int64_t t, int64_t now, double days) {
  return t <= now && now - t < DaysToNs(days);
}

// A JSON value of a lead attribute, event property or condition argument.
struct OVal {
  enum Kind { kNull, kBool, kNum, kStr, kArr } k = kNull;
  bool b = false;
  double n = 0;
  std::string s;
  std::vector<OVal> arr;
};

inline OVal VNull() { return OVal{}; }
inline OVal VBool(bool b) { OVal v; v.k = OVal::kBool; v.b = b; return v; }
inline OVal VNum(double n) { OVal v; v.k = OVal::kNum; v.n = n; return v; }
inline OVal VStr(std::string s) { OVal v; v.k = OVal::kStr; v.s = std::move(s); return v; }
inline OVal VArr(std::vector<OVal> a) { OVal v; v.k = OVal::kArr; v.arr = std::move(a); return v; }

inline ojson ToJson(const OVal& v) {
  switch (v.k) {
    case OVal::kNull: return nullptr;
    case OVal::kBool: return v.b;
    case OVal::kNum: return v.n;
    case OVal::kStr: return v.s;
    case OVal::kArr: {
      ojson a = ojson::array();
      for (const auto& e : v.arr) a.push_back(ToJson(e));
      return a;
    }
  }
  return nullptr;
}

// Any JSON value (objects are not values in spec v1: the caller refuses them).
template <class Json>
inline OVal ValueFromJson(const Json& j) {
  if (j.is_boolean()) return VBool(j.template get<bool>());
  if (j.is_number()) return VNum(j.template get<double>());
  if (j.is_string()) return VStr(j.template get<std::string>());
  if (j.is_array()) {
    std::vector<OVal> a;
    for (const auto& e : j) a.push_back(ValueFromJson(e));
    return VArr(std::move(a));
  }
  return VNull();
}

using Attrs = std::map<std::string, OVal>;  // a null entry counts as missing

inline ojson ToJson(const Attrs& a) {
  ojson o = ojson::object();
  for (const auto& [k, v] : a) o[k] = ToJson(v);
  return o;
}

// ASCII-only case folding (spec 8, "Case").
inline std::string Fold(const std::string& s) {
  std::string r = s;
  for (char& c : r) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return r;
}

}  // namespace reference

#endif  // LEADSCORE_TESTS_SUPPORT_REFERENCE_VALUES_H_
