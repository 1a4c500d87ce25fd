// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/worker/partitioning.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace leadscore {

uint64_t LeadIdHash(absl::string_view lead_id) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : lead_id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

uint32_t PartitionOfLead(absl::string_view lead_id, uint32_t partitions) {
  if (partitions == 0) return 0;
  return static_cast<uint32_t>(LeadIdHash(lead_id) % partitions);
}

PartitionKeys::PartitionKeys(absl::string_view prefix, uint32_t partition)
    : partition_(partition),
      base_(absl::StrCat(prefix, "{p", partition, "}:")),
      events_(base_ + "events"),
      transitions_(base_ + "transitions"),
      rejected_(base_ + "rejected"),
      lease_(base_ + "lease"),
      fence_(base_ + "fence"),
      state_prefix_(base_ + "state:"),
      lead_prefix_(base_ + "lead:") {}

std::string PartitionKeys::State(absl::string_view lead_id) const {
  return absl::StrCat(state_prefix_, lead_id);
}

std::string PartitionKeys::Lead(absl::string_view lead_id) const {
  return absl::StrCat(lead_prefix_, lead_id);
}

std::string WorkersKey(absl::string_view prefix) { return absl::StrCat(prefix, "workers"); }

namespace {

// CRC-16/XMODEM (polynomial 0x1021, initial 0, no reflection): the Redis
// Cluster key hash. Bitwise: keys are short and this runs once per command.
uint16_t Crc16(absl::string_view data) {
  uint16_t crc = 0;
  for (unsigned char c : data) {
    crc ^= static_cast<uint16_t>(c) << 8;
    for (int i = 0; i < 8; ++i) {
      crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021)
                           : static_cast<uint16_t>(crc << 1);
    }
  }
  return crc;
}

}  // namespace

uint16_t RedisKeySlot(absl::string_view key) {
  const size_t open = key.find('{');
  if (open != absl::string_view::npos) {
    const size_t close = key.find('}', open + 1);
    if (close != absl::string_view::npos && close > open + 1) {
      key = key.substr(open + 1, close - open - 1);
    }
  }
  return Crc16(key) & 16383;
}

absl::StatusOr<uint64_t> StreamEntryOffset(absl::string_view entry_id) {
  const size_t dash = entry_id.find('-');
  uint64_t ms = 0, seq = 0;
  const auto digits = [](absl::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (dash == absl::string_view::npos || !digits(entry_id.substr(0, dash)) ||
      !digits(entry_id.substr(dash + 1)) ||
      !absl::SimpleAtoi(entry_id.substr(0, dash), &ms) ||
      !absl::SimpleAtoi(entry_id.substr(dash + 1), &seq)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", entry_id, "' is not a stream entry id (<ms>-<seq>)"));
  }
  if (ms >= (uint64_t{1} << 42) || seq >= (uint64_t{1} << 22)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "stream entry id '", entry_id,
        "' is beyond what a source offset holds (ms < 2^42, seq < 2^22)"));
  }
  return (ms << 22) | seq;
}

std::string StreamEntryId(uint64_t offset) {
  return absl::StrCat(offset >> 22, "-", offset & ((uint64_t{1} << 22) - 1));
}

}  // namespace leadscore
