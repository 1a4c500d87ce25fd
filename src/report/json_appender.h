// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// JsonAppender: writes the JSON reports (backtest, model diff) member by
// member, compact, keys in the order written. Not API.

#ifndef LEADSCORE_SRC_REPORT_JSON_APPENDER_H_
#define LEADSCORE_SRC_REPORT_JSON_APPENDER_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "util/json_writer.h"
#include "util/number_format.h"

namespace leadscore {
namespace internal {

// Appends members of JSON objects and arrays, commas included.
class JsonAppender {
 public:
  explicit JsonAppender(std::string* out) : out_(out) {}

  void Open(char c) {
    Comma();
    out_->push_back(c);
    first_ = true;
  }
  void Close(char c) {
    out_->push_back(c);
    first_ = false;
  }
  JsonAppender& Key(absl::string_view k) {
    Comma();
    AppendJsonString(k, out_);
    out_->push_back(':');
    first_ = true;  // the value follows without a comma
    return *this;
  }
  void Str(absl::string_view s) {
    Comma();
    AppendJsonString(s, out_);
  }
  void Num(double d) {
    Comma();
    AppendJsonNumber(d, out_);
  }
  void Num(std::optional<double> d) {
    if (d) {
      Num(*d);
    } else {
      Null();
    }
  }
  void Int(size_t n) {
    Comma();
    absl::StrAppend(out_, n);
  }
  void Bool(bool b) {
    Comma();
    out_->append(b ? "true" : "false");
  }
  void Null() {
    Comma();
    out_->append("null");
  }
  void OptStr(const std::optional<std::string>& s) {
    if (s) {
      Str(*s);
    } else {
      Null();
    }
  }

 private:
  void Comma() {
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_REPORT_JSON_APPENDER_H_
