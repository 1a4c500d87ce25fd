// Copyright 2026 The leadscore Authors. SPDX-License-Identifier: Apache-2.0
//
// leadscore backtest: how well a model's scores and stages predicted the
// outcomes (docs/cli.md, docs/predictive.md).

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "args.h"
#include "command_util.h"
#include "commands.h"
#include "inputs.h"
#include "leadscore/backtest/backtest.h"
#include "leadscore/backtest/backtest_population.h"
#include "leadscore/report/backtest_report.h"
#include "leadscore/batch.h"
#include "leadscore/model.h"
#include "leadscore/io/outcomes.h"
#include "leadscore/predictive/points_scaling.h"
#include "leadscore/time.h"

namespace leadscore {
namespace cli {

namespace {

constexpr char kUsage[] =
    "usage: leadscore backtest --model M --leads L [--events E] --outcomes O --as-of T\n"
    "                          [--format text|json|html] [--out F] [--html F]\n"
    "                          [--target-volume N|P%] [--target-precision P]\n"
    "                          [--missing-outcome negative|exclude] [--include-invalid]\n"
    "                          [--keep-decided] [--pdo X --base-score Y [--base-odds Z]]\n"
    "                          [--on-error fail|skip] [--rejects R] [--threads N]\n"
    "                          [--leads-format csv|jsonl] [--id-column C] [--outcome-column C]\n"
    "                          ...  (CSV leads: see docs/cli.md)\n";

int Usage(absl::string_view why) { return UsageError("backtest", why, kUsage); }

// "300" (leads) or "10%" (a share of the leads).
absl::Status ParseVolume(const std::string& text, BacktestOptions* options) {
  const std::string t(absl::StripAsciiWhitespace(text));
  if (absl::EndsWith(t, "%")) {
    double pct;
    if (absl::SimpleAtod(t.substr(0, t.size() - 1), &pct) && pct > 0 && pct <= 100) {
      options->target_fraction = pct / 100;
      return absl::OkStatus();
    }
  } else {
    uint64_t n;
    if (absl::SimpleAtoi(t, &n) && n >= 1) {
      options->target_volume = static_cast<size_t>(n);
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(
      "--target-volume takes a whole number of leads (300) or a percentage of them (10%)");
}

// "0.3" or "30%".
absl::Status ParsePrecision(const std::string& text, BacktestOptions* options) {
  std::string t(absl::StripAsciiWhitespace(text));
  double scale = 1;
  if (absl::EndsWith(t, "%")) {
    t.pop_back();
    scale = 100;
  }
  double p;
  if (absl::SimpleAtod(t, &p) && std::isfinite(p) && p / scale > 0 && p / scale <= 1) {
    options->target_precision = p / scale;
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      "--target-precision takes a conversion rate in (0, 1] (0.3) or a percentage (30%)");
}

absl::Status ParseNumber(const Args& args, const char* name, std::optional<double>* out) {
  if (auto v = args.Get(name)) {
    double d;
    if (!absl::SimpleAtod(*v, &d) || !std::isfinite(d)) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " takes a number"));
    }
    *out = d;
  }
  return absl::OkStatus();
}

// --pdo/--base-score/--base-odds, else the model's description.
absl::Status ChooseScaling(const Args& args, const Model& model, BacktestContext* context) {
  std::optional<double> pdo, base_score, base_odds;
  for (auto [name, out] : {std::pair{"pdo", &pdo}, std::pair{"base-score", &base_score},
                           std::pair{"base-odds", &base_odds}}) {
    if (absl::Status s = ParseNumber(args, name, out); !s.ok()) return s;
  }
  if (pdo || base_score || base_odds) {
    if (!pdo || !base_score) {
      return absl::InvalidArgumentError(
          "--pdo and --base-score go together (--base-odds is optional, default 1)");
    }
    if (*pdo <= 0) return absl::InvalidArgumentError("--pdo must be greater than 0");
    if (base_odds && *base_odds <= 0) {
      return absl::InvalidArgumentError("--base-odds must be greater than 0");
    }
    context->scaling = PointsScaling{*pdo, *base_score, base_odds.value_or(1.0)};
    context->scaling_source = "command line";
  } else if (auto s = ParsePointsScaling(model.description())) {
    context->scaling = *s;
    context->scaling_source = "model description";
  }
  return absl::OkStatus();
}

// Writes `text` to `path`: kExitOk, kExitBadInput if the file cannot be
// created (like `score --out`), kExitInternal on a write error.
int WriteFile(const std::string& path, const std::string& text, const char* what) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "w"), &std::fclose);
  if (!f) {
    std::fprintf(stderr, "leadscore backtest: cannot write %s '%s'\n", what, path.c_str());
    return kExitBadInput;
  }
  std::fwrite(text.data(), 1, text.size(), f.get());
  if (std::fflush(f.get()) != 0 || std::ferror(f.get())) {
    std::fprintf(stderr, "leadscore backtest: error writing %s '%s'\n", what, path.c_str());
    return kExitInternal;
  }
  return kExitOk;
}

}  // namespace

int RunBacktest(int argc, char** argv) {
  if (PrintedHelp(argc, argv, kUsage)) return kExitOk;
  absl::StatusOr<Args> args = Args::Parse(
      argc, argv, 2,
      Merge({"model", "leads", "events", "outcomes", "as-of", "format", "out", "html",
             "target-volume", "target-precision", "missing-outcome", "pdo", "base-score",
             "base-odds", "on-error", "rejects", "threads"},
            LeadsFormatFlags()),
      Merge({"include-invalid", "keep-decided"}, LeadsFormatSwitches()));
  if (!args.ok()) return Usage(args.status().message());
  if (absl::Status s = RequireFlags(*args, {"model", "leads", "as-of"}); !s.ok()) {
    return Usage(s.message());
  }
  absl::StatusOr<LeadsFormat> leads_format = LeadsFormatFromArgs(*args, *args->Get("leads"));
  if (!leads_format.ok()) return Usage(leads_format.status().message());
  if (absl::Status s = RequireOutcomes(*args, *leads_format); !s.ok()) return Usage(s.message());
  const bool csv_outcomes = leads_format->csv && leads_format->csv_options.outcome_column;
  const std::string format = args->Get("format").value_or("text");
  if (format != "text" && format != "json" && format != "html") {
    return Usage("--format takes 'text', 'json' or 'html'");
  }
  absl::StatusOr<bool> skip_bad_lines = SkipBadLinesFromArgs(*args);
  if (!skip_bad_lines.ok()) return Usage(skip_bad_lines.status().message());
  PopulationOptions population_options;
  absl::StatusOr<bool> exclude_missing = ExcludeMissingOutcomesFromArgs(*args);
  if (!exclude_missing.ok()) return Usage(exclude_missing.status().message());
  if (*exclude_missing) {
    population_options.missing_outcome = PopulationOptions::MissingOutcome::kExclude;
  }
  population_options.include_invalid = args->Has("include-invalid");
  population_options.keep_decided_before_as_of = args->Has("keep-decided");
  absl::StatusOr<int> threads = ThreadsFromArgs(*args);
  if (!threads.ok()) return Usage(threads.status().message());
  BacktestOptions options;
  if (auto v = args->Get("target-volume")) {
    if (absl::Status s = ParseVolume(*v, &options); !s.ok()) return Usage(s.message());
  }
  if (auto p = args->Get("target-precision")) {
    if (absl::Status s = ParsePrecision(*p, &options); !s.ok()) return Usage(s.message());
  }
  absl::StatusOr<absl::Time> as_of = AsOfFromArgs(*args);
  if (!as_of.ok()) return Usage(as_of.status().message());
  const std::vector<std::string> stdin_users = [&] {
    std::vector<std::string> v;
    for (const char* name : {"leads", "events", "outcomes"}) {
      if (args->Get(name).value_or("") == "-") v.push_back(name);
    }
    return v;
  }();
  if (stdin_users.size() > 1) {
    return Usage(absl::StrCat("only one of --", absl::StrJoin(stdin_users, ", --"),
                              " may read standard input ('-')"));
  }

  const std::shared_ptr<const Model> model = LoadModel(*args->Get("model"));
  if (model == nullptr) return kExitBadInput;
  BacktestContext context;
  context.model_name = model->name();
  context.model_version = model->version();
  context.as_of = *as_of;
  context.population_options = population_options;
  if (absl::Status s = ChooseScaling(*args, *model, &context); !s.ok()) {
    return Usage(s.message());
  }
  options.scaling = context.scaling;
  options.stages = model->stages();
  for (size_t i = 0; i < model->dimension_count(); ++i) {
    options.dimensions.push_back(model->dimension_name(i));
  }

  absl::StatusOr<BatchScorer> batch = BatchScorer::Create(model, *as_of);
  if (!batch.ok()) return Usage(absl::StrCat("--as-of: ", batch.status().message()));

  RejectSink rejects(args->Get("rejects"));
  if (absl::Status s = rejects.Open(InputPaths(*args, {"model", "leads", "events", "outcomes"}));
      !s.ok()) {
    return Usage(s.message());
  }
  InputOptions in =
      LeadsAndEventsOptions(*args, *leads_format, *skip_bad_lines, *threads, &rejects);
  std::vector<Outcome> column_outcomes;
  if (csv_outcomes) in.csv_outcomes = &column_outcomes;
  InputStats stats;
  absl::Status read = ReadInputs(in, &*batch, &stats);
  BacktestPopulation population(*as_of, population_options);
  // Outcomes from a CSV outcome column first (they cannot repeat: lead ids are
  // unique), then from --outcomes, where a lead seen before is a bad line.
  for (Outcome& o : column_outcomes) population.AddOutcome(std::move(o)).IgnoreError();
  uint64_t outcome_lines = 0;
  if (read.ok() && args->Has("outcomes")) {
    read = ReadOutcomesFile(*args->Get("outcomes"), in, &stats, &outcome_lines,
                            [&](Outcome&& o) { return population.AddOutcome(std::move(o)); });
  }
  if (!read.ok()) return ReadFailed("backtest", read);

  BatchOptions batch_options;
  batch_options.threads = *threads;
  batch->Score(batch_options, [&](const Scorecard& card) { population.AddScorecard(card); });
  context.population = population.stats();
  context.unknown_outcome_ids = population.UnknownOutcomeIds();

  const PopulationStats& p = population.stats();
  if (p.evaluated == 0) {
    std::fprintf(stderr,
                 "leadscore backtest: no lead to evaluate: %zu leads scored, %zu without "
                 "consent, %zu with an outcome dated at or before --as-of, %zu without an "
                 "outcome (left out)\n",
                 p.scorecards, p.excluded_invalid, p.excluded_decided_before_as_of,
                 p.excluded_without_outcome);
    return kExitBadInput;
  }
  absl::StatusOr<BacktestReport> report = leadscore::RunBacktest(population.leads(), options);
  if (!report.ok()) {
    std::fprintf(stderr, "leadscore backtest: %s\n", std::string(report.status().message()).c_str());
    return absl::IsInvalidArgument(report.status()) ? kExitBadInput : kExitInternal;
  }

  std::string text;
  if (format == "json") {
    text = BacktestReportJson(*report, context);
  } else if (format == "html") {
    text = BacktestReportHtml(*report, context);
  } else {
    text = BacktestReportText(*report, context);
  }
  if (auto o = args->Get("out")) {
    if (int code = WriteFile(*o, text, "output file"); code != kExitOk) return code;
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      std::fprintf(stderr, "leadscore backtest: error writing the report\n");
      return kExitInternal;
    }
  }
  if (auto h = args->Get("html")) {
    const int code = WriteFile(*h, BacktestReportHtml(*report, context), "HTML report");
    if (code != kExitOk) return code;
  }

  // Summary on stderr.
  std::fprintf(stderr,
               "leadscore backtest: %zu leads scored, %llu event lines, %llu outcome lines, "
               "%llu rejected lines; %zu leads evaluated, %zu converted; AUC %s\n",
               p.scorecards, static_cast<unsigned long long>(stats.event_lines),
               static_cast<unsigned long long>(outcome_lines),
               static_cast<unsigned long long>(stats.rejected), p.evaluated, p.converted,
               report->auc ? absl::StrFormat("%.4f", *report->auc).c_str() : "undefined");
  if (batch->unknown_lead_events() > 0) {
    const std::vector<std::string> ids = batch->unknown_lead_ids();
    std::fprintf(stderr, "warning: %zu events name %zu unknown lead ids\n",
                 batch->unknown_lead_events(), ids.size());
  }
  if (!context.unknown_outcome_ids.empty()) {
    std::fprintf(stderr, "warning: %zu outcomes name no scored lead (listed in the report)\n",
                 context.unknown_outcome_ids.size());
  }
  for (const std::string& note : report->notes) {
    std::fprintf(stderr, "warning: %s\n", note.c_str());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace leadscore
