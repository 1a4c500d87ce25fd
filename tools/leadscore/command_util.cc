// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "command_util.h"

#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#endif

#include <algorithm>
#include <cstdio>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "commands.h"
#include "leadscore/time.h"

namespace leadscore {
namespace cli {

bool PrintedHelp(int argc, char** argv, const char* usage) {
  if (argc == 3 && (std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h")) {
    std::fputs(usage, stdout);
    return true;
  }
  return false;
}

int UsageError(const char* command, absl::string_view why, const char* usage) {
  std::fprintf(stderr, "leadscore %s: %.*s\n%s", command, static_cast<int>(why.size()),
               why.data(), usage);
  return kExitBadInput;
}

absl::Status RequireFlags(const Args& args, std::initializer_list<const char*> flags) {
  for (const char* flag : flags) {
    if (!args.Has(flag)) {
      return absl::InvalidArgumentError(absl::StrCat("--", flag, " is required"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> SkipBadLinesFromArgs(const Args& args) {
  const std::string on_error = args.Get("on-error").value_or("fail");
  if (on_error != "fail" && on_error != "skip") {
    return absl::InvalidArgumentError("--on-error takes 'fail' or 'skip'");
  }
  return on_error == "skip";
}

namespace {

int DefaultThreads() {
  int cpus = 1;
#ifdef __linux__
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) cpus = CPU_COUNT(&set);
#else
  cpus = static_cast<int>(std::thread::hardware_concurrency());
#endif
  return std::clamp(cpus, 1, 8);
}

}  // namespace

absl::StatusOr<int> ThreadsFromArgs(const Args& args) {
  int threads = DefaultThreads();
  if (auto t = args.Get("threads")) {
    if (!absl::SimpleAtoi(*t, &threads) || threads < 1 || threads > 256) {
      return absl::InvalidArgumentError("--threads takes a whole number from 1 to 256");
    }
  }
  return threads;
}

absl::StatusOr<absl::Time> AsOfFromArgs(const Args& args) {
  absl::StatusOr<absl::Time> as_of = ParseTimestamp(args.Get("as-of").value_or(""));
  if (!as_of.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--as-of: ", as_of.status().message()));
  }
  return as_of;
}

absl::StatusOr<bool> ExcludeMissingOutcomesFromArgs(const Args& args) {
  const std::string missing = args.Get("missing-outcome").value_or("negative");
  if (missing != "negative" && missing != "exclude") {
    return absl::InvalidArgumentError("--missing-outcome takes 'negative' or 'exclude'");
  }
  return missing == "exclude";
}

absl::Status RequireOutcomes(const Args& args, const LeadsFormat& leads_format) {
  if (!args.Has("outcomes") &&
      !(leads_format.csv && leads_format.csv_options.outcome_column)) {
    return absl::InvalidArgumentError("give --outcomes O, or CSV leads with --outcome-column C");
  }
  return absl::OkStatus();
}

std::vector<std::string> InputPaths(const Args& args, std::initializer_list<const char*> flags) {
  std::vector<std::string> paths;
  for (const char* flag : flags) {
    if (auto p = args.Get(flag)) paths.push_back(*p);
  }
  return paths;
}

InputOptions LeadsAndEventsOptions(const Args& args, const LeadsFormat& leads_format,
                                   bool skip_bad_lines, int threads, RejectSink* rejects) {
  InputOptions in;
  in.rejects = rejects;
  in.leads_path = *args.Get("leads");
  in.leads_format = leads_format;
  in.events_path = args.Get("events");
  in.skip_bad_lines = skip_bad_lines;
  in.progress = isatty(STDERR_FILENO);
  in.threads = threads;
  return in;
}

void PrintModelError(const std::string& path, const absl::Status& status) {
  for (absl::string_view line : absl::StrSplit(status.message(), '\n')) {
    std::fprintf(stderr, "%s: %.*s\n", path.c_str(), static_cast<int>(line.size()),
                 line.data());
  }
}

std::shared_ptr<const Model> LoadModel(const std::string& path) {
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromFile(path);
  if (!model.ok()) {
    PrintModelError(path, model.status());
    return nullptr;
  }
  return *std::move(model);
}

int ReadFailed(const char* command, const absl::Status& read) {
  if (!absl::IsInvalidArgument(read)) {
    std::fprintf(stderr, "leadscore %s: %s\n", command, std::string(read.message()).c_str());
  }
  return kExitBadInput;
}

}  // namespace cli
}  // namespace leadscore
