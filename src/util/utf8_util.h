// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// UTF-8 checks shared by the JSON and HTML writers. Not API.

#ifndef LEADSCORE_SRC_UTF8_UTIL_H_
#define LEADSCORE_SRC_UTF8_UTIL_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
inline size_t Utf8Length(absl::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (n == 3 && c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogate
  if (n == 4 && c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
  if (n == 4 && c == 0xF4 && b(i + 1) > 0x8F) return 0;  // > U+10FFFF
  return n;
}

// For a non-ASCII byte at s[i]: appends the valid sequence there, or U+FFFD
// for one invalid byte. Returns the number of bytes consumed.
inline size_t AppendUtf8OrReplacement(absl::string_view s, size_t i, std::string* out) {
  const size_t n = Utf8Length(s, i);
  if (n == 0) {
    out->append("\xEF\xBF\xBD");
    return 1;
  }
  out->append(s.data() + i, n);
  return n;
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_UTF8_UTIL_H_
