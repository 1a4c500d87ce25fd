// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore explain: a readable account of one lead.

#include <cstdio>

#include "commands.h"

namespace leadscore {
namespace cli {

int RunExplain(int, char**) {
  std::fprintf(stderr, "leadscore explain: not available yet\n");
  return kExitInternal;
}

}  // namespace cli
}  // namespace leadscore
