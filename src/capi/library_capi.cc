// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// C ABI: the library's version, status names, error objects, time parsing.

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "capi/errors.h"
#include "capi/handles.h"
#include "leadscore/leadscore_c.h"
#include "leadscore/time.h"
#include "leadscore/version.h"

using leadscore::capi::CheckDocument;
using leadscore::capi::CheckOut;
using leadscore::capi::Fail;
using leadscore::capi::Guard;
using leadscore::capi::Is;
using leadscore::capi::Kind;
using leadscore::capi::Ok;

extern "C" {

const char* leadscore_version(void) { return leadscore::Version(); }

const char* leadscore_status_name(leadscore_status status) {
  static const char* const kNames[] = {
      "OK",        "CANCELLED",         "UNKNOWN",         "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",  "PERMISSION_DENIED",
      "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
      "UNIMPLEMENTED", "INTERNAL",      "UNAVAILABLE",     "DATA_LOSS",
      "UNAUTHENTICATED"};
  const int i = static_cast<int>(status);
  return i >= 0 && i <= LEADSCORE_UNAUTHENTICATED ? kNames[i] : "UNKNOWN";
}

leadscore_status leadscore_error_code(const leadscore_error* error) {
  return Is(error, Kind::kError) ? error->code : LEADSCORE_INVALID_ARGUMENT;
}

const char* leadscore_error_message(const leadscore_error* error) {
  return Is(error, Kind::kError) ? error->message.c_str() : "";
}

size_t leadscore_error_detail_count(const leadscore_error* error) {
  return Is(error, Kind::kError) ? error->details.size() : 0;
}

leadscore_status leadscore_error_detail(const leadscore_error* error, size_t index,
                                        const char** source, uint64_t* line,
                                        const char** pointer, const char** message) {
  if (!Is(error, Kind::kError) || index >= error->details.size()) {
    return LEADSCORE_INVALID_ARGUMENT;
  }
  const leadscore::capi::Detail& d = error->details[index];
  if (source != nullptr) *source = d.source.c_str();
  if (line != nullptr) *line = d.line;
  if (pointer != nullptr) *pointer = d.pointer.c_str();
  if (message != nullptr) *message = d.message.c_str();
  return LEADSCORE_OK;
}

leadscore_status leadscore_error_free(leadscore_error* error) {
  if (error == nullptr) return LEADSCORE_OK;
  if (!Is(error, Kind::kError)) return LEADSCORE_INVALID_ARGUMENT;
  error->kind = Kind::kFreed;
  delete error;
  return LEADSCORE_OK;
}

leadscore_status leadscore_time_parse(const char* text, size_t len, int64_t* unix_ns,
                                      leadscore_error** error) {
  return Guard(error, [&]() -> leadscore_status {
    absl::string_view t;
    if (absl::Status s = CheckOut(unix_ns, "unix_ns"); !s.ok()) return Fail(s, error);
    if (absl::Status s = CheckDocument(text, len, LEADSCORE_MAX_STRING_BYTES, "text", &t);
        !s.ok()) {
      return Fail(s, error);
    }
    absl::StatusOr<absl::Time> parsed = leadscore::ParseTimestamp(t);
    if (!parsed.ok()) return Fail(parsed.status(), error);
    absl::StatusOr<int64_t> ns = leadscore::ToEngineNanos(*parsed);
    if (!ns.ok()) return Fail(ns.status(), error);
    *unix_ns = *ns;
    return Ok(error);
  });
}

}  // extern "C"
