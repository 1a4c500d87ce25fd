// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/field_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "model/compiled_model.h"
#include "model/json_pointer_document.h"

namespace leadscore {
namespace internal {
namespace {

// A window of D days holds t iff x - t < D * 86400e9 ns. Times are whole
// nanoseconds, so the window length is ceil(D * 86400e9), computed exactly
// from D's shortest decimal form (what the model file says: "0.1" days is
// 8640e9 ns, not the binary double's 8640e9 + 0.0005) and saturated at
// INT64_MAX. A positive D is never shorter than 1 ns.
int64_t DaysToNanos(double days) {
  __extension__ using Int128 = __int128;
  constexpr Int128 kMax = std::numeric_limits<int64_t>::max();
  const std::string text =
      nlohmann::json(days).dump();  // shortest round-trip form
  Int128 mantissa = 0;              // at most 17 significant digits
  int exp10 = 0;
  size_t i = 0;
  bool after_dot = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    const char c = text[i];
    if (c == '.') {
      after_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return 1;  // not reached: days > 0 is checked
    mantissa = mantissa * 10 + (c - '0');
    if (after_dot) --exp10;
  }
  if (i < text.size()) exp10 += std::atoi(text.c_str() + i + 1);
  if (mantissa <= 0) return 1;
  // ns = mantissa * 10^exp10 * 864 * 10^11
  Int128 num = mantissa * 864;
  int e = exp10 + 11;
  for (; e > 0; --e) {
    num *= 10;
    if (num > kMax) return std::numeric_limits<int64_t>::max();
  }
  Int128 den = 1;
  for (; e < 0; ++e) {
    if (den > num) return 1;
    den *= 10;
  }
  const Int128 ns = (num + den - 1) / den;
  return ns > kMax ? std::numeric_limits<int64_t>::max()
                   : static_cast<int64_t>(ns);
}

// Levenshtein distance, for "did you mean" hints on unknown keys.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cur = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

}  // namespace

void FieldReader::Error(const std::string& ptr, absl::string_view message) {
  diagnostics_.push_back({ptr, std::string(message)});
}

const nlohmann::json* FieldReader::Find(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const char* FieldReader::TypeName(const json& j) {
  switch (j.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

bool FieldReader::CheckObject(const json& j, const std::string& ptr,
                              absl::Span<const char* const> allowed) {
  if (!j.is_object()) {
    Error(ptr, absl::StrCat("expected an object, got ", TypeName(j)));
    return false;
  }
  CheckKeys(j, ptr, allowed);
  return true;
}

void FieldReader::CheckKeys(const json& j, const std::string& ptr,
                            absl::Span<const char* const> allowed) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* a : allowed) known |= it.key() == a;
    if (known) continue;
    const char* closest = nullptr;
    size_t best = 3;  // suggest only close misspellings
    for (const char* a : allowed) {
      const size_t d = EditDistance(it.key(), a);
      if (d < best) {
        best = d;
        closest = a;
      }
    }
    Error(ChildPointer(ptr, it.key()),
          closest ? absl::StrCat("unknown key (did you mean '", closest, "'?)")
                  : std::string("unknown key"));
  }
}

bool FieldReader::Number(const json& j, const std::string& ptr, double* out) {
  if (!j.is_number()) {
    Error(ptr, absl::StrCat("expected a number, got ", TypeName(j)));
    return false;
  }
  const double d = j.get<double>();
  if (!std::isfinite(d)) {
    Error(ptr, "expected a finite number");
    return false;
  }
  *out = d;
  return true;
}

bool FieldReader::BoundedNumber(const json& j, const std::string& ptr,
                                absl::string_view why, double* out) {
  static_assert(kMaxScoreMagnitude == 1e15, "update the message");
  double d;
  if (!Number(j, ptr, &d)) return false;
  if (std::fabs(d) > kMaxScoreMagnitude) {
    Error(ptr, absl::StrCat("expected a number from -1e15 to 1e15, got ",
                            j.dump(), " (", why, ")"));
    return false;
  }
  *out = d;
  return true;
}

bool FieldReader::PositiveDays(const json& j, const std::string& ptr,
                               int64_t* ns, double* days) {
  double d;
  if (!Number(j, ptr, &d)) return false;
  if (d <= 0) {
    Error(ptr, "expected a positive number of days");
    return false;
  }
  *ns = DaysToNanos(d);
  if (days) *days = d;
  return true;
}

bool FieldReader::PositiveInt(const json& j, const std::string& ptr,
                              int64_t* out) {
  double d;
  if (!j.is_number() || !std::isfinite(d = j.get<double>()) ||
      d != std::floor(d) || d < 1 || d > 1e9) {
    Error(ptr, absl::StrCat("expected a positive integer (at most 1e9), got ",
                            j.is_number() ? j.dump() : TypeName(j)));
    return false;
  }
  *out = static_cast<int64_t>(d);
  return true;
}

bool FieldReader::String(const json& j, const std::string& ptr,
                         std::string* out) {
  if (!j.is_string()) {
    Error(ptr, absl::StrCat("expected a string, got ", TypeName(j)));
    return false;
  }
  *out = j.get<std::string>();
  return true;
}

bool FieldReader::Bool(const json& j, const std::string& ptr, bool* out) {
  if (!j.is_boolean()) {
    Error(ptr, absl::StrCat("expected true or false, got ", TypeName(j)));
    return false;
  }
  *out = j.get<bool>();
  return true;
}

bool FieldReader::RequiredString(const json& obj, const std::string& ptr,
                                 const char* key, std::string* out) {
  const json* j = Find(obj, key);
  if (j == nullptr) {
    Error(ptr, absl::StrCat("missing required key '", key, "'"));
    return false;
  }
  if (!String(*j, ChildPointer(ptr, key), out)) return false;
  if (out->empty()) {
    Error(ChildPointer(ptr, key), "must not be empty");
    return false;
  }
  return true;
}

bool FieldReader::Array(const json& j, const std::string& ptr) {
  if (!j.is_array()) {
    Error(ptr, absl::StrCat("expected an array, got ", TypeName(j)));
    return false;
  }
  return true;
}

}  // namespace internal
}  // namespace leadscore
