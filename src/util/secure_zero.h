// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Overwriting personal data before its memory is released (erasure). Stores
// go through volatile pointers so the compiler cannot drop them as dead
// stores to memory about to be freed. Not API.

#ifndef LEADSCORE_SRC_UTIL_SECURE_ZERO_H_
#define LEADSCORE_SRC_UTIL_SECURE_ZERO_H_

#include <cstddef>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace leadscore {
namespace internal {

inline void SecureZero(void* p, size_t n) {
  if (n == 0) return;
  std::memset(p, 0, n);
  // The memory is "used" after the memset, so the compiler cannot drop it as
  // a dead store (what BoringSSL's OPENSSL_cleanse does); a vectorised
  // memset instead of a volatile byte loop.
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

// Zeros the string's whole buffer and releases it.
inline void SecureWipe(std::string* s) {
  SecureZero(&(*s)[0], s->capacity());
  std::string().swap(*s);
}

// Zeros the vector's whole buffer and releases it.
template <typename T>
void SecureWipe(std::vector<T>* v) {
  static_assert(std::is_trivially_copyable<T>::value, "only plain data is zeroed raw");
  if (v->capacity() != 0) SecureZero(v->data(), v->capacity() * sizeof(T));
  std::vector<T>().swap(*v);
}

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_UTIL_SECURE_ZERO_H_
