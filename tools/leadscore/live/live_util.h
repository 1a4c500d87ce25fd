// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What the live commands (apply, state, rescore) share: store options and
// how a store error becomes a message and an exit code.

#ifndef LEADSCORE_TOOLS_LIVE_LIVE_UTIL_H_
#define LEADSCORE_TOOLS_LIVE_LIVE_UTIL_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "command_line.h"
#include "leadscore/store/state_store.h"

namespace leadscore {
namespace cli {

struct StoreArgs {
  bool keep_history = false;
  int64_t history_days = 0;
  int64_t history_count = 0;
  bool sync = false;
};

// --keep-history, --history-days D, --history-count N, --sync.
void AddStoreOptions(CommandLine* cl, StoreArgs* args);
StoreOptions StoreOptionsFrom(const StoreArgs& args);

// Prints "leadscore: store URL (masked): message" and returns 2 for what the
// user can fix in the input or arguments (InvalidArgument,
// FailedPrecondition, NotFound, PermissionDenied, DataLoss of an input),
// 1 otherwise (the server is down, the disk is full...).
int StoreFailed(const std::string& url, const absl::Status& status);

// "leadscore: error writing WHAT" and exit code 1.
int WriteFailed(const char* what);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_LIVE_LIVE_UTIL_H_
