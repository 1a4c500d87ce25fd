// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// What every store checks before writing anything, the same way for each
// backend, so a batch refused by one is refused by all with the same message.
#ifndef LEADSCORE_SRC_STORE_BATCH_CHECK_H_
#define LEADSCORE_SRC_STORE_BATCH_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "leadscore/store/state_store.h"

namespace leadscore::internal {

// Table and key names shared by the schemas (docs/live-scoring.md, "Stores").
inline constexpr char kMetaSchemaVersion[] = "leadscore.schema_version";
inline constexpr char kMetaOutboxSeq[] = "leadscore.outbox_seq";
inline constexpr char kReservedMetaPrefix[] = "leadscore.";

// InvalidArgument when `value` holds a NUL byte, or is empty and must not be.
absl::Status CheckText(absl::string_view what, absl::string_view value, bool allow_empty);

// Checks every text field and offset of `batch` (not the stored positions)
// and returns its positions with one entry per source (the last; offsets of
// one source must not decrease within the batch).
absl::Status CheckBatch(const StoreBatch& batch, std::vector<SourcePosition>* positions);

// InvalidArgument for a key SetMeta must refuse.
absl::Status CheckMetaKey(absl::string_view key);

// The FailedPrecondition for an offset going backwards.
absl::Status BackwardsPosition(absl::string_view source, uint64_t stored, uint64_t offset);

// The FailedPrecondition for a schema newer than this build.
absl::Status NewerSchema(absl::string_view where, int64_t found);

// Nanoseconds since the epoch, saturated to int64 (history times).
int64_t ToUnixNanosSaturated(absl::Time t);

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_STORE_BATCH_CHECK_H_
