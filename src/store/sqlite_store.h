// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The SQLite StateStore (docs/live-scoring.md, "Stores"): one database file
// in WAL mode, one write transaction per Commit, statements prepared once.
#ifndef LEADSCORE_SRC_STORE_SQLITE_STORE_H_
#define LEADSCORE_SRC_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "leadscore/store/state_store.h"

namespace leadscore::internal {

// `path` is a file path or ":memory:"; errors as OpenStateStore documents.
absl::StatusOr<std::unique_ptr<StateStore>> OpenSqliteStore(const std::string& path,
                                                            const StoreOptions& options);

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_STORE_SQLITE_STORE_H_
