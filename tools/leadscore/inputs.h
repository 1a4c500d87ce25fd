// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Reading the leads and events files into a BatchScorer, with the bad-line
// policy of spec section 7 (--on-error fail|skip, rejects records). Leads are
// JSON Lines or CSV (LeadsFormat, docs/cli.md "Leads from CSV").

#ifndef LEADSCORE_TOOLS_INPUTS_H_
#define LEADSCORE_TOOLS_INPUTS_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "command_line.h"
#include "leadscore/batch.h"
#include "leadscore/io/csv.h"
#include "leadscore/lead.h"
#include "leadscore/io/outcomes.h"
#include "messages.h"

namespace leadscore {
namespace cli {

// Where skipped lines go in skip mode: the file `path` (created, or emptied,
// by Open) or stderr.
class RejectSink {
 public:
  explicit RejectSink(std::optional<std::string> path) : path_(std::move(path)) {}
  // Opens the file; refuses a path that names one of `inputs` (it would be
  // emptied) or cannot be written.
  absl::Status Open(const std::vector<std::string>& inputs);
  ~RejectSink();
  RejectSink(const RejectSink&) = delete;
  RejectSink& operator=(const RejectSink&) = delete;

  // Writes `{"file", "line", "error", "input"}` as one JSON line: `bad` and
  // the line's text `input`.
  absl::Status Write(const BadLine& bad, absl::string_view input);

 private:
  std::optional<std::string> path_;
  std::FILE* out_ = nullptr;
};

// How the leads file is read: JSON Lines (the default) or CSV.
struct LeadsFormat {
  bool csv = false;
  CsvLeadOptions csv_options;  // with csv
};

// The leads-format options as given: --leads-format, --id-column,
// --attribute-columns, --ignore-columns, --text-columns, --consent-column,
// --assume-consent, --outcome-column, --csv-delimiter.
struct LeadsFormatArgs {
  std::string leads_format;  // "csv", "jsonl" or "" (not given)
  std::optional<std::string> id_column, consent_column, outcome_column;
  std::optional<std::vector<std::string>> attribute_columns, ignore_columns, text_columns;
  std::optional<char> delimiter;
  bool assume_consent = false;
};

// Declares the leads-format options on `command_line`, each checked on its
// own (a column list of non-empty names, a one-character delimiter or `tab`).
void AddLeadsFormatOptions(CommandLine* command_line, LeadsFormatArgs* args);

// The leads format from the options. CSV when `--leads-format csv`, or when
// the option is absent and `leads_path` ends in `.csv` (ASCII case ignored).
// InvalidArgument (the message names the option) for a CSV option with JSON
// Lines leads, or options that exclude each other.
absl::StatusOr<LeadsFormat> LeadsFormatFromArgs(const LeadsFormatArgs& args,
                                                const std::string& leads_path);

struct InputOptions {
  std::string leads_path;
  LeadsFormat leads_format;
  // With CSV leads and an outcome column: receives the outcome of every lead
  // that was read and accepted (`at` none), in file order.
  std::vector<Outcome>* csv_outcomes = nullptr;
  std::optional<std::string> events_path;
  bool skip_bad_lines = false;  // --on-error skip
  // JSON Lines leads under a model with accounts: a non-string `account_id`
  // is a bad line (LeadParseOptions).
  bool strict_account_id = false;
  RejectSink* rejects = nullptr;  // required in skip mode
  bool progress = false;         // progress line on stderr
  // Threads that read the events file (a regular file; standard input and
  // pipes are read on one thread). Any number gives the same events, counts
  // and bad-line reports, in the same order. Leads are read on one thread:
  // building them is mostly allocation, which threads do not speed up.
  int threads = 1;
  // With threads > 1, files are cut into ranges of at least this many bytes
  // (up to 4 per thread, so a thread slowed by other work holds up little).
  uint64_t min_range_bytes = uint64_t{1} << 20;
};

struct InputStats {
  uint64_t lead_lines = 0;   // non-blank lines read
  uint64_t event_lines = 0;
  uint64_t rejected = 0;     // bad lines (skipped, or found before failing)
  uint64_t bytes = 0;
  // In fail mode, the bad line (or CSV header problem) that stopped the run.
  std::optional<BadLine> stopped_at;
};

// Reads the non-blank lines of `path`, calling `handle` on each. A line
// `handle` refuses is handled by the bad-line policy of `options` (see
// ReadInputs). `lines` counts the lines read. Nothing is printed: a bad line
// that stops the run is `stats->stopped_at`.
absl::Status ReadLines(const std::string& path, const char* what,
                       const InputOptions& options, InputStats* stats,
                       uint64_t* lines,
                       const std::function<absl::Status(absl::string_view)>& handle);

// Reads the leads file, JSON Lines or CSV as `options.leads_format` says,
// calling `handle` with each lead and its outcome (from a CSV outcome column;
// none otherwise). Bad lines, or bad CSV records, and leads `handle` refuses
// follow the bad-line policy of `options` as in ReadLines, with `FILE:LINE`
// naming the line on which a CSV record starts; rejects records carry the
// record's text. A CSV header problem always stops the run (InvalidArgument,
// with the problem in `stats->stopped_at`, and a hint when the header seems to
// use another delimiter). An unreadable file is NotFound. Counts leads read in
// `stats->lead_lines`.
absl::Status ReadLeadsFile(
    const InputOptions& options, InputStats* stats,
    const std::function<absl::Status(Lead&&, std::optional<bool>)>& handle);

// Reads the outcomes file (ParseOutcomeJson a line) through ReadLines,
// calling `handle` with each outcome.
absl::Status ReadOutcomesFile(const std::string& path, const InputOptions& options,
                              InputStats* stats, uint64_t* lines,
                              const std::function<absl::Status(Outcome&&)>& handle);

// Reads leads (ReadLeadsFile), then events, into `batch`. A bad line either
// stops reading (fail mode: the result is InvalidArgument `FILE:LINE: what is
// wrong`, and the line is `stats->stopped_at`, for the caller to print) or is
// written to `rejects` as a JSON record (skip mode). An unreadable file is NotFound. `filter`, if set, keeps only
// events whose lead id it accepts (the others are still parsed and checked);
// with `options.threads` > 1 it is called on several threads at once. Events
// are reduced on `options.threads` threads (BatchScorer::EventShard) and
// merged in file order, so the batch is the same for any number of threads.
absl::Status ReadInputs(const InputOptions& options, BatchScorer* batch,
                        InputStats* stats,
                        const std::function<bool(const std::string&)>& filter = {});

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_INPUTS_H_
