// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "store/pg_binary.h"

namespace leadscore::internal {
namespace {

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

}  // namespace

std::string PgInt8(int64_t v) {
  std::string out;
  const uint64_t u = static_cast<uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((u >> shift) & 0xff));
  return out;
}

int64_t PgReadInt8(absl::string_view bytes) {
  if (bytes.size() != 8) return 0;
  uint64_t u = 0;
  for (char c : bytes) u = (u << 8) | static_cast<unsigned char>(c);
  return static_cast<int64_t>(u);
}

void PgArray::Add(absl::string_view element) {
  PutU32(&elements_, static_cast<uint32_t>(element.size()));
  elements_.append(element.data(), element.size());
  ++count_;
}

void PgArray::AddInt8(int64_t v) {
  PutU32(&elements_, 8);
  elements_ += PgInt8(v);
  ++count_;
}

// array_recv's layout: ndim, has-nulls flag, element type, then per
// dimension its size and lower bound, then each element as length + bytes.
std::string PgArray::Finish() const {
  std::string out;
  out.reserve(20 + elements_.size());
  PutU32(&out, count_ == 0 ? 0 : 1);
  PutU32(&out, 0);
  PutU32(&out, element_oid_);
  if (count_ > 0) {
    PutU32(&out, static_cast<uint32_t>(count_));
    PutU32(&out, 1);
  }
  out += elements_;
  return out;
}

}  // namespace leadscore::internal
