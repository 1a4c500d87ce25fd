// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "capi/errors.h"

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "leadscore/time.h"
#include "util/utf8_util.h"

namespace leadscore {
namespace capi {

leadscore_status Ok(leadscore_error** error) {
  if (error != nullptr) *error = nullptr;
  return LEADSCORE_OK;
}

leadscore_status Fail(const absl::Status& status, leadscore_error** error,
                      std::vector<Detail> details) {
  // absl::StatusCode and leadscore_status share their numbers (the header
  // lists them); anything else is UNKNOWN.
  const int raw = static_cast<int>(status.code());
  const leadscore_status code = raw > 0 && raw <= LEADSCORE_UNAUTHENTICATED
                                    ? static_cast<leadscore_status>(raw)
                                    : LEADSCORE_UNKNOWN;
  if (error == nullptr) return code;
  auto* e = new leadscore_error();
  e->code = code;
  // Messages may carry input bytes (a path, an id): bindings decode them as
  // UTF-8, so they are made valid here, once, for every error.
  e->message = ValidUtf8(status.message());
  for (Detail& d : details) {
    d.pointer = ValidUtf8(d.pointer);
    d.message = ValidUtf8(d.message);
  }
  e->details = std::move(details);
  *error = e;
  return code;
}

leadscore_status FailFromException(std::exception_ptr ex, leadscore_error** error) noexcept {
  leadscore_status code = LEADSCORE_INTERNAL;
  const char* what = "unknown exception";
  try {
    std::rethrow_exception(ex);
  } catch (const std::bad_alloc&) {
    code = LEADSCORE_RESOURCE_EXHAUSTED;
    what = "out of memory";
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
  }
  if (error == nullptr) return code;
  *error = nullptr;
  try {
    auto* e = new leadscore_error();
    e->code = code;
    e->message = ValidUtf8(code == LEADSCORE_RESOURCE_EXHAUSTED
                               ? std::string(what)
                               : absl::StrCat("internal error: ", what));
    *error = e;
  } catch (...) {
    // No memory even for the error object: the code alone tells.
  }
  return code;
}

absl::Status CheckHandle(const void* p, Kind k, const char* what) {
  if (p == nullptr) return absl::InvalidArgumentError(absl::StrCat(what, " is NULL"));
  if (!Is(p, k)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is not a leadscore_", what, " handle (a handle of another "
                     "kind, or one already freed)"));
  }
  return absl::OkStatus();
}

absl::Status CheckOut(const void* out, const char* what) {
  if (out == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("out-parameter ", what, " is NULL"));
  }
  return absl::OkStatus();
}

absl::Status CheckString(const char* s, const char* what, absl::string_view* out) {
  if (s == nullptr) return absl::InvalidArgumentError(absl::StrCat(what, " is NULL"));
  const size_t n = ::strnlen(s, LEADSCORE_MAX_STRING_BYTES + 1);
  if (n > LEADSCORE_MAX_STRING_BYTES) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, " is longer than ", LEADSCORE_MAX_STRING_BYTES, " bytes (or not NUL-terminated)"));
  }
  *out = absl::string_view(s, n);
  size_t bad = 0;
  if (!IsValidUtf8(*out, &bad)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is not valid UTF-8 (byte ", bad, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckDocument(const void* p, size_t len, uint64_t max, const char* what,
                           absl::string_view* out) {
  if (p == nullptr && len != 0) {
    return absl::InvalidArgumentError(absl::StrCat(what, " is NULL with a length of ", len));
  }
  if (static_cast<uint64_t>(len) > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " is ", len, " bytes, more than the ", max, " allowed"));
  }
  *out = len == 0 ? absl::string_view() : absl::string_view(static_cast<const char*>(p), len);
  return absl::OkStatus();
}

absl::Status CheckOptionsSize(const void* p, size_t v1_size, size_t known_size,
                              const char* what) {
  size_t size = 0;
  std::memcpy(&size, p, sizeof size);
  if (size < v1_size || size > 4096) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, ".struct_size is ", size, "; expected sizeof(", what, ") (", known_size,
        " for this library); set it with ", what, "_init"));
  }
  const unsigned char* bytes = static_cast<const unsigned char*>(p);
  for (size_t i = known_size; i < size; ++i) {
    if (bytes[i] != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, " sets fields this library (version ", leadscore_version(),
          ") does not know (byte ", i, " of ", size, ")"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::Time> CheckTime(int64_t unix_ns, const char* what) {
  const absl::Time t = absl::FromUnixNanos(unix_ns);
  absl::StatusOr<int64_t> ns = ToEngineNanos(t);
  if (!ns.ok()) return absl::OutOfRangeError(absl::StrCat(what, ": ", ns.status().message()));
  return t;
}

bool IsValidUtf8(absl::string_view s, size_t* bad_offset) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = internal::Utf8Length(s, i);
    if (n == 0) {
      *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

std::string ValidUtf8(absl::string_view s) {
  size_t bad = 0;
  if (IsValidUtf8(s, &bad)) return std::string(s);
  std::string out(s.substr(0, bad));
  for (size_t i = bad; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back(s[i++]);
    } else {
      i += internal::AppendUtf8OrReplacement(s, i, &out);
    }
  }
  return out;
}

std::vector<Detail> ModelDetails(const std::vector<ModelDiagnostic>& diagnostics) {
  std::vector<Detail> details;
  details.reserve(diagnostics.size());
  for (const ModelDiagnostic& d : diagnostics) {
    Detail detail;
    detail.source = "model";
    detail.pointer = d.pointer;
    detail.message = d.message;
    details.push_back(std::move(detail));
  }
  return details;
}

}  // namespace capi
}  // namespace leadscore
