// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// CRC-32C (Castagnoli): the checksum of persisted lead states. With the
// CPU's crc32 instruction (SSE4.2) where present, a bytewise table
// otherwise. Debian 12's Abseil (20220623) predates absl/crc.

#ifndef LEADSCORE_SRC_CRC32C_H_
#define LEADSCORE_SRC_CRC32C_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// CRC-32C of `data`, continuing from `crc` (0 to start).
uint32_t Crc32c(absl::string_view data, uint32_t crc = 0);

// The table implementation, whatever the CPU (for tests: equal to Crc32c).
uint32_t Crc32cPortable(absl::string_view data, uint32_t crc = 0);

// Whether Crc32c uses the CPU's instruction.
bool Crc32cIsAccelerated();

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CRC32C_H_
