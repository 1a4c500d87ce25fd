// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// ASCII-only case folding. Spec section 8 ("Case"): string operators fold the
// letters A-Z only, so `É` is not `é`; locale- or Unicode-aware lowering would
// be wrong here. Not API.

#ifndef LEADSCORE_SRC_UTIL_ASCII_H_
#define LEADSCORE_SRC_UTIL_ASCII_H_

#include <string>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// `s` with the ASCII letters A-Z lowered; every other byte unchanged.
std::string AsciiLower(absl::string_view s);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_UTIL_ASCII_H_
