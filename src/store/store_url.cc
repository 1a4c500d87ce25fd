// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "store/store_url.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "leadscore/store/state_store.h"

namespace leadscore {

std::string MaskStoreUrl(absl::string_view url) {
  std::string out(url);
  // user:password@ in the authority of a URI.
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t start = scheme + 3;
    size_t end = out.find_first_of("/?#", start);
    if (end == std::string::npos) end = out.size();
    // The last '@' of the authority ends the user info (a password may hold '@').
    const size_t at = out.rfind('@', end == 0 ? 0 : end - 1);
    if (at != std::string::npos && at >= start) {
      const size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  // password=... as a query parameter (URI) or keyword (key=value string).
  size_t pos = 0;
  while ((pos = out.find("password=", pos)) != std::string::npos) {
    const bool starts_key =
        pos == 0 || out[pos - 1] == '?' || out[pos - 1] == '&' || out[pos - 1] == ' ';
    const size_t value = pos + 9;
    if (!starts_key) {
      pos = value;
      continue;
    }
    size_t end = out.find_first_of("& ", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
    pos = value + 3;
  }
  return out;
}

namespace internal {

absl::StatusOr<StoreUrl> ParseStoreUrl(absl::string_view url) {
  if (absl::StartsWith(url, "postgresql://") || absl::StartsWith(url, "postgres://")) {
    return StoreUrl{StoreKind::kPostgres, std::string(url)};
  }
  absl::string_view path = url;
  bool explicit_sqlite = false;
  if (absl::ConsumePrefix(&path, "sqlite://") || absl::ConsumePrefix(&path, "sqlite:")) {
    explicit_sqlite = true;
  }
  if (explicit_sqlite && !path.empty()) return StoreUrl{StoreKind::kSqlite, std::string(path)};
  const std::string lower = absl::AsciiStrToLower(path);
  if (!explicit_sqlite && !path.empty() && path.find("://") == absl::string_view::npos &&
      (absl::EndsWith(lower, ".db") || absl::EndsWith(lower, ".sqlite") ||
       absl::EndsWith(lower, ".sqlite3"))) {
    return StoreUrl{StoreKind::kSqlite, std::string(path)};
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown store URL '", MaskStoreUrl(url),
      "': use sqlite:PATH, a path ending in .db, .sqlite or .sqlite3, or "
      "postgresql://USER@HOST:PORT/DATABASE"));
}

}  // namespace internal
}  // namespace leadscore
