// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// C ABI: streaming scoring of one lead (start, apply, score, persist).

#include <cmath>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "capi/errors.h"
#include "capi/handles.h"
#include "util/secure_zero.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/leadscore_c.h"
#include "leadscore/state_io.h"
#include "leadscore/time.h"

using leadscore::capi::CheckDocument;
using leadscore::capi::CheckHandle;
using leadscore::capi::CheckOut;
using leadscore::capi::CheckString;
using leadscore::capi::CheckTime;
using leadscore::capi::Fail;
using leadscore::capi::FreeHandle;
using leadscore::capi::Guard;
using leadscore::capi::Is;
using leadscore::capi::Kind;
using leadscore::capi::Ok;

namespace {

// The checks every state call starts with.
absl::Status CheckStateAndLead(const leadscore_state* state, const leadscore_lead* lead) {
  if (absl::Status s = CheckHandle(state, Kind::kState, "state"); !s.ok()) return s;
  return CheckHandle(lead, Kind::kLead, "lead");
}

// Applies `state->event` and reports as the header says. A refused late event
// (OutOfRange from Apply, for an event whose time is in the engine's range)
// is an outcome, not an error.
leadscore_status ApplyEvent(leadscore_state* state, const leadscore_lead* lead,
                            leadscore_apply_outcome* outcome, size_t* transition_count,
                            leadscore_error** error,
                            const leadscore::SourcePosition* position = nullptr) {
  state->last.transitions.clear();
  absl::StatusOr<leadscore::ApplyResult> r =
      position != nullptr
          ? state->scorer.Apply(lead->lead, state->event, *position, state->state)
          : state->scorer.Apply(lead->lead, state->event, state->state);
  leadscore_apply_outcome o = LEADSCORE_APPLY_APPLIED;
  if (!r.ok()) {
    if (!absl::IsOutOfRange(r.status()) || !leadscore::ToEngineNanos(state->event.at).ok()) {
      return Fail(r.status(), error);
    }
    o = LEADSCORE_APPLY_LATE;
  } else {
    state->last = *std::move(r);
    switch (state->last.outcome) {
      case leadscore::ApplyResult::Outcome::kApplied: o = LEADSCORE_APPLY_APPLIED; break;
      case leadscore::ApplyResult::Outcome::kReordered: o = LEADSCORE_APPLY_REORDERED; break;
      case leadscore::ApplyResult::Outcome::kDuplicate: o = LEADSCORE_APPLY_DUPLICATE; break;
      case leadscore::ApplyResult::Outcome::kAlreadyApplied:
        o = LEADSCORE_APPLY_ALREADY_APPLIED;
        break;
    }
  }
  if (outcome != nullptr) *outcome = o;
  if (transition_count != nullptr) *transition_count = state->last.transitions.size();
  return Ok(error);
}

// Fills `event` from the fields of leadscore_state_apply_fields.
absl::Status EventFromFields(const leadscore::Lead& lead, const char* event_id, const char* type,
                             int64_t at_unix_ns, size_t n, const char* const* keys,
                             const leadscore_value_kind* kinds, const double* numbers,
                             const char* const* strings, leadscore::Event* event) {
  absl::string_view v;
  if (event_id == nullptr) {
    event->id.reset();
  } else {
    if (absl::Status s = CheckString(event_id, "event_id", &v); !s.ok()) return s;
    event->id.emplace(v);
  }
  if (absl::Status s = CheckString(type, "type", &v); !s.ok()) return s;
  event->type.assign(v.data(), v.size());
  absl::StatusOr<absl::Time> at = CheckTime(at_unix_ns, "at_unix_ns");
  if (!at.ok()) return at.status();
  event->at = *at;
  event->lead_id = lead.id;
  event->properties.clear();
  if (n == 0) return absl::OkStatus();
  if (n > LEADSCORE_MAX_PROPERTIES) {
    return absl::InvalidArgumentError(absl::StrCat(
        "property_count ", n, " is over the bound of ", LEADSCORE_MAX_PROPERTIES));
  }
  if (keys == nullptr || kinds == nullptr) {
    return absl::InvalidArgumentError("keys and kinds must not be NULL with properties");
  }
  event->properties.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    absl::string_view key;
    if (absl::Status s = CheckString(keys[i], "a property key", &key); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("property ", i, ": ", s.message()));
    }
    leadscore::Value value;
    const auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(absl::StrCat("property ", i, ": ", why));
    };
    // Read as the enum's underlying integer: a C caller may pass any int,
    // and loading one outside the C++ enum's range would be undefined.
    std::underlying_type_t<leadscore_value_kind> kind;
    std::memcpy(&kind, &kinds[i], sizeof kind);
    switch (kind) {
      case LEADSCORE_VALUE_NULL: break;
      case LEADSCORE_VALUE_BOOL:
      case LEADSCORE_VALUE_NUMBER:
        if (numbers == nullptr) return bad("numbers is NULL");
        if (kind == LEADSCORE_VALUE_BOOL) {
          value = leadscore::Value::Bool(numbers[i] != 0);
        } else if (!std::isfinite(numbers[i])) {
          return bad("a number must be finite");
        } else {
          value = leadscore::Value::Number(numbers[i]);
        }
        break;
      case LEADSCORE_VALUE_STRING: {
        if (strings == nullptr) return bad("strings is NULL");
        absl::string_view s;
        if (absl::Status st = CheckString(strings[i], "a string value", &s); !st.ok()) {
          return bad(st.message());
        }
        value = leadscore::Value::String(std::string(s));
        break;
      }
      case LEADSCORE_VALUE_OTHER: value = leadscore::Value::Other(); break;
      default:
        return bad(absl::StrCat("unknown value kind ", kind));
    }
    event->properties.emplace(std::string(key), std::move(value));  // the first wins
  }
  return absl::OkStatus();
}

// apply_json and apply_json_at: an event as JSON, with a source position
// when `source` is not NULL.
leadscore_status ApplyJson(leadscore_state* state, const leadscore_lead* lead,
                           const char* event_json, size_t len, const char* source,
                           uint64_t offset, leadscore_apply_outcome* outcome,
                           size_t* transition_count, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view text, name;
    if (absl::Status s = CheckStateAndLead(state, lead); !s.ok()) return Fail(s, error);
    state->last.transitions.clear();
    if (source != nullptr) {
      if (absl::Status s = CheckString(source, "source", &name); !s.ok()) return Fail(s, error);
    }
    if (absl::Status s =
            CheckDocument(event_json, len, LEADSCORE_MAX_DOCUMENT_BYTES, "event_json", &text);
        !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s = leadscore::ParseEventJson(text, &state->event); !s.ok()) {
      return Fail(s, error);
    }
    if (source == nullptr) return ApplyEvent(state, lead, outcome, transition_count, error);
    const leadscore::SourcePosition position{std::string(name), offset};
    return ApplyEvent(state, lead, outcome, transition_count, error, &position);
  });
}

// Advance and UpdateLead: a time, a call, its transitions kept for
// leadscore_state_transition.
template <typename Call>
leadscore_status Observe(leadscore_state* state, const leadscore_lead* lead, int64_t unix_ns,
                         const char* what, size_t* transition_count, leadscore_error** error,
                         Call call) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckStateAndLead(state, lead); !s.ok()) return Fail(s, error);
    state->last.transitions.clear();
    absl::StatusOr<absl::Time> t = CheckTime(unix_ns, what);
    if (!t.ok()) return Fail(t.status(), error);
    absl::StatusOr<std::vector<leadscore::Transition>> seen = call(*t);
    if (!seen.ok()) return Fail(seen.status(), error);
    state->last.transitions = *std::move(seen);
    if (transition_count != nullptr) *transition_count = state->last.transitions.size();
    return Ok(error);
  });
}

}  // namespace

extern "C" {

leadscore_status leadscore_state_start(const leadscore_scorer* scorer,
                                       const leadscore_lead* lead, leadscore_state** state,
                                       leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckHandle(scorer, Kind::kScorer, "scorer"); !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s = CheckHandle(lead, Kind::kLead, "lead"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(state, "state"); !s.ok()) return Fail(s, error);
    absl::StatusOr<leadscore::LeadState> started = scorer->scorer.Start(lead->lead);
    if (!started.ok()) return Fail(started.status(), error);
    auto handle = std::make_unique<leadscore_state>(scorer->scorer);
    handle->state = *std::move(started);
    *state = handle.release();
    return Ok(error);
  });
}

leadscore_status leadscore_state_from_bytes(const leadscore_scorer* scorer, const void* bytes,
                                            size_t len, leadscore_state** state,
                                            leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view b;
    if (absl::Status s = CheckHandle(scorer, Kind::kScorer, "scorer"); !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s = CheckOut(state, "state"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckDocument(bytes, len, LEADSCORE_MAX_DOCUMENT_BYTES, "bytes", &b);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::StatusOr<leadscore::LeadState> read =
        leadscore::DeserializeLeadState(scorer->scorer, b);
    if (!read.ok()) return Fail(read.status(), error);
    auto handle = std::make_unique<leadscore_state>(scorer->scorer);
    handle->state = *std::move(read);
    *state = handle.release();
    return Ok(error);
  });
}

leadscore_status leadscore_state_to_bytes(leadscore_state* state, const void** bytes,
                                          size_t* len, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckHandle(state, Kind::kState, "state"); !s.ok()) {
      return Fail(s, error);
    }
    if (absl::Status s = CheckOut(bytes, "bytes"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(len, "len"); !s.ok()) return Fail(s, error);
    leadscore::internal::SecureWipe(&state->bytes);  // the previous copy
    state->bytes = leadscore::SerializeLeadState(state->scorer, state->state);
    *bytes = state->bytes.data();
    *len = state->bytes.size();
    return Ok(error);
  });
}

leadscore_status leadscore_state_apply_json(leadscore_state* state, const leadscore_lead* lead,
                                            const char* event_json, size_t len,
                                            leadscore_apply_outcome* outcome,
                                            size_t* transition_count, leadscore_error** error) {
  return ApplyJson(state, lead, event_json, len, nullptr, 0, outcome, transition_count, error);
}

leadscore_status leadscore_state_apply_fields(
    leadscore_state* state, const leadscore_lead* lead, const char* event_id, const char* type,
    int64_t at_unix_ns, size_t property_count, const char* const* keys,
    const leadscore_value_kind* kinds, const double* numbers, const char* const* strings,
    leadscore_apply_outcome* outcome, size_t* transition_count, leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckStateAndLead(state, lead); !s.ok()) return Fail(s, error);
    state->last.transitions.clear();
    if (absl::Status s = EventFromFields(lead->lead, event_id, type, at_unix_ns, property_count,
                                         keys, kinds, numbers, strings, &state->event);
        !s.ok()) {
      return Fail(s, error);
    }
    return ApplyEvent(state, lead, outcome, transition_count, error);
  });
}

leadscore_status leadscore_state_apply_json_at(leadscore_state* state,
                                               const leadscore_lead* lead,
                                               const char* event_json, size_t len,
                                               const char* source, uint64_t offset,
                                               leadscore_apply_outcome* outcome,
                                               size_t* transition_count,
                                               leadscore_error** error) {
  if (source == nullptr) {  // (ApplyJson reads NULL as "no position")
    return Guard(error, [&]() -> leadscore_status {
      if (Is(state, Kind::kState)) state->last.transitions.clear();
      return Fail(absl::InvalidArgumentError("source must not be NULL"), error);
    });
  }
  return ApplyJson(state, lead, event_json, len, source, offset, outcome, transition_count,
                   error);
}

leadscore_status leadscore_state_advance(leadscore_state* state, const leadscore_lead* lead,
                                         int64_t t_unix_ns, size_t* transition_count,
                                         leadscore_error** error) {
  return Observe(state, lead, t_unix_ns, "t_unix_ns", transition_count, error,
                 [&](absl::Time t) { return state->scorer.Advance(lead->lead, state->state, t); });
}

leadscore_status leadscore_state_update_lead(leadscore_state* state, const leadscore_lead* lead,
                                             int64_t at_unix_ns, size_t* transition_count,
                                             leadscore_error** error) {
  return Observe(state, lead, at_unix_ns, "at_unix_ns", transition_count, error,
                 [&](absl::Time t) {
                   return state->scorer.UpdateLead(lead->lead, state->state, t);
                 });
}

leadscore_status leadscore_state_transition(const leadscore_state* state, size_t index,
                                            const char** from, const char** to,
                                            int64_t* at_unix_ns) {
  if (!Is(state, Kind::kState) || index >= state->last.transitions.size()) {
    return LEADSCORE_INVALID_ARGUMENT;
  }
  const leadscore::Transition& t = state->last.transitions[index];
  if (from != nullptr) *from = t.from.c_str();
  if (to != nullptr) *to = t.to.c_str();
  if (at_unix_ns != nullptr) *at_unix_ns = absl::ToUnixNanos(t.at);
  return LEADSCORE_OK;
}

leadscore_status leadscore_state_transition_cause(const leadscore_state* state, size_t index,
                                                  const char** cause, const char** event_id) {
  if (!Is(state, Kind::kState) || index >= state->last.transitions.size()) {
    return LEADSCORE_INVALID_ARGUMENT;
  }
  const leadscore::Transition& t = state->last.transitions[index];
  if (cause != nullptr) *cause = leadscore::TransitionCauseName(t.cause);
  if (event_id != nullptr) *event_id = t.event_id ? t.event_id->c_str() : nullptr;
  return LEADSCORE_OK;
}

leadscore_status leadscore_state_score_json(leadscore_state* state, const leadscore_lead* lead,
                                            int64_t as_of_unix_ns, int explain,
                                            const char** json, size_t* len,
                                            leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    if (absl::Status s = CheckStateAndLead(state, lead); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(json, "json"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckOut(len, "len"); !s.ok()) return Fail(s, error);
    absl::StatusOr<absl::Time> as_of = CheckTime(as_of_unix_ns, "as_of_unix_ns");
    if (!as_of.ok()) return Fail(as_of.status(), error);
    leadscore::ScoreOptions options;
    options.explain = explain != 0;
    absl::StatusOr<leadscore::Scorecard> card =
        state->scorer.Score(lead->lead, state->state, *as_of, options);
    if (!card.ok()) return Fail(card.status(), error);
    state->json.clear();  // overwritten in place; wiped by leadscore_state_free
    leadscore::AppendScorecardJson(*card, options.explain, &state->json);
    *json = state->json.c_str();
    *len = state->json.size();
    return Ok(error);
  });
}

leadscore_status leadscore_state_free(leadscore_state* state) {
  if (Is(state, Kind::kState)) {  // personal data: wiped, not just released
    leadscore::EraseLeadState(&state->state);
    leadscore::internal::SecureWipe(&state->bytes);
    leadscore::internal::SecureWipe(&state->json);
    if (state->event.id) leadscore::internal::SecureWipe(&*state->event.id);
    for (auto& kv : state->event.properties) kv.second.Wipe();
  }
  return FreeHandle(state, Kind::kState);
}

}  // extern "C"
