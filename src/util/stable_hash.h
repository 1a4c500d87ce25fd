// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A 64-bit hash whose value is the same in every process, build and host
// (unlike absl::Hash, which is seeded per process): for what is stored and
// compared later, such as model and lead fingerprints and the ids a stored
// state remembers. Not cryptographic: it detects change and tells apart
// honest inputs (a collision among n values has probability ~n^2 / 2^65); it
// does not resist someone crafting collisions. Not API.

#ifndef LEADSCORE_SRC_UTIL_STABLE_HASH_H_
#define LEADSCORE_SRC_UTIL_STABLE_HASH_H_

#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// The splitmix64 finaliser: every input bit affects every output bit.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Hashes `data` eight bytes at a time (little-endian words, whatever the
// host), chained from `seed`; the length is mixed in so that "a" and "a\0"
// differ.
inline uint64_t StableHash64(absl::string_view data, uint64_t seed = 0) {
  uint64_t h = Mix64(seed ^ (0x9e3779b97f4a7c15ULL * (data.size() + 1)));
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  while (n >= 8) {
    uint64_t w = 0;
    for (int i = 0; i < 8; ++i) w |= uint64_t{p[i]} << (8 * i);
    h = Mix64(h ^ w) * 0x9e3779b97f4a7c15ULL;
    p += 8;
    n -= 8;
  }
  uint64_t w = 0;
  for (size_t i = 0; i < n; ++i) w |= uint64_t{p[i]} << (8 * i);
  return Mix64(h ^ w ^ (uint64_t{n} << 56));
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_UTIL_STABLE_HASH_H_
