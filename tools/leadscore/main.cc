// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore: score leads from JSON Lines files with a model (docs/cli.md).

#include <cstdio>
#include <cstring>
#include <exception>

#include "commands.h"

namespace {

constexpr char kUsage[] =
    "usage: leadscore <command> [options]\n"
    "\n"
    "commands:\n"
    "  score     --model M --leads L [--events E] --as-of T [--explain] [--out F]\n"
    "            [--on-error fail|skip] [--rejects R] [--threads N]\n"
    "            write one scorecard (JSON Lines) per lead\n"
    "  validate  --model M\n"
    "            check a model; exit 0 with a summary or 2 with every problem\n"
    "  explain   --model M --leads L [--events E] --as-of T --lead ID\n"
    "            tell, in words, why one lead has its scores and stage\n"
    "\n"
    "Exit codes: 0 success, 2 bad input (model, data or arguments), 1 internal error.\n"
    "See docs/cli.md.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace leadscore::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitBadInput;
  }
  const char* cmd = argv[1];
  if (std::strcmp(cmd, "--help") == 0 || std::strcmp(cmd, "-h") == 0 ||
      std::strcmp(cmd, "help") == 0) {
    std::fputs(kUsage, stdout);
    return kExitOk;
  }
  try {
    if (std::strcmp(cmd, "score") == 0) return RunScore(argc, argv);
    if (std::strcmp(cmd, "validate") == 0) return RunValidate(argc, argv);
    if (std::strcmp(cmd, "explain") == 0) return RunExplain(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "leadscore: internal error: %s\n", e.what());
    return kExitInternal;
  }
  std::fprintf(stderr, "leadscore: unknown command '%s'\n\n%s", cmd, kUsage);
  return kExitBadInput;
}
