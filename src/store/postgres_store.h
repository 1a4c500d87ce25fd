// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The PostgreSQL StateStore (docs/live-scoring.md, "Stores"), over libpq:
// one connection, one transaction per Commit with one multi-row statement
// per table (unnest of binary array parameters), statements prepared once.
// Built only with LEADSCORE_WITH_POSTGRES.
#ifndef LEADSCORE_SRC_STORE_POSTGRES_STORE_H_
#define LEADSCORE_SRC_STORE_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "leadscore/store/state_store.h"

namespace leadscore::internal {

// `url` is a postgresql:// URI; errors as OpenStateStore documents.
absl::StatusOr<std::unique_ptr<StateStore>> OpenPostgresStore(const std::string& url,
                                                              const StoreOptions& options);

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_STORE_POSTGRES_STORE_H_
