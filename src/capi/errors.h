// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// How the C ABI reports: absl::Status -> leadscore_status and an error object,
// the exception barrier every entry point runs in, and the checks of what a
// caller passes (strings, documents, options structs). Not API.

#ifndef LEADSCORE_SRC_CAPI_ERRORS_H_
#define LEADSCORE_SRC_CAPI_ERRORS_H_

#include <cstddef>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "leadscore/model.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/strings/string_view.h"
#include "capi/handles.h"
#include "leadscore/leadscore_c.h"

namespace leadscore {
namespace capi {

// Stores NULL in `*error` (if `error`) and returns LEADSCORE_OK.
leadscore_status Ok(leadscore_error** error);

// Stores an error object made of `status` and `details` in `*error` (if
// `error`) and returns the status's code. `status` must not be OK.
leadscore_status Fail(const absl::Status& status, leadscore_error** error,
                      std::vector<Detail> details = {});

// What the exception barrier reports: RESOURCE_EXHAUSTED for bad_alloc,
// INTERNAL with the text of any other exception. Never throws.
leadscore_status FailFromException(std::exception_ptr e, leadscore_error** error) noexcept;

// Runs `body` (returning leadscore_status) so that no exception leaves it.
template <typename F>
leadscore_status Guard(leadscore_error** error, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return FailFromException(std::current_exception(), error);
  }
}

// The same for entry points without an error parameter.
template <typename F>
leadscore_status GuardNoError(F&& body) noexcept {
  return Guard(nullptr, static_cast<F&&>(body));
}

// InvalidArgument naming `what` (e.g. "model") unless `p` is a live handle
// of kind `k`.
absl::Status CheckHandle(const void* p, Kind k, const char* what);

// InvalidArgument unless `out` (an out-parameter named `what`) is not NULL.
absl::Status CheckOut(const void* out, const char* what);

// A NUL-terminated string argument `what`: not NULL, at most
// LEADSCORE_MAX_STRING_BYTES, valid UTF-8. Sets `*out` on success.
absl::Status CheckString(const char* s, const char* what, absl::string_view* out);

// A document argument `what` of `len` bytes at `p`: `p` may be NULL only with
// `len` 0; `len` at most `max`. Sets `*out` on success. (UTF-8 is checked by
// the parsers, which name where it goes wrong.)
absl::Status CheckDocument(const void* p, size_t len, uint64_t max, const char* what,
                           absl::string_view* out);

// The struct_size of a versioned options struct `what` at `p` (not NULL):
// at least `v1_size` (the first version), at most 4096, and any bytes past
// `known_size` (fields of a newer header) zero.
absl::Status CheckOptionsSize(const void* p, size_t v1_size, size_t known_size,
                              const char* what);

// `unix_ns` as a time, OutOfRange (naming `what`) outside the engine's range.
absl::StatusOr<absl::Time> CheckTime(int64_t unix_ns, const char* what);

// True when `s` is valid UTF-8; else `*bad_offset` is the first bad byte.
bool IsValidUtf8(absl::string_view s, size_t* bad_offset);

// `s` with every invalid UTF-8 byte replaced by U+FFFD.
std::string ValidUtf8(absl::string_view s);

// The details of a model that does not load: Model::FromJson/FromFile's
// records, as error details of source "model".
std::vector<Detail> ModelDetails(const std::vector<ModelDiagnostic>& diagnostics);

}  // namespace capi
}  // namespace leadscore

#endif  // LEADSCORE_SRC_CAPI_ERRORS_H_
