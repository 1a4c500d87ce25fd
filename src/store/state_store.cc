// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// OpenStateStore: picks the backend from the URL.

#include "leadscore/store/state_store.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "store/sqlite_store.h"
#include "store/store_url.h"
#if LEADSCORE_WITH_POSTGRES
#include "store/postgres_store.h"
#endif

namespace leadscore {

bool StoreHasPostgresSupport() { return LEADSCORE_WITH_POSTGRES != 0; }

absl::StatusOr<std::unique_ptr<StateStore>> OpenStateStore(absl::string_view url,
                                                          const StoreOptions& options) {
  if (options.history_days < 0 || options.history_count < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "store: history retention must be 0 (unbounded) or positive, got history_days=",
        options.history_days, " history_count=", options.history_count));
  }
  auto parsed = internal::ParseStoreUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (parsed->kind == internal::StoreKind::kSqlite) {
    return internal::OpenSqliteStore(parsed->target, options);
  }
#if LEADSCORE_WITH_POSTGRES
  return internal::OpenPostgresStore(parsed->target, options);
#else
  return absl::FailedPreconditionError(absl::StrCat(
      "cannot open '", MaskStoreUrl(url),
      "': this build has no PostgreSQL support (rebuild with libpq-dev installed and "
      "-DLEADSCORE_WITH_POSTGRES=ON, or use a sqlite: store)"));
#endif
}

}  // namespace leadscore
