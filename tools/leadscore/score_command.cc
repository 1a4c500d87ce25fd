// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore score: spec section 7.

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "args.h"
#include "command_util.h"
#include "commands.h"
#include "heap.h"
#include "inputs.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/batch.h"
#include "leadscore/model.h"
#include "leadscore/time.h"
#include "summary.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kUsage[] =
    "usage: leadscore score --model M --leads L [--events E] --as-of T [--explain]\n"
    "                       [--out F] [--on-error fail|skip] [--rejects R] [--threads N]\n"
    "                       [--leads-format csv|jsonl] [--id-column C] ...  (CSV leads:\n"
    "                       see docs/cli.md)\n";

int Usage(absl::string_view why) { return UsageError("score", why, kUsage); }

}  // namespace

int RunScore(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  if (PrintedHelp(argc, argv, kUsage)) return kExitOk;
  absl::StatusOr<Args> args =
      Args::Parse(argc, argv, 2,
                  Merge({"model", "leads", "events", "as-of", "out", "on-error", "rejects",
                         "threads"},
                        LeadsFormatFlags()),
                  Merge({"explain"}, LeadsFormatSwitches()));
  if (!args.ok()) return Usage(args.status().message());
  if (absl::Status s = RequireFlags(*args, {"model", "leads", "as-of"}); !s.ok()) {
    return Usage(s.message());
  }
  absl::StatusOr<bool> skip_bad_lines = SkipBadLinesFromArgs(*args);
  if (!skip_bad_lines.ok()) return Usage(skip_bad_lines.status().message());
  absl::StatusOr<LeadsFormat> leads_format =
      LeadsFormatFromArgs(*args, *args->Get("leads"));
  if (!leads_format.ok()) return Usage(leads_format.status().message());
  absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return Usage(threads.status().message());
  absl::StatusOr<absl::Time> as_of = AsOfFromArgs(*args);
  if (!as_of.ok()) return Usage(as_of.status().message());

  const std::string model_path = *args->Get("model");
  const std::shared_ptr<const Model> model = LoadModel(model_path);
  if (model == nullptr) return kExitBadInput;
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, *as_of);
  if (!batch.ok()) return Usage(absl::StrCat("--as-of: ", batch.status().message()));

  // A run's peak memory is about the size of its JSON input (docs/performance.md);
  // twice that leaves room.
  PrepareHeap(2 * InputBytes(InputPaths(*args, {"leads", "events"})));
  RejectSink rejects(args->Get("rejects"));
  if (absl::Status s = rejects.Open(InputPaths(*args, {"model", "leads", "events"})); !s.ok()) {
    return Usage(s.message());
  }
  const InputOptions in =
      LeadsAndEventsOptions(*args, *leads_format, *skip_bad_lines, *threads, &rejects);
  InputStats stats;
  absl::Status read = ReadInputs(in, &*batch, &stats);
  if (!read.ok()) return ReadFailed("score", read);

  // Output is opened only once the input is known to be good.
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out_file(nullptr, &std::fclose);
  if (auto o = args->Get("out"); o && *o != "-") {
    out_file.reset(std::fopen(o->c_str(), "w"));
    if (!out_file) return Usage(absl::StrCat("cannot write output file '", *o, "'"));
    out = out_file.get();
  }
  Summary summary(*model);
  BatchOptions options;
  options.explain = args->Has("explain");
  options.threads = *threads;
  std::string line;
  const BatchStats scored = batch->Score(
      options,
      [&](const Scorecard& card) {
        line.clear();
        AppendScorecardJson(card, options.explain, &line);
        line.push_back('\n');
        std::fwrite(line.data(), 1, line.size(), out);
        summary.Add(card);
      });
  const size_t duplicates = scored.duplicates_dropped;
  if (std::fflush(out) != 0 || std::ferror(out)) {
    std::fprintf(stderr, "leadscore score: error writing scorecards\n");
    return kExitInternal;
  }
  Summary::Run run;
  run.lead_lines = stats.lead_lines;
  run.event_lines = stats.event_lines;
  run.rejected = stats.rejected;
  run.bytes = stats.bytes;
  run.after_as_of = batch->events_after_as_of();
  run.duplicates = duplicates;
  run.scored_events = batch->event_count() - duplicates;
  run.unknown_events = batch->unknown_lead_events();
  run.unknown_ids = batch->unknown_lead_ids();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.Print(run, stderr);
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
