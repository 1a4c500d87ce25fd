// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "messages.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace leadscore {
namespace cli {

namespace {

// The length of the valid UTF-8 sequence at the start of `s` (1 to 4), or 0.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t Utf8Length(absl::string_view s, uint32_t* code_point) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto cont = [&](size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c < 0x80) {
    *code_point = c;
    return 1;
  }
  size_t n;
  uint32_t cp, min;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  for (size_t i = 1; i < n; ++i) {
    if (!cont(i)) return 0;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return n;
}

}  // namespace

std::string Printable(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    const size_t n = Utf8Length(text.substr(i), &cp);
    if (n == 0) {
      absl::StrAppendFormat(&out, "\\x%02X", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F) {
      absl::StrAppendFormat(&out, "\\x%02X", cp);
    } else if (cp >= 0x80 && cp <= 0x9F) {
      absl::StrAppendFormat(&out, "\\u%04X", cp);
    } else if (cp == '\\') {
      out += "\\\\";
    } else {
      out.append(text.data() + i, n);
    }
    i += n;
  }
  return out;
}

std::string FormatBadLine(const BadLine& bad) {
  if (bad.line == 0) return absl::StrCat(bad.file, ": ", bad.message);
  return absl::StrCat(bad.file, ":", bad.line, ": ", bad.message);
}

void PrintBadLine(const BadLine& bad) {
  std::fprintf(stderr, "%s\n", Printable(FormatBadLine(bad)).c_str());
}

void PrintCommandError(absl::string_view command, absl::string_view what) {
  std::fprintf(stderr, "%s\n",
               Printable(absl::StrCat("leadscore ", command, ": ", what)).c_str());
}

void PrintModelErrors(const std::string& path, const absl::Status& status,
                      const std::vector<ModelDiagnostic>& problems) {
  // A file that could not be read is one problem of no place in the model;
  // a problem of the model's content names its place, "(root)" for the
  // document itself (as the status message of Model::FromJson does).
  const bool content = status.code() == absl::StatusCode::kInvalidArgument;
  for (const ModelDiagnostic& d : problems) {
    const std::string line =
        !content ? absl::StrCat(path, ": ", d.message)
                 : absl::StrCat(path, ": ", d.pointer.empty() ? "(root)" : d.pointer, ": ",
                                d.message);
    std::fprintf(stderr, "%s\n", Printable(line).c_str());
  }
}

std::string IdSample(const std::vector<std::string>& ids, size_t limit) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < limit; ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", Printable(ids[i]));
  }
  if (ids.size() > limit) absl::StrAppend(&out, " and ", ids.size() - limit, " more");
  return out;
}

}  // namespace cli
}  // namespace leadscore
