// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore score under a model with accounts (v1.1): leads, events and the
// accounts file are read whole, scored by AccountScorer::ScoreAll, and the
// lead scorecards (whose labels may read their account) and account
// scorecards written (docs/cli.md, "Accounts").

#ifndef LEADSCORE_TOOLS_ACCOUNT_SCORE_H_
#define LEADSCORE_TOOLS_ACCOUNT_SCORE_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "inputs.h"
#include "leadscore/model.h"

namespace leadscore {
namespace cli {

struct AccountScoreRun {
  std::shared_ptr<const Model> model;  // with accounts
  InputOptions inputs;                 // leads and events, bad-line policy
  std::optional<std::string> accounts_path;  // --accounts
  std::optional<std::string> account_out;    // --account-out
  std::optional<std::string> out;            // --out
  absl::Time as_of;
  bool explain = false;
  std::chrono::steady_clock::time_point start;
};

// Runs it; returns the exit code (bad input 2, write errors 3, as `score`).
int RunAccountScore(AccountScoreRun run);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_ACCOUNT_SCORE_H_
