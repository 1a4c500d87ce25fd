// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore diff: what switching from one model to another does to the same
// leads and events (docs/cli.md, docs/model-changes.md).

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/io/jsonl.h"
#include "leadscore/model.h"
#include "leadscore/model_diff.h"
#include "leadscore/report/model_diff_report.h"
#include "leadscore/time.h"
#include "messages.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kSynopsis[] =
    "usage: leadscore diff --old M1 --new M2 --leads L [--events E] --as-of T\n"
    "                      [--format text|json|html] [--output F] [--top N]\n"
    "                      [--tolerance X] [--on-error fail|skip] [--rejects R]\n"
    "                      [--threads N] [--leads-format csv|jsonl] [--id-column C]\n"
    "                      ...  (CSV leads: see docs/cli.md)\n";

constexpr char kDescription[] =
    "Scores the same leads and events with two models and reports what changes: who moves "
    "from which stage to which, by how much each score moves, and the rules behind it.";

struct DiffArgs {
  std::optional<std::string> old_model, new_model, leads, events, output;
  std::optional<absl::Time> as_of;
  std::string format = "text";
  size_t top = 10;
  double tolerance = 0;
  BadLinePolicyArgs policy;
  int threads = 1;
  LeadsFormatArgs leads_format;
};

// Writes `text` to `path` or stdout: kExitOk, kExitBadInput if the file
// cannot be created (like `score --out`), kExitInternal on a write error.
int WriteOutput(const std::optional<std::string>& path, const std::string& text) {
  if (IsStandardOutput(path)) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      PrintCommandError("diff", "error writing the report");
      return kExitInternal;
    }
    return kExitOk;
  }
  return WriteTextFile("diff", *path, text, "output file");
}

}  // namespace

int RunDiff(int argc, char** argv) {
  CommandLine cl("diff", kSynopsis, kDescription);
  DiffArgs a;
  cl.Text("old", "M1", "the model in use (JSON)", &a.old_model);
  cl.Text("new", "M2", "the candidate model (JSON)", &a.new_model);
  cl.Text("leads", "L", "leads, JSON Lines or CSV ('-': standard input)", &a.leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Time("as-of", "the scoring time, RFC 3339 (2026-11-01T00:00:00Z)", &a.as_of);
  cl.Choice("format", {"text", "json", "html"}, "the report's format (default text)",
            &a.format);
  cl.Text("output", "F", "write the report to F ('-' or absent: stdout)", &a.output);
  cl.Whole<size_t>("top", 0, 1000000,
                   "rules and leads listed in text and HTML (default 10; 0: summary only)",
                   &a.top);
  cl.Number("tolerance", 0, 1e300,
            "a score moves when it changes by more than X (default 0: any change)",
            &a.tolerance);
  AddBadLinePolicyOptions(&cl, &a.policy);
  AddThreadsOption(&cl, &a.threads);
  AddLeadsFormatOptions(&cl, &a.leads_format);
  cl.Require({"old", "new", "leads", "as-of"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(a.leads_format, *a.leads);
  if (!leads_format.ok()) return cl.UsageError(leads_format.status().message());
  if (absl::Status s = AtMostOneStandardInput({{"leads", &a.leads}, {"events", &a.events}});
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  if (absl::StatusOr<int64_t> t = ToEngineNanos(*a.as_of); !t.ok()) {
    return cl.UsageError(absl::StrCat("--as-of: ", t.status().message()));
  }

  const std::shared_ptr<const Model> old_model = LoadModel(*a.old_model);
  if (old_model == nullptr) return kExitBadInput;
  const std::shared_ptr<const Model> new_model = LoadModel(*a.new_model);
  if (new_model == nullptr) return kExitBadInput;

  RejectSink rejects(a.policy.rejects);
  if (absl::Status s = rejects.Open(InputPaths({{"old", &a.old_model},
                                                {"new", &a.new_model},
                                                {"leads", &a.leads},
                                                {"events", &a.events}}));
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  InputOptions in = LeadsAndEventsOptions(*a.leads, a.events, *leads_format, a.policy.skip(),
                                          /*threads=*/1, &rejects);
  InputStats stats;
  // Every lead is read, whatever either model thinks of it: a lead a model
  // refuses is reported in the diff. A repeated id is a bad line, as in score.
  std::vector<Lead> leads;
  absl::flat_hash_set<std::string> ids;
  absl::Status read = ReadLeadsFile(in, &stats, [&](Lead&& l, std::optional<bool>) {
    if (!ids.insert(l.id).second) {
      return absl::AlreadyExistsError(absl::StrCat("duplicate lead id '", l.id, "'"));
    }
    leads.push_back(std::move(l));
    return absl::OkStatus();
  });
  std::vector<Event> events;
  if (read.ok() && a.events) {
    read = ReadLines(*a.events, "events", in, &stats, &stats.event_lines,
                     [&](absl::string_view line) -> absl::Status {
                       absl::StatusOr<Event> e = ParseEventJson(line);
                       if (!e.ok()) return e.status();
                       if (absl::StatusOr<int64_t> t = ToEngineNanos(e->at); !t.ok()) {
                         return t.status();
                       }
                       events.push_back(*std::move(e));
                       return absl::OkStatus();
                     });
  }
  if (!read.ok()) return ReadFailed("diff", read, stats);

  ModelDiffOptions options;
  options.tolerance = a.tolerance;
  options.threads = a.threads;
  absl::StatusOr<ModelDiff> diff =
      DiffModels(old_model, new_model, leads, events, *a.as_of, options);
  if (!diff.ok()) {
    PrintCommandError("diff", diff.status().message());
    return absl::IsResourceExhausted(diff.status()) ? kExitInternal : kExitBadInput;
  }

  ModelDiffReportOptions report_options;
  report_options.top = a.top;
  std::string text;
  if (a.format == "json") {
    text = ModelDiffJson(*diff);
  } else if (a.format == "html") {
    text = ModelDiffHtml(*diff, report_options);
  } else {
    text = ModelDiffText(*diff, report_options);
  }
  if (int code = WriteOutput(a.output, text); code != kExitOk) return code;

  std::fprintf(stderr,
               "leadscore diff: %zu leads, %llu event lines, %llu rejected lines; %zu leads "
               "change, %zu change stage\n",
               diff->lead_count, static_cast<unsigned long long>(stats.event_lines),
               static_cast<unsigned long long>(stats.rejected), diff->changed,
               diff->stage_changed);
  if (diff->unknown_lead_events > 0) {
    std::fprintf(stderr, "warning: %zu events name no lead of %s\n", diff->unknown_lead_events,
                 a.leads->c_str());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
