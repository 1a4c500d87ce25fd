// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "leadscore/io/jsonl.h"

#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "io/json_line_util.h"
#include "io/jsonl_fast.h"
#include "leadscore/time.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace {

using json = nlohmann::json;

using internal::BadLine;
using internal::JsonTypeName;
using internal::RequiredString;
using internal::ParseJsonObjectLine;


absl::StatusOr<absl::Time> Timestamp(const json& v, const char* key) {
  if (!v.is_string()) {
    return BadLine(
        absl::StrCat("'", key, "': expected an RFC 3339 timestamp string, got ", JsonTypeName(v)));
  }
  absl::StatusOr<absl::Time> t = ParseTimestamp(v.get_ref<const std::string&>());
  if (!t.ok()) return BadLine(absl::StrCat("'", key, "': ", t.status().message()));
  return t;
}

// `deep`: nested arrays/objects allowed (properties), kept as Value::Other.
absl::StatusOr<Value> ToValue(const json& v, absl::string_view where, bool deep) {
  switch (v.type()) {
    case json::value_t::null: return Value::Null();
    case json::value_t::boolean: return Value::Bool(v.get<bool>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) return BadLine(absl::StrCat(where, ": number out of range"));
      return Value::Number(d);
    }
    case json::value_t::string: return Value::String(v.get<std::string>());
    case json::value_t::array: {
      std::vector<Value> items;
      items.reserve(v.size());
      for (const json& e : v) {
        if (e.is_array() || e.is_object()) {
          if (!deep) {
            return BadLine(absl::StrCat(where,
                                        ": arrays may hold only strings, numbers, "
                                        "booleans or null"));
          }
          items.push_back(Value::Other());
          continue;
        }
        absl::StatusOr<Value> x = ToValue(e, where, deep);
        if (!x.ok()) return x.status();
        items.push_back(*std::move(x));
      }
      return Value::Array(std::move(items));
    }
    case json::value_t::object:
      if (!deep) {
        return BadLine(absl::StrCat(where, ": objects are not allowed as attribute values"));
      }
      return Value::Other();
    default:
      return BadLine(absl::StrCat(where, ": unsupported value"));
  }
}

absl::Status ReadMap(const json& j, const char* key, bool deep, Attributes* out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return absl::OkStatus();
  if (!it->is_object()) {
    return BadLine(absl::StrCat("'", key, "': expected an object, got ", JsonTypeName(*it)));
  }
  out->reserve(it->size());
  for (auto kv = it->begin(); kv != it->end(); ++kv) {
    absl::StatusOr<Value> v =
        ToValue(kv.value(), absl::StrCat("'", key, ".", kv.key(), "'"), deep);
    if (!v.ok()) return v.status();
    out->emplace(kv.key(), *std::move(v));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Lead> ParseLeadJson(absl::string_view text) {
  Lead lead;
  absl::Status s = ParseLeadJson(text, &lead);
  if (!s.ok()) return s;
  return lead;
}

absl::StatusOr<Event> ParseEventJson(absl::string_view text) {
  Event event;
  absl::Status s = ParseEventJson(text, &event);
  if (!s.ok()) return s;
  return event;
}

absl::Status ParseLeadJson(absl::string_view text, Lead* out) {
  if (internal::FastParseLead(text, out)) return absl::OkStatus();
  return internal::SlowParseLead(text, out);
}

absl::Status ParseLeadJson(absl::string_view text, const LeadParseOptions& options, Lead* out) {
  if (internal::FastParseLead(text, out, options.strict_account_id)) return absl::OkStatus();
  return internal::SlowParseLead(text, out, options.strict_account_id);
}

absl::Status ParseEventJson(absl::string_view text, Event* out) {
  if (internal::FastParseEvent(text, out)) return absl::OkStatus();
  return internal::SlowParseEvent(text, out);
}

namespace internal {

absl::Status ReadAttributeMap(const json& j, const char* key, Attributes* out) {
  return ReadMap(j, key, false, out);
}

absl::Status SlowParseLead(absl::string_view text, Lead* out, bool strict_account_id) {
  absl::StatusOr<json> parsed = ParseJsonObjectLine(text);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  Lead& lead = *out;
  lead = Lead();
  absl::StatusOr<std::string> id = RequiredString(j, "id");
  if (!id.ok()) return id.status();
  lead.id = *std::move(id);
  if (auto it = j.find("created_at"); it != j.end() && !it->is_null()) {
    absl::StatusOr<absl::Time> t = Timestamp(*it, "created_at");
    if (!t.ok()) return t.status();
    lead.created_at = *t;
  }
  if (auto it = j.find("consent"); it != j.end() && !it->is_null()) {
    if (it->is_boolean()) {
      lead.consent.granted = it->get<bool>();
    } else if (it->is_object()) {
      for (auto kv = it->begin(); kv != it->end(); ++kv) {
        if (kv.key() != "granted" && kv.key() != "at") {
          return BadLine(absl::StrCat("'consent': unknown key '", kv.key(),
                                      "' (expected 'granted' and 'at')"));
        }
      }
      auto g = it->find("granted");
      if (g == it->end() || !g->is_boolean()) {
        return BadLine("'consent.granted': expected true or false");
      }
      lead.consent.granted = g->get<bool>();
      if (auto at = it->find("at"); at != it->end() && !at->is_null()) {
        absl::StatusOr<absl::Time> t = Timestamp(*at, "consent.at");
        if (!t.ok()) return t.status();
        lead.consent.at = *t;
      }
    } else {
      return BadLine(
          absl::StrCat("'consent': expected true, false or "
                       "{\"granted\": bool, \"at\": timestamp}, got ",
                       JsonTypeName(*it)));
    }
  }
  if (auto it = j.find("stage"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) {
      return BadLine(absl::StrCat("'stage': expected a string, got ", JsonTypeName(*it)));
    }
    lead.stage = it->get<std::string>();
  }
  if (auto it = j.find("account_id"); it != j.end() && !it->is_null()) {
    if (it->is_string()) {
      lead.account_id = it->get<std::string>();
    } else if (strict_account_id) {
      return BadLine(absl::StrCat("'account_id': expected a string, got ", JsonTypeName(*it)));
    }
  }
  return ReadMap(j, "attributes", false, &lead.attributes);
}

absl::Status SlowParseEvent(absl::string_view text, Event* out) {
  absl::StatusOr<json> parsed = ParseJsonObjectLine(text);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  Event& e = *out;
  e = Event();
  absl::StatusOr<std::string> lead_id = RequiredString(j, "lead_id");
  if (!lead_id.ok()) return lead_id.status();
  e.lead_id = *std::move(lead_id);
  absl::StatusOr<std::string> type = RequiredString(j, "type");
  if (!type.ok()) return type.status();
  e.type = *std::move(type);
  auto at = j.find("at");
  if (at == j.end()) return BadLine("missing required key 'at'");
  absl::StatusOr<absl::Time> t = Timestamp(*at, "at");
  if (!t.ok()) return t.status();
  e.at = *t;
  if (absl::StatusOr<int64_t> ns = ToEngineNanos(e.at); !ns.ok()) {
    return BadLine(absl::StrCat("'at': ", ns.status().message()));
  }
  if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
    if (!id->is_string()) {
      return BadLine(absl::StrCat("'id': expected a string or null, got ", JsonTypeName(*id)));
    }
    e.id = id->get<std::string>();
  }
  return ReadMap(j, "properties", true, &e.properties);
}

}  // namespace internal
}  // namespace leadscore
