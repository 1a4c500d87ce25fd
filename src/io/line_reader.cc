// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/line_reader.h"

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace leadscore {

namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

absl::StatusOr<LineReader> LineReader::Open(const std::string& path) {
  constexpr uint64_t kAll = ~uint64_t{0};
  if (path == "-") return LineReader(stdin, false, 0, kAll);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  return LineReader(f, true, 0, kAll);
}

absl::StatusOr<LineReader> LineReader::OpenRange(const std::string& path, uint64_t begin,
                                                 uint64_t end) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  LineReader reader(f, true, begin, end > begin ? end - begin : 0);
  if (::fseeko(f, static_cast<off_t>(begin), SEEK_SET) != 0) {
    return absl::DataLossError(
        absl::StrCat("cannot seek in '", path, "': ", std::strerror(errno)));
  }
  return reader;
}

LineReader::LineReader(LineReader&& o) noexcept
    : file_(std::exchange(o.file_, nullptr)),
      owned_(o.owned_),
      buffer_(std::move(o.buffer_)),
      base_(o.base_),
      limit_(o.limit_),
      begin_(o.begin_),
      end_(o.end_),
      eof_(o.eof_),
      error_(o.error_),
      line_number_(o.line_number_),
      line_offset_(o.line_offset_),
      bytes_read_(o.bytes_read_) {}

LineReader::~LineReader() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

absl::string_view CleanLine(absl::string_view raw) {
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  if (raw.size() >= 3 && std::memcmp(raw.data(), "\xEF\xBB\xBF", 3) == 0) raw.remove_prefix(3);
  return raw;
}

bool LineReader::Fill() {
  if (eof_) return false;
  // Move the unread tail to the front, grow only for lines longer than a chunk.
  if (begin_ > 0) {
    std::memmove(&buffer_[0], buffer_.data() + begin_, end_ - begin_);
    base_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() < end_ + kChunk) buffer_.resize(end_ + kChunk);
  const size_t want = static_cast<size_t>(std::min<uint64_t>(buffer_.size() - end_, limit_));
  const size_t n = want == 0 ? 0 : std::fread(&buffer_[end_], 1, want, file_);
  limit_ -= n;
  if (n == 0) {
    eof_ = true;
    if (std::ferror(file_)) error_ = true;
    return false;
  }
  end_ += n;
  bytes_read_ += n;
  return true;
}

bool LineReader::Next(absl::string_view* line) {
  size_t scanned = begin_;
  while (true) {
    const void* nl = std::memchr(buffer_.data() + scanned, '\n', end_ - scanned);
    if (nl != nullptr) {
      const size_t pos = static_cast<const char*>(nl) - buffer_.data();
      *line = absl::string_view(buffer_.data() + begin_, pos - begin_);
      begin_ = pos + 1;
      break;
    }
    scanned = end_ - begin_;  // offset after the move in Fill
    if (!Fill()) {
      if (begin_ == end_) return false;
      *line = absl::string_view(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      break;
    }
  }
  ++line_number_;
  *line = CleanLine(*line);
  line_offset_ = base_ + static_cast<uint64_t>(line->data() - buffer_.data());
  return true;
}

}  // namespace leadscore
