// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Helpers shared by bench/*_bench.cc: size modes, memory probes, CPU clocks.
// Header-only (only *_bench.cc files are compiled).
//
// Size mode: the environment variable LEADSCORE_BENCH_MODE picks which sizes
// are registered:
//   short    small sizes only (CI smoke run, well under 2 minutes with
//            --benchmark_min_time=0.05)
//   default  (unset) 1 k and 100 k leads
//   full     adds 1 M resident leads and 10,000 events per lead (memory
//            hungry; respects LEADSCORE_BENCH_MEM_BUDGET_GB, default 12)

#ifndef LEADSCORE_BENCH_BENCH_COMMON_H_
#define LEADSCORE_BENCH_BENCH_COMMON_H_

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace leadscore_bench {

enum class Mode { kShort, kDefault, kFull };

inline Mode BenchMode() {
  const char* m = std::getenv("LEADSCORE_BENCH_MODE");
  if (m == nullptr || *m == 0 || std::strcmp(m, "default") == 0) return Mode::kDefault;
  if (std::strcmp(m, "short") == 0) return Mode::kShort;
  if (std::strcmp(m, "full") == 0) return Mode::kFull;
  std::fprintf(stderr, "LEADSCORE_BENCH_MODE must be short, default or full (got '%s')\n", m);
  std::exit(2);
}

inline double MemoryBudgetBytes() {
  const char* b = std::getenv("LEADSCORE_BENCH_MEM_BUDGET_GB");
  const double gb = b != nullptr ? std::atof(b) : 12.0;
  return (gb > 0 ? gb : 12.0) * 1024.0 * 1024.0 * 1024.0;
}

// Bytes of heap in use (glibc: small chunks + mmapped chunks). Single-threaded
// deltas of this are a good estimate of what a data structure owns.
inline double HeapInUse() {
  const struct mallinfo2 mi = mallinfo2();
  return static_cast<double>(mi.uordblks) + static_cast<double>(mi.hblkhd);
}

// Peak resident set of the process so far, in MiB (monotonic over the run).
inline double PeakRssMiB() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;
}

// Current resident set, in MiB.
inline double RssMiB() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Keeps freed heap mapped (no automatic trimming, no mmap for blocks under
// 32 MB), so that a pass after the first reuses memory already touched, as a
// long-running host does. On this machine a first touch costs ~3.5 ms per MB
// (shared/machine-notes.md), which would otherwise be charged to whichever
// pass happens to grow the heap. Called once by each bench binary before any
// benchmark runs; TrimHeap() still releases memory between fixtures.
inline void ConfigureMalloc() {
  mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
}

// Returns freed heap to the OS so RSS figures of later benchmarks are not
// inflated by earlier ones.
inline void TrimHeap() { malloc_trim(0); }

inline double ThreadCpuSeconds() {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

inline double WallSeconds() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

[[noreturn]] inline void Die(const std::string& what) {
  std::fprintf(stderr, "\nBENCHMARK ABORTED: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace leadscore_bench

#endif  // LEADSCORE_BENCH_BENCH_COMMON_H_
