// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// CRC-32C (Castagnoli), bytewise with a table: the checksum of persisted
// lead states. Debian 12's Abseil (20220623) predates absl/crc.

#ifndef LEADSCORE_SRC_CRC32C_H_
#define LEADSCORE_SRC_CRC32C_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace leadscore {
namespace internal {

// CRC-32C of `data`, continuing from `crc` (0 to start).
uint32_t Crc32c(absl::string_view data, uint32_t crc = 0);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CRC32C_H_
