// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// The N-API addon behind bindings/node/index.js: one function per C ABI call
// (include/leadscore/leadscore_c.h), nothing more. Handles travel to
// JavaScript as type-tagged externals; index.js wraps them in classes. Policy
// (names, defaults, conversions of times and events) lives in index.js so
// that this file stays a mechanical translation.
//
// Rules kept here:
// - every handle is freed exactly once: by close() (index.js) or by the
//   garbage collector's finalizer, whichever comes first;
// - text the library returns is copied into JavaScript values before the next
//   call on the same handle (the ABI's ownership rule);
// - a failed call throws the LeadscoreError class index.js registered, with
//   the status, its name and every detail (source, line, pointer, message);
// - batch scoring can run on a libuv worker thread (BatchWorker): the batch
//   handle is made on the main thread and used by that one worker only, and
//   it keeps its scorer alive, so JavaScript may close the scorer meanwhile.

#include <napi.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "leadscore/leadscore_c.h"

namespace {

enum class Kind { kModel = 1, kScorer, kLead, kState };

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kModel: return "Model";
    case Kind::kScorer: return "Scorer";
    case Kind::kLead: return "Lead";
    case Kind::kState: return "State";
  }
  return "handle";
}

// What an external points at. `ptr` is NULL once freed.
struct Handle {
  Kind kind;
  void* ptr;
};

// Tags our externals so that a foreign external is refused, not cast.
constexpr napi_type_tag kHandleTag = {0x6c656164736e6f64ULL, 0x6c73636f72653031ULL};

void FreeHandle(Handle* h) {
  if (h->ptr == nullptr) return;
  switch (h->kind) {
    case Kind::kModel: leadscore_model_free(static_cast<leadscore_model*>(h->ptr)); break;
    case Kind::kScorer: leadscore_scorer_free(static_cast<leadscore_scorer*>(h->ptr)); break;
    case Kind::kLead: leadscore_lead_free(static_cast<leadscore_lead*>(h->ptr)); break;
    case Kind::kState: leadscore_state_free(static_cast<leadscore_state*>(h->ptr)); break;
  }
  h->ptr = nullptr;
}

Napi::Value Wrap(Napi::Env env, Kind kind, void* ptr) {
  auto ext = Napi::External<Handle>::New(env, new Handle{kind, ptr}, [](Napi::Env, Handle* h) {
    FreeHandle(h);
    delete h;
  });
  ext.TypeTag(&kHandleTag);
  return ext;
}

template <typename T>
T* Unwrap(const Napi::Value& value, Kind kind) {
  Napi::Env env = value.Env();
  if (!value.IsExternal() || !value.As<Napi::Object>().CheckTypeTag(&kHandleTag)) {
    throw Napi::TypeError::New(env, std::string("expected a leadscore ") + KindName(kind));
  }
  Handle* h = value.As<Napi::External<Handle>>().Data();
  if (h->kind != kind) {
    throw Napi::TypeError::New(env, std::string("expected a leadscore ") + KindName(kind) +
                                        ", got a " + KindName(h->kind));
  }
  if (h->ptr == nullptr) {
    throw Napi::Error::New(env, std::string("this ") + KindName(kind) + " has been closed");
  }
  return static_cast<T*>(h->ptr);
}

// The LeadscoreError constructor index.js registers (setErrorClass).
struct AddonData {
  Napi::FunctionReference error_class;
};

// A plain copy of a leadscore_error, so it can cross threads (BatchWorker).
struct ErrorInfo {
  struct Detail {
    std::string source;
    uint64_t line = 0;
    std::string pointer;
    std::string message;
  };
  leadscore_status status = LEADSCORE_OK;
  std::string message;
  std::vector<Detail> details;
};

ErrorInfo TakeError(leadscore_status status, leadscore_error* error) {
  ErrorInfo info;
  info.status = status;
  info.message = error != nullptr ? leadscore_error_message(error) : "";
  if (info.message.empty()) info.message = leadscore_status_name(status);
  for (size_t i = 0, n = leadscore_error_detail_count(error); i < n; ++i) {
    const char* source = nullptr;
    const char* pointer = nullptr;
    const char* message = nullptr;
    ErrorInfo::Detail d;
    if (leadscore_error_detail(error, i, &source, &d.line, &pointer, &message) != LEADSCORE_OK) {
      continue;
    }
    d.source = source ? source : "";
    d.pointer = pointer ? pointer : "";
    d.message = message ? message : "";
    info.details.push_back(std::move(d));
  }
  leadscore_error_free(error);
  return info;
}

Napi::Object MakeError(Napi::Env env, const ErrorInfo& info) {
  Napi::Array details = Napi::Array::New(env, info.details.size());
  for (size_t i = 0; i < info.details.size(); ++i) {
    const auto& d = info.details[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("source", d.source);
    o.Set("line", Napi::Number::New(env, static_cast<double>(d.line)));
    o.Set("pointer", d.pointer);
    o.Set("message", d.message);
    details[i] = o;
  }
  AddonData* data = env.GetInstanceData<AddonData>();
  if (data == nullptr || data->error_class.IsEmpty()) {
    Napi::Error e = Napi::Error::New(env, info.message);
    e.Set("status", Napi::Number::New(env, info.status));
    e.Set("details", details);
    return e.Value();
  }
  return data->error_class.New({Napi::String::New(env, info.message),
                                Napi::Number::New(env, info.status),
                                Napi::String::New(env, leadscore_status_name(info.status)),
                                details});
}

// Throws the error of a failed call (frees `error`); a no-op on success.
// `error` is a reference so that it is read after the call in the argument
// list has filled it (argument evaluation order is unspecified).
void Check(Napi::Env env, leadscore_status status, leadscore_error*& error) {
  if (status == LEADSCORE_OK) return;
  throw Napi::Error(env, MakeError(env, TakeError(status, error)));
}

// A document argument: a string (UTF-8 encoded here) or bytes (a Buffer or
// any Uint8Array, passed as they are: the library checks their UTF-8).
class Document {
 public:
  Document(const Napi::Value& value, const char* what) {
    if (value.IsString()) {
      text_ = value.As<Napi::String>().Utf8Value();
      data_ = text_.data();
      size_ = text_.size();
    } else if (value.IsTypedArray() &&
               value.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
      auto bytes = value.As<Napi::Uint8Array>();
      data_ = reinterpret_cast<const char*>(bytes.Data());
      size_ = bytes.ByteLength();
    } else if (value.IsNull() || value.IsUndefined()) {
      data_ = nullptr;
      size_ = 0;
    } else {
      throw Napi::TypeError::New(value.Env(), std::string(what) +
                                                  " must be a string, a Buffer or a Uint8Array");
    }
  }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  std::string Copy() const { return data_ ? std::string(data_, size_) : std::string(); }

 private:
  std::string text_;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

std::string StringArg(const Napi::Value& value, const char* what) {
  if (!value.IsString()) throw Napi::TypeError::New(value.Env(), std::string(what) + " must be a string");
  return value.As<Napi::String>().Utf8Value();
}

int64_t TimeArg(const Napi::Value& value, const char* what) {
  if (!value.IsBigInt()) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " must be a bigint (Unix ns)");
  }
  bool lossless = false;
  int64_t ns = value.As<Napi::BigInt>().Int64Value(&lossless);
  if (!lossless) throw Napi::RangeError::New(value.Env(), std::string(what) + " is out of range");
  return ns;
}

// ---------------------------------------------------------------------------

Napi::Value SetErrorClass(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throw Napi::TypeError::New(info.Env(), "expected a constructor");
  info.Env().GetInstanceData<AddonData>()->error_class =
      Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

Napi::Value Version(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), leadscore_version());
}

Napi::Value ParseTime(const Napi::CallbackInfo& info) {
  std::string text = StringArg(info[0], "time");
  int64_t ns = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_time_parse(text.data(), text.size(), &ns, &error), error);
  return Napi::BigInt::New(info.Env(), ns);
}

Napi::Value ModelFromJson(const Napi::CallbackInfo& info) {
  Document json(info[0], "model JSON");
  leadscore_model* model = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_model_from_json(json.data(), json.size(), &model, &error), error);
  return Wrap(info.Env(), Kind::kModel, model);
}

Napi::Value ModelFromFile(const Napi::CallbackInfo& info) {
  std::string path = StringArg(info[0], "path");
  leadscore_model* model = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_model_from_file(path.c_str(), &model, &error), error);
  return Wrap(info.Env(), Kind::kModel, model);
}

// scorerNew(model, reorderWindow | undefined)
Napi::Value ScorerNew(const Napi::CallbackInfo& info) {
  auto* model = Unwrap<leadscore_model>(info[0], Kind::kModel);
  leadscore_scorer_options options;
  leadscore_scorer_options_init(&options);
  if (!info[1].IsUndefined()) {
    double window = info[1].ToNumber().DoubleValue();
    if (!(window >= 0 && window <= LEADSCORE_MAX_REORDER_WINDOW) ||
        window != static_cast<double>(static_cast<uint32_t>(window))) {
      throw Napi::RangeError::New(info.Env(), "reorderWindow must be an integer from 0 to " +
                                                  std::to_string(LEADSCORE_MAX_REORDER_WINDOW));
    }
    options.reorder_window = static_cast<uint32_t>(window);
  }
  leadscore_scorer* scorer = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_scorer_new(model, &options, &scorer, &error), error);
  return Wrap(info.Env(), Kind::kScorer, scorer);
}

Napi::Value LeadFromJson(const Napi::CallbackInfo& info) {
  Document json(info[0], "lead JSON");
  leadscore_lead* lead = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_lead_from_json(json.data(), json.size(), &lead, &error), error);
  return Wrap(info.Env(), Kind::kLead, lead);
}

Napi::Value StateStart(const Napi::CallbackInfo& info) {
  auto* scorer = Unwrap<leadscore_scorer>(info[0], Kind::kScorer);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  leadscore_state* state = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_state_start(scorer, lead, &state, &error), error);
  return Wrap(info.Env(), Kind::kState, state);
}

Napi::Value StateFromBytes(const Napi::CallbackInfo& info) {
  auto* scorer = Unwrap<leadscore_scorer>(info[0], Kind::kScorer);
  if (!info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    throw Napi::TypeError::New(info.Env(), "state bytes must be a Buffer or a Uint8Array");
  }
  auto bytes = info[1].As<Napi::Uint8Array>();
  leadscore_state* state = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(),
        leadscore_state_from_bytes(scorer, bytes.Data(), bytes.ByteLength(), &state, &error),
        error);
  return Wrap(info.Env(), Kind::kState, state);
}

Napi::Value StateToBytes(const Napi::CallbackInfo& info) {
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  const void* bytes = nullptr;
  size_t len = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_state_to_bytes(state, &bytes, &len, &error), error);
  return Napi::Buffer<uint8_t>::Copy(info.Env(), static_cast<const uint8_t*>(bytes), len);
}

// [{from, to, at, cause, eventId}] of the call on `state` that just succeeded.
Napi::Array Transitions(Napi::Env env, leadscore_state* state, size_t count) {
  Napi::Array transitions = Napi::Array::New(env, count);
  for (size_t i = 0; i < count; ++i) {
    const char* from = nullptr;
    const char* to = nullptr;
    const char* cause = nullptr;
    const char* event_id = nullptr;
    int64_t at = 0;
    leadscore_error* none = nullptr;
    Check(env, leadscore_state_transition(state, i, &from, &to, &at), none);
    Check(env, leadscore_state_transition_cause(state, i, &cause, &event_id), none);
    Napi::Object t = Napi::Object::New(env);
    t.Set("from", from);
    t.Set("to", to);
    t.Set("at", Napi::BigInt::New(env, at));
    t.Set("cause", cause);
    t.Set("eventId", event_id != nullptr ? Napi::Value(Napi::String::New(env, event_id))
                                         : env.Null());
    transitions[i] = t;
  }
  return transitions;
}

// {outcome, transitions} of the apply that just succeeded.
Napi::Value ApplyResult(Napi::Env env, leadscore_state* state, leadscore_apply_outcome outcome,
                        size_t count) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("outcome", Napi::Number::New(env, outcome));
  result.Set("transitions", Transitions(env, state, count));
  return result;
}

// stateApplyJson(state, lead, eventJson)
Napi::Value StateApplyJson(const Napi::CallbackInfo& info) {
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  Document json(info[2], "event JSON");
  leadscore_apply_outcome outcome = LEADSCORE_APPLY_APPLIED;
  size_t count = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(),
        leadscore_state_apply_json(state, lead, json.data(), json.size(), &outcome, &count,
                                   &error),
        error);
  return ApplyResult(info.Env(), state, outcome, count);
}

// stateApplyJsonAt(state, lead, eventJson, source, offset): offset a bigint
// in 0 .. 2^64 - 1.
Napi::Value StateApplyJsonAt(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  Document json(info[2], "event JSON");
  std::string source = StringArg(info[3], "source");
  if (!info[4].IsBigInt()) throw Napi::TypeError::New(env, "offset must be a bigint");
  bool lossless = false;
  const uint64_t offset = info[4].As<Napi::BigInt>().Uint64Value(&lossless);
  if (!lossless) throw Napi::RangeError::New(env, "offset must lie in 0 .. 2^64 - 1");
  leadscore_apply_outcome outcome = LEADSCORE_APPLY_APPLIED;
  size_t count = 0;
  leadscore_error* error = nullptr;
  Check(env,
        leadscore_state_apply_json_at(state, lead, json.data(), json.size(), source.c_str(),
                                      offset, &outcome, &count, &error),
        error);
  return ApplyResult(env, state, outcome, count);
}

// stateAdvance(state, lead, tNs) -> transitions (cause "time")
Napi::Value StateAdvance(const Napi::CallbackInfo& info) {
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  const int64_t t = TimeArg(info[2], "time");
  size_t count = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_state_advance(state, lead, t, &count, &error), error);
  return Transitions(info.Env(), state, count);
}

// stateUpdateLead(state, lead, atNs) -> transitions (cause "lead")
Napi::Value StateUpdateLead(const Napi::CallbackInfo& info) {
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  const int64_t at = TimeArg(info[2], "time");
  size_t count = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_state_update_lead(state, lead, at, &count, &error), error);
  return Transitions(info.Env(), state, count);
}

// stateApplyFields(state, lead, id | null, type, atNs, keys[], values[]):
// values are null/undefined (missing), booleans, finite numbers, strings, or
// objects/arrays (which only answer `exists`).
Napi::Value StateApplyFields(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  bool has_id = !(info[2].IsNull() || info[2].IsUndefined());
  std::string id = has_id ? StringArg(info[2], "event id") : std::string();
  std::string type = StringArg(info[3], "event type");
  int64_t at = TimeArg(info[4], "event time");
  if (!info[5].IsArray() || !info[6].IsArray()) {
    throw Napi::TypeError::New(env, "property keys and values must be arrays");
  }
  Napi::Array js_keys = info[5].As<Napi::Array>();
  Napi::Array js_values = info[6].As<Napi::Array>();
  const size_t n = js_keys.Length();
  if (js_values.Length() != n) throw Napi::TypeError::New(env, "keys and values differ in length");
  std::vector<std::string> keys(n), strings(n);
  std::vector<leadscore_value_kind> kinds(n);
  std::vector<double> numbers(n, 0.0);
  for (uint32_t i = 0; i < n; ++i) {
    keys[i] = StringArg(js_keys.Get(i), "property key");
    Napi::Value v = js_values.Get(i);
    if (v.IsNull() || v.IsUndefined()) {
      kinds[i] = LEADSCORE_VALUE_NULL;
    } else if (v.IsBoolean()) {
      kinds[i] = LEADSCORE_VALUE_BOOL;
      numbers[i] = v.As<Napi::Boolean>().Value() ? 1 : 0;
    } else if (v.IsNumber()) {
      kinds[i] = LEADSCORE_VALUE_NUMBER;
      numbers[i] = v.As<Napi::Number>().DoubleValue();
    } else if (v.IsString()) {
      kinds[i] = LEADSCORE_VALUE_STRING;
      strings[i] = v.As<Napi::String>().Utf8Value();
    } else if (v.IsObject()) {
      kinds[i] = LEADSCORE_VALUE_OTHER;
    } else {
      throw Napi::TypeError::New(env, "property " + keys[i] + " has a value of unsupported type");
    }
  }
  std::vector<const char*> key_ptrs(n), string_ptrs(n);
  for (size_t i = 0; i < n; ++i) {
    key_ptrs[i] = keys[i].c_str();
    string_ptrs[i] = strings[i].c_str();
  }
  leadscore_apply_outcome outcome = LEADSCORE_APPLY_APPLIED;
  size_t count = 0;
  leadscore_error* error = nullptr;
  Check(env,
        leadscore_state_apply_fields(state, lead, has_id ? id.c_str() : nullptr, type.c_str(), at,
                                     n, key_ptrs.data(), kinds.data(), numbers.data(),
                                     string_ptrs.data(), &outcome, &count, &error),
        error);
  return ApplyResult(env, state, outcome, count);
}

// stateScoreJson(state, lead, asOfNs, explain) -> the scorecard line
Napi::Value StateScoreJson(const Napi::CallbackInfo& info) {
  auto* state = Unwrap<leadscore_state>(info[0], Kind::kState);
  auto* lead = Unwrap<leadscore_lead>(info[1], Kind::kLead);
  int64_t as_of = TimeArg(info[2], "asOf");
  int explain = info[3].ToBoolean().Value() ? 1 : 0;
  const char* json = nullptr;
  size_t len = 0;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_state_score_json(state, lead, as_of, explain, &json, &len, &error),
        error);
  return Napi::String::New(info.Env(), json, len);
}

// --- batches ----------------------------------------------------------------

struct BatchResult {
  std::string output;
  struct Rejected {
    std::string source;
    uint64_t line;
    std::string message;
  };
  std::vector<Rejected> rejected;
};

// Runs one batch call on `batch` (which it frees). Never throws.
bool RunBatch(leadscore_batch* batch, const char* leads, size_t leads_len, const char* events,
              size_t events_len, int64_t as_of, BatchResult* result, ErrorInfo* failure) {
  const char* out = nullptr;
  size_t out_len = 0;
  leadscore_error* error = nullptr;
  leadscore_status status = leadscore_batch_score_jsonl(batch, leads, leads_len, events,
                                                        events_len, as_of, &out, &out_len, &error);
  bool ok = status == LEADSCORE_OK;
  if (ok) {
    result->output.assign(out, out_len);
    size_t count = 0;
    leadscore_batch_rejected_count(batch, &count);
    for (size_t i = 0; i < count; ++i) {
      const char* source = nullptr;
      const char* message = nullptr;
      uint64_t line = 0;
      if (leadscore_batch_rejected(batch, i, &source, &line, &message) == LEADSCORE_OK) {
        result->rejected.push_back({source ? source : "", line, message ? message : ""});
      }
    }
  } else {
    *failure = TakeError(status, error);
  }
  leadscore_batch_free(batch);
  return ok;
}

Napi::Value BatchResultValue(Napi::Env env, const BatchResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("output", Napi::String::New(env, r.output));
  Napi::Array rejected = Napi::Array::New(env, r.rejected.size());
  for (size_t i = 0; i < r.rejected.size(); ++i) {
    Napi::Object x = Napi::Object::New(env);
    x.Set("source", r.rejected[i].source);
    x.Set("line", Napi::Number::New(env, static_cast<double>(r.rejected[i].line)));
    x.Set("message", r.rejected[i].message);
    rejected[i] = x;
  }
  o.Set("rejected", rejected);
  return o;
}

// Makes the batch handle (main thread) from the arguments
// (scorer, leads, events, asOfNs, explain, threads, skipBadLines).
leadscore_batch* NewBatch(const Napi::CallbackInfo& info) {
  auto* scorer = Unwrap<leadscore_scorer>(info[0], Kind::kScorer);
  leadscore_batch_options options;
  leadscore_batch_options_init(&options);
  options.explain = info[4].ToBoolean().Value() ? 1 : 0;
  if (!info[5].IsUndefined()) {
    double threads = info[5].ToNumber().DoubleValue();
    if (!(threads >= 1 && threads <= LEADSCORE_MAX_BATCH_THREADS) ||
        threads != static_cast<double>(static_cast<int>(threads))) {
      throw Napi::RangeError::New(info.Env(), "threads must be an integer from 1 to " +
                                                  std::to_string(LEADSCORE_MAX_BATCH_THREADS));
    }
    options.threads = static_cast<int>(threads);
  }
  options.skip_bad_lines = info[6].ToBoolean().Value() ? 1 : 0;
  leadscore_batch* batch = nullptr;
  leadscore_error* error = nullptr;
  Check(info.Env(), leadscore_batch_new(scorer, &options, &batch, &error), error);
  return batch;
}

Napi::Value BatchScore(const Napi::CallbackInfo& info) {
  Document leads(info[1], "leads");
  Document events(info[2], "events");
  int64_t as_of = TimeArg(info[3], "asOf");
  leadscore_batch* batch = NewBatch(info);
  BatchResult result;
  ErrorInfo failure;
  if (!RunBatch(batch, leads.data(), leads.size(), events.data(), events.size(), as_of, &result,
                &failure)) {
    throw Napi::Error(info.Env(), MakeError(info.Env(), failure));
  }
  return BatchResultValue(info.Env(), result);
}

// The same off the event loop: the inputs are copied, the promise settles on
// the main thread.
class BatchWorker : public Napi::AsyncWorker {
 public:
  BatchWorker(Napi::Env env, leadscore_batch* batch, std::string leads, std::string events,
              int64_t as_of)
      : Napi::AsyncWorker(env, "leadscore.batch"),
        deferred_(Napi::Promise::Deferred::New(env)),
        batch_(batch),
        leads_(std::move(leads)),
        events_(std::move(events)),
        as_of_(as_of) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

 protected:
  void Execute() override {
    ok_ = RunBatch(batch_, leads_.data(), leads_.size(), events_.data(), events_.size(), as_of_,
                   &result_, &failure_);
    batch_ = nullptr;
  }
  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    if (ok_) {
      deferred_.Resolve(BatchResultValue(env, result_));
    } else {
      deferred_.Reject(MakeError(env, failure_));
    }
  }

 private:
  Napi::Promise::Deferred deferred_;
  leadscore_batch* batch_;
  std::string leads_, events_;
  int64_t as_of_;
  bool ok_ = false;
  BatchResult result_;
  ErrorInfo failure_;
};

Napi::Value BatchScoreAsync(const Napi::CallbackInfo& info) {
  std::string leads = Document(info[1], "leads").Copy();
  std::string events = Document(info[2], "events").Copy();
  int64_t as_of = TimeArg(info[3], "asOf");
  leadscore_batch* batch = NewBatch(info);
  auto* worker = new BatchWorker(info.Env(), batch, std::move(leads), std::move(events), as_of);
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}

// close(handle): frees it now (later uses throw "has been closed").
Napi::Value Close(const Napi::CallbackInfo& info) {
  if (!info[0].IsExternal() || !info[0].As<Napi::Object>().CheckTypeTag(&kHandleTag)) {
    throw Napi::TypeError::New(info.Env(), "expected a leadscore handle");
  }
  FreeHandle(info[0].As<Napi::External<Handle>>().Data());
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  exports.Set("setErrorClass", Napi::Function::New(env, SetErrorClass));
  exports.Set("version", Napi::Function::New(env, Version));
  exports.Set("parseTime", Napi::Function::New(env, ParseTime));
  exports.Set("modelFromJson", Napi::Function::New(env, ModelFromJson));
  exports.Set("modelFromFile", Napi::Function::New(env, ModelFromFile));
  exports.Set("scorerNew", Napi::Function::New(env, ScorerNew));
  exports.Set("leadFromJson", Napi::Function::New(env, LeadFromJson));
  exports.Set("stateStart", Napi::Function::New(env, StateStart));
  exports.Set("stateFromBytes", Napi::Function::New(env, StateFromBytes));
  exports.Set("stateToBytes", Napi::Function::New(env, StateToBytes));
  exports.Set("stateApplyJson", Napi::Function::New(env, StateApplyJson));
  exports.Set("stateApplyFields", Napi::Function::New(env, StateApplyFields));
  exports.Set("stateApplyJsonAt", Napi::Function::New(env, StateApplyJsonAt));
  exports.Set("stateAdvance", Napi::Function::New(env, StateAdvance));
  exports.Set("stateUpdateLead", Napi::Function::New(env, StateUpdateLead));
  exports.Set("stateScoreJson", Napi::Function::New(env, StateScoreJson));
  exports.Set("batchScore", Napi::Function::New(env, BatchScore));
  exports.Set("batchScoreAsync", Napi::Function::New(env, BatchScoreAsync));
  exports.Set("close", Napi::Function::New(env, Close));
  return exports;
}

}  // namespace

NODE_API_MODULE(leadscore, Init)
