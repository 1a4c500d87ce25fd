// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading a store URL (OpenStateStore) and masking its password.
#ifndef LEADSCORE_SRC_STORE_STORE_URL_H_
#define LEADSCORE_SRC_STORE_STORE_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore::internal {

enum class StoreKind { kSqlite, kPostgres };

struct StoreUrl {
  StoreKind kind = StoreKind::kSqlite;
  // SQLite: the file path (or ":memory:"); PostgreSQL: the URL as given.
  std::string target;
};

// InvalidArgument for anything that is not one of the forms OpenStateStore
// documents (the message shows the URL masked).
absl::StatusOr<StoreUrl> ParseStoreUrl(absl::string_view url);

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_STORE_STORE_URL_H_
