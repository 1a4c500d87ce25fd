// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore score: spec section 7.

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "account_score.h"
#include "as_of_series.h"
#include "command_line.h"
#include "command_util.h"
#include "commands.h"
#include "heap.h"
#include "inputs.h"
#include "leadscore/io/scorecard_json.h"
#include "leadscore/io/transition_json.h"
#include "leadscore/batch.h"
#include "leadscore/model.h"
#include "leadscore/time.h"
#include "messages.h"
#include "summary.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kSynopsis[] =
    "usage: leadscore score --model M --leads L [--events E] (--as-of T | --as-of-series S)\n"
    "                       [--velocity-days D] [--explain]\n"
    "                       [--out F] [--transitions F2] [--on-error fail|skip] [--rejects R]\n"
    "                       [--threads N] [--leads-format csv|jsonl] [--id-column C] ...\n"
    "                       [--accounts A] [--account-out F3]  (models with accounts)\n"
    "                       (CSV leads: see docs/cli.md)\n";

constexpr char kDescription[] =
    "Writes one scorecard (JSON Lines) per lead, in leads order, to stdout or F, and a "
    "summary to stderr. With --transitions, also every lead's changes of its reported "
    "stage (JSON Lines: leads in order, each lead's in time order) to F2. With "
    "--as-of-series, one scorecard per lead per time: leads in order, each lead's "
    "scorecards in time order. Under a model with accounts, account scorecards go to F3 "
    "(--account-out), accounts in order of first appearance.";

struct ScoreArgs {
  std::optional<std::string> model, leads, events, out, transitions;
  std::optional<std::string> accounts, account_out;
  std::optional<absl::Time> as_of;
  std::optional<std::string> series;
  int velocity_days = 0;
  bool explain = false;
  BadLinePolicyArgs policy;
  int threads = 1;
  LeadsFormatArgs leads_format;
};

}  // namespace

int RunScore(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  CommandLine cl("score", kSynopsis, kDescription);
  ScoreArgs a;
  cl.Text("model", "M", "the model file (JSON)", &a.model);
  cl.Text("leads", "L", "leads, JSON Lines or CSV ('-': standard input)", &a.leads);
  cl.Text("events", "E", "events, JSON Lines ('-': standard input)", &a.events);
  cl.Time("as-of", "the scoring time, RFC 3339 (2026-11-01T00:00:00Z)", &a.as_of);
  cl.Text("as-of-series", "S",
          "score at each of several times instead: T1,T2,... (ascending) or "
          "START/END/STEP with STEP P<n>D or PT<n>H",
          &a.series);
  cl.Whole<int>("velocity-days", 1, 36500,
                "add each scorecard's change over the last D days (\"velocity\")",
                &a.velocity_days);
  cl.Switch("explain", "add each rule's points to the scorecards", &a.explain);
  cl.Text("out", "F", "write the scorecards to F ('-' or absent: stdout)", &a.out);
  cl.Text("transitions", "F2", "also write the leads' stage transitions to F2 (JSON Lines)",
          &a.transitions);
  cl.Text("accounts", "A",
          "accounts, JSON Lines (id, attributes, stage), for a model with accounts", &a.accounts);
  cl.Text("account-out", "F3", "write the account scorecards to F3 (JSON Lines)",
          &a.account_out);
  AddBadLinePolicyOptions(&cl, &a.policy);
  AddThreadsOption(&cl, &a.threads);
  AddLeadsFormatOptions(&cl, &a.leads_format);
  cl.Require({"model", "leads"});
  if (std::optional<int> code = cl.Parse(argc, argv)) return *code;
  if (a.as_of.has_value() == a.series.has_value()) {
    return cl.UsageError(a.as_of ? "give --as-of or --as-of-series, not both"
                                 : "--as-of is required (or --as-of-series)");
  }
  // The times scored: one, or the series.
  std::vector<absl::Time> times;
  if (a.series) {
    absl::StatusOr<std::vector<absl::Time>> parsed = ParseAsOfSeries(*a.series);
    if (!parsed.ok()) return cl.UsageError(parsed.status().message());
    times = *std::move(parsed);
    if (a.transitions) {
      return cl.UsageError("--transitions takes one --as-of, not --as-of-series");
    }
  } else {
    times.push_back(*a.as_of);
  }
  // The series path (one pass per lead over its history) serves velocity too.
  const bool series = a.series.has_value() || a.velocity_days > 0;
  if (a.velocity_days > 0) {
    if (a.transitions) return cl.UsageError("--transitions does not go with --velocity-days");
    for (absl::Time t : times) {
      if (!ToEngineNanos(t - absl::Hours(24) * a.velocity_days).ok()) {
        return cl.UsageError(absl::StrCat("--velocity-days: ", FormatTimestamp(t), " minus ",
                                          a.velocity_days,
                                          " days is before the engine's range (1900-01-01)"));
      }
    }
  }
  if (absl::Status s = AtMostOneStandardInput({{"leads", &a.leads}, {"events", &a.events}});
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  if (a.transitions) {
    if (IsStandardOutput(a.transitions) && IsStandardOutput(a.out)) {
      return cl.UsageError(
          "--transitions -: the scorecards already go to stdout; give --out a file or "
          "--transitions a file");
    }
    if (SameOutputFile(a.transitions, a.out)) {
      return cl.UsageError("--transitions and --out name the same file");
    }
  }
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(a.leads_format, *a.leads);
  if (!leads_format.ok()) return cl.UsageError(leads_format.status().message());

  const std::shared_ptr<const Model> model = LoadModel(*a.model);
  if (model == nullptr) return kExitBadInput;
  if (!model->has_accounts() && (a.accounts || a.account_out)) {
    return cl.UsageError(absl::StrCat(a.accounts ? "--accounts" : "--account-out",
                                      ": the model has no 'accounts' section"));
  }
  if (model->has_accounts()) {
    // Lead labels may read their account, so every run of such a model
    // scores accounts (docs/cli.md, "Accounts").
    if (series || a.transitions) {
      return cl.UsageError(
          "a model with accounts scores at one --as-of, without --transitions or "
          "--velocity-days");
    }
    if (leads_format->csv) {
      return cl.UsageError("a model with accounts reads JSON Lines leads (account_id)");
    }
    if (a.accounts && *a.accounts == "-") {
      return cl.UsageError("--accounts: give a file, not standard input");
    }
    if (a.account_out && IsStandardOutput(a.account_out) && IsStandardOutput(a.out)) {
      return cl.UsageError(
          "--account-out -: the scorecards already go to stdout; give --out a file");
    }
    if (a.account_out && SameOutputFile(a.account_out, a.out)) {
      return cl.UsageError("--account-out and --out name the same file");
    }
    RejectSink account_rejects(a.policy.rejects);
    if (absl::Status s = account_rejects.Open(InputPaths({{"model", &a.model},
                                                          {"leads", &a.leads},
                                                          {"events", &a.events},
                                                          {"accounts", &a.accounts}}));
        !s.ok()) {
      return cl.UsageError(s.message());
    }
    AccountScoreRun run;
    run.model = model;
    run.inputs = LeadsAndEventsOptions(*a.leads, a.events, *leads_format, a.policy.skip(),
                                       1, &account_rejects);
    run.accounts_path = a.accounts;
    run.account_out = a.account_out;
    run.out = a.out;
    run.as_of = times.back();
    run.explain = a.explain;
    run.start = start;
    return RunAccountScore(std::move(run));
  }
  // A series' batch keeps the events up to its last time.
  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, times.back());
  if (!batch.ok()) return cl.UsageError(absl::StrCat("--as-of: ", batch.status().message()));

  // A run's peak memory is about the size of its JSON input (docs/performance.md);
  // twice that leaves room.
  PrepareHeap(2 * InputBytes(InputPaths({{"leads", &a.leads}, {"events", &a.events}})));
  RejectSink rejects(a.policy.rejects);
  if (absl::Status s = rejects.Open(
          InputPaths({{"model", &a.model}, {"leads", &a.leads}, {"events", &a.events}}));
      !s.ok()) {
    return cl.UsageError(s.message());
  }
  const InputOptions in = LeadsAndEventsOptions(*a.leads, a.events, *leads_format,
                                                a.policy.skip(), a.threads, &rejects);
  InputStats stats;
  absl::Status read = ReadInputs(in, &*batch, &stats);
  if (!read.ok()) return ReadFailed("score", read, stats);

  // Output is opened only once the input is known to be good.
  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out_file(nullptr, &std::fclose);
  if (!IsStandardOutput(a.out)) {
    out_file.reset(std::fopen(a.out->c_str(), "w"));
    if (!out_file) return cl.UsageError(absl::StrCat("cannot write output file '", *a.out, "'"));
    out = out_file.get();
  }
  std::FILE* transitions = nullptr;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> transitions_file(nullptr, &std::fclose);
  if (a.transitions) {
    transitions = stdout;
    if (!IsStandardOutput(a.transitions)) {
      transitions_file.reset(std::fopen(a.transitions->c_str(), "w"));
      if (!transitions_file) {
        return cl.UsageError(
            absl::StrCat("cannot write transitions file '", *a.transitions, "'"));
      }
      transitions = transitions_file.get();
    }
  }
  Summary summary(*model);
  BatchOptions options;
  options.explain = a.explain;
  options.threads = a.threads;
  std::string line;
  const auto write_card = [&](const Scorecard& card) {
    line.clear();
    AppendScorecardJson(card, options.explain, &line);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), out);
    // A series' summary is that of its last time.
    if (card.as_of == times.back()) summary.Add(card);
  };
  std::string transition_lines;
  // Without --transitions the batch takes the path that finds none (and
  // costs nothing for them).
  BatchStats scored;
  if (series) {
    SeriesOptions series_options;
    series_options.explain = a.explain;
    series_options.velocity_days = a.velocity_days;
    absl::StatusOr<BatchStats> done = batch->ScoreSeries(series_options, times, write_card);
    if (!done.ok()) {  // checked above: not expected
      PrintCommandError("score", done.status().message());
      return kExitInternal;
    }
    scored = *done;
  } else {
    scored =
      transitions == nullptr
          ? batch->Score(options, write_card)
          : batch->ScoreWithTransitions(
                options, [&](const Scorecard& card, absl::Span<const Transition> found) {
                  write_card(card);
                  transition_lines.clear();
                  for (const Transition& t : found) {
                    AppendTransitionJson(t, &transition_lines);
                    transition_lines.push_back('\n');
                  }
                  std::fwrite(transition_lines.data(), 1, transition_lines.size(),
                              transitions);
                });
  }
  const size_t duplicates = scored.duplicates_dropped;
  if (std::fflush(out) != 0 || std::ferror(out)) {
    PrintCommandError("score", "error writing scorecards");
    return kExitInternal;
  }
  if (transitions != nullptr && (std::fflush(transitions) != 0 || std::ferror(transitions))) {
    PrintCommandError("score", "error writing transitions");
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
