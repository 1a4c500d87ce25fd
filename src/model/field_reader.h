// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Typed reads of a model's JSON values that report what is wrong instead of
// failing: each check that fails adds a ModelDiagnostic (the JSON pointer of
// the offending value and a message for a person) and the loader goes on, so
// one load reports every problem (spec section 4). Not API.

#ifndef LEADSCORE_SRC_MODEL_FIELD_READER_H_
#define LEADSCORE_SRC_MODEL_FIELD_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "leadscore/model.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {

class FieldReader {
 public:
  using json = nlohmann::json;

  // Every problem reported so far, in the order reported.
  const std::vector<ModelDiagnostic>& diagnostics() const {
    return diagnostics_;
  }
  bool ok() const { return diagnostics_.empty(); }

  // Reports a problem at `ptr` ("" = the whole document).
  void Error(const std::string& ptr, absl::string_view message);

  // The value of `key` in `obj`, or null when `obj` is not an object or has
  // no such key.
  static const json* Find(const json& obj, const char* key);
  // "a string", "an array", ...: the type of `j` as a message names it.
  static const char* TypeName(const json& j);

  // Reports a non-object (then returns false), and every key not in
  // `allowed` (with a "did you mean" for a close misspelling).
  bool CheckObject(const json& j, const std::string& ptr,
                   absl::Span<const char* const> allowed);
  // Reports every key of the object `j` not in `allowed`.
  void CheckKeys(const json& j, const std::string& ptr,
                 absl::Span<const char* const> allowed);

  // Each reads `j` into `*out` if it has the expected type and range, and
  // otherwise reports why and returns false (leaving `*out` as it was).
  bool Number(const json& j, const std::string& ptr, double* out);
  // A number of magnitude at most kMaxScoreMagnitude (compiled_model.h);
  // `why` (the bound's reason for this value) ends the message.
  bool BoundedNumber(const json& j, const std::string& ptr,
                     absl::string_view why, double* out);
  // A positive number of days: its window length in nanoseconds (rounded up,
  // exact from the number's shortest decimal form, saturated at INT64_MAX)
  // and, if `days` is not null, the number itself.
  bool PositiveDays(const json& j, const std::string& ptr, int64_t* ns,
                    double* days = nullptr);
  // An integer from 1 to 1e9.
  bool PositiveInt(const json& j, const std::string& ptr, int64_t* out);
  bool String(const json& j, const std::string& ptr, std::string* out);
  bool Bool(const json& j, const std::string& ptr, bool* out);
  // A required non-empty string `key` of `obj`; a missing key is reported at
  // the object `ptr`.
  bool RequiredString(const json& obj, const std::string& ptr, const char* key,
                      std::string* out);
  // Reports a non-array.
  bool Array(const json& j, const std::string& ptr);

 private:
  std::vector<ModelDiagnostic> diagnostics_;
};

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_FIELD_READER_H_
