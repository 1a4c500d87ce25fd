// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The CLI's events reader on several threads (tools/leadscore: line_ranges,
// ReadInputs with InputOptions::threads): the batch, counts, rejects records
// and the first bad line in fail mode must be exactly those of one thread,
// wherever the file is cut.

#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "catch2/catch.hpp"
#include "support/cli_util.h"
#include "inputs.h"
#include "leadscore/leadscore.h"
#include "leadscore/io/line_ranges.h"
#include "support/test_util.h"

namespace {

using leadscore::BatchOptions;
using leadscore::BatchScorer;
using leadscore::Scorecard;
using leadscore::Scorer;
using leadscore::cli::InputOptions;
using leadscore::cli::InputStats;
using leadscore::LineRange;
using leadscore::cli::RejectSink;
using namespace leadscore_test;

const char* kAsOf = "2026-10-16T00:00:00Z";

std::string LeadsJsonl() {
  std::string out;
  for (int i = 0; i < 30; ++i) {
    out += "{\"id\": \"L-" + std::to_string(i) + "\", \"consent\": true, \"attributes\": " +
           "{\"job_title\": \"" + (i % 2 ? "VP Sales" : "CTO") + "\", \"company_size\": " +
           std::to_string(20 * i) + "}}\n";
  }
  return out;
}

// Event lines with everything the reader must keep exact: CRLF endings, blank
// and whitespace-only lines, byte-order marks, bad lines, unknown leads,
// copies of ids far apart, events after as_of, and no newline at the end.
std::string EventsJsonl(bool with_bad_lines) {
  const char* types[] = {"page_view", "email_click", "demo_request", "content_download"};
  std::vector<std::string> lines;
  std::string out;
  for (int i = 0; i < 400; ++i) {
    std::string line = "{\"id\": \"E-" + std::to_string(i) + "\", \"lead_id\": \"" +
                       (i % 23 == 0 ? "U-" : "L-") + std::to_string(i % 31) +
                       "\", \"type\": \"" + types[i % 4] + "\", \"at\": \"2026-10-" +
                       std::to_string(10 + i % 9) + "T0" + std::to_string(i % 10) +
                       ":00:00Z\", \"properties\": {\"url\": \"https://x.example/pricing\"}}";
    if (i % 97 == 0 && i > 0) line = lines[i - 90];  // a copy, far from the original
    lines.push_back(line);
    if (with_bad_lines && i % 37 == 5) line = "{\"id\": \"E-bad\", \"lead_id\": ";  // cut short
    if (with_bad_lines && i % 53 == 7) line = "{\"lead_id\": \"L-1\", \"type\": \"x\"}";
    if (i % 19 == 0) line = "\xEF\xBB\xBF" + line;
    out += line;
    out += i % 3 == 0 ? "\r\n" : "\n";
    if (i % 29 == 0) out += "\n";
    if (i % 31 == 0) out += "  \t \r\n";
  }
  out.pop_back();  // no newline after the last line
  if (out.back() == '\r') out.pop_back();
  return out;
}

struct Run {
  absl::Status status;
  std::vector<std::string> cards;
  size_t duplicates = 0, events = 0, unknown = 0, after = 0;
  std::vector<std::string> unknown_ids;
  InputStats stats;
  std::string rejects;
};

Run Read(CliDir& dir, const std::string& leads, const std::string& events, bool skip,
         int threads, uint64_t min_range_bytes) {
  Run run;
  const auto model = MustLoad(
      ReadFile(std::string(LEADSCORE_SOURCE_DIR) + "/examples/models/b2b-saas.json"));
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, T(kAsOf));
  REQUIRE(batch.ok());
  const std::string rejects_path =
      dir.Path("rejects-" + std::to_string(threads) + "-" + std::to_string(min_range_bytes));
  {
    RejectSink rejects(rejects_path);
    REQUIRE(rejects.Open({}).ok());
    InputOptions in;
    in.leads_path = leads;
    in.events_path = events;
    in.skip_bad_lines = skip;
    in.rejects = &rejects;
    in.threads = threads;
    in.min_range_bytes = min_range_bytes;
    run.status = ReadInputs(in, &*batch, &run.stats);
  }
  run.rejects = ReadFile(rejects_path);
  if (!run.status.ok()) return run;
  BatchOptions options;
  options.explain = true;
  options.threads = threads;
  run.duplicates =
      batch->Score(options, [&](const Scorecard& c) { run.cards.push_back(CardJson(c)); })
          .duplicates_dropped;
  run.events = batch->event_count();
  run.unknown = batch->unknown_lead_events();
  run.after = batch->events_after_as_of();
  run.unknown_ids = batch->unknown_lead_ids();
  return run;
}

void RequireSame(const Run& got, const Run& want) {
  REQUIRE(got.status == want.status);
  REQUIRE(got.cards == want.cards);
  CHECK(got.duplicates == want.duplicates);
  CHECK(got.events == want.events);
  CHECK(got.unknown == want.unknown);
  CHECK(got.after == want.after);
  CHECK(got.unknown_ids == want.unknown_ids);
  CHECK(got.stats.lead_lines == want.stats.lead_lines);
  CHECK(got.stats.event_lines == want.stats.event_lines);
  CHECK(got.stats.rejected == want.stats.rejected);
  CHECK(got.stats.bytes == want.stats.bytes);
  CHECK(got.rejects == want.rejects);
}

TEST_CASE("Events read on several threads give the one-thread batch", "[cli][threads]") {
  CliDir dir("parallel_read");
  const std::string leads = dir.Write("leads.jsonl", LeadsJsonl());
  for (bool bad : {false, true}) {
    const std::string events = dir.Write("events.jsonl", EventsJsonl(bad));
    const Run want = Read(dir, leads, events, /*skip=*/true, 1, 1);
    REQUIRE(want.status.ok());
    REQUIRE(want.duplicates > 0);
    REQUIRE(want.unknown > 0);
    REQUIRE(want.after > 0);
    REQUIRE((want.stats.rejected > 0) == bad);
    for (int threads : {2, 3, 5}) {
      for (uint64_t min_bytes : {1, 100, 2000, 1 << 20}) {
        INFO("bad lines " << bad << ", threads " << threads << ", min range bytes "
                          << min_bytes);
        RequireSame(Read(dir, leads, events, true, threads, min_bytes), want);
      }
    }
  }
}

TEST_CASE("Fail mode on several threads stops at the first bad line of the file",
          "[cli][threads]") {
  CliDir dir("parallel_read");
  const std::string leads = dir.Write("leads.jsonl", LeadsJsonl());
  const std::string events = dir.Write("events.jsonl", EventsJsonl(true));
  // The first bad line stops the run and is recorded (not printed) as data.
  auto first_bad_line = [&](int threads) {
    const Run run = Read(dir, leads, events, /*skip=*/false, threads, 1);
    CHECK(absl::IsInvalidArgument(run.status));
    CHECK(run.stats.rejected == 1);
    CHECK(run.rejects.empty());
    REQUIRE(run.stats.stopped_at.has_value());
    // The status says the same, as text, for callers that only print it.
    CHECK(run.status.message() == leadscore::cli::FormatBadLine(*run.stats.stopped_at));
    return leadscore::cli::FormatBadLine(*run.stats.stopped_at);
  };
  const std::string want = first_bad_line(1);
  REQUIRE(want.find("events.jsonl:") != std::string::npos);
  for (int threads : {2, 3, 5}) {
    INFO("threads " << threads);
    CHECK(first_bad_line(threads) == want);
  }
}

TEST_CASE("Files are cut at line starts", "[cli][threads]") {
  CliDir dir("parallel_read");
  // 10 lines of 10 bytes: cutting 100 bytes in 2 or 5 lands exactly on line
  // starts; in 3 or 7 inside lines.
  std::string text;
  for (int i = 0; i < 10; ++i) text += "line " + std::to_string(i) + "...\n";
  REQUIRE(text.size() == 100);
  const std::string path = dir.Write("lines.txt", text);
  for (int parts : {1, 2, 3, 5, 7, 10, 40}) {
    INFO("parts " << parts);
    absl::StatusOr<std::vector<LineRange>> ranges = leadscore::SplitAtLines(path, parts);
    REQUIRE(ranges.ok());
    REQUIRE(!ranges->empty());
    CHECK(ranges->size() <= static_cast<size_t>(parts));
    CHECK(ranges->front().begin == 0);
    CHECK(ranges->back().end == text.size());
    for (size_t r = 0; r < ranges->size(); ++r) {
      const LineRange& range = (*ranges)[r];
      CHECK(range.begin < range.end);
      if (r > 0) CHECK(range.begin == (*ranges)[r - 1].end);
      CHECK(range.begin % 10 == 0);  // a line start
    }
    if (parts == 2) CHECK((*ranges)[1].begin == 50);  // exactly on a line start
  }
  // A line longer than a part, and an empty file.
  const std::string long_line = dir.Write("long.txt", std::string(1000, 'x') + "\nshort\n");
  absl::StatusOr<std::vector<LineRange>> ranges = leadscore::SplitAtLines(long_line, 4);
  REQUIRE(ranges.ok());
  REQUIRE(ranges->size() == 2);
  CHECK((*ranges)[1].begin == 1001);
  ranges = leadscore::SplitAtLines(dir.Write("empty.txt", ""), 4);
  REQUIRE(ranges.ok());
  CHECK(ranges->empty());
  CHECK(absl::IsFailedPrecondition(leadscore::SplitAtLines("-", 2).status()));
}

}  // namespace
