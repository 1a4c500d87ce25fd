// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "model/regex_util.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "util/ascii.h"
#include "re2/re2.h"

namespace leadscore {
namespace internal {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Copies a brace group `{...}` verbatim if one starts at `i`.
size_t CopyBraces(absl::string_view p, size_t i, std::string* out) {
  if (i < p.size() && p[i] == '{') {
    while (i < p.size()) {
      out->push_back(p[i]);
      if (p[i++] == '}') break;
    }
  }
  return i;
}

// Copies an escape sequence starting at p[i] == '\\'; returns the next index.
size_t CopyEscape(absl::string_view p, size_t i, std::string* out) {
  out->push_back(p[i++]);
  if (i >= p.size()) return i;
  const char e = p[i++];
  out->push_back(e);
  if (e == 'p' || e == 'P') {
    if (i < p.size() && p[i] == '{') return CopyBraces(p, i, out);
    if (i < p.size()) out->push_back(p[i++]);  // one-letter class name: \pL
  } else if (e == 'x') {
    return CopyBraces(p, i, out);
  }
  return i;
}

// Copies a character class starting at p[i] == '[' and makes it fold: the
// subject is lower-cased, so every upper-case member (or range part) gets its
// lower-case twin added. Members stay as written (so [A-z] keeps '_' and a
// negated class excludes both cases). Returns the index after the class.
size_t FoldClass(absl::string_view p, size_t i, std::string* out) {
  out->push_back(p[i++]);  // '['
  if (i < p.size() && p[i] == '^') out->push_back(p[i++]);
  std::string twins;
  bool first = true;
  while (i < p.size()) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c == ']' && !first) break;
    first = false;
    if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
      const size_t end = p.find(":]", i + 2);
      const size_t stop = end == absl::string_view::npos ? p.size() : end + 2;
      out->append(p.data() + i, stop - i);
      i = stop;
      continue;
    }
    if (c == '\\') {
      i = CopyEscape(p, i, out);
      continue;
    }
    out->push_back(static_cast<char>(c));
    ++i;
    unsigned char lo = c, hi = c;
    if (i + 1 < p.size() && p[i] == '-' && p[i + 1] != ']' && p[i + 1] != '\\') {
      hi = static_cast<unsigned char>(p[i + 1]);
      out->push_back('-');
      out->push_back(static_cast<char>(hi));
      i += 2;
    }
    const unsigned char a = std::max<unsigned char>(lo, 'A');
    const unsigned char b = std::min<unsigned char>(hi, 'Z');
    if (a <= b) {
      twins.push_back(Lower(static_cast<char>(a)));
      if (b > a) {
        twins.push_back('-');
        twins.push_back(Lower(static_cast<char>(b)));
      }
    }
  }
  out->append(twins);
  if (i < p.size()) out->push_back(p[i++]);  // ']'
  return i;
}

}  // namespace

std::string FoldPatternLiterals(absl::string_view p) {
  std::string out;
  out.reserve(p.size());
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[i + 1];
      out.push_back(c);
      out.push_back(e);
      i += 2;
      if (e == 'Q') {  // \Q...\E quotes literals: fold them, keep \E
        while (i < p.size() && !(p[i] == '\\' && i + 1 < p.size() && p[i + 1] == 'E')) {
          out.push_back(Lower(p[i++]));
        }
      } else if (e == 'p' || e == 'P') {
        // \p{Greek} or the one-letter form \pL: class names keep their case.
        if (i < p.size() && p[i] == '{') {
          i = CopyBraces(p, i, &out);
        } else if (i < p.size()) {
          out.push_back(p[i++]);
        }
      } else if (e == 'x') {
        i = CopyBraces(p, i, &out);
      }
      continue;
    }
    if (c == '[') {
      i = FoldClass(p, i, &out);
      continue;
    }
    if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      i += 2;
      if (i < p.size() && (p[i] == 'P' || p[i] == '<')) {
        // Group name (?P<Name>...): not a literal.
        out += "(?";
        while (i < p.size() && p[i] != '>') out.push_back(p[i++]);
        continue;
      }
      // Flag group (?flags) or (?flags:...). The `i` flag would make RE2 fold
      // Unicode; folding is already done, so it is dropped.
      std::string flags;
      while (i < p.size() && p[i] != ':' && p[i] != ')') {
        if (p[i] != 'i') flags.push_back(p[i]);
        ++i;
      }
      if (!flags.empty() && flags.back() == '-') flags.pop_back();
      if (i < p.size() && p[i] == ')' && flags.empty()) {
        ++i;  // (?i) alone: nothing left to say
        continue;
      }
      out += "(?";
      out += flags;
      continue;
    }
    out.push_back(Lower(c));
    ++i;
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileFoldedRegex(
    absl::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(true);
  const std::string folded = FoldPatternLiterals(pattern);
  auto re = std::make_shared<const RE2>(folded, options);
  if (!re->ok()) {
    if (re->error_code() == RE2::ErrorPatternTooLarge) {
      // RE2 bounds the compiled program (max_mem, 8 MB by default) so that
      // matching stays linear in time and bounded in memory.
      return absl::InvalidArgumentError(absl::StrCat(
          "regular expression too large (", pattern.size(),
          " bytes; its compiled form exceeds the linear-time engine's 8 MB "
          "limit): use a shorter pattern or smaller repetition counts"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat("invalid regular expression: ", re->error()));
  }
  return re;
}

bool FoldedPartialMatch(const re2::RE2& re, absl::string_view subject) {
  bool has_upper = false;
  for (char c : subject) has_upper |= (c >= 'A' && c <= 'Z');
  if (!has_upper) return RE2::PartialMatch(re2::StringPiece(subject.data(), subject.size()), re);
  const std::string lowered = AsciiLower(subject);
  return RE2::PartialMatch(lowered, re);
}

}  // namespace internal
}  // namespace leadscore
