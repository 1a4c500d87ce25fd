// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "util/number_format.h"

#include <charconv>
#include <cmath>

#include "absl/strings/str_format.h"

namespace leadscore {
namespace internal {

void AppendJsonNumber(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  if (d == 0) d = 0;  // no "-0"
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  out->append(buf, res.ptr);
}

std::string ShortestNumber(double d) {
  std::string out;
  AppendJsonNumber(d, &out);
  return out;
}

std::string SignificantNumber(double d, int digits) {
  if (d == 0) d = 0;  // no "-0"
  return absl::StrFormat("%.*g", digits, d);
}

std::string FixedNumber(double d, int decimals) {
  return absl::StrFormat("%.*f", decimals, d);
}

}  // namespace internal
}  // namespace leadscore
