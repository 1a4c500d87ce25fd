// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/predictive/points_scaling.h"

#include <cctype>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "util/json_writer.h"

namespace leadscore {
namespace {

// Lower case; `_`, and `-` between letters, become spaces; runs of
// whitespace become one space.
std::string Normalize(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = absl::ascii_tolower(static_cast<unsigned char>(text[i]));
    if (c == '_') c = ' ';
    if (c == '-' && i > 0 && i + 1 < text.size() &&
        absl::ascii_isalpha(static_cast<unsigned char>(text[i - 1])) &&
        absl::ascii_isalpha(static_cast<unsigned char>(text[i + 1]))) {
      c = ' ';
    }
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() == ' ') continue;
      c = ' ';
    }
    out.push_back(c);
  }
  return out;
}

// Reads a number at `*pos` in `s` (advancing `*pos`).
std::optional<double> NumberAt(const std::string& s, size_t* pos) {
  size_t end = *pos;
  while (end < s.size() && (absl::ascii_isdigit(static_cast<unsigned char>(s[end])) ||
                            s[end] == '.' || s[end] == '-' || s[end] == '+' ||
                            ((s[end] == 'e') && end > *pos))) {
    ++end;
  }
  // Do not swallow a sentence's final period.
  while (end > *pos && s[end - 1] == '.') --end;
  double v;
  if (end == *pos || !absl::SimpleAtod(absl::string_view(s).substr(*pos, end - *pos), &v) ||
      !std::isfinite(v)) {
    return std::nullopt;
  }
  *pos = end;
  return v;
}

// The number after the first occurrence of `key` (as whole words) that is
// followed by spaces, `:`, `=` or `)` and a number, or none.
// With `ratio`, `A:B` reads as A / B.
std::optional<double> ValueAfter(const std::string& s, const std::string& key, bool ratio) {
  for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + 1)) {
    if (at > 0 && absl::ascii_isalnum(static_cast<unsigned char>(s[at - 1]))) continue;
    size_t pos = at + key.size();
    if (pos < s.size() && absl::ascii_isalpha(static_cast<unsigned char>(s[pos]))) continue;
    while (pos < s.size() &&
           (s[pos] == ' ' || s[pos] == ':' || s[pos] == '=' || s[pos] == ')')) {
      ++pos;
    }
    std::optional<double> v = NumberAt(s, &pos);
    if (!v) continue;  // "pdo" without a number: look further
    if (ratio && pos + 1 < s.size() && s[pos] == ':') {
      size_t p2 = pos + 1;
      std::optional<double> b = NumberAt(s, &p2);
      if (b) {
        if (*b <= 0) return std::nullopt;
        v = *v / *b;
      }
    }
    return v;
  }
  return std::nullopt;
}

}  // namespace

double PointsScaling::Probability(double score) const {
  const double z = std::log(base_odds) + (score - base_score) * std::log(2.0) / pdo;
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

double PointsScaling::Score(double p) const {
  return base_score + (std::log(p / (1 - p)) - std::log(base_odds)) * pdo / std::log(2.0);
}

std::optional<PointsScaling> ParsePointsScaling(absl::string_view text) {
  const std::string s = Normalize(text);
  std::optional<double> pdo = ValueAfter(s, "pdo", false);
  std::optional<double> base = ValueAfter(s, "base score", false);
  if (!pdo || !base || !(*pdo > 0)) return std::nullopt;
  std::optional<double> odds = ValueAfter(s, "base odds", true);
  if (!odds) odds = ValueAfter(s, "at odds", true);
  if (odds && !(*odds > 0)) return std::nullopt;
  PointsScaling out;
  out.pdo = *pdo;
  out.base_score = *base;
  out.base_odds = odds.value_or(1.0);
  return out;
}

std::string FormatPointsScaling(const PointsScaling& scaling) {
  std::string out = "pdo ";
  internal::AppendJsonNumber(scaling.pdo, &out);
  out += ", base score ";
  internal::AppendJsonNumber(scaling.base_score, &out);
  out += " at odds ";
  internal::AppendJsonNumber(scaling.base_odds, &out);
  return out;
}

}  // namespace leadscore
