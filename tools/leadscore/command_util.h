// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Plumbing shared by the subcommands: --help, usage errors, the flags several
// commands take, loading the model and reporting a failed read.

#ifndef LEADSCORE_TOOLS_COMMAND_UTIL_H_
#define LEADSCORE_TOOLS_COMMAND_UTIL_H_

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "args.h"
#include "inputs.h"
#include "leadscore/model.h"

namespace leadscore {
namespace cli {

// For `leadscore <command> --help` (or -h) alone: prints `usage` on stdout and
// returns true.
bool PrintedHelp(int argc, char** argv, const char* usage);

// Prints `leadscore <command>: <why>` and `usage` on stderr; returns
// kExitBadInput.
int UsageError(const char* command, absl::string_view why, const char* usage);

// InvalidArgument "--NAME is required" for the first of `flags` not given.
absl::Status RequireFlags(const Args& args, std::initializer_list<const char*> flags);

// --on-error fail|skip (default fail): true for skip.
absl::StatusOr<bool> SkipBadLinesFromArgs(const Args& args);

// --threads N, 1 to 256. Default: the CPUs this process may run on, at most
// 8 (the output is the same for any number; beyond 8 the serial parts of a
// run dominate).
absl::StatusOr<int> ThreadsFromArgs(const Args& args);

// --as-of T; errors read "--as-of: ...".
absl::StatusOr<absl::Time> AsOfFromArgs(const Args& args);

// --missing-outcome negative|exclude (default negative): true for exclude.
absl::StatusOr<bool> ExcludeMissingOutcomesFromArgs(const Args& args);

// OK when outcomes come from --outcomes or from a CSV outcome column.
absl::Status RequireOutcomes(const Args& args, const LeadsFormat& leads_format);

// The values of those of `flags` that are given, in that order: the input
// files a rejects file must not overwrite.
std::vector<std::string> InputPaths(const Args& args, std::initializer_list<const char*> flags);

// The inputs of the commands that read leads and events (score, backtest):
// --leads in `leads_format`, --events, the bad-line policy, `threads`, bad
// lines to `rejects`, progress when stderr is a terminal.
InputOptions LeadsAndEventsOptions(const Args& args, const LeadsFormat& leads_format,
                                   bool skip_bad_lines, int threads, RejectSink* rejects);

// Prints every line of a model load error as `PATH: line`.
void PrintModelError(const std::string& path, const absl::Status& status);

// The model at `path`, or null after PrintModelError.
std::shared_ptr<const Model> LoadModel(const std::string& path);

// After reading inputs failed: prints `read` unless it is InvalidArgument (a
// bad line, already reported); returns kExitBadInput.
int ReadFailed(const char* command, const absl::Status& read);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_COMMAND_UTIL_H_
