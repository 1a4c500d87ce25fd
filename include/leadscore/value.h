// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Value: the typed value of a lead attribute or an event property.

#ifndef LEADSCORE_VALUE_H_
#define LEADSCORE_VALUE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace leadscore {

// A lead attribute or event property value: null, bool, number, string, or an
// array of scalars (spec 1, section 8 "Types"). Numbers are one type (double);
// a bool is not a number; null counts as missing. `kOther` stands for a JSON
// object (or nested array) in an event property: it only answers `exists`.
class Value {
 public:
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kOther };

  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b) {
    Value v(Kind::kBool);
    v.number_ = b ? 1 : 0;
    return v;
  }
  static Value Number(double d) {
    Value v(Kind::kNumber);
    v.number_ = d;
    return v;
  }
  static Value String(std::string s) {
    Value v(Kind::kString);
    v.string_ = std::move(s);
    return v;
  }
  // Elements must be scalars (null, bool, number or string).
  static Value Array(std::vector<Value> elements) {
    Value v(Kind::kArray);
    v.array_ = std::move(elements);
    return v;
  }
  static Value StringArray(const std::vector<std::string>& elements) {
    std::vector<Value> values;
    values.reserve(elements.size());
    for (const auto& e : elements) values.push_back(String(e));
    return Array(std::move(values));
  }
  static Value Other() { return Value(Kind::kOther); }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }

  // Accessors; calling the wrong one returns a default.
  bool as_bool() const { return kind_ == Kind::kBool && number_ != 0; }
  double as_number() const { return kind_ == Kind::kNumber ? number_ : 0; }
  const std::string& as_string() const { return string_; }
  const std::vector<Value>& as_array() const { return array_; }

  // Overwrites the value's bytes (strings included, as far as their capacity)
  // with zeros, releases them and makes the value null: for erasing personal
  // data, where destroying would leave the bytes in freed memory.
  void Wipe();

  friend bool operator==(const Value& a, const Value& b) {
    return a.kind_ == b.kind_ && a.number_ == b.number_ &&
           a.string_ == b.string_ && a.array_ == b.array_;
  }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  explicit Value(Kind k) : kind_(k) {}

  Kind kind_ = Kind::kNull;
  double number_ = 0;
  std::string string_;
  std::vector<Value> array_;
};

}  // namespace leadscore

#endif  // LEADSCORE_VALUE_H_
