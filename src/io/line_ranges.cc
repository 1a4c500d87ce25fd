// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/line_ranges.h"

#include <sys/stat.h>

#include <atomic>
#include <condition_variable>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "leadscore/io/line_reader.h"

namespace leadscore {

namespace {

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

File OpenFile(const std::string& path) {
  return File(std::fopen(path.c_str(), "rb"), &std::fclose);
}

// The first line start at or after `at`: just past the next '\n' from at - 1.
absl::StatusOr<uint64_t> LineStartFrom(std::FILE* f, uint64_t at, uint64_t size) {
  if (at == 0) return 0;
  if (::fseeko(f, static_cast<off_t>(at - 1), SEEK_SET) != 0) {
    return absl::DataLossError(absl::StrCat("cannot seek: ", std::strerror(errno)));
  }
  char buffer[64 * 1024];
  uint64_t pos = at - 1;
  while (pos < size) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, f);
    if (n == 0) break;
    if (const void* nl = std::memchr(buffer, '\n', n)) {
      return pos + static_cast<uint64_t>(static_cast<const char*>(nl) - buffer) + 1;
    }
    pos += n;
  }
  if (std::ferror(f)) return absl::DataLossError("read error");
  return size;
}

}  // namespace

absl::StatusOr<std::vector<LineRange>> SplitAtLines(const std::string& path, int parts) {
  if (path == "-") return absl::FailedPreconditionError("standard input");
  File f = OpenFile(path);
  if (!f) {
    return absl::NotFoundError(
        absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(::fileno(f.get()), &st) != 0 || !S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat("'", path, "' is not a regular file"));
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  std::vector<LineRange> ranges;
  const uint64_t n = static_cast<uint64_t>(parts < 1 ? 1 : parts);
  uint64_t begin = 0;
  for (uint64_t k = 1; k <= n && begin < size; ++k) {
    uint64_t end = size;
    if (k < n) {
      const uint64_t target = size / n * k;
      if (target <= begin) continue;  // a line longer than a part
      absl::StatusOr<uint64_t> start = LineStartFrom(f.get(), target, size);
      if (!start.ok()) {
        return absl::DataLossError(
            absl::StrCat("error reading '", path, "': ", start.status().message()));
      }
      end = *start;
    }
    ranges.push_back(LineRange{begin, end});
    begin = end;
  }
  return ranges;
}

absl::Status ReadRanges(const std::string& path, const std::vector<LineRange>& ranges,
                        const RangeReadOptions& options,
                        const std::function<absl::Status(const RangeLine&)>& handle,
                        const std::function<absl::Status(size_t, RangeResult&&)>& done) {
  std::vector<RangeResult> results(ranges.size());
  std::vector<uint8_t> finished(ranges.size(), 0);  // under `mu`
  std::mutex mu;
  std::condition_variable range_finished;
  std::atomic<size_t> next{0};
  // Ranges after this one stop: a range refused a line with
  // stop_at_first_refusal, `done` failed, or a range could not be read.
  std::atomic<size_t> stop_after{std::numeric_limits<size_t>::max()};
  auto stop_from = [&](size_t r) {
    size_t seen = stop_after.load();
    while (r < seen && !stop_after.compare_exchange_weak(seen, r)) {
    }
  };
  std::atomic<uint64_t> lines_read{0}, bytes_read{0};
  std::vector<uint8_t> read_failed(ranges.size(), 0);

  auto read_range = [&](size_t r, bool calling_thread) {
    RangeResult& result = results[r];
    absl::StatusOr<LineReader> reader =
        LineReader::OpenRange(path, ranges[r].begin, ranges[r].end);
    if (!reader.ok()) {
      read_failed[r] = 1;
      stop_from(r);
      return;
    }
    absl::string_view text;
    uint64_t reported = 0;
    while (reader->Next(&text)) {
      if (stop_after.load(std::memory_order_relaxed) < r) return;
      if (absl::StripAsciiWhitespace(text).empty()) continue;  // blank: no data
      ++result.data_lines;
      if ((result.data_lines & 0x3FFF) == 0) {
        lines_read.fetch_add(result.data_lines - reported, std::memory_order_relaxed);
        reported = result.data_lines;
        if (calling_thread && options.progress) {
          options.progress(lines_read.load(std::memory_order_relaxed),
                           bytes_read.load(std::memory_order_relaxed) + reader->bytes_read());
        }
      }
      const RangeLine line{r, reader->line_number(), reader->line_offset(), text};
      absl::Status s = handle(line);
      if (s.ok()) continue;
      result.refused.push_back(
          RefusedLine{line.number, line.offset, text.size(), std::string(s.message())});
      if (options.stop_at_first_refusal) {
        stop_from(r);
        break;
      }
    }
    result.lines = reader->line_number();
    result.bytes = reader->bytes_read();
    if (!reader->ok()) {
      read_failed[r] = 1;
      stop_from(r);
    }
    lines_read.fetch_add(result.data_lines - reported, std::memory_order_relaxed);
    bytes_read.fetch_add(result.bytes, std::memory_order_relaxed);
  };
  auto claim = [&]() -> size_t {
    const size_t r = next++;
    return r < ranges.size() && r <= stop_after.load() ? r : ranges.size();
  };
  auto finish = [&](size_t r) {
    std::lock_guard<std::mutex> lock(mu);
    finished[r] = 1;
    range_finished.notify_one();
  };
  auto work = [&] {
    for (size_t r = claim(); r < ranges.size(); r = claim()) {
      read_range(r, false);
      finish(r);
    }
  };

  const size_t threads =
      std::min(ranges.size(), static_cast<size_t>(options.threads < 1 ? 1 : options.threads));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);

  // The calling thread reads ranges too, and between them passes finished
  // ranges to `done` in order; once none is left to claim it waits for the
  // others. Ranges past a stop are not passed on (nor all read).
  absl::Status status;
  size_t next_done = 0;
  bool claiming = true;
  while (status.ok() && next_done < ranges.size() && next_done <= stop_after.load()) {
    bool ready;
    {
      std::unique_lock<std::mutex> lock(mu);
      // Every range up to the stop is claimed, so it finishes.
      if (!claiming) range_finished.wait(lock, [&] { return finished[next_done] != 0; });
      ready = finished[next_done] != 0;
    }
    if (ready) {
      const size_t r = next_done++;
      if (read_failed[r]) {
        status = absl::DataLossError(absl::StrCat("error reading '", path, "'"));
      } else {
        status = done(r, std::move(results[r]));
        results[r] = RangeResult();
      }
      if (!status.ok()) stop_from(r);
      continue;
    }
    const size_t r = claim();
    if (r == ranges.size()) {
      claiming = false;
      continue;
    }
    read_range(r, true);
    finish(r);
  }
  for (std::thread& t : pool) t.join();
  return status;
}

absl::StatusOr<std::string> ReadText(const std::string& path, uint64_t offset, uint64_t size) {
  File f = OpenFile(path);
  std::string text(size, '\0');
  if (!f || ::fseeko(f.get(), static_cast<off_t>(offset), SEEK_SET) != 0 ||
      std::fread(&text[0], 1, size, f.get()) != size) {
    return absl::DataLossError(absl::StrCat("cannot read '", path, "' again"));
  }
  return text;
}

}  // namespace leadscore
