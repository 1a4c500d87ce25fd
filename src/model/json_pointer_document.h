// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// A JSON document parsed for a loader that names every problem by its JSON
// pointer (RFC 6901): a parse error comes back as data, placed at a pointer,
// instead of an exception; nesting is bounded; and, when asked, the parser
// records the pointer of every value in document order, so that problems
// found in any order can be listed in the order of the file. Built on
// nlohmann's public SAX interface (nlohmann::json::sax_parse with our own
// json_sax), not on its detail namespace. Not API.

#ifndef LEADSCORE_SRC_MODEL_JSON_POINTER_DOCUMENT_H_
#define LEADSCORE_SRC_MODEL_JSON_POINTER_DOCUMENT_H_

#include <cstddef>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace leadscore {
namespace internal {

// `ptr` extended by one reference token: an object key (escaped: '~' is
// "~0", '/' is "~1") or an array index.
std::string ChildPointer(const std::string& ptr, absl::string_view key);
std::string ChildPointer(const std::string& ptr, size_t index);

// Why a text is not a document.
struct JsonParseError {
  enum class Kind {
    kSyntax,          // not valid JSON
    kNumberOverflow,  // a number out of the range of a double (1e400)
    kTooDeep,         // arrays and objects nest deeper than allowed
  };
  Kind kind = Kind::kSyntax;
  // The value being read where it happened ("" = the root): for kTooDeep the
  // container that opens the first level too deep.
  std::string pointer;
  // nlohmann's description without its "[json.exception...] " prefix, any
  // text it quotes cut to 40 bytes (a 1 MB token is not repeated); empty for
  // kTooDeep.
  std::string detail;
};

struct JsonPointerDocument {
  nlohmann::json root;
  // With ParseOptions::record_pointers: every value's pointer -> its rank in
  // document order (the root is 0). For a key given twice, the later copy
  // (the one `root` keeps).
  absl::flat_hash_map<std::string, size_t> order;

  // The rank of `pointer`, or of its nearest ancestor that has one (0 if
  // none does), so a pointer to a missing key sorts with its object.
  size_t Rank(absl::string_view pointer) const;
};

struct ParseOptions {
  // Arrays and objects may nest at most this many levels.
  size_t max_depth = 256;
  // Fill JsonPointerDocument::order (costs a string per value).
  bool record_pointers = false;
};

// Parses `text` as one strict JSON value into `*doc`. Returns the error, if
// any (then `*doc` holds whatever was built and must not be used).
std::optional<JsonParseError> ParseJsonDocument(absl::string_view text,
                                                const ParseOptions& options,
                                                JsonPointerDocument* doc);

}  // namespace internal
}  // namespace leadscore

#endif  // LEADSCORE_SRC_MODEL_JSON_POINTER_DOCUMENT_H_
