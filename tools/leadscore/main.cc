// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore: score leads from JSON Lines files with a model (docs/cli.md).

#include <cstdio>
#include <cstring>
#include <exception>

#include "commands.h"
#include "messages.h"
#include "leadscore/version.h"

namespace {

constexpr char kUsage[] =
    "usage: leadscore <command> [options]     (leadscore <command> --help: its options)\n"
    "       leadscore --version\n"
    "\n"
    "commands:\n"
    "  score     --model M --leads L [--events E] --as-of T [--explain] [--out F]\n"
    "            [--on-error fail|skip] [--rejects R] [--threads N]\n"
    "            write one scorecard (JSON Lines) per lead\n"
    "  validate  --model M\n"
    "            check a model; exit 0 with a summary or 2 with every problem\n"
    "  explain   --model M --leads L [--events E] --as-of T --lead ID\n"
    "            tell, in words, why one lead has its scores and stage\n"
    "  backtest  --model M --leads L [--events E] --outcomes O --as-of T\n"
    "            [--format text|json|html] [--out F] [--html F]\n"
    "            [--target-volume N|P%] [--target-precision P] [--threads N] ...\n"
    "            measure how well the scores predicted the outcomes (AUC, lift, stages)\n"
    "  train     --leads L [--events E] --outcomes O --as-of T [--out F]\n"
    "            [--holdout 0.3 | --folds K] [--seed N] [--l2 X] [--pdo X] ...\n"
    "            learn a scorecard model (logistic regression) from past outcomes\n"
    "  diff      --old M1 --new M2 --leads L [--events E] --as-of T\n"
    "            [--format text|json|html] [--output F] [--top N] ...\n"
    "            what switching models changes: stage moves, score deltas, rules\n"
    "  apply     --model M --store URL --events E [--leads L] [--batch N] ...\n"
    "            live scoring: apply events to the states in a store, write transitions\n"
    "  state     --store URL (--lead ID [--show|--export|--erase] | --scorecards | --outbox)\n"
    "            show, export or erase what a store holds\n"
    "  rescore   --store URL --model NEW [--old-model OLD]\n"
    "            move a store's states to a new model and say who moved\n"
    "\n"
    "score, explain, backtest, train and diff read leads as JSON Lines or CSV (a .csv\n"
    "file, or --leads-format csv, with --id-column C and more; see docs/cli.md).\n"
    "\n"
    "Exit codes: 0 success (and --help, --version), 2 bad input (model, data or arguments),\n"
    "1 internal error.\n"
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
  if (std::strcmp(cmd, "--version") == 0) {
    std::printf("leadscore %s\n", leadscore::Version());
    return kExitOk;
  }
  try {
    if (std::strcmp(cmd, "score") == 0) return RunScore(argc, argv);
    if (std::strcmp(cmd, "validate") == 0) return RunValidate(argc, argv);
    if (std::strcmp(cmd, "explain") == 0) return RunExplain(argc, argv);
    if (std::strcmp(cmd, "backtest") == 0) return RunBacktest(argc, argv);
    if (std::strcmp(cmd, "train") == 0) return RunTrain(argc, argv);
    if (std::strcmp(cmd, "diff") == 0) return RunDiff(argc, argv);
#if LEADSCORE_CLI_LIVE
    if (std::strcmp(cmd, "apply") == 0) return RunApply(argc, argv);
    if (std::strcmp(cmd, "state") == 0) return RunState(argc, argv);
    if (std::strcmp(cmd, "rescore") == 0) return RunRescore(argc, argv);
#endif
#if LEADSCORE_CLI_WORKER
    if (std::strcmp(cmd, "publish") == 0) return RunPublish(argc, argv);
    if (std::strcmp(cmd, "worker") == 0) return RunWorker(argc, argv);
    if (std::strcmp(cmd, "redis-state") == 0) return RunRedisState(argc, argv);
#endif
  } catch (const std::exception& e) {
    std::fprintf(stderr, "leadscore: internal error: %s\n", e.what());
    return kExitInternal;
  }
  std::fprintf(stderr, "leadscore: unknown command '%s'\n\n%s", Printable(cmd).c_str(), kUsage);
  return kExitBadInput;
}
