// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Everything the CLI prints on stderr about its input goes through here: bad
// data lines (as data: file, line, message), model load errors, command
// errors and samples of ids. Every such message may echo input (a lead id, a
// column name, a path), so each is passed through Printable first: a terminal
// never sees an escape sequence from a data file.

#ifndef LEADSCORE_TOOLS_MESSAGES_H_
#define LEADSCORE_TOOLS_MESSAGES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "leadscore/model.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace leadscore {
namespace cli {

// `text` with everything a terminal could act on written out: C0 controls
// (tab and newline included) and DEL as `\xHH`, C1 controls (U+0080 to
// U+009F) as `\u00HH`, each byte of invalid UTF-8 as `\xHH`, and the
// backslash as `\\` (so the escapes are unambiguous). Other text, valid
// UTF-8 included, is unchanged.
std::string Printable(absl::string_view text);

// A data line (or CSV record, or CSV header) the run could not use: the file
// as named on the command line, its 1-based line (0: the file as a whole) and
// what is wrong.
struct BadLine {
  std::string file;
  uint64_t line = 0;
  std::string message;
};

// `FILE:LINE: message` (`FILE: message` for line 0), not escaped.
std::string FormatBadLine(const BadLine& bad);

// Prints FormatBadLine(bad), escaped, and a newline on stderr.
void PrintBadLine(const BadLine& bad);

// Prints `leadscore COMMAND: what`, escaped, and a newline on stderr.
void PrintCommandError(absl::string_view command, absl::string_view what);

// Prints a model that did not load (`status`, Model::FromFile's result): every
// problem of `problems` (its records, in document order) as
// `PATH: POINTER: message` ("(root)" for the whole document), or
// `PATH: message` for a file that could not be read, one a line, escaped.
void PrintModelErrors(const std::string& path, const absl::Status& status,
                      const std::vector<ModelDiagnostic>& problems);

// `a, b, c, d, e and 15 more`: at most `limit` of `ids` (which must be
// sorted), escaped, then how many are left out.
std::string IdSample(const std::vector<std::string>& ids, size_t limit = 5);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_MESSAGES_H_
