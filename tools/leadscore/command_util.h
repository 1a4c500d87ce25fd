// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// Plumbing shared by the subcommands: the options several commands take,
// standard input, loading the model and reporting a failed read.

#ifndef LEADSCORE_TOOLS_COMMAND_UTIL_H_
#define LEADSCORE_TOOLS_COMMAND_UTIL_H_

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "command_line.h"
#include "inputs.h"
#include "leadscore/model.h"

namespace leadscore {
namespace cli {

// --threads N, 1 to 256. `*threads` starts at the default: the CPUs this
// process may run on, at most 8 (the output is the same for any number;
// beyond 8 the serial parts of a run dominate).
void AddThreadsOption(CommandLine* command_line, int* threads);

// --on-error fail|skip (default fail) and --rejects R.
struct BadLinePolicyArgs {
  std::string on_error = "fail";
  std::optional<std::string> rejects;
  bool skip() const { return on_error == "skip"; }
};
void AddBadLinePolicyOptions(CommandLine* command_line, BadLinePolicyArgs* args);

// --missing-outcome negative|exclude (default negative).
void AddMissingOutcomeOption(CommandLine* command_line, std::string* missing_outcome);

// An input option and its value: {"leads", &leads_path}.
using NamedInput = std::pair<const char*, const std::optional<std::string>*>;

// InvalidArgument `only one of --leads, --events may read standard input
// ('-')` when more than one of `inputs` is `-`: the first would read all of
// it and the others nothing.
absl::Status AtMostOneStandardInput(std::initializer_list<NamedInput> inputs);

// OK when outcomes come from --outcomes or from a CSV outcome column.
absl::Status RequireOutcomes(bool outcomes_given, const LeadsFormat& leads_format);

// The given values among `inputs`, in that order: the input files a rejects
// file must not overwrite.
std::vector<std::string> InputPaths(std::initializer_list<NamedInput> inputs);

// Whether `--out F` means standard output: not given, or `-`.
bool IsStandardOutput(const std::optional<std::string>& out);

// Whether two output options name the same file, so that one would overwrite
// the other: both files (not standard output), the same path, and not
// /dev/null (where discarding both is what was asked).
bool SameOutputFile(const std::optional<std::string>& a, const std::optional<std::string>& b);

// The inputs of the commands that read leads and events (score, backtest):
// leads in `leads_format`, events, the bad-line policy, `threads`, bad lines
// to `rejects`, progress when stderr is a terminal.
InputOptions LeadsAndEventsOptions(const std::string& leads_path,
                                   const std::optional<std::string>& events_path,
                                   const LeadsFormat& leads_format, bool skip_bad_lines,
                                   int threads, RejectSink* rejects);

// The model at `path`, or null after printing its load errors
// (PrintModelErrors).
std::shared_ptr<const Model> LoadModel(const std::string& path);

// After reading inputs failed with `read`: prints the bad line that stopped
// the run (`stats.stopped_at`), or else `leadscore COMMAND: message`;
// returns kExitBadInput.
int ReadFailed(const char* command, const absl::Status& read, const InputStats& stats);

// Writes `text` to the file `path` (a report): kExitOk; kExitBadInput if it
// cannot be created (like `score --out`: "cannot write WHAT 'PATH'");
// kExitInternal on a write error ("error writing WHAT 'PATH'").
int WriteTextFile(const char* command, const std::string& path, const std::string& text,
                  const char* what);

}  // namespace cli
}  // namespace leadscore

#endif  // LEADSCORE_TOOLS_COMMAND_UTIL_H_
