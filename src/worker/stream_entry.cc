// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "worker/stream_entry.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace leadscore::internal {

const std::string* StreamEntry::Field(absl::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::vector<StreamEntry> ParseEntries(const RedisReply& reply) {
  std::vector<StreamEntry> out;
  for (const RedisReply& e : reply.elements) {
    if (e.elements.size() < 2 || e.elements[1].type != RedisReply::Type::kArray) continue;
    StreamEntry entry;
    entry.id = e.elements[0].str;
    const auto& kv = e.elements[1].elements;
    for (size_t i = 0; i + 1 < kv.size(); i += 2) entry.fields.emplace_back(kv[i].str, kv[i + 1].str);
    out.push_back(std::move(entry));
  }
  return out;
}

absl::Status RedisError(absl::string_view what, const RedisReply& reply) {
  const std::string msg = absl::StrCat(what, ": Redis answered: ", reply.str);
  for (absl::string_view fatal : {"NOAUTH", "WRONGPASS", "NOPERM"}) {
    if (absl::StartsWith(reply.str, fatal)) return absl::FailedPreconditionError(msg);
  }
  return absl::UnavailableError(msg);
}

}  // namespace leadscore::internal
