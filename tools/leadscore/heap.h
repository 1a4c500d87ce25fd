// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Heap set-up for commands that build a whole population in memory. On our
// machines the first touch of fresh memory costs about 14 us per 4 KiB page
// (../shared/machine-notes.md): a 100 k-lead / 1 M-event run touches ~190 MB,
// which is 0.6 s of page faults on one core. Transparent huge pages take one
// fault per 2 MiB instead.

#ifndef LEADSCORE_TOOLS_HEAP_H_
#define LEADSCORE_TOOLS_HEAP_H_

#include <cstdint>
#include <string>
#include <vector>

namespace leadscore {
namespace cli {

// Prepares the process heap for a run expected to allocate up to about
// `bytes`: every thread allocates from one heap (glibc's main arena), memory
// is kept for reuse rather than given back to the system until exit, and
// `bytes` of address space at the heap's top is reserved and advised for
// transparent huge pages (MADV_HUGEPAGE; the system must allow `madvise`
// mode). Nothing is touched, so resident memory only grows with use. Call
// once, before the large allocations; does nothing on other C libraries or
// when the advice is refused. Peak RSS may round up to 2 MiB.
void PrepareHeap(uint64_t bytes);

// The total size of the regular files among `paths` (others count 0).
uint64_t InputBytes(const std::vector<std::string>& paths);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_HEAP_H_
