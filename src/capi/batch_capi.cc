// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// C ABI: batch scoring of JSON Lines buffers, byte for byte as `leadscore
// score` scores files.

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "capi/errors.h"
#include "capi/handles.h"
#include "leadscore/batch.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/line_reader.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore_c.h"

using leadscore::capi::CheckDocument;
using leadscore::capi::CheckHandle;
using leadscore::capi::CheckOptionsSize;
using leadscore::capi::CheckOut;
using leadscore::capi::CheckTime;
using leadscore::capi::Detail;
using leadscore::capi::Fail;
using leadscore::capi::FreeHandle;
using leadscore::capi::Guard;
using leadscore::capi::Is;
using leadscore::capi::Kind;
using leadscore::capi::Ok;
using leadscore::capi::Rejected;
using leadscore::capi::ValidUtf8;

namespace {

// Calls `handle(number, text)` on every non-blank line of `buffer`, cut as
// the CLI's LineReader cuts a file: at '\n', a last line without one
// included, each cleaned by the same CleanLine (io/line_reader.h);
// `number` counts every line from 1, blank ones too. Stops at the first error
// `handle` returns.
template <typename F>
absl::Status ForEachLine(absl::string_view buffer, F&& handle) {
  uint64_t number = 0;
  size_t pos = 0;
  while (pos < buffer.size()) {
    const void* nl = std::memchr(buffer.data() + pos, '\n', buffer.size() - pos);
    const size_t end = nl == nullptr ? buffer.size()
                                     : static_cast<size_t>(static_cast<const char*>(nl) -
                                                           buffer.data());
    absl::string_view line = buffer.substr(pos, end - pos);
    pos = nl == nullptr ? buffer.size() : end + 1;
    ++number;
    line = leadscore::CleanLine(line);
    if (absl::StripAsciiWhitespace(line).empty()) continue;  // blank: no data
    if (absl::Status s = handle(number, line); !s.ok()) return s;
  }
  return absl::OkStatus();
}

struct BatchRun {
  absl::string_view leads;
  absl::string_view events;
  absl::Time as_of;
};

// The bad-line policy of `batch` for line `line` of `source` refused with
// `why`: skip mode lists it and goes on; fail mode stops with it as the
// error's detail (in `*failed`).
absl::Status OnBadLine(leadscore_batch* batch, const char* source, uint64_t line,
                       const absl::Status& why, std::vector<Detail>* failed) {
  if (batch->skip_bad_lines) {
    batch->rejected.push_back(Rejected{source, line, ValidUtf8(why.message())});
    return absl::OkStatus();
  }
  failed->push_back(Detail{source, line, "", std::string(why.message())});
  return absl::InvalidArgumentError(absl::StrCat(source, ":", line, ": ", why.message()));
}

// Reads the lines into a batch and writes the scorecards to
// `batch->out`, as tools/leadscore/score_command.cc does with files.
absl::Status RunBatch(leadscore_batch* batch, const BatchRun& run,
                      std::vector<Detail>* failed) {
  absl::StatusOr<leadscore::BatchScorer> scorer =
      leadscore::BatchScorer::Create(batch->scorer.shared_model(), run.as_of);
  if (!scorer.ok()) return scorer.status();
  leadscore::Lead lead;
  absl::Status read = ForEachLine(run.leads, [&](uint64_t number, absl::string_view text) {
    absl::Status s = leadscore::ParseLeadJson(text, &lead);
    if (s.ok()) s = scorer->AddLead(std::move(lead));
    lead = leadscore::Lead();
    return s.ok() ? s : OnBadLine(batch, "leads", number, s, failed);
  });
  if (!read.ok()) return read;
  scorer->ReserveEvents(run.events.size() / 160);  // lines are ~180 bytes
  leadscore::Event event;  // reused: its strings and map keep their capacity
  read = ForEachLine(run.events, [&](uint64_t number, absl::string_view text) {
    absl::Status s = leadscore::ParseEventJson(text, &event);
    if (s.ok()) s = scorer->AddEvent(event);
    return s.ok() ? s : OnBadLine(batch, "events", number, s, failed);
  });
  if (!read.ok()) return read;
  leadscore::BatchOptions options;
  options.explain = batch->explain;
  options.threads = batch->threads;
  scorer->Score(options, [&](const leadscore::Scorecard& card) {
    leadscore::AppendScorecardJson(card, options.explain, &batch->out);
    batch->out.push_back('\n');
  });
  return absl::OkStatus();
}

}  // namespace

extern "C" {

leadscore_status leadscore_batch_new(const leadscore_scorer* scorer,
                                     const leadscore_batch_options* options,
                                     leadscore_batch** batch, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckHandle(scorer, Kind::kScorer, "scorer"); !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s = CheckOut(batch, "batch"); !s.ok()) return Fail(s, error);
    leadscore_batch_options o;
    leadscore_batch_options_init(&o);
    if (options != nullptr) {
      constexpr size_t kV1 = offsetof(leadscore_batch_options, skip_bad_lines) +
                             sizeof(options->skip_bad_lines);
      if (absl::Status s = CheckOptionsSize(options, kV1, sizeof(leadscore_batch_options),
                                            "leadscore_batch_options");
          !s.ok()) {
        return Fail(s, error);
      }
      o = *options;
    }
    if (o.threads < 1 || o.threads > LEADSCORE_MAX_BATCH_THREADS) {
      return Fail(absl::InvalidArgumentError(absl::StrCat(
                      "threads is ", o.threads, "; give 1 to ", LEADSCORE_MAX_BATCH_THREADS)),
                  error);
    }
    *batch = new leadscore_batch(scorer->scorer, o.explain != 0, o.threads,
                                 o.skip_bad_lines != 0);
    return Ok(error);
  });
}

leadscore_status leadscore_batch_score_jsonl(leadscore_batch* batch, const char* leads,
                                             size_t leads_len, const char* events,
                                             size_t events_len, int64_t as_of_unix_ns,
                                             const char** out, size_t* out_len,
                                             leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    BatchRun run;
    if (absl::Status s = CheckHandle(batch, Kind::kBatch, "batch"); !s.ok()) {
      return Fail(s, error);
    }
    batch->out.clear();
    batch->rejected.clear();
    if (absl::Status s = CheckOut(out, "out"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(out_len, "out_len"); !s.ok()) return Fail(s, error);
    if (absl::Status s =
            CheckDocument(leads, leads_len, LEADSCORE_MAX_BATCH_BYTES, "leads", &run.leads);
        !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s =
            CheckDocument(events, events_len, LEADSCORE_MAX_BATCH_BYTES, "events", &run.events);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::StatusOr<absl::Time> as_of = CheckTime(as_of_unix_ns, "as_of_unix_ns");
    if (!as_of.ok()) return Fail(as_of.status(), error);
    run.as_of = *as_of;
    std::vector<Detail> failed;
    if (absl::Status s = RunBatch(batch, run, &failed); !s.ok()) {
      batch->out.clear();
      return Fail(s, error, std::move(failed));
    }
    *out = batch->out.c_str();
    *out_len = batch->out.size();
    return Ok(error);
  });
}

leadscore_status leadscore_batch_rejected_count(const leadscore_batch* batch, size_t* count) {
  if (!Is(batch, Kind::kBatch) || count == nullptr) return LEADSCORE_INVALID_ARGUMENT;
  *count = batch->rejected.size();
  return LEADSCORE_OK;
}

leadscore_status leadscore_batch_rejected(const leadscore_batch* batch, size_t index,
                                          const char** source, uint64_t* line,
                                          const char** message) {
  if (!Is(batch, Kind::kBatch) || index >= batch->rejected.size()) {
    return LEADSCORE_INVALID_ARGUMENT;
  }
  const Rejected& r = batch->rejected[index];
  if (source != nullptr) *source = r.source;
  if (line != nullptr) *line = r.line;
  if (message != nullptr) *message = r.message.c_str();
  return LEADSCORE_OK;
}

leadscore_status leadscore_batch_free(leadscore_batch* batch) {
  return FreeHandle(batch, Kind::kBatch);
}

}  // extern "C"
