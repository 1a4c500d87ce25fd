// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "util/ascii.h"

namespace leadscore {
namespace internal {

std::string AsciiLower(absl::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace internal
}  // namespace leadscore
