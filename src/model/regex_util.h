// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// `matches` with ASCII-only case folding on RE2 (linear time, no backtracking).
// RE2's own case-insensitive mode folds Unicode (É ~ é, K ~ Kelvin sign), which
// spec section 8 forbids, so instead both sides are lower-cased A-Z only: the
// subject entirely, the pattern in its literal letters (escapes such as \D, \S,
// \W, \B, \pL and \p{Greek} keep their meaning).

#ifndef LEADSCORE_SRC_REGEX_UTIL_H_
#define LEADSCORE_SRC_REGEX_UTIL_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace re2 {
class RE2;
}

namespace leadscore {
namespace internal {

// Lower-cases the ASCII letters of `pattern` that stand for themselves.
std::string FoldPatternLiterals(absl::string_view pattern);

// Compiles `pattern` for ASCII-case-insensitive partial matching.
absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileFoldedRegex(
    absl::string_view pattern);

// True when `re` (from CompileFoldedRegex) matches part of `subject`.
bool FoldedPartialMatch(const re2::RE2& re, absl::string_view subject);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_REGEX_UTIL_H_
