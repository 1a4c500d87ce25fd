// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "live/live_util.h"

#include <cstdio>

#include "commands.h"
#include "messages.h"

namespace leadscore {
namespace cli {

void AddStoreOptions(CommandLine* cl, StoreArgs* args) {
  cl->Switch("keep-history", "keep each lead's events in the store (for rescore)",
             &args->keep_history);
  cl->Whole<int64_t>("history-days", 0, int64_t{1} << 40,
                     "keep history for N days of event time (0: unbounded)",
                     &args->history_days);
  cl->Whole<int64_t>("history-count", 0, int64_t{1} << 40,
                     "keep each lead's N newest history entries (0: unbounded)",
                     &args->history_count);
  cl->Switch("sync", "SQLite: every commit on disk before it returns (synchronous=FULL)",
             &args->sync);
}

StoreOptions StoreOptionsFrom(const StoreArgs& args) {
  StoreOptions o;
  o.keep_history = args.keep_history;
  o.history_days = args.history_days;
  o.history_count = args.history_count;
  o.sync_every_commit = args.sync;
  return o;
}

int StoreFailed(const std::string& url, const absl::Status& status) {
  std::fprintf(stderr, "leadscore: store %s: %s\n", MaskStoreUrl(url).c_str(),
               Printable(status.message()).c_str());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kPermissionDenied:
      return kExitBadInput;
    default:
      return kExitInternal;
  }
}

int WriteFailed(const char* what) {
  std::fprintf(stderr, "leadscore: error writing %s\n", what);
  return kExitInternal;
}

}  // namespace cli
}  // namespace leadscore
