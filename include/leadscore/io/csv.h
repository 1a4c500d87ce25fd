// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// File: leadscore/csv.h
//
// Reading leads from CSV, the format every CRM exports. Two layers:
//
//   - CsvReader: an RFC 4180 record reader, one record at a time from a
//     stream: quoted fields with `""` escapes, commas and line breaks inside
//     quotes, CRLF or LF (or a lone CR) line ends, a UTF-8 byte-order mark at
//     the start, a last record without a line end. Blank lines are skipped.
//   - CsvLeadReader: maps the records of a file with a header row to leads
//     (CsvLeadOptions says which column is the id, which become attributes,
//     consent and outcome columns).
//
// Example:
//
//   std::ifstream in("leads.csv", std::ios::binary);
//   leadscore::CsvLeadOptions options;
//   options.id_column = "Lead Number";
//   options.outcome_column = "Converted";
//   leadscore::CsvProblem problem;
//   auto reader = leadscore::CsvLeadReader::Create(&in, options, &problem);
//   if (!reader.ok()) { /* header problem: problem.line, problem.what */ }
//   leadscore::CsvLeadRow row;
//   while (true) {
//     absl::StatusOr<bool> more = reader->Next(&row, &problem);
//     if (!more.ok()) { /* bad record at problem.line; may go on reading */ continue; }
//     if (!*more) break;
//     // row.lead, row.outcome
//   }

#ifndef LEADSCORE_CSV_H_
#define LEADSCORE_CSV_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "leadscore/lead.h"

namespace leadscore {

// A problem with the CSV input, as data. The same problem is also the
// InvalidArgument message `line N: what` of the call that found it; a caller
// that reports it (with a file name, say) takes the fields instead of parsing
// the message.
struct CsvProblem {
  // 1-based line on which the record (or the header) starts; 0 when no line
  // is concerned (a bad delimiter in the options).
  uint64_t line = 0;
  // What is wrong, without the line.
  std::string what;
  // Set when a column named in the options is not in the header (or the
  // header record is malformed and the column is the id column), but the
  // header split at this other likely delimiter (',', ';', tab or '|') holds
  // it: the file is probably separated by it.
  std::optional<char> likely_delimiter;
};

// Reads RFC 4180 records from a stream, one at a time, through a fixed-size
// buffer (the stream is never read into memory as a whole).
class CsvReader {
 public:
  // Reads from `*in`, which must outlive the reader. `delimiter` separates
  // fields (`,` by default; `;` and `\t` are common too); it may not be `"`,
  // CR or LF.
  explicit CsvReader(std::istream* in, char delimiter = ',');

  // Reads the next record into `*fields` (resized to the record's field
  // count; an empty line is skipped, never a record). Returns true, false at
  // the end of the input, or InvalidArgument with a message starting
  // `line N: ` for a malformed record:
  //   - `"` inside an unquoted field,
  //   - text between a closing quote and the next delimiter or line end,
  //   - a quoted field not closed before the end of the input.
  // After an error the reader resumes at the next line (or is at the end), so
  // a caller may skip bad records. DataLoss if the stream fails. With
  // `problem`, a malformed record is also described there.
  [[nodiscard]] absl::StatusOr<bool> Next(std::vector<std::string>* fields,
                                          CsvProblem* problem = nullptr);

  // 1-based line on which the record last returned (or refused) starts.
  uint64_t line_number() const { return record_line_; }

  // The text of the record last returned or refused, as read, without its
  // line end (and without a byte-order mark). For error reports.
  const std::string& raw_record() const { return raw_; }

 private:
  absl::Status Fail(std::string what, CsvProblem* problem) const;
  bool Peek(char* c);
  void Advance();
  void SkipToLineEnd();

  std::istream* in_;
  char delimiter_;
  std::string buffer_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool started_ = false;  // byte-order mark checked
  uint64_t line_ = 1;      // current physical line
  uint64_t record_line_ = 0;
  std::string raw_;
};

// How CSV columns become a lead. Column names compare exactly.
struct CsvLeadOptions {
  // The column holding the lead id (required in the header; an empty value is
  // an error). Empty: the file has no id column, and each lead's id is its
  // data row number ("1" for the first record after the header, "2", ...).
  std::string id_column = "id";
  // Columns that become attributes, named as in the header. Empty: every
  // column except the id, consent and outcome columns and `ignore_columns`.
  std::vector<std::string> attribute_columns;
  // Columns left out of the attributes (with the default attribute_columns).
  std::vector<std::string> ignore_columns;
  // Columns whose values stay strings even when they look like numbers
  // (postcodes, phone numbers).
  std::vector<std::string> text_columns;
  // A column of consent flags (ParseOutcomeFlag's words: 1/0, true/false,
  // yes/no; empty: not granted). None: every lead's consent is
  // `assume_consent`.
  std::optional<std::string> consent_column;
  bool assume_consent = false;
  // A column of outcome flags (1/0, true/false, yes/no, y/n, t/f; ASCII case
  // ignored). An empty value means no outcome for that lead.
  std::optional<std::string> outcome_column;
  // Field separator.
  char delimiter = ',';
};

// One lead read from CSV.
struct CsvLeadRow {
  Lead lead;
  std::optional<bool> outcome;  // from CsvLeadOptions::outcome_column
  uint64_t line = 0;            // 1-based line on which the record starts
};

// Turns one CSV cell into an attribute value: empty (after trimming ASCII
// spaces) is null (the attribute is left out); a decimal number (optional
// sign, digits with an optional fraction, optional exponent; surrounding
// spaces allowed) that is finite becomes a number; anything else stays the
// exact text. `as_text` skips number detection.
Value CsvCellValue(absl::string_view cell, bool as_text);

// Reads leads from a CSV stream with a header row.
class CsvLeadReader {
 public:
  // Reads the header and checks `options` against it. InvalidArgument
  // (`line N: ...`, N the header's line) for an empty input, a duplicate or
  // unknown column name in the options, a missing id column, or a header
  // record that is malformed; also for a delimiter that may not be used (no
  // line). With `problem`, the error is also described there (with
  // `likely_delimiter` for a column missing from the header).
  [[nodiscard]] static absl::StatusOr<CsvLeadReader> Create(std::istream* in,
                                                            const CsvLeadOptions& options,
                                                            CsvProblem* problem = nullptr);

  // Reads the next lead into `*row`. Returns true, false at the end, or
  // InvalidArgument (`line N: what`) for a bad record: malformed CSV, a field
  // count different from the header's, an empty id, a bad consent or outcome
  // flag. Reading may go on after an error (the bad record is skipped).
  // Duplicate ids are not checked here. With `problem`, a bad record is also
  // described there.
  [[nodiscard]] absl::StatusOr<bool> Next(CsvLeadRow* row, CsvProblem* problem = nullptr);

  // The column names of the header, in order.
  const std::vector<std::string>& header() const { return header_; }
  // See CsvReader.
  uint64_t line_number() const { return reader_->line_number(); }
  const std::string& raw_record() const { return reader_->raw_record(); }

 private:
  struct Column {
    size_t index;
    std::string name;
    bool as_text;
  };
  CsvLeadReader() = default;

  std::unique_ptr<CsvReader> reader_;
  std::vector<std::string> header_;
  std::optional<size_t> id_index_;  // none: row numbers
  uint64_t rows_ = 0;
  std::optional<size_t> consent_index_;
  std::optional<size_t> outcome_index_;
  bool assume_consent_ = false;
  std::vector<Column> attributes_;
  std::vector<std::string> fields_;
};

}  // namespace leadscore

#endif  // LEADSCORE_CSV_H_
