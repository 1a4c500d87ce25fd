// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Overwriting personal data before its memory is released (erasure). Stores
// go through volatile pointers so the compiler cannot drop them as dead
// stores to memory about to be freed. Not API.

#ifndef LEADSCORE_SRC_UTIL_SECURE_ZERO_H_
#define LEADSCORE_SRC_UTIL_SECURE_ZERO_H_

#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

namespace leadscore {
namespace internal {

inline void SecureZero(void* p, size_t n) {
  volatile unsigned char* b = static_cast<volatile unsigned char*>(p);
  for (size_t i = 0; i < n; ++i) b[i] = 0;
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
