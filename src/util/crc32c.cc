// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Two implementations with one result: the SSE4.2 crc32 instruction (8
// bytes a step) where the CPU has it, checked once at run time, and a
// bytewise table everywhere else.

#include "util/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define LEADSCORE_CRC32C_X86 1
#endif

namespace leadscore {
namespace internal {
namespace {

constexpr std::array<uint32_t, 256> MakeTable() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<uint32_t, 256> kTable = MakeTable();

#ifdef LEADSCORE_CRC32C_X86
__attribute__((target("sse4.2"))) uint32_t Crc32cSse42(absl::string_view data,
                                                       uint32_t crc) {
  const char* p = data.data();
  size_t n = data.size();
  uint64_t c = ~crc;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);  // the instruction reads little-endian, as x86 is
    c = _mm_crc32_u64(c, v);
  }
  uint32_t c32 = static_cast<uint32_t>(c);
  for (; n > 0; --n, ++p) c32 = _mm_crc32_u8(c32, static_cast<uint8_t>(*p));
  return ~c32;
}

bool HasSse42() {
  static const bool has = __builtin_cpu_supports("sse4.2");
  return has;
}
#endif

}  // namespace

uint32_t Crc32cPortable(absl::string_view data, uint32_t crc) {
  crc = ~crc;
  for (unsigned char b : data) crc = kTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

bool Crc32cIsAccelerated() {
#ifdef LEADSCORE_CRC32C_X86
  return HasSse42();
#else
  return false;
#endif
}

uint32_t Crc32c(absl::string_view data, uint32_t crc) {
#ifdef LEADSCORE_CRC32C_X86
  if (HasSse42()) return Crc32cSse42(data, crc);
#endif
  return Crc32cPortable(data, crc);
}

}  // namespace internal
}  // namespace leadscore
