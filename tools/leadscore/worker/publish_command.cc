// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore publish: lead records and events (JSON Lines) to the partition
// streams of the Redis Streams worker (Publisher; docs/scale-out.md).

#include <cstdio>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "commands.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/line_reader.h"
#include "leadscore/worker/publisher.h"
#include "messages.h"
#include "worker/worker_util.h"

namespace leadscore {
namespace cli {
namespace {

constexpr char kSynopsis[] =
    "usage: leadscore publish --redis URL [--partitions N] [--prefix P] [--leads L]\n"
    "                         [--events E] [--batch N]\n";

constexpr char kDescription[] =
    "Appends lead records (--leads, first) and events (--events; '-': standard input), JSON "
    "Lines, to the input stream of each lead's partition, for `leadscore worker`. Each line is "
    "checked first; a bad line stops the command (exit 2) with its file and line number, "
    "after the lines before it were published. See docs/scale-out.md.";

}  // namespace

int RunPublish(int argc, char** argv) {
  CommandLine cl("publish", kSynopsis, kDescription);
  RedisArgs r;
  std::optional<std::string> leads, events;
  size_t batch = 1000;
  AddRedisOptions(&cl, &r);
  cl.Text("leads", "L", "lead records, JSON Lines ('-': standard input)", &leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &events);
  cl.Whole<size_t>("batch", 1, 100000, "entries per partition per round trip (default 1000)",
                   &batch);
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (!leads && !events) return cl.UsageError("give --leads, --events or both");
  if (leads && events && *leads == "-" && *events == "-") {
    return cl.UsageError("--leads and --events cannot both be standard input");
  }
  PublisherOptions o;
  o.redis_url = *r.redis;
  o.prefix = r.prefix;
  o.partitions = r.partitions;
  o.batch = batch;
  absl::StatusOr<std::unique_ptr<Publisher>> pub = Publisher::Open(o);
  if (!pub.ok()) return RedisFailed("publish", *r.redis, pub.status());
  uint64_t lead_lines = 0, event_lines = 0;
  const auto publish = [&](const std::string& path, bool is_lead, uint64_t* count) -> int {
    absl::StatusOr<LineReader> reader = LineReader::Open(path);
    if (!reader.ok()) return cl.UsageError(reader.status().message());
    absl::string_view line;
    Lead lead;
    Event event;
    while (reader->Next(&line)) {
      line = CleanLine(line);
      if (line.find_first_not_of(" \t") == absl::string_view::npos) continue;
      absl::Status parsed = is_lead ? ParseLeadJson(line, &lead) : ParseEventJson(line, &event);
      if (!parsed.ok()) {
        std::fprintf(stderr, "leadscore publish: %s:%llu: %s\n", Printable(path).c_str(),
                     static_cast<unsigned long long>(reader->line_number()),
                     Printable(parsed.message()).c_str());
        if (absl::Status s = (*pub)->Flush(); !s.ok()) return RedisFailed("publish", *r.redis, s);
        return kExitBadInput;
      }
      absl::Status s = is_lead ? (*pub)->AddLead(lead.id, line) : (*pub)->AddEvent(event.lead_id, line);
      if (!s.ok()) return RedisFailed("publish", *r.redis, s);
      ++*count;
    }
    if (!reader->ok()) {
      std::fprintf(stderr, "leadscore publish: error reading %s\n", Printable(path).c_str());
      return kExitInternal;
    }
    return kExitOk;
  };
  if (leads) {
    if (int rc = publish(*leads, true, &lead_lines); rc != kExitOk) return rc;
  }
  if (events) {
    if (int rc = publish(*events, false, &event_lines); rc != kExitOk) return rc;
  }
  if (absl::Status s = (*pub)->Flush(); !s.ok()) return RedisFailed("publish", *r.redis, s);
  std::fprintf(stderr, "published: %llu lead records, %llu events to %u partitions\n",
               static_cast<unsigned long long>(lead_lines),
               static_cast<unsigned long long>(event_lines), r.partitions);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
