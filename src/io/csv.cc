// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/csv.h"

#include <cmath>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "leadscore/io/outcomes.h"

namespace leadscore {
namespace {

constexpr size_t kBufferSize = 1 << 16;

// The error `line N: what` (just `what` for line 0), described in `*problem`
// too when given.
absl::Status Problem(uint64_t line, std::string what, CsvProblem* problem,
                     std::optional<char> likely_delimiter = std::nullopt) {
  absl::Status status = absl::InvalidArgumentError(
      line == 0 ? what : absl::StrCat("line ", line, ": ", what));
  if (problem != nullptr) {
    problem->line = line;
    problem->what = std::move(what);
    problem->likely_delimiter = likely_delimiter;
  }
  return status;
}

// A delimiter other than `delimiter` at which the header record `raw` would
// hold a field named `name`, trying ',', ';', tab and '|' in that order.
std::optional<char> LikelyDelimiter(const std::string& raw, char delimiter,
                                    const std::string& name) {
  for (char d : {',', ';', '\t', '|'}) {
    if (d == delimiter || raw.find(d) == std::string::npos) continue;
    std::istringstream in(raw);
    CsvReader reader(&in, d);
    std::vector<std::string> fields;
    absl::StatusOr<bool> got = reader.Next(&fields);
    if (!got.ok() || !*got) continue;
    for (const std::string& f : fields) {
      if (f == name) return d;
    }
  }
  return std::nullopt;
}

// Optional sign, digits with an optional fraction (at least one digit in all),
// optional exponent.
bool LooksDecimal(absl::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++digits;
    }
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++exp_digits;
    }
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

CsvReader::CsvReader(std::istream* in, char delimiter) : in_(in), delimiter_(delimiter) {}

absl::Status CsvReader::Fail(std::string what, CsvProblem* problem) const {
  return Problem(record_line_, std::move(what), problem);
}

bool CsvReader::Peek(char* c) {
  if (pos_ == end_) {
    if (eof_) return false;
    buffer_.resize(kBufferSize);
    in_->read(&buffer_[0], static_cast<std::streamsize>(buffer_.size()));
    end_ = static_cast<size_t>(in_->gcount());
    pos_ = 0;
    if (end_ < buffer_.size()) eof_ = true;
    if (!started_) {
      started_ = true;
      if (end_ >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    }
    if (pos_ == end_) return false;
  }
  *c = buffer_[pos_];
  return true;
}

void CsvReader::Advance() { ++pos_; }

void CsvReader::SkipToLineEnd() {
  char c;
  while (Peek(&c)) {
    Advance();
    if (c == '\n') {
      ++line_;
      return;
    }
    if (c == '\r') {
      if (Peek(&c) && c == '\n') Advance();
      ++line_;
      return;
    }
    raw_.push_back(c);
  }
}

absl::StatusOr<bool> CsvReader::Next(std::vector<std::string>* fields, CsvProblem* problem) {
  raw_.clear();
  size_t count = 0;
  char c;
  // Skip blank lines.
  while (true) {
    if (!Peek(&c)) {
      if (in_->bad()) return absl::DataLossError("error reading CSV input");
      return false;
    }
    if (c == '\n') {
      Advance();
      ++line_;
    } else if (c == '\r') {
      Advance();
      if (Peek(&c) && c == '\n') Advance();
      ++line_;
    } else {
      break;
    }
  }
  record_line_ = line_;
  auto field = [&]() -> std::string& {
    if (fields->size() <= count) fields->emplace_back();
    std::string& f = (*fields)[count++];
    f.clear();
    return f;
  };
  auto finish = [&]() -> absl::StatusOr<bool> {
    fields->resize(count);
    if (in_->bad()) return absl::DataLossError("error reading CSV input");
    return true;
  };
  // Consumes a line end at the current position (c is '\r' or '\n').
  auto end_line = [&](char first) {
    Advance();
    if (first == '\r' && Peek(&c) && c == '\n') Advance();
    ++line_;
  };
  while (true) {
    std::string& f = field();
    if (!Peek(&c)) return finish();  // after a delimiter: a last, empty field
    if (c == '"') {
      Advance();
      raw_.push_back('"');
      while (true) {
        if (!Peek(&c)) {
          return Fail(absl::StrCat("quoted field ", count,
                                   " is not closed before the end of the input"),
                      problem);
        }
        Advance();
        raw_.push_back(c);
        if (c == '"') {
          if (Peek(&c) && c == '"') {
            Advance();
            raw_.push_back('"');
            f.push_back('"');
            continue;
          }
          break;
        }
        if (c == '\n') {
          ++line_;
        } else if (c == '\r') {
          if (!(Peek(&c) && c == '\n')) ++line_;
          f.push_back('\r');
          continue;
        }
        f.push_back(c);
      }
      if (!Peek(&c)) return finish();
      if (c == delimiter_) {
        Advance();
        raw_.push_back(c);
        continue;
      }
      if (c == '\n' || c == '\r') {
        end_line(c);
        return finish();
      }
      SkipToLineEnd();
      return Fail(absl::StrCat("text after the closing quote of field ", count,
                               " (a quote inside a quoted field is written \"\")"),
                  problem);
    }
    // Unquoted field.
    while (true) {
      if (!Peek(&c)) return finish();
      if (c == delimiter_) {
        Advance();
        raw_.push_back(c);
        break;
      }
      if (c == '\n' || c == '\r') {
        end_line(c);
        return finish();
      }
      if (c == '"') {
        SkipToLineEnd();
        return Fail(absl::StrCat("'\"' inside unquoted field ", count,
                                 " (quote the field and write the quote as \"\")"),
                    problem);
      }
      Advance();
      raw_.push_back(c);
      f.push_back(c);
    }
  }
}

Value CsvCellValue(absl::string_view cell, bool as_text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(cell);
  if (trimmed.empty()) return Value::Null();
  if (!as_text && LooksDecimal(trimmed)) {
    double d;
    if (absl::SimpleAtod(trimmed, &d) && std::isfinite(d)) return Value::Number(d);
  }
  return Value::String(std::string(cell));
}

absl::StatusOr<CsvLeadReader> CsvLeadReader::Create(std::istream* in,
                                                    const CsvLeadOptions& options,
                                                    CsvProblem* problem) {
  if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
    return Problem(0, "the CSV delimiter may not be '\"', CR or LF", problem);
  }
  CsvLeadReader r;
  r.reader_ = std::make_unique<CsvReader>(in, options.delimiter);
  absl::StatusOr<bool> got = r.reader_->Next(&r.header_, problem);
  if (!got.ok()) {
    // A header malformed at this delimiter (`"id"\t"email"` read at ',') may
    // be fine at another.
    if (problem != nullptr && absl::IsInvalidArgument(got.status()) &&
        !options.id_column.empty()) {
      problem->likely_delimiter =
          LikelyDelimiter(r.reader_->raw_record(), options.delimiter, options.id_column);
    }
    return got.status();
  }
  if (!*got) return Problem(1, "empty input: expected a header row", problem);
  const uint64_t line = r.reader_->line_number();
  absl::flat_hash_map<std::string, size_t> index;
  for (size_t i = 0; i < r.header_.size(); ++i) {
    if (!index.emplace(r.header_[i], i).second) {
      return Problem(line, absl::StrCat("duplicate column name '", r.header_[i], "'"), problem);
    }
  }
  auto find = [&](const std::string& name, const char* what) -> absl::StatusOr<size_t> {
    auto it = index.find(name);
    if (it == index.end()) {
      return Problem(line, absl::StrCat(what, " '", name, "' is not in the header"), problem,
                     LikelyDelimiter(r.reader_->raw_record(), options.delimiter, name));
    }
    return it->second;
  };
  std::vector<bool> used(r.header_.size(), false);
  if (!options.id_column.empty()) {
    absl::StatusOr<size_t> id = find(options.id_column, "id column");
    if (!id.ok()) return id.status();
    r.id_index_ = *id;
    used[*id] = true;
  }
  if (options.consent_column) {
    absl::StatusOr<size_t> i = find(*options.consent_column, "consent column");
    if (!i.ok()) return i.status();
    r.consent_index_ = *i;
    used[*i] = true;
  }
  r.assume_consent_ = options.assume_consent;
  if (options.outcome_column) {
    absl::StatusOr<size_t> i = find(*options.outcome_column, "outcome column");
    if (!i.ok()) return i.status();
    r.outcome_index_ = *i;
    used[*i] = true;
  }
  std::vector<bool> as_text(r.header_.size(), false);
  for (const std::string& name : options.text_columns) {
    absl::StatusOr<size_t> i = find(name, "text column");
    if (!i.ok()) return i.status();
    as_text[*i] = true;
  }
  if (options.attribute_columns.empty()) {
    std::vector<bool> ignored(r.header_.size(), false);
    for (const std::string& name : options.ignore_columns) {
      absl::StatusOr<size_t> i = find(name, "ignored column");
      if (!i.ok()) return i.status();
      ignored[*i] = true;
    }
    for (size_t i = 0; i < r.header_.size(); ++i) {
      if (!used[i] && !ignored[i]) r.attributes_.push_back({i, r.header_[i], as_text[i]});
    }
  } else {
    for (const std::string& name : options.attribute_columns) {
      absl::StatusOr<size_t> i = find(name, "attribute column");
      if (!i.ok()) return i.status();
      r.attributes_.push_back({*i, name, as_text[*i]});
    }
  }
  return r;
}

absl::StatusOr<bool> CsvLeadReader::Next(CsvLeadRow* row, CsvProblem* problem) {
  absl::StatusOr<bool> got = reader_->Next(&fields_, problem);
  if (!got.ok() || !*got) return got;
  const uint64_t line = reader_->line_number();
  row->line = line;
  ++rows_;
  if (fields_.size() != header_.size()) {
    return Problem(line, absl::StrCat(fields_.size(), " fields, but the header has ",
                                      header_.size()),
                   problem);
  }
  Lead& lead = row->lead;
  if (id_index_) {
    lead.id = fields_[*id_index_];
    if (absl::StripAsciiWhitespace(lead.id).empty()) {
      return Problem(line, absl::StrCat("empty id in column '", header_[*id_index_], "'"),
                     problem);
    }
  } else {
    lead.id = absl::StrCat(rows_);
  }
  lead.created_at.reset();
  lead.stage.reset();
  lead.consent = Consent{};
  lead.consent.granted = assume_consent_;
  if (consent_index_) {
    const std::string& v = fields_[*consent_index_];
    if (absl::StripAsciiWhitespace(v).empty()) {
      lead.consent.granted = false;
    } else {
      absl::StatusOr<bool> flag = ParseOutcomeFlag(v);
      if (!flag.ok()) {
        return Problem(line, absl::StrCat("column '", header_[*consent_index_],
                                          "': ", flag.status().message()),
                       problem);
      }
      lead.consent.granted = *flag;
    }
  }
  row->outcome.reset();
  if (outcome_index_) {
    const std::string& v = fields_[*outcome_index_];
    if (!absl::StripAsciiWhitespace(v).empty()) {
      absl::StatusOr<bool> flag = ParseOutcomeFlag(v);
      if (!flag.ok()) {
        return Problem(line, absl::StrCat("column '", header_[*outcome_index_],
                                          "': ", flag.status().message()),
                       problem);
      }
      row->outcome = *flag;
    }
  }
  lead.attributes.clear();
  for (const Column& col : attributes_) {
    Value v = CsvCellValue(fields_[col.index], col.as_text);
    if (!v.is_null()) lead.attributes.insert_or_assign(col.name, std::move(v));
  }
  return true;
}

}  // namespace leadscore
