// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "inputs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "leadscore/jsonl.h"
#include "line_reader.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace cli {
namespace {

}  // namespace

RejectSink::~RejectSink() {
  if (out_ != nullptr && out_ != stderr) std::fclose(out_);
}

absl::Status RejectSink::Open(const std::vector<std::string>& inputs) {
  out_ = stderr;
  if (!path_) return absl::OkStatus();
  struct stat target;
  if (::stat(path_->c_str(), &target) == 0) {
    for (const std::string& in : inputs) {
      struct stat st;
      if (::stat(in.c_str(), &st) == 0 && st.st_dev == target.st_dev &&
          st.st_ino == target.st_ino) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--rejects '", *path_, "' is one of the input files; it would be emptied"));
      }
    }
  }
  out_ = std::fopen(path_->c_str(), "w");
  if (out_ == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot write rejects file '", *path_, "': ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status RejectSink::Write(const std::string& path, uint64_t line,
                               absl::string_view error, absl::string_view input) {
  if (out_ == nullptr) out_ = stderr;
  nlohmann::json j = {{"file", path},
                      {"line", line},
                      {"error", std::string(error)},
                      {"input", std::string(input)}};
  const std::string text =
      j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fprintf(out_, "%s\n", text.c_str());
  return absl::OkStatus();
}

namespace {

class Progress {
 public:
  explicit Progress(bool on) : on_(on) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }
  void Update(const char* what, uint64_t lines, uint64_t bytes) {
    if (!on_ || (lines & 0x3FFF) != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\rreading %s: %llu lines, %.1f MB", what,
                 static_cast<unsigned long long>(lines), bytes / 1e6);
  }

 private:
  bool on_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

absl::Status ReadLines(const std::string& path, const char* what,
                      const InputOptions& options, InputStats* stats,
                      uint64_t* lines,
                      const std::function<absl::Status(absl::string_view)>& handle) {
  absl::StatusOr<LineReader> reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  Progress progress(options.progress);
  absl::string_view line;
  while (reader->Next(&line)) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;  // blank: no data
    ++*lines;
    progress.Update(what, *lines, stats->bytes + reader->bytes_read());
    absl::Status s = handle(line);
    if (s.ok()) continue;
    ++stats->rejected;
    if (!options.skip_bad_lines) {
      std::fprintf(stderr, "%s:%llu: %s\n", path.c_str(),
                   static_cast<unsigned long long>(reader->line_number()),
                   std::string(s.message()).c_str());
      return absl::InvalidArgumentError("bad input line");
    }
    absl::Status written =
        options.rejects->Write(path, reader->line_number(), s.message(), line);
    if (!written.ok()) return written;
  }
  stats->bytes += reader->bytes_read();
  if (!reader->ok()) {
    return absl::DataLossError(absl::StrCat("error reading '", path, "'"));
  }
  return absl::OkStatus();
}

absl::Status ReadInputs(const InputOptions& options, BatchScorer* batch,
                        InputStats* stats,
                        const std::function<bool(const std::string&)>& filter) {
  absl::Status s = ReadLines(
      options.leads_path, "leads", options, stats, &stats->lead_lines,
      [&](absl::string_view line) -> absl::Status {
        Lead lead;
        absl::Status parsed = ParseLeadJson(line, &lead);
        if (!parsed.ok()) return parsed;
        return batch->AddLead(std::move(lead));
      });
  if (!s.ok() || !options.events_path) return s;
  // Reserve for the likely number of events (lines are ~180 bytes), so the
  // event table is not grown and copied step by step.
  struct stat st;
  if (::stat(options.events_path->c_str(), &st) == 0 && st.st_size > 0) {
    batch->ReserveEvents(static_cast<size_t>(st.st_size) / 160);
  }
  Event event;  // reused: its strings and map keep their capacity
  return ReadLines(*options.events_path, "events", options, stats, &stats->event_lines,
                   [&](absl::string_view line) -> absl::Status {
                     absl::Status parsed = ParseEventJson(line, &event);
                     if (!parsed.ok()) return parsed;
                     if (filter && !filter(event.lead_id)) return absl::OkStatus();
                     return batch->AddEvent(event);
                   });
}

}  // namespace cli
}  // namespace leadscore
