// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0

#include "command_util.h"

#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#endif

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "commands.h"
#include "messages.h"

namespace leadscore {
namespace cli {

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

void AddThreadsOption(CommandLine* command_line, int* threads) {
  *threads = DefaultThreads();
  command_line->Whole("threads", 1, 256,
                      "threads for reading events and scoring (default: the CPUs, at most 8)",
                      threads);
}

void AddBadLinePolicyOptions(CommandLine* command_line, BadLinePolicyArgs* args) {
  command_line->Choice("on-error", {"fail", "skip"},
                       "a bad data line stops the run (fail, the default) or is skipped",
                       &args->on_error);
  command_line->Text("rejects", "R", "with skip: write the skipped lines to R (default stderr)",
                     &args->rejects);
}

void AddMissingOutcomeOption(CommandLine* command_line, std::string* missing_outcome) {
  *missing_outcome = "negative";
  command_line->Choice("missing-outcome", {"negative", "exclude"},
                       "a lead without outcome is not converted (default) or left out",
                       missing_outcome);
}

absl::Status AtMostOneStandardInput(std::initializer_list<NamedInput> inputs) {
  std::vector<std::string> users;
  for (const auto& [name, value] : inputs) {
    if (value->value_or("") == "-") users.push_back(name);
  }
  if (users.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "only one of --", absl::StrJoin(users, ", --"), " may read standard input ('-')"));
  }
  return absl::OkStatus();
}

absl::Status RequireOutcomes(bool outcomes_given, const LeadsFormat& leads_format) {
  if (!outcomes_given && !(leads_format.csv && leads_format.csv_options.outcome_column)) {
    return absl::InvalidArgumentError("give --outcomes O, or CSV leads with --outcome-column C");
  }
  return absl::OkStatus();
}

std::vector<std::string> InputPaths(std::initializer_list<NamedInput> inputs) {
  std::vector<std::string> paths;
  for (const auto& [name, value] : inputs) {
    if (*value) paths.push_back(**value);
  }
  return paths;
}

bool IsStandardOutput(const std::optional<std::string>& out) { return !out || *out == "-"; }

bool SameOutputFile(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return !IsStandardOutput(a) && !IsStandardOutput(b) && *a == *b && *a != "/dev/null";
}

InputOptions LeadsAndEventsOptions(const std::string& leads_path,
                                   const std::optional<std::string>& events_path,
                                   const LeadsFormat& leads_format, bool skip_bad_lines,
                                   int threads, RejectSink* rejects) {
  InputOptions in;
  in.rejects = rejects;
  in.leads_path = leads_path;
  in.leads_format = leads_format;
  in.events_path = events_path;
  in.skip_bad_lines = skip_bad_lines;
  in.progress = isatty(STDERR_FILENO);
  in.threads = threads;
  return in;
}

std::shared_ptr<const Model> LoadModel(const std::string& path) {
  std::vector<ModelDiagnostic> problems;
  absl::StatusOr<std::shared_ptr<const Model>> model = Model::FromFile(path, &problems);
  if (!model.ok()) {
    PrintModelErrors(path, model.status(), problems);
    return nullptr;
  }
  return *std::move(model);
}

int ReadFailed(const char* command, const absl::Status& read, const InputStats& stats) {
  if (stats.stopped_at) {
    PrintBadLine(*stats.stopped_at);
  } else {
    PrintCommandError(command, read.message());
  }
  return kExitBadInput;
}

int WriteTextFile(const char* command, const std::string& path, const std::string& text,
                  const char* what) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!f) {
    PrintCommandError(command, absl::StrCat("cannot write ", what, " '", path, "'"));
    return kExitBadInput;
  }
  std::fwrite(text.data(), 1, text.size(), f.get());
  if (std::fflush(f.get()) != 0 || std::ferror(f.get())) {
    PrintCommandError(command, absl::StrCat("error writing ", what, " '", path, "'"));
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
