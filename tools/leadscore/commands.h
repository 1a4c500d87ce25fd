// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The `leadscore` subcommands. Each returns the process exit code: 0 success,
// 2 bad input (model, data or arguments), 1 internal failure.

#ifndef LEADSCORE_TOOLS_COMMANDS_H_
#define LEADSCORE_TOOLS_COMMANDS_H_

namespace leadscore {
namespace cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;
inline constexpr int kExitBadInput = 2;

int RunScore(int argc, char** argv);     // leadscore score ...
int RunValidate(int argc, char** argv);  // leadscore validate ...
int RunExplain(int argc, char** argv);   // leadscore explain ...
int RunBacktest(int argc, char** argv);  // leadscore backtest ...
int RunTrain(int argc, char** argv);     // leadscore train ...
int RunDiff(int argc, char** argv);      // leadscore diff ...
// Live scoring over a store (built with the store layer).
int RunApply(int argc, char** argv);     // leadscore apply ...
int RunState(int argc, char** argv);     // leadscore state ...
int RunRescore(int argc, char** argv);   // leadscore rescore ...

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_COMMANDS_H_
