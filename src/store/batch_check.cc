// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "store/batch_check.h"

#include <cstring>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"

namespace leadscore::internal {

absl::Status CheckText(absl::string_view what, absl::string_view value, bool allow_empty) {
  if (value.empty() && !allow_empty) {
    return absl::InvalidArgumentError(absl::StrCat("store: ", what, " must not be empty"));
  }
  if (std::memchr(value.data(), '\0', value.size()) != nullptr) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "store: %s must not contain NUL bytes (got %d bytes starting '%s')", what, value.size(),
        absl::CHexEscape(value.substr(0, 40))));
  }
  return absl::OkStatus();
}

absl::Status CheckBatch(const StoreBatch& batch, std::vector<SourcePosition>* positions) {
  for (const LeadRecord& l : batch.leads) {
    if (auto s = CheckText("a lead record's id", l.lead_id, false); !s.ok()) return s;
    if (auto s = CheckText("a lead record's payload", l.payload, true); !s.ok()) return s;
  }
  for (const StoredState& st : batch.states) {
    if (auto s = CheckText("a state's lead id", st.lead_id, false); !s.ok()) return s;
  }
  for (const std::string& id : batch.erased_leads) {
    if (auto s = CheckText("an erased lead id", id, false); !s.ok()) return s;
  }
  for (const OutboxEntry& o : batch.outbox) {
    if (auto s = CheckText("an outbox entry's lead id", o.lead_id, true); !s.ok()) return s;
    if (auto s = CheckText("an outbox entry's payload", o.payload, true); !s.ok()) return s;
  }
  for (const HistoryEntry& h : batch.history) {
    if (auto s = CheckText("a history entry's lead id", h.lead_id, false); !s.ok()) return s;
    if (auto s = CheckText("a history entry's payload", h.payload, true); !s.ok()) return s;
  }
  positions->clear();
  absl::flat_hash_map<absl::string_view, size_t> index;
  for (const SourcePosition& p : batch.positions) {
    if (auto s = CheckText("a position's source", p.source, false); !s.ok()) return s;
    if (p.offset > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return absl::InvalidArgumentError(absl::StrCat("store: the offset ", p.offset, " of source '",
                                                     p.source, "' is above 2^63-1"));
    }
    auto [it, inserted] = index.try_emplace(p.source, positions->size());
    if (inserted) {
      positions->push_back(p);
      continue;
    }
    SourcePosition& kept = (*positions)[it->second];
    if (p.offset < kept.offset) {
      return absl::InvalidArgumentError(absl::StrCat(
          "store: source '", p.source, "' appears twice in one batch with its offset going back from ",
          kept.offset, " to ", p.offset));
    }
    kept.offset = p.offset;
  }
  return absl::OkStatus();
}

absl::Status CheckMetaKey(absl::string_view key) {
  if (auto s = CheckText("a meta key", key, false); !s.ok()) return s;
  if (absl::StartsWith(key, kReservedMetaPrefix)) {
    return absl::InvalidArgumentError(absl::StrCat("store: meta key '", key, "' is reserved (keys starting '",
                                                   kReservedMetaPrefix, "' belong to the store)"));
  }
  return absl::OkStatus();
}

absl::Status BackwardsPosition(absl::string_view source, uint64_t stored, uint64_t offset) {
  return absl::FailedPreconditionError(absl::StrCat(
      "store: the position of source '", source, "' would go back from ", stored, " to ", offset,
      "; nothing of the batch was written (was the input restarted from an earlier point? "
      "resume from GetPosition)"));
}

absl::Status NewerSchema(absl::string_view where, int64_t found) {
  return absl::FailedPreconditionError(absl::StrCat(
      "store ", where, " has schema version ", found, ", but this leadscore reads up to version ",
      kStoreSchemaVersion, "; use a newer leadscore (or a fresh store)"));
}

int64_t ToUnixNanosSaturated(absl::Time t) {
  if (t == absl::InfinitePast()) return std::numeric_limits<int64_t>::min();
  if (t == absl::InfiniteFuture()) return std::numeric_limits<int64_t>::max();
  const absl::Duration d = t - absl::UnixEpoch();
  // absl::ToInt64Nanoseconds saturates at the int64 range.
  return absl::ToInt64Nanoseconds(d);
}

}  // namespace leadscore::internal
