// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "heap.h"

#include <sys/stat.h>

#include <cstdlib>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace leadscore {
namespace cli {

void PrepareHeap(uint64_t bytes) {
#if defined(__GLIBC__) && defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uint64_t kHuge = uint64_t{2} << 20;
  constexpr uint64_t kMax = uint64_t{1} << 38;  // 256 GiB of address space
  if (bytes < 4 * kHuge) return;                // small runs: nothing to gain
  if (bytes > kMax) bytes = kMax;
  // Large blocks from the heap too (not fresh mmaps of 4 KiB pages), never
  // trimmed: memory freed during the run is reused without new faults.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // Threads share the advised heap (small blocks come from per-thread caches
  // without locking, so sharing costs little).
  mallopt(M_ARENA_MAX, 1);
  // Grow the heap once by `bytes`, advise it, and give it back to malloc.
  void* block = std::malloc(static_cast<size_t>(bytes));
  if (block == nullptr) return;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(block);
  const uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  if (last > first) {
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
  std::free(block);
#else
  (void)bytes;
#endif
}

uint64_t InputBytes(const std::vector<std::string>& paths) {
  uint64_t total = 0;
  for (const std::string& path : paths) {
    struct stat st;
    if (!path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      total += static_cast<uint64_t>(st.st_size);
    }
  }
  return total;
}

}  // namespace cli
}  // namespace leadscore
