// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/csv.h"
#include "leadscore/io/outcomes.h"
#include "inputs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/line_ranges.h"
#include "leadscore/io/line_reader.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace cli {

namespace {

// JSON text with DEL and the C1 controls (U+0080 to U+009F, which JSON allows
// raw) written as \u escapes, like the C0 controls already are: the same JSON
// value, but nothing a terminal acts on when the records go to stderr
// (messages.h). Outside strings JSON text is ASCII, so bytes can be replaced.
std::string WithoutRawControls(std::string json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(json[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && i + 1 < json.size() &&
               static_cast<unsigned char>(json[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(json[i + 1]) <= 0x9F) {
      absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(json[i + 1]));
      ++i;
    } else {
      out.push_back(json[i]);
    }
  }
  return out;
}

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

absl::Status RejectSink::Write(const BadLine& bad, absl::string_view input) {
  if (out_ == nullptr) out_ = stderr;
  nlohmann::json j = {{"file", bad.file},
                      {"line", bad.line},
                      {"error", bad.message},
                      {"input", std::string(input)}};
  const std::string text = WithoutRawControls(
      j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
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
  // Shows the counts at most 4 times a second; unless `every_call`, only
  // looks at the clock every 16,384 lines.
  void Update(const char* what, uint64_t lines, uint64_t bytes, bool every_call = false) {
    if (!on_ || (!every_call && (lines & 0x3FFF) != 0)) return;
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

// Stops the run at `bad`: InvalidArgument `FILE:LINE: what`, and `bad` kept
// in `stats` for the caller to print.
absl::Status StopAt(BadLine bad, InputStats* stats) {
  absl::Status status = absl::InvalidArgumentError(FormatBadLine(bad));
  stats->stopped_at = std::move(bad);
  return status;
}

// The bad-line policy for a line (with text `input`) refused as `bad`: fail
// mode stops (StopAt); skip mode writes a rejects record and goes on (OK).
absl::Status OnBadLine(BadLine bad, absl::string_view input, const InputOptions& options,
                       InputStats* stats) {
  ++stats->rejected;
  if (!options.skip_bad_lines) return StopAt(std::move(bad), stats);
  return options.rejects->Write(bad, input);
}

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
    absl::Status next = OnBadLine(BadLine{path, reader->line_number(), std::string(s.message())},
                                  line, options, stats);
    if (!next.ok()) return next;
  }
  stats->bytes += reader->bytes_read();
  if (!reader->ok()) {
    return absl::DataLossError(absl::StrCat("error reading '", path, "'"));
  }
  return absl::OkStatus();
}

namespace {

// `--NAME A,B`: names separated by commas, none empty.
CommandLine::Setter ColumnList(const char* name, std::optional<std::vector<std::string>>* out) {
  return [name, out](const std::string& text) -> absl::Status {
    std::vector<std::string> names;
    for (absl::string_view n : absl::StrSplit(text, ',')) {
      if (n.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes column names separated by commas"));
      }
      names.emplace_back(n);
    }
    *out = std::move(names);
    return absl::OkStatus();
  };
}

// One character (not a quote, CR or LF), or `tab` (or `\t`).
absl::Status SetDelimiter(const std::string& text, std::optional<char>* out) {
  if (text == "\\t" || text == "tab") {
    *out = '\t';
  } else if (text.size() == 1 && text != "\"" && text != "\n" && text != "\r") {
    *out = text[0];
  } else {
    return absl::InvalidArgumentError(
        "--csv-delimiter takes one character (',', ';', '|') or 'tab'");
  }
  return absl::OkStatus();
}

// `--csv-delimiter X` as it would be typed in a shell.
std::string DelimiterFlag(char d) {
  if (d == '\t') return "--csv-delimiter tab";
  return absl::StrCat("--csv-delimiter '", std::string(1, d), "'");
}

std::string DelimiterName(char d) {
  return d == '\t' ? std::string("tab") : absl::StrCat("'", std::string(1, d), "'");
}

}  // namespace

void AddLeadsFormatOptions(CommandLine* cl, LeadsFormatArgs* args) {
  cl->Choice("leads-format", {"csv", "jsonl"},
             "read --leads as CSV or JSON Lines (default: CSV for a *.csv name)",
             &args->leads_format);
  cl->Text("id-column", "C", "CSV: the column of lead ids (default id; @row: row numbers)",
           &args->id_column);
  cl->Option("attribute-columns", "A,B", "CSV: the columns that become attributes",
             ColumnList("attribute-columns", &args->attribute_columns));
  cl->Option("ignore-columns", "A,B", "CSV: columns left out of the attributes",
             ColumnList("ignore-columns", &args->ignore_columns));
  cl->Option("text-columns", "A,B", "CSV: columns kept as text even when they look numeric",
             ColumnList("text-columns", &args->text_columns));
  cl->Text("consent-column", "C", "CSV: a column of consent flags", &args->consent_column);
  cl->Switch("assume-consent", "CSV: without a consent column, every lead has consent",
             &args->assume_consent);
  cl->Text("outcome-column", "C", "CSV: a column of outcome flags (train, backtest)",
           &args->outcome_column);
  cl->Option("csv-delimiter", "X", "CSV: the field separator, one character or 'tab'",
             [args](const std::string& text) { return SetDelimiter(text, &args->delimiter); });
}

absl::StatusOr<LeadsFormat> LeadsFormatFromArgs(const LeadsFormatArgs& args,
                                                const std::string& leads_path) {
  LeadsFormat format;
  if (!args.leads_format.empty()) {
    format.csv = args.leads_format == "csv";
  } else {
    format.csv = absl::EndsWithIgnoreCase(leads_path, ".csv");
  }
  if (!format.csv) {
    // The first given, in the order of their names.
    const std::pair<const char*, bool> given[] = {
        {"attribute-columns", args.attribute_columns.has_value()},
        {"consent-column", args.consent_column.has_value()},
        {"csv-delimiter", args.delimiter.has_value()},
        {"id-column", args.id_column.has_value()},
        {"ignore-columns", args.ignore_columns.has_value()},
        {"outcome-column", args.outcome_column.has_value()},
        {"text-columns", args.text_columns.has_value()},
    };
    for (const auto& [flag, is_given] : given) {
      if (is_given) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--", flag, " applies to CSV leads only (name the file *.csv or add "
            "--leads-format csv)"));
      }
    }
    if (args.assume_consent) {
      return absl::InvalidArgumentError("--assume-consent applies to CSV leads only");
    }
    return format;
  }
  CsvLeadOptions& o = format.csv_options;
  if (args.id_column) o.id_column = *args.id_column == "@row" ? "" : *args.id_column;
  if (args.attribute_columns) o.attribute_columns = *args.attribute_columns;
  if (args.ignore_columns) o.ignore_columns = *args.ignore_columns;
  if (args.text_columns) o.text_columns = *args.text_columns;
  if (!o.attribute_columns.empty() && !o.ignore_columns.empty()) {
    return absl::InvalidArgumentError("give --attribute-columns or --ignore-columns, not both");
  }
  o.consent_column = args.consent_column;
  o.outcome_column = args.outcome_column;
  o.assume_consent = args.assume_consent;
  if (o.assume_consent && o.consent_column) {
    return absl::InvalidArgumentError("give --consent-column or --assume-consent, not both");
  }
  if (args.delimiter) o.delimiter = *args.delimiter;
  return format;
}

namespace {

absl::Status ReadCsvLeads(
    const InputOptions& options, InputStats* stats,
    const std::function<absl::Status(Lead&&, std::optional<bool>)>& handle) {
  const std::string& path = options.leads_path;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      return absl::NotFoundError(
          absl::StrCat("cannot open '", path, "': ", std::strerror(errno)));
    }
    in = &file;
  }
  const CsvLeadOptions& csv = options.leads_format.csv_options;
  CsvProblem problem;
  absl::StatusOr<CsvLeadReader> reader = CsvLeadReader::Create(in, csv, &problem);
  if (!reader.ok()) {
    if (!absl::IsInvalidArgument(reader.status())) return reader.status();
    // A header problem stops the run in either mode.
    BadLine bad{path, problem.line, problem.what};
    if (problem.likely_delimiter) {
      absl::StrAppend(&bad.message, " (the header line looks ",
                      DelimiterName(*problem.likely_delimiter), "-separated, not ",
                      DelimiterName(csv.delimiter), "-separated: add ",
                      DelimiterFlag(*problem.likely_delimiter), ")");
    }
    return StopAt(std::move(bad), stats);
  }
  CsvLeadRow row;
  while (true) {
    absl::StatusOr<bool> got = reader->Next(&row, &problem);
    absl::Status s;
    if (!got.ok()) {
      if (!absl::IsInvalidArgument(got.status())) return got.status();
      s = absl::InvalidArgumentError(problem.what);
    } else if (!*got) {
      break;
    } else {
      s = handle(std::move(row.lead), row.outcome);
      row.lead = Lead();
    }
    ++stats->lead_lines;
    stats->bytes += reader->raw_record().size() + 1;
    if (s.ok()) continue;
    absl::Status next = OnBadLine(
        BadLine{path, reader->line_number(), std::string(s.message())}, reader->raw_record(),
        options, stats);
    if (!next.ok()) return next;
  }
  return absl::OkStatus();
}

}  // namespace

namespace {

// How to cut `path` for `options.threads` threads; none when it is read in
// one pass (one thread, standard input, a pipe; the one-pass reader also
// reports a file that cannot be opened).
std::vector<LineRange> PlanRanges(const std::string& path, const InputOptions& options) {
  if (options.threads <= 1 || path == "-") return {};
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  // About 8 MB a range, so the shards being filled hold little memory, and at
  // least 4 ranges a thread, so a thread slowed by other work holds up little;
  // none smaller than min_range_bytes.
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const uint64_t min_bytes = std::max<uint64_t>(1, options.min_range_bytes);
  const uint64_t parts = std::max<uint64_t>(
      1, std::min<uint64_t>(std::max<uint64_t>(4 * static_cast<uint64_t>(options.threads),
                                               size / (uint64_t{8} << 20)),
                            size / min_bytes));
  absl::StatusOr<std::vector<LineRange>> ranges =
      SplitAtLines(path, static_cast<int>(parts));
  if (!ranges.ok() || ranges->empty()) return {};
  return *std::move(ranges);
}

// The bad-line policy for a line found on another thread: its text is read
// again from the file for the rejects record.
absl::Status OnRefusedLine(BadLine bad, uint64_t offset, uint64_t size,
                           const InputOptions& options, InputStats* stats) {
  std::string text;
  if (options.skip_bad_lines) {
    absl::StatusOr<std::string> read = ReadText(bad.file, offset, size);
    if (!read.ok()) return read.status();
    text = *std::move(read);
  }
  return OnBadLine(std::move(bad), text, options, stats);
}

// Events reduced on several threads, one BatchScorer::EventShard per range,
// merged in file order (as soon as the ranges before are) with the bad lines
// of each range reported in line order.
absl::Status ReadEventsInRanges(const InputOptions& options,
                                const std::vector<LineRange>& ranges, BatchScorer* batch,
                                InputStats* stats,
                                const std::function<bool(const std::string&)>& filter) {
  const std::string& path = *options.events_path;
  std::vector<BatchScorer::EventShard> shards;
  shards.reserve(ranges.size());
  for (size_t r = 0; r < ranges.size(); ++r) shards.push_back(batch->NewEventShard());
  // Room for the likely number of events (lines are ~180 bytes), taken when
  // a range starts, so the memory of merged shards is reused. The first
  // shard's arrays become the batch's (see MergeEventShard): they get room for
  // the whole file (untouched room costs no memory).
  std::vector<uint8_t> started(ranges.size(), 0);
  std::vector<Event> events(ranges.size());  // reused line after line, per range
  Progress progress(options.progress);
  uint64_t line_base = 0;  // lines of the ranges merged so far
  const uint64_t bytes_before = stats->bytes;
  RangeReadOptions ro;
  ro.threads = options.threads;
  ro.stop_at_first_refusal = !options.skip_bad_lines;
  if (options.progress) {
    ro.progress = [&progress, bytes_before](uint64_t lines, uint64_t bytes) {
      progress.Update("events", lines, bytes_before + bytes, /*every_call=*/true);
    };
  }
  return ReadRanges(
      path, ranges, ro,
      [&](const RangeLine& line) -> absl::Status {
        const size_t r = line.range;
        if (!started[r]) {
          started[r] = 1;
          const LineRange& range = r == 0 ? LineRange{0, ranges.back().end} : ranges[r];
          shards[r].ReserveEvents(static_cast<size_t>((range.end - range.begin) / 160));
        }
        Event& event = events[r];
        absl::Status parsed = ParseEventJson(line.text, &event);
        if (!parsed.ok()) return parsed;
        if (filter && !filter(event.lead_id)) return absl::OkStatus();
        return shards[r].AddEvent(event);
      },
      [&](size_t r, RangeResult&& result) -> absl::Status {
        for (const RefusedLine& bad : result.refused) {
          absl::Status next = OnRefusedLine(BadLine{path, line_base + bad.number, bad.error},
                                            bad.offset, bad.size, options, stats);
          if (!next.ok()) return next;
        }
        if (absl::Status s = batch->MergeEventShard(std::move(shards[r])); !s.ok()) return s;
        events[r] = Event();
        stats->event_lines += result.data_lines;
        stats->bytes += result.bytes;
        line_base += result.lines;
        return absl::OkStatus();
      });
}

}  // namespace

absl::Status ReadLeadsFile(
    const InputOptions& options, InputStats* stats,
    const std::function<absl::Status(Lead&&, std::optional<bool>)>& handle) {
  if (options.leads_format.csv) return ReadCsvLeads(options, stats, handle);
  return ReadLines(options.leads_path, "leads", options, stats, &stats->lead_lines,
                   [&](absl::string_view line) -> absl::Status {
                     Lead lead;
                     LeadParseOptions parse;
                     parse.strict_account_id = options.strict_account_id;
                     absl::Status parsed = ParseLeadJson(line, parse, &lead);
                     if (!parsed.ok()) return parsed;
                     return handle(std::move(lead), std::nullopt);
                   });
}

absl::Status ReadOutcomesFile(const std::string& path, const InputOptions& options,
                              InputStats* stats, uint64_t* lines,
                              const std::function<absl::Status(Outcome&&)>& handle) {
  return ReadLines(path, "outcomes", options, stats, lines,
                   [&](absl::string_view line) -> absl::Status {
                     absl::StatusOr<Outcome> o = ParseOutcomeJson(line);
                     if (!o.ok()) return o.status();
                     return handle(*std::move(o));
                   });
}

absl::Status ReadInputs(const InputOptions& options, BatchScorer* batch,
                        InputStats* stats,
                        const std::function<bool(const std::string&)>& filter) {
  absl::Status s = ReadLeadsFile(
      options, stats, [&](Lead&& lead, std::optional<bool> outcome) -> absl::Status {
        std::string id = options.csv_outcomes != nullptr && outcome ? lead.id : std::string();
        absl::Status added = batch->AddLead(std::move(lead));
        if (added.ok() && options.csv_outcomes != nullptr && outcome) {
          options.csv_outcomes->push_back(Outcome{std::move(id), *outcome, std::nullopt});
        }
        return added;
      });
  if (!s.ok() || !options.events_path) return s;
  const std::vector<LineRange> ranges = PlanRanges(*options.events_path, options);
  if (!ranges.empty()) return ReadEventsInRanges(options, ranges, batch, stats, filter);
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
