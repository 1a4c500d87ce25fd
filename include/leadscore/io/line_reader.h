// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// LineReader: streams a file line by line through one reused buffer (fresh
// memory is expensive on our machines; see docs/performance.md). Handles CRLF,
// a UTF-8 byte-order mark at the start of any line and a last line without
// newline.

#ifndef LEADSCORE_IO_LINE_READER_H_
#define LEADSCORE_IO_LINE_READER_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace leadscore {

// One line of a JSON Lines input as the readers hand it on: `raw` (without
// its '\n') less a trailing '\r' and a leading UTF-8 byte-order mark. A BOM
// starts a file written by some Windows tools, and any line of files joined
// with `cat`: dropped at the start of every line (both JSON parsers would skip
// it there anyway; dropping it here also keeps it out of rejects records and
// makes a line holding only a BOM blank).
absl::string_view CleanLine(absl::string_view raw);

class LineReader {
 public:
  // Opens `path` ("-" for standard input).
  static absl::StatusOr<LineReader> Open(const std::string& path);
  // Opens bytes [begin, end) of the regular file `path`; `begin` should be the
  // start of a line (see SplitAtLines). Line numbers count from that range.
  static absl::StatusOr<LineReader> OpenRange(const std::string& path, uint64_t begin,
                                              uint64_t end);
  LineReader(LineReader&& other) noexcept;
  LineReader& operator=(LineReader&&) = delete;
  ~LineReader();

  // Sets `*line` to the next line (without its line ending; valid until the
  // next call) and returns true, or returns false at the end of the input.
  bool Next(absl::string_view* line);

  // 1-based number of the line last returned.
  uint64_t line_number() const { return line_number_; }
  // Where in the file the line last returned starts (after a byte-order
  // mark), to read its text again later.
  uint64_t line_offset() const { return line_offset_; }
  uint64_t bytes_read() const { return bytes_read_; }
  // False if a read error happened (then Next returned false early).
  bool ok() const { return !error_; }

 private:
  LineReader(std::FILE* f, bool owned, uint64_t begin, uint64_t limit)
      : file_(f), owned_(owned), base_(begin), limit_(limit) {}
  bool Fill();

  std::FILE* file_;
  bool owned_;
  std::string buffer_;
  uint64_t base_;   // file offset of buffer_[0]
  uint64_t limit_;  // bytes left to read
  size_t begin_ = 0, end_ = 0;  // unread bytes are buffer_[begin_, end_)
  bool eof_ = false;
  bool error_ = false;
  uint64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace leadscore

#endif  // LEADSCORE_IO_LINE_READER_H_
