// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "io/jsonl_fast.h"

#ifdef LEADSCORE_HAVE_SIMDJSON

#include <cmath>
#include <string>
#include <string_view>

#include "leadscore/time.h"
#include "simdjson.h"

namespace leadscore {
namespace internal {
namespace {

namespace dom = simdjson::dom;

// One parser and one padded copy per thread, reused line after line. The DOM
// parser dispatches to the best kernel for the CPU at run time.
struct Scratch {
  dom::parser parser;
  std::string buffer;
};
Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

bool GetString(dom::element v, std::string* out) {
  std::string_view s;
  if (v.get_string().get(s)) return false;
  out->assign(s.data(), s.size());
  return true;
}

bool GetTime(dom::element v, absl::Time* out, bool engine_range) {
  std::string_view s;
  if (v.get_string().get(s)) return false;
  absl::StatusOr<absl::Time> t = ParseTimestamp(absl::string_view(s.data(), s.size()));
  if (!t.ok()) return false;
  if (engine_range && !ToEngineNanos(*t).ok()) return false;
  *out = *t;
  return true;
}

// A scalar (null, bool, finite number, string); false for anything else.
bool GetScalar(dom::element v, Value* out) {
  switch (v.type()) {
    case dom::element_type::NULL_VALUE:
      *out = Value::Null();
      return true;
    case dom::element_type::BOOL:
      *out = Value::Bool(v.get_bool().value_unsafe());
      return true;
    case dom::element_type::INT64:
      *out = Value::Number(static_cast<double>(v.get_int64().value_unsafe()));
      return true;
    case dom::element_type::UINT64:
      *out = Value::Number(static_cast<double>(v.get_uint64().value_unsafe()));
      return true;
    case dom::element_type::DOUBLE: {
      const double d = v.get_double().value_unsafe();
      if (!std::isfinite(d)) return false;
      *out = Value::Number(d);
      return true;
    }
    case dom::element_type::STRING: {
      std::string_view s = v.get_string().value_unsafe();
      *out = Value::String(std::string(s));
      return true;
    }
    default:
      return false;
  }
}

// `deep`: nested arrays and objects become Value::Other (event properties);
// otherwise they make the line fall back (and fail there).
bool GetValue(dom::element v, bool deep, Value* out) {
  if (v.type() == dom::element_type::OBJECT) {
    if (!deep) return false;
    *out = Value::Other();
    return true;
  }
  if (v.type() != dom::element_type::ARRAY) return GetScalar(v, out);
  dom::array array;
  if (v.get_array().get(array)) return false;
  std::vector<Value> items;
  items.reserve(array.size());
  for (dom::element e : array) {
    Value item;
    if (e.type() == dom::element_type::ARRAY || e.type() == dom::element_type::OBJECT) {
      if (!deep) return false;
      item = Value::Other();
    } else if (!GetScalar(e, &item)) {
      return false;
    }
    items.push_back(std::move(item));
  }
  *out = Value::Array(std::move(items));
  return true;
}

bool GetMap(dom::element v, bool deep, Attributes* out) {
  if (v.is_null()) return true;
  dom::object o;
  if (v.get_object().get(o)) return false;
  for (dom::key_value_pair field : o) {
    Value parsed;
    if (!GetValue(field.value, deep, &parsed)) return false;
    // Duplicate keys: the last copy wins, as with nlohmann/json.
    out->insert_or_assign(std::string(field.key), std::move(parsed));
  }
  return true;
}

bool Parse(absl::string_view text, dom::object* obj) {
  Scratch& s = ThreadScratch();
  s.buffer.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  s.buffer.assign(text.data(), text.size());
  dom::element doc;
  if (s.parser.parse(s.buffer.data(), s.buffer.size(), false).get(doc)) return false;
  return !doc.get_object().get(*obj);
}

}  // namespace

bool HaveFastJson() { return true; }

bool FastParseEvent(absl::string_view text, Event* out) {
  dom::object obj;
  if (!Parse(text, &obj)) return false;
  out->id.reset();
  out->properties.clear();
  bool lead_id = false, type = false, at = false;
  for (dom::key_value_pair field : obj) {
    const std::string_view key = field.key;
    const dom::element v = field.value;
    if (key == "lead_id") {
      if (!GetString(v, &out->lead_id)) return false;
      lead_id = true;
    } else if (key == "type") {
      if (!GetString(v, &out->type)) return false;
      type = true;
    } else if (key == "at") {
      if (!GetTime(v, &out->at, true)) return false;
      at = true;
    } else if (key == "id") {
      if (v.is_null()) {
        out->id.reset();
      } else {
        if (!out->id) out->id.emplace();
        if (!GetString(v, &*out->id)) return false;
      }
    } else if (key == "properties") {
      out->properties.clear();
      if (!GetMap(v, true, &out->properties)) return false;
    } else {
      Value ignored;  // unknown keys are ignored, but must be well-formed
      if (!GetValue(v, true, &ignored)) return false;
    }
  }
  return lead_id && type && at;
}

bool FastParseLead(absl::string_view text, Lead* out, bool strict_account_id) {
  dom::object obj;
  if (!Parse(text, &obj)) return false;
  *out = Lead();
  bool id = false;
  for (dom::key_value_pair field : obj) {
    const std::string_view key = field.key;
    const dom::element v = field.value;
    if (key == "id") {
      if (!GetString(v, &out->id)) return false;
      id = true;
    } else if (key == "created_at") {
      out->created_at.reset();
      if (!v.is_null()) {
        absl::Time t;
        if (!GetTime(v, &t, false)) return false;
        out->created_at = t;
      }
    } else if (key == "consent") {
      // Rare shapes ({"granted", "at"} objects) take the slow path.
      out->consent = Consent();
      if (v.type() == dom::element_type::BOOL) {
        out->consent.granted = v.get_bool().value_unsafe();
      } else if (!v.is_null()) {
        return false;
      }
    } else if (key == "stage") {
      if (v.is_null()) {
        out->stage.reset();
      } else {
        std::string s;
        if (!GetString(v, &s)) return false;
        out->stage = std::move(s);
      }
    } else if (key == "attributes") {
      out->attributes.clear();
      if (!GetMap(v, false, &out->attributes)) return false;
    } else if (key == "account_id" && v.type() == dom::element_type::STRING) {
      std::string s;
      if (!GetString(v, &s)) return false;
      out->account_id = std::move(s);
    } else if (key == "account_id" && v.is_null()) {
      out->account_id.reset();
    } else if (key == "account_id" && strict_account_id) {
      return false;  // the slow path says what is wrong
    } else {
      Value ignored;
      if (!GetValue(v, true, &ignored)) return false;
    }
  }
  return id;
}

}  // namespace internal
}  // namespace leadscore

#else  // !LEADSCORE_HAVE_SIMDJSON

namespace leadscore {
namespace internal {
bool HaveFastJson() { return false; }
bool FastParseEvent(absl::string_view, Event*) { return false; }
bool FastParseLead(absl::string_view, Lead*, bool) { return false; }
}  // namespace internal
}  // namespace leadscore

#endif
