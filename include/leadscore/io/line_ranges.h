// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading one file on several threads: the file is cut into byte ranges that
// start at line starts, each range is read by one thread, and whatever the
// lines produced is put back together in file order by the caller. Lines are
// exactly those LineReader gives (CRLF, byte-order marks, a last line without
// newline), and a line's number is its number in the whole file.

#ifndef LEADSCORE_IO_LINE_RANGES_H_
#define LEADSCORE_IO_LINE_RANGES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

// Bytes [begin, end) of a file; begin is 0 or follows a '\n'.
struct LineRange {
  uint64_t begin = 0;
  uint64_t end = 0;
};

// Cuts the regular file `path` into at most `parts` non-empty ranges of about
// equal size, each starting at a line start (none for an empty file).
// FailedPrecondition when `path` is not a regular file (standard input, a
// pipe): it can only be read in one pass. NotFound when it cannot be opened.
absl::StatusOr<std::vector<LineRange>> SplitAtLines(const std::string& path, int parts);

// One non-blank line of a range.
struct RangeLine {
  size_t range;      // index in the ranges
  uint64_t number;   // 1-based, counted from the range's start
  uint64_t offset;   // of its text in the file (see ReadText)
  absl::string_view text;  // without line ending or byte-order mark
};

// A line the handler refused, with why.
struct RefusedLine {
  uint64_t number;  // as RangeLine::number
  uint64_t offset;
  uint64_t size;
  std::string error;
};

// What reading one range found.
struct RangeResult {
  uint64_t lines = 0;       // every line, blank ones too (to number the next range)
  uint64_t data_lines = 0;  // non-blank lines given to the handler
  uint64_t bytes = 0;
  std::vector<RefusedLine> refused;  // in line order
};

struct RangeReadOptions {
  int threads = 1;
  // Stop a range at the first line the handler refuses, and the ranges after
  // it (their lines can no longer matter: --on-error fail).
  bool stop_at_first_refusal = false;
  // Called now and then on the calling thread with the lines and bytes read
  // so far by all threads; may be empty.
  std::function<void(uint64_t lines, uint64_t bytes)> progress;
};

// Calls `handle` on every non-blank line of every range; ranges are taken in
// order by `options.threads` threads (the calling thread is one of them), so
// `handle` must be safe to call concurrently for different ranges; lines of
// one range come in order, on one thread. `done` is called on the calling
// thread once per range, in range order, as soon as that range and those
// before it are read (so their results can be used, and their memory reused,
// while later ranges are read). An error from `done` stops the reading and is
// returned; so is a read error (DataLoss).
absl::Status ReadRanges(const std::string& path, const std::vector<LineRange>& ranges,
                        const RangeReadOptions& options,
                        const std::function<absl::Status(const RangeLine&)>& handle,
                        const std::function<absl::Status(size_t, RangeResult&&)>& done);

// The text of a line found earlier (RefusedLine, RangeLine offsets): `size`
// bytes at `offset` of `path`. DataLoss if they cannot be read.
absl::StatusOr<std::string> ReadText(const std::string& path, uint64_t offset, uint64_t size);

}  // namespace leadscore

#endif  // LEADSCORE_IO_LINE_RANGES_H_
