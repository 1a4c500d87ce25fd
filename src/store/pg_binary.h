// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// PostgreSQL's binary wire formats for the few types the store sends and
// reads: int8, and one-dimensional arrays of text, bytea and int8. Binary
// parameters need no quoting or escaping, and bytea travels as raw bytes.
#ifndef LEADSCORE_SRC_STORE_PG_BINARY_H_
#define LEADSCORE_SRC_STORE_PG_BINARY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace leadscore::internal {

// Type OIDs (fixed in PostgreSQL's catalog, pg_type.dat).
inline constexpr unsigned kOidBytea = 17;
inline constexpr unsigned kOidInt8 = 20;
inline constexpr unsigned kOidText = 25;
inline constexpr unsigned kOidTextArray = 1009;
inline constexpr unsigned kOidByteaArray = 1001;
inline constexpr unsigned kOidInt8Array = 1016;

std::string PgInt8(int64_t v);
// The int8 in 8 big-endian bytes; 0 if `bytes` is not 8 bytes long.
int64_t PgReadInt8(absl::string_view bytes);

// Builds a one-dimensional array of `element_oid` (text or bytea elements
// from Add, int8 from AddInt8), then Finish() returns its binary form.
class PgArray {
 public:
  explicit PgArray(unsigned element_oid) : element_oid_(element_oid) {}
  void Add(absl::string_view element);
  void AddInt8(int64_t v);
  size_t size() const { return count_; }
  std::string Finish() const;

 private:
  unsigned element_oid_;
  size_t count_ = 0;
  std::string elements_;
};

}  // namespace leadscore::internal

#endif  // LEADSCORE_SRC_STORE_PG_BINARY_H_
